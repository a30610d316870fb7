// The public shapes of registerModel: what it takes, what it returns, and the properties it records.
import type { KeyObject } from "node:crypto";
import type { ModelArtifact, ModelVersion, RegisteredModel } from "../../client/entities.js";
import type { CustomPropertiesInput } from "../../client/entity.js";
import type { Lineage } from "../../config/ci-lineage.js";
import type { OciOptions } from "../../storage/oci/oci-options.js";
import type { ProgressCallback } from "../../storage/progress.js";
import type { StorageOptions } from "../../storage/s3/storage-options.js";

export type { StorageOptions };

import type { VersionName } from "../version-name.js";

/** What to register: `name` and `version`, and either `path` (a local file or folder to upload) or `uri` (a location
 * to register as is). */
export interface RegisterModelParams extends VersionName {
  /** The local file or folder to upload (a folder keeps its structure under the prefix). */
  path?: string | undefined;
  /** A location to register as is, nothing uploaded: `s3://bucket/key`, `oci://…`, `hf://…`, `https://…`, `file:///…`
   * (at most 2,048 characters). */
  uri?: string | undefined;
  /** Push `path` to an OCI registry as a KServe modelcar image instead of S3: `oci://registry[:port]/repository[:tag]`
   * (the tag defaults to the version's name). The artifact records that URI and the manifest's digest. */
  to?: string | undefined;
  /** How to reach the OCI registry of `to` (credentials, plain HTTP, base image, platform, chunk size). Default: the
   * client's `oci`, and the container tools' auth files for credentials. */
  oci?: OciOptions | undefined;
  /** Where `path` is uploaded to, and how. Default: the client's `storage`, then the environment's settings. */
  storage?: StorageOptions | undefined;
  /** The artifact's model format, e.g. `{ name: "onnx", version: "1" }` (KServe's `modelFormat`). */
  modelFormat?: { name: string; version?: string | undefined } | undefined;
  /** Description of the version. */
  description?: string | undefined;
  /** Description of the registered model, used only when it is created. */
  modelDescription?: string | undefined;
  /** Author of the version. Default: the client's `author`. */
  author?: string | undefined;
  /** Owner of the registered model when it is created. Default: the author. */
  owner?: string | undefined;
  /** Custom properties of the version. */
  metadata?: CustomPropertiesInput | undefined;
  /** Custom properties of the registered model, used only when it is created (like `modelDescription`). */
  modelMetadata?: CustomPropertiesInput | undefined;
  /** Name of the model artifact. Default: the model's name (as the Python client does). */
  artifactName?: string | undefined;
  /** The artifact's `storageKey`: the name of the storage's connection secret in the cluster (KServe's
   * `storage.key`). */
  storageKey?: string | undefined;
  /** The artifact's `storagePath`: the path within that storage (KServe's `storage.path`). */
  storagePath?: string | undefined;
  /** The artifact's `serviceAccountName`: the service account whose credentials reach the storage. */
  serviceAccountName?: string | undefined;
  /** Where the model came from (the artifact's `modelSourceKind`, e.g. `kfp`). */
  modelSourceKind?: string | undefined;
  /** The artifact's `modelSourceClass`, e.g. `pipelinerun`. */
  modelSourceClass?: string | undefined;
  /** The artifact's `modelSourceGroup`, e.g. a namespace. */
  modelSourceGroup?: string | undefined;
  /** The artifact's `modelSourceId`, e.g. a run id. */
  modelSourceId?: string | undefined;
  /** The artifact's `modelSourceName`, e.g. a run name. */
  modelSourceName?: string | undefined;
  /** Where the model came from, as version properties. Default: the client's `lineage`, which `fromEnv()` detects
   * from the CI system (GitHub Actions, GitLab CI, Kubeflow Pipelines, Tekton); `metadata` wins on the same key.
   * `false` records none. */
  lineage?: Lineage | false | undefined;
  /** How long to wait, in ms, when another run is uploading the same version right now: then this run returns
   * `unchanged` if the other stored the same content, or throws VersionConflictError. Default 600_000 (10 min);
   * 0 throws UploadInProgressError at once. */
  waitTimeout?: number | undefined;
  /** Progress: `phase` events, byte-level `upload` events (with the overall totals), `warning`s. */
  onProgress?: ProgressCallback | undefined;
  /** Cancels the registration (and its uploads, whose open multipart uploads are aborted); also ends a wait. */
  signal?: AbortSignal | undefined;
  /** Sign the stored files in the same call (OpenSSF model signing, key mode; see `signModel`): an EC private key on
   * P-256, P-384 or P-521 as PEM text or a KeyObject, and whether to replace another key's signature. Default: not
   * signed. */
  sign?: { privateKey: KeyObject | string | Uint8Array; replace?: boolean | undefined } | undefined;
}

/** `created`: this run created the version. `unchanged`: the version already held this content (registered
 * earlier, or by a concurrent run this one waited for); this run wrote nothing. `completed`: the version existed
 * without its artifact (an earlier run was interrupted, or a concurrent run had created the version but not yet
 * its artifact) and this run added it. */
export type RegisterStatus = "created" | "unchanged" | "completed";

/** What `registerModel` did, and the three entities as they are now. */
export interface RegisterModelResult {
  /** The registered model (created by this run, or found). */
  registeredModel: RegisteredModel;
  /** The model version. */
  modelVersion: ModelVersion;
  /** The version's model artifact, with the upload's manifest digest, size and file count as custom properties (and
   * where a custom store is). */
  modelArtifact: ModelArtifact;
  /** The artifact's URI: for uploads the plain `s3://<bucket>/<prefix>/` (or `…/<file>` for one file; a custom
   * endpoint and its region are the artifact's `s3_endpoint` and `s3_region` properties), else the `uri` given; for a
   * version found registered, the URI it recorded then. */
  uri: string;
  /** What this run did: see {@link RegisterStatus}. */
  status: RegisterStatus;
  /** For uploads: the manifest's digest, total bytes and file count. */
  manifest?: { digest: string; totalBytes: number; fileCount: number } | undefined;
  /** For pushes to an OCI registry (`to`): the image manifest's digest and size in bytes, the model's layers (large
   * files alone, small ones packed; a base image's layers are not counted), and the blobs and bytes this run sent (0
   * when the registry had them). */
  image?: { digest: string; size: number; layers: number; blobsSent: number; bytesSent: number } | undefined;
  /** What went wrong without stopping the registration (e.g. the upload claim could not be removed). Also reported
   * as `{ type: "warning" }` progress events. */
  warnings?: string[] | undefined;
  /** With `sign`: whether a signature was written (`signed`) or this key's was there (`unchanged`), where it is, and
   * the signing key's hint. */
  signature?: { status: "signed" | "unchanged"; uri: string; keyHint: string } | undefined;
}

/** Custom property names on the model artifact of an uploaded model (see storage/recorded-properties.ts). */
export { ARTIFACT_PROPERTIES } from "../../storage/recorded-properties.js";

/** What `registerModel` would do with these params, decided from the registry and the store as they are. */
export interface RegisterPlan {
  /** The registered model's name. */
  name: string;
  /** The version's name. */
  version: string;
  /** The URI the model artifact would record. */
  uri: string;
  /** The status registerModel would return: `created`, `completed` (the version exists without its artifact) or
   * `unchanged` (registered with this very content). */
  status: RegisterStatus;
  /** The registered model: `reuse <id>` or `create`. */
  registeredModel: string;
  /** The version: `exists <id>` or `create`. */
  modelVersion: string;
  /** The model artifact: `exists <id>` or `create`. */
  modelArtifact: string;
  /** For uploads: the files that would be uploaded (relative paths), their count and total bytes. */
  files?: { count: number; bytes: number; list: string[] } | undefined;
  /** For uploads: every storage setting and where it came from (never a secret). */
  storage?: Record<string, string> | undefined;
  /** For uploads: nothing to upload, the folder already holds exactly these files. */
  reuseStoredFiles?: boolean | undefined;
  /** For uploads: another run is uploading into the folder now; registerModel would wait for it (`waitTimeout`). */
  waitsFor?: { since: Date; uri: string } | undefined;
}
