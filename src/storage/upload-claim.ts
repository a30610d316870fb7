// One upload at a time per model folder: a claim object written with a conditional PUT (If-None-Match: *), so two
// runs registering the same version can never write into the same prefix at once. Refreshed while the upload runs;
// a claim not refreshed for CLAIM_STALE_MS is taken to be left over from a run that died.
import { DeleteObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { UploadInProgressError } from "../client/errors.js";
import { formatS3Uri } from "./s3-uri.js";

export { CLAIM_NAME } from "./manifest.js";

import { storageError } from "./storage-error.js";

export const CLAIM_STALE_MS = 15 * 60_000;
const REFRESH_MS = 60_000;

async function put(client: S3Client, bucket: string, key: string, onlyIfAbsent: boolean): Promise<boolean> {
  const body = JSON.stringify({ claimedAt: new Date().toISOString() });
  try {
    await client.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: body,
        ...(onlyIfAbsent ? { IfNoneMatch: "*" } : {}),
      }),
    );
    return true;
  } catch (error) {
    if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 412)
      return false;
    throw storageError(`claiming ${key}`, bucket, error);
  }
}

/**
 * Claims `key` for this run and returns the function that releases it. Throws UploadInProgressError when another
 * run holds a fresh claim.
 */
export async function claimUpload(
  client: S3Client,
  bucket: string,
  key: string,
): Promise<() => Promise<void>> {
  if (!(await put(client, bucket, key, true))) {
    const head = await client
      .send(new HeadObjectCommand({ Bucket: bucket, Key: key }))
      .catch(() => undefined);
    const since = head?.LastModified;
    if (since && Date.now() - since.getTime() < CLAIM_STALE_MS) {
      throw new UploadInProgressError(
        `another registration has been uploading to this version's folder since ${since.toISOString()} (${formatS3Uri({ bucket, key })}); wait for it to finish, then run again`,
      );
    }
    await put(client, bucket, key, false); // left over from a run that died: take it over
  }
  const refresh = setInterval(() => void put(client, bucket, key, false).catch(() => {}), REFRESH_MS);
  (refresh as { unref?: () => void }).unref?.();
  return async () => {
    clearInterval(refresh);
    await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key })).catch(() => {});
  };
}
