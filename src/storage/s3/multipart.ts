// Multipart housekeeping of an upload: completing one (and confirming it when the reply was lost), and finding and
// aborting the ones left open, so that no orphaned parts remain.
import { createHash } from "node:crypto";
import {
  AbortMultipartUploadCommand,
  type CompletedPart,
  CompleteMultipartUploadCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  type S3Client,
} from "@aws-sdk/client-s3";

/** A multipart upload that was created and is not yet completed or aborted. */
export type OpenUpload = { key: string; uploadId: string };

/**
 * Completes a multipart upload. When the reply to a CompleteMultipartUpload that succeeded is lost, the AWS SDK sends
 * it again and the storage answers NoSuchUpload: then the object must be there with this upload's size and ETag.
 */
export async function completeUpload(
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
export async function listOpenUploads(
  client: S3Client,
  bucket: string,
  prefix: string,
): Promise<OpenUpload[]> {
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
export async function abortAll(client: S3Client, bucket: string, uploads: Set<OpenUpload>): Promise<void> {
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
