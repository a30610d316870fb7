// Uploads files to S3 with one concurrency budget shared by every file and every part, streaming from disk in
// bounded memory (at most `concurrency` parts in memory), hashing each file with SHA-256 as it is read (no second
// pass). On failure or abort, every multipart upload it opened is aborted: no orphaned parts.

import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { open, readFile } from "node:fs/promises";
import {
  AbortMultipartUploadCommand,
  type CompletedPart,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  type S3Client,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { UploadError } from "../errors.js";
import { createSha256 } from "./manifest.js";
import { PartBuffers } from "./part-buffers.js";
import type { OverallProgress, ProgressCallback } from "./progress.js";
import { putObject } from "./put-object.js";
import { sendsChecksums } from "./s3-client.js";
import { Semaphore } from "./semaphore.js";
import { storageError } from "./storage-error.js";

/** A file to upload and the key it goes to. */
export interface UploadItem {
  path: string;
  relativePath: string;
  size: number;
  key: string;
}

/** A file that was uploaded, with the SHA-256 of the bytes sent. */
export interface UploadedItem {
  relativePath: string;
  key: string;
  size: number;
  sha256: string;
}

export interface UploadFilesOptions {
  client: S3Client;
  bucket: string;
  files: readonly UploadItem[];
  /** Bytes per multipart part; files up to this size go in one PUT. Default 8 MiB (minimum 5 MiB). */
  partSize?: number | undefined;
  /** Requests (PUTs and parts) in flight at once, across all files. Default 4. */
  concurrency?: number | undefined;
  /** A prefix only this upload writes to (its caller holds the folder's claim). Multipart uploads left open under it
   * are aborted when the upload ends: a CreateMultipartUpload whose reply was lost and which the AWS SDK sent again
   * leaves one behind, and so does a run that died. Default: none (only this upload's own are aborted). */
  ownedPrefix?: string | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ProgressCallback | undefined;
}

export const MIN_PART_SIZE = 5 * 1024 * 1024;
export const DEFAULT_PART_SIZE = 8 * 1024 * 1024;
const MAX_PARTS = 10_000;

type OpenUpload = { key: string; uploadId: string };

/** Uploads every file; resolves with their sizes and SHA-256 digests in the order given. */
export async function uploadFiles(options: UploadFilesOptions): Promise<UploadedItem[]> {
  const { client, bucket, files, onProgress } = options;
  const concurrency = options.concurrency ?? 4;
  const slots = new Semaphore(concurrency);
  const buffers = new PartBuffers(concurrency);
  const fileSlots = new Semaphore(concurrency);
  const checksums = await sendsChecksums(client);
  const overall: OverallProgress = {
    loadedBytes: 0,
    totalBytes: files.reduce((sum, file) => sum + file.size, 0),
    filesDone: 0,
    fileCount: files.length,
  };
  const openUploads = new Set<OpenUpload>();
  let multipart = false;
  const failure = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, failure.signal]) : failure.signal;

  const sent = (file: UploadItem, fileLoaded: number, bytes: number) => {
    overall.loadedBytes += bytes;
    onProgress?.({
      type: "upload",
      file: file.relativePath,
      loadedBytes: fileLoaded,
      totalBytes: file.size,
      overall: { ...overall },
    });
  };
  const done = (item: UploadedItem): UploadedItem => {
    overall.filesDone++;
    onProgress?.({
      type: "file",
      file: item.relativePath,
      size: item.size,
      sha256: item.sha256,
      overall: { ...overall },
    });
    return item;
  };

  const putWhole = (file: UploadItem) =>
    slots.run(async () => {
      const body = await readWhole(file);
      if (body.length !== file.size) throw changed(file);
      const hash = createSha256();
      hash.update(body);
      const sha256 = hash.digest();
      const digest = Buffer.from(sha256, "hex");
      await putObject(client, { bucket, key: file.key, body, sha256: digest, checksum: checksums, signal });
      sent(file, body.length, body.length);
      return done({ relativePath: file.relativePath, key: file.key, size: file.size, sha256 });
    });

  const putParts = async (file: UploadItem, partSize: number) => {
    const handle = await open(file.path);
    try {
      const created = await client.send(
        new CreateMultipartUploadCommand({
          Bucket: bucket,
          Key: file.key,
          ...(checksums ? { ChecksumAlgorithm: "CRC32" } : {}),
        }),
        { abortSignal: signal },
      );
      multipart = true;
      const upload = { key: file.key, uploadId: created.UploadId ?? "" };
      openUploads.add(upload);
      const hash = createSha256();
      const parts: Promise<CompletedPart>[] = [];
      let position = 0;
      let loaded = 0;
      while (position < file.size && !signal.aborted) {
        const release = await slots.acquire();
        const buffer = buffers.take(partSize, Math.min(partSize, file.size - position));
        try {
          const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
          if (bytesRead !== buffer.length) throw changed(file);
        } catch (error) {
          buffers.give(buffer);
          release();
          throw error;
        }
        hash.update(buffer);
        position += buffer.length;
        const PartNumber = parts.length + 1;
        const part = client
          .send(
            new UploadPartCommand({
              Bucket: bucket,
              Key: file.key,
              UploadId: upload.uploadId,
              PartNumber,
              Body: buffer,
              ContentLength: buffer.length,
            }),
            {
              abortSignal: signal,
            },
          )
          .then((out) => {
            loaded += buffer.length;
            sent(file, loaded, buffer.length);
            return {
              PartNumber,
              ETag: out.ETag,
              ...(out.ChecksumCRC32 ? { ChecksumCRC32: out.ChecksumCRC32 } : {}),
            };
          })
          .finally(() => {
            buffers.give(buffer);
            release();
          });
        part.catch((error) => failure.abort(error)); // stop reading further parts at once
        parts.push(part);
      }
      // Wait for every part, even after a failure, so that nothing is in flight when the upload is aborted.
      const settled = await Promise.allSettled(parts);
      const failed = settled.find((result) => result.status === "rejected");
      if (failed) throw failed.reason;
      signal.throwIfAborted();
      const completed = settled.map((result) => (result as PromiseFulfilledResult<CompletedPart>).value);
      await completeUpload(client, bucket, upload, completed, file.size, signal);
      openUploads.delete(upload);
      return done({ relativePath: file.relativePath, key: file.key, size: file.size, sha256: hash.digest() });
    } finally {
      await handle.close();
    }
  };

  const tasks = files.map((file) =>
    fileSlots
      .run(() => {
        signal.throwIfAborted();
        const partSize = partSizeFor(file.size, options.partSize);
        return file.size <= partSize ? putWhole(file) : putParts(file, partSize);
      })
      .catch((error: unknown) => {
        const mapped =
          error instanceof UploadError || signal.aborted
            ? error
            : storageError(client, { operation: "uploading", bucket, key: file.key }, error);
        failure.abort(mapped);
        throw mapped;
      }),
  );
  const settled = await Promise.allSettled(tasks);
  const firstFailure = settled.find((result) => result.status === "rejected");
  if (multipart && options.ownedPrefix !== undefined)
    for (const orphan of await listOpenUploads(client, bucket, options.ownedPrefix)) openUploads.add(orphan);
  if (!firstFailure) {
    await abortAll(client, bucket, openUploads);
    return settled.map((result) => (result as PromiseFulfilledResult<UploadedItem>).value);
  }

  await abortAll(client, bucket, openUploads);
  if (options.signal?.aborted) throw options.signal.reason;
  const reason = failure.signal.reason ?? firstFailure.reason;
  throw reason instanceof UploadError
    ? reason
    : storageError(client, { operation: "uploading the model files to", bucket }, reason);
}

// Files this small are read synchronously: a few microseconds from the page cache, and a tenth of the CPU of an
// fs.promises read (its FileHandle), which dominated uploading many small files (npm run bench).
const SYNC_READ_BYTES = 64 * 1024;

/** A whole file's bytes. */
async function readWhole(file: UploadItem): Promise<Buffer> {
  try {
    return file.size > SYNC_READ_BYTES ? await readFile(file.path) : readFileSync(file.path);
  } catch (error) {
    const code = (error as { code?: string }).code ?? "error";
    throw new UploadError(`cannot read ${file.path} (${code}) while uploading it; nothing was registered`, {
      cause: error,
    });
  }
}

/** The part size for a file: the requested size (at least 5 MiB), grown so that no file needs over 10,000 parts. */
export function partSizeFor(size: number, requested = DEFAULT_PART_SIZE): number {
  const wanted = Math.max(MIN_PART_SIZE, requested);
  return Math.max(wanted, Math.ceil(size / MAX_PARTS));
}

function changed(file: UploadItem): UploadError {
  return new UploadError(
    `${file.path} changed while it was being uploaded; upload again once it is complete`,
  );
}

/**
 * Completes a multipart upload. When the reply to a CompleteMultipartUpload that succeeded is lost, the AWS SDK sends
 * it again and the storage answers NoSuchUpload: then the object must be there with this upload's size and ETag.
 */
async function completeUpload(
  client: S3Client,
  bucket: string,
  upload: OpenUpload,
  parts: CompletedPart[],
  size: number,
  signal: AbortSignal,
): Promise<void> {
  try {
    await client.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: upload.key,
        UploadId: upload.uploadId,
        MultipartUpload: { Parts: parts },
      }),
      { abortSignal: signal },
    );
  } catch (error) {
    if ((error as { name?: string }).name !== "NoSuchUpload") throw error;
    const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: upload.key }), {
      abortSignal: signal,
    });
    if (head.ContentLength !== size || head.ETag !== multipartEtag(parts)) throw error;
  }
}

/** The ETag S3 gives a completed multipart upload: the MD5 of the parts' binary MD5s, a dash, the part count. */
function multipartEtag(parts: readonly CompletedPart[]): string {
  const md5 = createHash("md5");
  for (const part of parts) md5.update(Buffer.from((part.ETag ?? "").replace(/"/g, ""), "hex"));
  return `"${md5.digest("hex")}-${parts.length}"`;
}

/** Multipart uploads open under a prefix (asked up to 5 times, on top of the SDK's retries: a 503 burst must not
 * hide an orphan). */
async function listOpenUploads(client: S3Client, bucket: string, prefix: string): Promise<OpenUpload[]> {
  let listed: { Uploads?: { Key?: string; UploadId?: string }[] } | undefined;
  for (let attempt = 1; attempt <= 5 && !listed; attempt++) {
    listed = await client
      .send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: prefix }))
      .catch(() => undefined);
    if (!listed) await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
  }
  return (listed?.Uploads ?? []).flatMap((open) =>
    open.Key && open.UploadId ? [{ key: open.Key, uploadId: open.UploadId }] : [],
  );
}

/** Aborts every multipart upload still open (with no signal: this must run even after the caller aborted). */
async function abortAll(client: S3Client, bucket: string, uploads: Set<OpenUpload>): Promise<void> {
  await Promise.allSettled([...uploads].map((upload) => abortFully(client, bucket, upload)));
  uploads.clear();
}

/**
 * Aborts one multipart upload until the storage no longer lists it. A part whose request was cut off by the abort
 * may still be handled by the server after the first AbortMultipartUpload, bringing the upload back (S3's
 * documentation says to abort again then), so each check waits a little first.
 */
async function abortFully(client: S3Client, bucket: string, upload: OpenUpload): Promise<void> {
  const stillListed = async () => {
    const listed = await client
      .send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: upload.key }))
      .catch(() => undefined);
    if (!listed) return true; // the storage did not answer: assume it still lists the upload, and abort again
    return listed.Uploads?.some((open) => open.UploadId === upload.uploadId) ?? false;
  };
  for (let attempt = 1; attempt <= 6; attempt++) {
    await client
      .send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: upload.key, UploadId: upload.uploadId }))
      .catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    if (!(await stillListed())) return;
  }
}
