// Where a model's files go: one rule for the upload, the registered URI and a dry run's plan.

import type { WalkResult } from "../walk-files.js";
import { formatS3Uri, joinKey } from "./s3-uri.js";

/** The key prefix of a model's files: the given one, or `<name>/<version>`, without leading or trailing slashes. */
export function modelPrefix(name: string, version: string, prefix?: string): string {
  return (prefix ?? `${name}/${version}`).replace(/^\/+|\/+$/g, "");
}

/** Where a store is, as recorded in registered URIs: the endpoint of S3-compatible storage and its region. */
export interface StoreAddress {
  endpoint?: string | undefined;
  region?: string | undefined;
}

/**
 * The URI registered for a model: its folder, or the file itself for a single-file model. With a custom endpoint it
 * records where the files live in the official Python client's form, `s3://bucket/key?endpoint=…&defaultRegion=…`,
 * so that anyone can reach them from the registry alone (KServe manifests drop the suffix). On AWS itself (no
 * endpoint) the URI is plain.
 */
export function modelUri(
  bucket: string,
  prefix: string,
  local: Pick<WalkResult, "kind" | "files">,
  store: StoreAddress = {},
): string {
  const only = local.files[0];
  const key = local.kind === "file" && only ? joinKey(prefix, only.relativePath) : `${prefix}/`;
  return storeUri(bucket, key, store);
}

/** `s3://bucket/key`, with `?endpoint=…&defaultRegion=…` when the store has a custom endpoint. */
export function storeUri(bucket: string, key: string, store: StoreAddress = {}): string {
  if (!store.endpoint) return formatS3Uri({ bucket, key });
  return formatS3Uri({
    bucket,
    key,
    endpoint: store.endpoint,
    ...(store.region ? { region: store.region } : {}),
  });
}
