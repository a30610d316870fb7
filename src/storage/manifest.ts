// The model manifest: every uploaded file's path, size and SHA-256, stored next to the files. Its canonical form gives
// a model version one content digest, so re-running an upload can tell "same content" from "different content".

import { builtin } from "../builtin.js";
import { UploadError } from "../errors.js";
import { manifestProblem } from "./manifest-problem.js";
import type { Manifest, ManifestEntry } from "./manifest-types.js";

export type { Manifest, ManifestEntry } from "./manifest-types.js";

/** The manifest's file name, next to the model's files. */
export const MANIFEST_NAME = ".model-manifest.json";

/** The object that marks a model folder as being uploaded (see upload-claim.ts). */
export const CLAIM_NAME = ".model-upload-claim";

/** Names the uploader writes next to a model's files, so a model may not contain them itself. */
export const RESERVED_NAMES: readonly string[] = [MANIFEST_NAME, CLAIM_NAME];

/** One difference found by {@link compareManifests}. */
export interface ManifestMismatch {
  /** The file's path. */
  path: string;
  /** `missing`: expected but absent; `unexpected`: present but not expected; `size`/`sha256`: content differs. */
  /** `manifest`: the stored manifest is not the one the registry recorded for this version. */
  problem: "missing" | "unexpected" | "size" | "sha256" | "manifest";
  /** The expected size or hash (for `size` and `sha256`). */
  expected?: string | number;
  /** The actual size or hash (for `size` and `sha256`). */
  actual?: string | number;
}

/** Compares strings by UTF-16 code unit (byte order for ASCII), independent of locale. */
const byPath = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Builds a manifest: copies the entries (only `path`, `size`, `sha256`), sorts them by path in code-unit order, and
 * computes the totals.
 *
 * @throws UploadError when an entry is malformed (see {@link parseManifest}) or two entries share a path.
 */
export function buildManifest(entries: readonly ManifestEntry[]): Manifest {
  const files = entries
    .map(({ path, size, sha256 }) => ({ path, size, sha256 }))
    .sort((a, b) => byPath(a.path, b.path));
  const manifest: Manifest = {
    version: 1,
    files,
    totalBytes: files.reduce((sum, file) => sum + file.size, 0),
    fileCount: files.length,
  };
  const problem = manifestProblem(manifest, MANIFEST_NAME);
  if (problem) throw new UploadError(`Cannot build a model manifest: ${problem}`);
  return manifest;
}

/**
 * The canonical text of a manifest: compact JSON with keys in the order `version, fileCount, totalBytes, files` and
 * `path, size, sha256`, entries sorted by path, and a trailing newline. The totals are recomputed from the entries, so
 * the text depends only on the set of entries.
 *
 * @throws UploadError when an entry is malformed or two entries share a path.
 */
export function serializeManifest(manifest: Manifest): string {
  const { files, totalBytes, fileCount } = buildManifest(manifest.files);
  const entries = files.map((file) => ({ path: file.path, size: file.size, sha256: file.sha256 }));
  return `${JSON.stringify({ version: 1, fileCount, totalBytes, files: entries })}\n`;
}

/**
 * The content digest of a model version: `"sha256:<hex>"` of {@link serializeManifest}, the same whatever the order of
 * the entries.
 */
export function manifestDigest(manifest: Manifest): string {
  return `sha256:${builtin("node:crypto").createHash("sha256").update(serializeManifest(manifest)).digest("hex")}`;
}

/**
 * Reads a manifest strictly: a JSON object with exactly `version` (1), `files`, `totalBytes` and `fileCount`; each
 * entry exactly `path` (non-empty, relative, no empty, `.` or `..` segments, not the manifest itself), `size` (a
 * non-negative integer) and `sha256` (64 lowercase hex digits); no duplicate paths; totals matching the entries.
 * Whitespace and entry order are not checked. The result's entries are sorted by path.
 *
 * @param source what the text is, for messages. Default: {@link MANIFEST_NAME}.
 * @throws UploadError `<source> is not a valid model manifest: <reason>`.
 */
export function parseManifest(text: string, source: string = MANIFEST_NAME): Manifest {
  const invalid = (reason: string) => new UploadError(`${source} is not a valid model manifest: ${reason}`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw invalid(`it is not JSON (${(error as Error).message})`);
  }
  const problem = manifestProblem(value, MANIFEST_NAME);
  if (problem) throw invalid(problem);
  const manifest = value as Manifest;
  return { ...manifest, files: buildManifest(manifest.files).files };
}

/**
 * The differences between two manifests, sorted by path; empty when they list the same files with the same sizes and
 * hashes. At most one mismatch per path: a size difference is reported as `size` (not also as `sha256`).
 */
export function compareManifests(expected: Manifest, actual: Manifest): ManifestMismatch[] {
  const found = new Map(actual.files.map((file) => [file.path, file]));
  const mismatches: ManifestMismatch[] = [];
  for (const want of expected.files) {
    const got = found.get(want.path);
    found.delete(want.path);
    if (!got) mismatches.push({ path: want.path, problem: "missing" });
    else if (got.size !== want.size)
      mismatches.push({ path: want.path, problem: "size", expected: want.size, actual: got.size });
    else if (got.sha256 !== want.sha256)
      mismatches.push({ path: want.path, problem: "sha256", expected: want.sha256, actual: got.sha256 });
  }
  for (const path of found.keys()) mismatches.push({ path, problem: "unexpected" });
  return mismatches.sort((a, b) => byPath(a.path, b.path));
}

/** An incremental SHA-256: feed chunks with `update`, then call `digest` once for the lowercase hex hash. */
export function createSha256(): { update(chunk: Uint8Array): void; digest(): string } {
  const hash = builtin("node:crypto").createHash("sha256");
  return {
    update: (chunk) => void hash.update(chunk),
    digest: () => hash.digest("hex"),
  };
}

/** How much {@link hashFile} reads at a time: 1 MiB. */
const CHUNK_BYTES = 1024 * 1024;

/**
 * Hashes a file by streaming it in 1 MiB reads through one reused buffer, so memory stays bounded whatever its size.
 *
 * @param onChunk called after each read with the number of bytes read (they sum to the size). Default: none.
 * @param signal stops hashing between reads, rejecting with the signal's reason. Default: none.
 * @returns the lowercase hex SHA-256 and the number of bytes read.
 * @throws UploadError when the file cannot be opened or read.
 */
export async function hashFile(
  path: string,
  onChunk?: (bytes: number) => void,
  signal?: AbortSignal,
): Promise<{ sha256: string; size: number }> {
  const hash = builtin("node:crypto").createHash("sha256");
  const buffer = new Uint8Array(CHUNK_BYTES);
  let size = 0;
  const handle = await builtin("node:fs/promises")
    .open(path, "r")
    .catch((error: NodeJS.ErrnoException) => {
      throw new UploadError(`Cannot read "${path}" to hash it (${error.code ?? error.message})`);
    });
  try {
    for (;;) {
      signal?.throwIfAborted();
      const { bytesRead } = await handle
        .read(buffer, 0, CHUNK_BYTES, null)
        .catch((error: NodeJS.ErrnoException) => {
          throw new UploadError(`Cannot read "${path}" to hash it (${error.code ?? error.message})`);
        });
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
      size += bytesRead;
      onChunk?.(bytesRead);
    }
  } finally {
    await handle.close();
  }
  return { sha256: hash.digest("hex"), size };
}
