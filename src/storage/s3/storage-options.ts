// Where models are stored and how: the connection to S3 and the upload's own settings, as every call and the client
// take them (`storage: {…}`).
import { ConfigError, shown } from "../../errors.js";
import type { S3ConnectionOptions } from "./s3-client.js";

/** Where uploaded models go. */
export interface StorageOptions extends S3ConnectionOptions {
  /** The bucket. Default: the registry's storage settings (`AWS_S3_BUCKET` with `fromEnv()`). */
  bucket?: string | undefined;
  /** Key prefix of this model's files. Default `<name>/<version>`. */
  prefix?: string | undefined;
  /** Multipart part size in bytes. Default 8 MiB. */
  partSize?: number | undefined;
  /** Requests in flight at once across all files and parts. Default 4. */
  concurrency?: number | undefined;
}

/**
 * `storage` when its numbers can be used: `partSize` a whole number of bytes ≥ 1 (raised to S3's 5 MiB minimum when
 * smaller), `concurrency` a whole number ≥ 1. Checked before anything is sent, so that a bad value never reaches the
 * upload loop (where a part size of NaN would read nothing forever).
 * @throws ConfigError naming the field and `where` it was given, e.g. `the storage option` or `this call's storage`.
 */
export function checkStorageOptions<T extends StorageOptions | undefined>(storage: T, where: string): T {
  for (const field of ["partSize", "concurrency"] as const) {
    const value = storage?.[field];
    if (value !== undefined && !(typeof value === "number" && Number.isSafeInteger(value) && value >= 1))
      throw new ConfigError(
        `${field} in ${where} must be a whole number of at least 1${field === "partSize" ? " (bytes)" : ""}, not ${shown(value)}`,
      );
  }
  return storage;
}
