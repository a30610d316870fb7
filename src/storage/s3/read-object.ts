// Streams one stored object through a SHA-256 hash, optionally into a file, in bounded memory.

import { mkdir, open, rm } from "node:fs/promises";
import { dirname } from "node:path";
import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { createSha256 } from "../manifest.js";
import { storageError } from "./storage-error.js";

export interface ReadObjectOptions {
  client: S3Client;
  bucket: string;
  key: string;
  /** Write the bytes to this file (its folders are created). Default: only hash them. */
  toFile?: string | undefined;
  signal?: AbortSignal | undefined;
  onBytes?: ((bytes: number) => void) | undefined;
}

/** The size and SHA-256 of a stored object, or null when it does not exist. */
export async function readObject(
  options: ReadObjectOptions,
): Promise<{ size: number; sha256: string } | null> {
  const { client, bucket, key, toFile, signal } = options;
  let body: ReadableStream<Uint8Array>;
  try {
    const object = await client.send(
      new GetObjectCommand({ Bucket: bucket, Key: key }),
      signal ? { abortSignal: signal } : {},
    );
    if (!object.Body) return { size: 0, sha256: createSha256().digest() };
    body = object.Body.transformToWebStream() as ReadableStream<Uint8Array>;
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === "NoSuchKey" || name === "NotFound") return null;
    if (signal?.aborted) throw signal.reason;
    throw storageError(client, { operation: "reading", bucket, key }, error);
  }
  if (toFile) await mkdir(dirname(toFile), { recursive: true });
  const file = toFile ? await open(toFile, "w") : undefined;
  const hash = createSha256();
  let size = 0;
  const reader = body.getReader();
  try {
    while (true) {
      const { done, value } = await reader.read();
      if (done) break;
      hash.update(value);
      size += value.length;
      if (file) await file.write(value);
      options.onBytes?.(value.length);
    }
  } catch (error) {
    await reader.cancel().catch(() => {}); // release the connection
    await file?.close();
    if (toFile) await rm(toFile, { force: true }); // no half-written file left behind
    if (signal?.aborted) throw signal.reason;
    throw storageError(client, { operation: "reading", bucket, key }, error);
  }
  await file?.close();
  return { size, sha256: hash.digest() };
}
