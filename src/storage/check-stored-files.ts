// Reads every file of a stored model (into a folder, or just through the hash) and compares it with its manifest.

import { resolve, sep } from "node:path";
import type { S3Client } from "@aws-sdk/client-s3";
import { UploadError } from "../client/errors.js";
import type { Manifest, ManifestMismatch } from "./manifest.js";
import type { OverallProgress, ProgressCallback } from "./progress.js";
import { readObject } from "./read-object.js";
import { joinKey } from "./s3-uri.js";
import { Semaphore } from "./semaphore.js";

export interface CheckStoredFilesOptions {
  client: S3Client;
  bucket: string;
  /** The model's key prefix (where its manifest lies). */
  prefix: string;
  manifest: Manifest;
  /** Download into this folder. Default: read and hash only (verify). */
  toDir?: string | undefined;
  /** Objects read at once. Default 4. */
  concurrency?: number | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ProgressCallback | undefined;
}

/** The manifest entries whose stored object is missing or differs (empty when all match). */
export async function checkStoredFiles(options: CheckStoredFilesOptions): Promise<ManifestMismatch[]> {
  const { client, bucket, prefix, manifest, toDir, signal, onProgress } = options;
  const root = toDir ? resolve(toDir) : undefined;
  const slots = new Semaphore(options.concurrency ?? 4);
  const overall: OverallProgress = {
    loadedBytes: 0,
    totalBytes: manifest.totalBytes,
    filesDone: 0,
    fileCount: manifest.fileCount,
  };
  const type = toDir ? "download" : "hash";
  const results = await Promise.all(
    manifest.files.map((entry) =>
      slots.run(async (): Promise<ManifestMismatch | undefined> => {
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
          toFile: target,
          signal,
          onBytes: (bytes) => {
            loaded += bytes;
            overall.loadedBytes += bytes;
            onProgress?.({
              type,
              file: entry.path,
              loadedBytes: loaded,
              totalBytes: entry.size,
              overall: { ...overall },
            });
          },
        });
        overall.filesDone++;
        if (!read) return { path: entry.path, problem: "missing" };
        onProgress?.({
          type: "file",
          file: entry.path,
          size: read.size,
          sha256: read.sha256,
          overall: { ...overall },
        });
        if (read.size !== entry.size)
          return { path: entry.path, problem: "size", expected: entry.size, actual: read.size };
        if (read.sha256 !== entry.sha256)
          return { path: entry.path, problem: "sha256", expected: entry.sha256, actual: read.sha256 };
        return undefined;
      }),
    ),
  );
  return results.filter((mismatch): mismatch is ManifestMismatch => mismatch !== undefined);
}
