// The files of a stored model that recorded no manifest (another tool uploaded it, e.g. the official Python client), as
// downloadModel reads them: every object under the URI's folder, or the one object the URI names
// (`s3://models/m/model.joblib`, which KServe's storage initializer also serves as one file).
import { HeadObjectCommand, ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";
import { StorageError } from "../../errors.js";
import { formatS3Uri } from "./s3-uri.js";
import { storageError } from "./storage-error.js";

/** What is stored at a URI: the folder its files are under, and each file's path in it and size in bytes. */
export interface ListedFiles {
  /** The key prefix the paths are relative to (no trailing slash). */
  folder: string;
  files: { path: string; size: number }[];
}

const call = (signal: AbortSignal | undefined) => (signal ? { abortSignal: signal } : {});

/**
 * The objects under `key` as a folder (sorted by path); when there are none and `key` names an object, that object.
 * Empty `files` when neither exists.
 * @throws StorageError `incomplete-listing` when the store says a listing page is truncated but gives no token to go
 * on with (or the same token twice): a partial list is never taken for the whole.
 */
export async function listStoredFiles(
  client: S3Client,
  bucket: string,
  key: string,
  signal?: AbortSignal,
): Promise<ListedFiles> {
  const folder = key === "" || key.endsWith("/") ? key : `${key}/`;
  const files: { path: string; size: number }[] = [];
  const where = { operation: "listing", bucket, key: folder };
  try {
    const seen = new Set<string>();
    let token: string | undefined;
    do {
      const command = new ListObjectsV2Command({ Bucket: bucket, Prefix: folder, ContinuationToken: token });
      const page = await client.send(command, call(signal));
      for (const object of page.Contents ?? [])
        if (object.Key && !object.Key.endsWith("/"))
          files.push({ path: object.Key.slice(folder.length), size: object.Size ?? 0 });
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
      if (page.IsTruncated && (!token || seen.has(token)))
        throw new StorageError(
          `listing ${formatS3Uri({ bucket, key: folder })}: the store said the list goes on after ${files.length} objects but gave ${token ? "the same continuation token again" : "no continuation token"}, so the rest cannot be listed; nothing was downloaded. The store does not follow the S3 ListObjectsV2 API here: tell its operators, or register the model with registerModel, whose manifest needs no listing`,
          { ...where, kind: "incomplete-listing", status: 200 },
        );
      if (token) seen.add(token);
    } while (token);
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw storageError(client, where, error);
  }
  if (files.length > 0 || key === "" || key.endsWith("/"))
    return { folder: folder.replace(/\/+$/, ""), files: files.sort((a, b) => (a.path < b.path ? -1 : 1)) };
  const size = await objectSize(client, bucket, key, signal);
  if (size === undefined) return { folder: key, files: [] };
  const slash = key.lastIndexOf("/");
  return { folder: key.slice(0, Math.max(slash, 0)), files: [{ path: key.slice(slash + 1), size }] };
}

/** The size of the object at `key`, or undefined when there is none. */
async function objectSize(
  client: S3Client,
  bucket: string,
  key: string,
  signal: AbortSignal | undefined,
): Promise<number | undefined> {
  try {
    const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }), call(signal));
    return head.ContentLength ?? 0;
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === "NotFound" || name === "NoSuchKey") return undefined;
    if (signal?.aborted) throw signal.reason;
    throw storageError(client, { operation: "reading", bucket, key }, error);
  }
}
