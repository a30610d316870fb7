// Where models are stored and how: the connection to S3 and the upload's own settings, as every call and the client
// take them (`storage: {…}`).
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
