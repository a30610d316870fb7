// The one path of downloadModel and verifyModel: look the version up by name, pick the store by its artifact URI's
// scheme, and let the store read every file back and check it against what the registration recorded.
import { UploadError } from "../../errors.js";
import type { VerifyResult } from "../../storage/model-store.js";
import { isStoreUri, modelStoreFor } from "../../storage/model-stores.js";
import type { OciOptions } from "../../storage/oci/oci-options.js";
import type { ProgressCallback } from "../../storage/progress.js";
import { checkStorageOptions, type StorageOptions } from "../../storage/s3/storage-options.js";
import { requireVersion } from "../lookup.js";
import type { RegistryClient } from "../registry-client.js";
import { storeContext } from "../store-context.js";
import { type VersionName, versionWhat } from "../version-name.js";

export type { VerifyResult };

/** Which version to verify, and how to reach its files. */
export interface VerifyModelParams extends VersionName {
  /** Connection to the storage (endpoint, region, checksums, credentials, client) and `concurrency` (files read at
   * once, default 4). Default: where the version's URI says its files live (endpoint, region), then the registry's
   * storage settings. */
  storage?: StorageOptions | undefined;
  /** How to reach the OCI registry of a version stored as an image (`oci://`): credentials, plain HTTP. Default: the
   * client's `oci`, and the container tools' auth files. */
  oci?: OciOptions | undefined;
  /** Cancels the lookup and every storage read. */
  signal?: AbortSignal | undefined;
  /** Progress: `phase` (`downloading`/`verifying`, `done`) and byte-level `download`/`verify` events. */
  onProgress?: ProgressCallback | undefined;
}

/** Reads every stored file of a version (into `dir`, or only through the hash) and compares it with what was
 * recorded. @throws UploadError for a version whose URI is in no store this client reads. */
export async function pullVersion(
  mr: RegistryClient,
  params: VerifyModelParams,
  dir?: string,
): Promise<VerifyResult> {
  checkStorageOptions(params.storage, "this call's storage");
  const { modelArtifact } = await requireVersion(mr, params, { signal: params.signal });
  const what = versionWhat(params);
  const uri = modelArtifact.uri ?? "";
  if (!isStoreUri(uri))
    throw new UploadError(
      `${what} (${uri}) was not uploaded by registerModel: it has no manifest to check against${dir !== undefined ? ", and its URI is not an s3:// folder to list" : " (a download still fetches its files, checking sizes only)"}`,
    );
  const store = await modelStoreFor(uri, "the artifact's URI");
  const ctx = storeContext(mr, { policy: mr.retryPolicy, signal: params.signal }, params.onProgress);
  return store.pull(ctx, { artifact: modelArtifact, what, dir, storage: params.storage, oci: params.oci });
}
