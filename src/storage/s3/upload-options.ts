// What an upload takes and gives, and how big its parts are (S3's limits: parts of 5 MiB and up, at most 10,000).
import type { S3Client } from "@aws-sdk/client-s3";
import type { ProgressCallback } from "../progress.js";

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

/** What uploadFiles takes: the files, where they go, and how. */
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

/** S3's smallest part (but the last), 5 MiB. */
export const MIN_PART_SIZE = 5 * 1024 * 1024;
/** The part size when none is given, 8 MiB. */
export const DEFAULT_PART_SIZE = 8 * 1024 * 1024;
/** S3's most parts of one upload. */
const MAX_PARTS = 10_000;

/** The part size for a file: the requested size (at least 5 MiB), grown so that no file needs over 10,000 parts. */
export function partSizeFor(size: number, requested = DEFAULT_PART_SIZE): number {
  const wanted = Math.max(MIN_PART_SIZE, requested);
  return Math.max(wanted, Math.ceil(size / MAX_PARTS));
}
