// Uploads files to S3 with one concurrency budget shared by every file and every part, streaming from disk in
// bounded memory (at most `concurrency` parts in memory), hashing each file with SHA-256 as it is read (no second
// pass). On failure or abort, every multipart upload it opened is aborted: no orphaned parts.

import { type FileHandle, open } from "node:fs/promises";
import { type CompletedPart, CreateMultipartUploadCommand, UploadPartCommand } from "@aws-sdk/client-s3";
import { UploadError } from "../../errors.js";
import { createSha256 } from "../manifest.js";
import { ProgressTotals } from "../progress.js";
import { Semaphore } from "../semaphore.js";
import { changed, readWhole } from "./local-file.js";
import { abortAll, completeUpload, listOpenUploads, type OpenUpload } from "./multipart.js";
import { PartBuffers } from "./part-buffers.js";
import { putObject } from "./put-object.js";
import { sendsChecksums } from "./s3-client.js";
import { storageError } from "./storage-error.js";
import {
  partSizeFor,
  type UploadedItem,
  type UploadFilesOptions,
  type UploadItem,
} from "./upload-options.js";

export {
  MIN_PART_SIZE,
  partSizeFor,
  type UploadedItem,
  type UploadFilesOptions,
  type UploadItem,
} from "./upload-options.js";

/** Uploads every file; resolves with their sizes and SHA-256 digests in the order given. */
export async function uploadFiles(options: UploadFilesOptions): Promise<UploadedItem[]> {
  const upload = new Upload(options, await sendsChecksums(options.client));
  return upload.finish(await Promise.allSettled(options.files.map((file) => upload.file(file))));
}

/** One call of uploadFiles: the shared concurrency budget, the progress totals, and the multipart uploads it opened.
 * The first failure aborts the rest (`failure`), and every open multipart upload is aborted at the end. */
class Upload {
  private readonly slots: Semaphore;
  private readonly fileSlots: Semaphore;
  private readonly buffers: PartBuffers;
  private readonly totals: ProgressTotals;
  private readonly openUploads = new Set<OpenUpload>();
  private multipart = false;
  private readonly failure = new AbortController();
  private readonly signal: AbortSignal;

  constructor(
    private readonly options: UploadFilesOptions,
    private readonly checksums: boolean,
  ) {
    const concurrency = options.concurrency ?? 4;
    this.slots = new Semaphore(concurrency);
    this.fileSlots = new Semaphore(concurrency);
    this.buffers = new PartBuffers(concurrency);
    const { files } = options;
    const totalBytes = files.reduce((sum, file) => sum + file.size, 0);
    this.totals = new ProgressTotals(totalBytes, files.length, options.onProgress);
    this.signal = options.signal
      ? AbortSignal.any([options.signal, this.failure.signal])
      : this.failure.signal;
  }

  /** Uploads one file, whole or in parts, within the budget; its failure (as an UploadError) aborts the others. */
  file(file: UploadItem): Promise<UploadedItem> {
    const { client, bucket } = this.options;
    return this.fileSlots
      .run(() => {
        this.signal.throwIfAborted();
        const partSize = partSizeFor(file.size, this.options.partSize);
        return file.size <= partSize ? this.putWhole(file) : this.putParts(file, partSize);
      })
      .catch((error: unknown) => {
        const mapped =
          error instanceof UploadError || this.signal.aborted
            ? error
            : storageError(client, { operation: "uploading", bucket, key: file.key }, error);
        this.failure.abort(mapped);
        throw mapped;
      });
  }

  /** After every file settled: aborts what is left open (under the owned prefix too), then returns the uploaded
   * items or throws the first failure (the caller's abort reason if it aborted). */
  async finish(settled: PromiseSettledResult<UploadedItem>[]): Promise<UploadedItem[]> {
    const { client, bucket, ownedPrefix, signal } = this.options;
    const firstFailure = settled.find((result) => result.status === "rejected");
    if (this.multipart && ownedPrefix !== undefined)
      for (const orphan of await listOpenUploads(client, bucket, ownedPrefix)) this.openUploads.add(orphan);
    await abortAll(client, bucket, this.openUploads);
    if (!firstFailure) return settled.map((result) => (result as PromiseFulfilledResult<UploadedItem>).value);
    if (signal?.aborted) throw signal.reason;
    const reason = this.failure.signal.reason ?? firstFailure.reason;
    throw reason instanceof UploadError
      ? reason
      : storageError(client, { operation: "uploading the model files to", bucket }, reason);
  }

  /** A small file in one PUT, read whole and hashed. */
  private putWhole(file: UploadItem): Promise<UploadedItem> {
    const { client, bucket } = this.options;
    return this.slots.run(async () => {
      const body = await readWhole(file);
      if (body.length !== file.size) throw changed(file);
      const hash = createSha256();
      hash.update(body);
      const sha256 = hash.digest();
      const digest = Buffer.from(sha256, "hex");
      await putObject(client, {
        bucket,
        key: file.key,
        body,
        sha256: digest,
        checksum: this.checksums,
        signal: this.signal,
      });
      this.sent(file, body.length, body.length);
      return this.done({ relativePath: file.relativePath, key: file.key, size: file.size, sha256 });
    });
  }

  /** A large file as a multipart upload: parts read in order (hashing as they are read), sent within the budget. */
  private async putParts(file: UploadItem, partSize: number): Promise<UploadedItem> {
    const { client, bucket } = this.options;
    const handle = await open(file.path);
    try {
      const upload = await this.createUpload(file);
      const hash = createSha256();
      const parts: Promise<CompletedPart>[] = [];
      const loaded = { bytes: 0 };
      for (let position = 0; position < file.size && !this.signal.aborted; ) {
        const { buffer, release } = await this.readPart(handle, file, position, partSize);
        hash.update(buffer);
        position += buffer.length;
        const part = this.sendPart(file, upload, parts.length + 1, buffer, loaded).finally(() => {
          this.buffers.give(buffer);
          release();
        });
        part.catch((error) => this.failure.abort(error)); // stop reading further parts at once
        parts.push(part);
      }
      // Wait for every part, even after a failure, so that nothing is in flight when the upload is aborted.
      const settled = await Promise.allSettled(parts);
      const failed = settled.find((result) => result.status === "rejected");
      if (failed) throw failed.reason;
      this.signal.throwIfAborted();
      const completed = settled.map((result) => (result as PromiseFulfilledResult<CompletedPart>).value);
      await completeUpload(client, bucket, upload, completed, file.size, this.signal);
      this.openUploads.delete(upload);
      return this.done({
        relativePath: file.relativePath,
        key: file.key,
        size: file.size,
        sha256: hash.digest(),
      });
    } finally {
      await handle.close();
    }
  }

  /** Opens a multipart upload, remembered until completed (or aborted at the end). */
  private async createUpload(file: UploadItem): Promise<OpenUpload> {
    const { client, bucket } = this.options;
    const created = await client.send(
      new CreateMultipartUploadCommand({
        Bucket: bucket,
        Key: file.key,
        ...(this.checksums ? { ChecksumAlgorithm: "CRC32" } : {}),
      }),
      { abortSignal: this.signal },
    );
    this.multipart = true;
    const upload = { key: file.key, uploadId: created.UploadId ?? "" };
    this.openUploads.add(upload);
    return upload;
  }

  /** The next part's bytes, in a pooled buffer, holding one slot of the budget (both given back by the caller). */
  private async readPart(
    handle: FileHandle,
    file: UploadItem,
    position: number,
    partSize: number,
  ): Promise<{ buffer: Uint8Array; release: () => void }> {
    const release = await this.slots.acquire();
    const length = Math.min(partSize, file.size - position);
    // A part that reads nothing would never end the file's loop; partSize is checked upstream, this is the backstop.
    if (!(length > 0)) {
      release();
      throw new UploadError(
        `internal error: a part of ${file.path} of ${length} bytes at ${position}; nothing was registered`,
      );
    }
    const buffer = this.buffers.take(partSize, length);
    try {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
      if (bytesRead !== buffer.length) throw changed(file);
      return { buffer, release };
    } catch (error) {
      this.buffers.give(buffer);
      release();
      throw error;
    }
  }

  /** Sends one part; reports its bytes when it is stored. */
  private async sendPart(
    file: UploadItem,
    upload: OpenUpload,
    PartNumber: number,
    buffer: Uint8Array,
    loaded: { bytes: number },
  ): Promise<CompletedPart> {
    const { client, bucket } = this.options;
    const out = await client.send(
      new UploadPartCommand({
        Bucket: bucket,
        Key: file.key,
        UploadId: upload.uploadId,
        PartNumber,
        Body: buffer,
        ContentLength: buffer.length,
      }),
      { abortSignal: this.signal },
    );
    loaded.bytes += buffer.length;
    this.sent(file, loaded.bytes, buffer.length);
    return { PartNumber, ETag: out.ETag, ...(out.ChecksumCRC32 ? { ChecksumCRC32: out.ChecksumCRC32 } : {}) };
  }

  private sent(file: UploadItem, fileLoaded: number, bytes: number): void {
    this.totals.bytes("upload", file.relativePath, fileLoaded, file.size, bytes);
  }

  private done(item: UploadedItem): UploadedItem {
    this.totals.fileDone(item.relativePath, item);
    return item;
  }
}
