// A token provider backed by a file that may be rewritten in place: Kubernetes projected service-account tokens
// rotate (the kubelet swaps the file behind a symlink), so the file is re-read whenever it changes, never cached forever.

import { builtin } from "../builtin.js";
import { TokenError } from "../errors.js";

/** Options of {@link tokenFromFile}. */
export interface TokenFileOptions {
  /**
   * Called with the path each time the file's content is actually read (not when an unchanged file is only
   * `stat`ed). For diagnostics and tests. Default: none.
   */
  onRead?: ((path: string) => void) | undefined;
}

interface Cached {
  token: string;
  mtimeMs: number;
  size: number;
}

/**
 * An async token provider for a token file. The first call reads the file; each later call `stat`s it and reads it
 * again only when its modification time or size changed. Surrounding whitespace and newlines are trimmed.
 * Concurrent calls share one `stat`/read.
 *
 * @param path the token file, e.g. `/var/run/secrets/kubernetes.io/serviceaccount/token`.
 * @param options `onRead` hook (see {@link TokenFileOptions}).
 * @returns a function resolving to the current token; it rejects with a `ConfigError` naming the path (never the
 *   content) when the file is missing, unreadable or empty.
 */
export function tokenFromFile(path: string, options: TokenFileOptions = {}): () => Promise<string> {
  let cached: Cached | undefined;
  let pending: Promise<string> | undefined;

  async function refresh(): Promise<string> {
    const before = await statFile(path);
    if (cached && cached.mtimeMs === before.mtimeMs && cached.size === before.size) return cached.token;
    let text: string;
    try {
      text = await builtin("node:fs/promises").readFile(path, "utf8");
    } catch (error) {
      throw fileError(path, error);
    }
    options.onRead?.(path);
    const token = text.trim();
    if (token === "") {
      cached = undefined;
      throw new TokenError(
        `the token file ${path} is empty; check that the token is mounted or written there`,
      );
    }
    // Keyed by the stat taken before reading: if the file changed while it was read, the next call sees a
    // different stat and reads again.
    cached = { token, mtimeMs: before.mtimeMs, size: before.size };
    return token;
  }

  return () => {
    if (!pending) {
      pending = refresh().finally(() => {
        pending = undefined;
      });
    }
    return pending;
  };
}

async function statFile(path: string): Promise<{ mtimeMs: number; size: number }> {
  const info = await builtin("node:fs/promises")
    .stat(path)
    .catch((error: unknown) => {
      throw fileError(path, error);
    });
  if (!info.isFile()) {
    throw new TokenError(
      `the token file ${path} is not a regular file; point the setting at the token file itself`,
    );
  }
  return { mtimeMs: info.mtimeMs, size: info.size };
}

function fileError(path: string, error: unknown): TokenError {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "ENOENT" || code === "ENOTDIR") {
    return new TokenError(`the token file ${path} does not exist; check the path or mount the token there`);
  }
  const reason = typeof code === "string" ? code : "unreadable";
  return new TokenError(`cannot read the token file ${path} (${reason}); check its permissions`);
}
