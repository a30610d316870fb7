// What a ModelRegistry is built from, and the shape of its serve records: kept apart from the facade so that the
// options read in one place.
import type { ApiVersionOption, Deprecation } from "./client/api-version.js";
import type { CallOptions } from "./client/call-options.js";
import type { ConnectionOptions } from "./client/connection-options.js";
import type { Entity, EntityInput } from "./client/entity.js";
import type { PageOptions, Paginated } from "./client/paginate.js";
import type { ServeModel, ServeModelCreate } from "./client/types.js";
import type { Lineage } from "./config/ci-lineage.js";
import type { OciOptions } from "./storage/oci/oci-options.js";
import type { StorageOptions } from "./storage/s3/storage-options.js";

/** How to reach a registry (see {@link ConnectionOptions}: url, token, fetch, timeout, retry, caFile,
 * insecureSkipVerify, userAgent), and its client's defaults. */
export interface ModelRegistryOptions extends ConnectionOptions {
  /** Default author of new versions and owner of new models. */
  author?: string | undefined;
  /** Default storage of `registerModel`, `downloadModel` and `verifyModel` (bucket, endpoint, region, checksums,
   * credentials, or an S3Client). Fields left out come from the AWS standard configuration and the data-connection
   * variables of the environment (see {@link ModelRegistry.storageSettings}). */
  storage?: StorageOptions | undefined;
  /** Default options of pushes to OCI registries (`registerModel({ to: "oci://…" })`) and of pulls from them:
   * credentials, plain HTTP, base image, platform, chunk size. */
  oci?: OciOptions | undefined;
  /** The environment storage defaults are read from (the AWS SDK's variables and shared config files, and
   * `AWS_S3_ENDPOINT`/`AWS_S3_BUCKET`), as the AWS SDK reads it for credentials. Default: the process environment
   * at the time of each storage call. */
  env?: Record<string, string | undefined> | undefined;
  /** The REST API generation: `"auto"` (default) asks the server once, on the first call, and uses `/v1` where it is
   * served, else `/v1alpha3`; `"v1"` or `"v1alpha3"` force one. See {@link ModelRegistry.apiVersion}. */
  apiVersion?: ApiVersionOption | undefined;
  /** Called once per client with the first deprecation the registry announces (e.g. API v1alpha3's sunset), and a
   * one-line message saying what to do. Default: a runtime warning (`process.emitWarning`, else `console.warn`). */
  onWarning?: ((message: string, deprecation: Deprecation) => void) | undefined;
  /** Where models registered by this client come from (recorded on each new version). `fromEnv()` detects it from
   * the CI system's environment. Default none. */
  lineage?: Lineage | undefined;
}

/** Serve records of inference services (ServeModel), which only exist under a service. */
export interface Serves {
  /** The serve records of one InferenceService, page by page. */
  list(inferenceServiceId: string, options?: PageOptions): Paginated<Entity<ServeModel>>;
  /** Records that the service served a model version (`modelVersionId`). */
  create(
    inferenceServiceId: string,
    serve: EntityInput<ServeModelCreate>,
    options?: CallOptions,
  ): Promise<Entity<ServeModel>>;
}
