// What is already in the bucket: the manifest stored next to a model, whether a prefix is taken, whether the bucket
// answers at all. Every failure is an UploadError that says what to do.
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { ConfigError } from "../../errors.js";
import { type Manifest, parseManifest, serializeManifest } from "../manifest.js";
import { NO_CREDENTIALS, storageError } from "./storage-error.js";
import { NO_CREDENTIALS_FIX } from "./storage-hints.js";

const call = (signal: AbortSignal | undefined) => (signal ? { abortSignal: signal } : {});

/** Fails before any upload if the storage is unreachable, the bucket missing, the region wrong or the credentials
 * refused; resolves with the credentials in use (so that their secrets can be scrubbed from errors). It lists one key
 * under `prefix` rather than sending HeadBucket: a HEAD error has no body, so it could not say which of those it is. */
export async function checkBucket(
  client: S3Client,
  bucket: string,
  prefix: string,
  signal?: AbortSignal,
): Promise<{ secretAccessKey?: string; sessionToken?: string }> {
  let credentials: { secretAccessKey?: string; sessionToken?: string };
  try {
    credentials = await client.config.credentials();
  } catch {
    throw new ConfigError(NO_CREDENTIALS, { fix: NO_CREDENTIALS_FIX });
  }
  try {
    await client.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: `${prefix}/`, MaxKeys: 1 }),
      call(signal),
    );
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw storageError(client, { operation: "checking the bucket", bucket }, error);
  }
  return credentials;
}

/** The manifest stored at `key`, or null if there is none. */
export async function readStoredManifest(
  client: S3Client,
  bucket: string,
  key: string,
  signal?: AbortSignal,
): Promise<Manifest | null> {
  let text: string;
  try {
    const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }), call(signal));
    text = (await object.Body?.transformToString("utf-8")) ?? "";
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === "NoSuchKey" || name === "NotFound") return null;
    if (signal?.aborted) throw signal.reason;
    throw storageError(client, { operation: "reading the manifest", bucket, key }, error);
  }
  return parseManifest(text);
}

/** Stores the manifest at `key`. */
export async function writeManifest(
  client: S3Client,
  bucket: string,
  key: string,
  manifest: Manifest,
  signal?: AbortSignal,
): Promise<void> {
  const body = new TextEncoder().encode(serializeManifest(manifest));
  try {
    await client.send(
      new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: "application/json" }),
      call(signal),
    );
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw storageError(client, { operation: "writing the manifest", bucket, key }, error);
  }
}

/** Whether any object is stored under `prefix/`. */
export async function prefixHasObjects(
  client: S3Client,
  bucket: string,
  prefix: string,
  signal?: AbortSignal,
): Promise<boolean> {
  const folder = prefix === "" || prefix.endsWith("/") ? prefix : `${prefix}/`;
  try {
    const listed = await client.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: folder, MaxKeys: 1 }),
      call(signal),
    );
    return (listed.KeyCount ?? listed.Contents?.length ?? 0) > 0;
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw storageError(client, { operation: "listing", bucket, key: folder }, error);
  }
}

/** The bytes of the object at `key`, or null if there is none (small objects: a signature file). */
export async function readSmallObject(
  client: S3Client,
  bucket: string,
  key: string,
  signal?: AbortSignal,
): Promise<Uint8Array | null> {
  try {
    const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }), call(signal));
    return (await object.Body?.transformToByteArray()) ?? new Uint8Array(0);
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === "NoSuchKey" || name === "NotFound") return null;
    if (signal?.aborted) throw signal.reason;
    throw storageError(client, { operation: "reading an object", bucket, key }, error);
  }
}

/** Stores a small object at `key` (a signature file). */
export async function writeSmallObject(
  client: S3Client,
  bucket: string,
  key: string,
  bytes: Uint8Array,
  contentType: string,
  signal?: AbortSignal,
): Promise<void> {
  try {
    await client.send(
      new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes, ContentType: contentType }),
      call(signal),
    );
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw storageError(client, { operation: "writing an object", bucket, key }, error);
  }
}
