// Where a copy's files go, as registerModel's own parameters: the store is chosen by the destination URI's scheme in
// the store lookup (storage/model-stores.ts), never here.

import { placementOf } from "../../storage/model-stores.js";
import type { OciOptions } from "../../storage/oci/oci-options.js";
import type { StorageOptions } from "../../storage/s3/storage-options.js";

/** The store a copy writes its files to. */
export interface CopyStorage {
  /** `s3://bucket/prefix/` (default prefix `<name>/<version>` when only a bucket is given; an `?endpoint=…` query
   * names another S3 endpoint) or `oci://registry/repository[:tag]` (the tag defaults to the version's name). */
  uri: string;
  /** How to reach an S3 destination (endpoint, region, credentials, client), over the destination client's storage
   * settings. */
  s3?: StorageOptions | undefined;
  /** How to reach an OCI destination (credentials, plain HTTP, base image), over the destination client's. */
  oci?: OciOptions | undefined;
}

/** registerModel's `to`, `storage` and `oci` for a copy into `storage`. */
export function copyDestination(storage: CopyStorage): {
  to?: string;
  storage?: StorageOptions;
  oci?: OciOptions;
} {
  const place = placementOf(storage.uri);
  return {
    ...(place.to ? { to: place.to, oci: storage.oci } : {}),
    ...(place.storage ? { storage: { ...storage.s3, ...place.storage } } : {}),
  };
}
