// Reads every file of a stored model (into a folder, or just through the hash) and compares it with its manifest.

import { rename, rm } from "node:fs/promises";
import { resolve, sep } from "node:path";
import type { S3Client } from "@aws-sdk/client-s3";
import { UploadError } from "../../errors.js";
import type { Manifest, ManifestEntry, ManifestMismatch } from "../manifest.js";
import { type ProgressCallback, ProgressTotals } from "../progress.js";
import { Semaphore } from "../semaphore.js";
import { readObject } from "./read-object.js";
import { joinKey } from "./s3-uri.js";

export interface CheckStoredFilesOptions {
  client: S3Client;
  bucket: string;
  /** The model's key prefix (where its manifest lies). */
  prefix: string;
  manifest: Manifest;
  /** `false` for a listing of files whose hashes nobody recorded: only sizes are compared. Default true. */
  hashesKnown?: boolean | undefined;
  /** Download into this folder. Default: read and hash only (verify). */
  toDir?: string | undefined;
  /** Objects read at once. Default 4. */
  concurrency?: number | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ProgressCallback | undefined;
}

/** What reading the stored files found. */
export interface StoredFilesCheck {
  /** The manifest entries whose stored object is missing or differs (empty when all match). */
  mismatches: ManifestMismatch[];
  /** The SHA-256 (lowercase hex) of each file read, by path. */
  sha256: Map<string, string>;
}

/** The suffix of a file being downloaded, until it matched the manifest. */
const PARTIAL = ".partial";

/** Reads each file the manifest lists and compares its size and SHA-256 (only its size when `hashesKnown` is false). */
export async function checkStoredFiles(options: CheckStoredFilesOptions): Promise<StoredFilesCheck> {
  const { manifest, toDir } = options;
  const root = toDir ? resolve(toDir) : undefined;
  const slots = new Semaphore(options.concurrency ?? 4);
  const totals = new ProgressTotals(manifest.totalBytes, manifest.fileCount, options.onProgress);
  const sha256 = new Map<string, string>();
  const results = await Promise.all(
    manifest.files.map((entry) =>
      slots.run(async () => {
        const read = await readEntry(options, entry, root, totals);
        if (read) sha256.set(entry.path, read.sha256);
        const mismatch = compare(entry, read, options.hashesKnown !== false);
        // Written under a temporary name: in place only once it matched, never a changed file under its own name.
        if (root && read) {
          const target = resolve(root, entry.path);
          await (mismatch
            ? rm(`${target}${PARTIAL}`, { force: true })
            : rename(`${target}${PARTIAL}`, target));
        }
        return mismatch;
      }),
    ),
  );
  return {
    mismatches: results.filter((mismatch): mismatch is ManifestMismatch => mismatch !== undefined),
    sha256,
  };
}

/** Reads one stored file (into `root`, when downloading), reporting its bytes; undefined when it is missing.
 * @throws UploadError for a manifest path that would land outside `root`. */
async function readEntry(
  options: CheckStoredFilesOptions,
  entry: ManifestEntry,
  root: string | undefined,
  totals: ProgressTotals,
): Promise<{ size: number; sha256: string } | undefined> {
  const { client, bucket, prefix, signal } = options;
  const target = root ? resolve(root, entry.path) : undefined;
  if (root && target && !target.startsWith(root + sep))
    throw new UploadError(
      `the manifest names ${JSON.stringify(entry.path)}, which lies outside ${root}; refusing to write it`,
    );
  let loaded = 0;
  const read = await readObject({
    client,
    bucket,
    key: joinKey(prefix, entry.path),
    toFile: target && `${target}${PARTIAL}`,
    signal,
    onBytes: (bytes) => {
      loaded += bytes;
      totals.bytes(root ? "download" : "hash", entry.path, loaded, entry.size, bytes);
    },
  });
  totals.fileDone(entry.path, read ?? undefined);
  return read ?? undefined;
}

/** How a file read differs from its manifest entry, if it does (the SHA-256 only when the manifest knows it). */
function compare(
  entry: ManifestEntry,
  read: { size: number; sha256: string } | undefined,
  hashesKnown: boolean,
): ManifestMismatch | undefined {
  if (!read) return { path: entry.path, problem: "missing" };
  if (read.size !== entry.size)
    return { path: entry.path, problem: "size", expected: entry.size, actual: read.size };
  if (hashesKnown && read.sha256 !== entry.sha256)
    return { path: entry.path, problem: "sha256", expected: entry.sha256, actual: read.sha256 };
  return undefined;
}
