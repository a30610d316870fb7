// The one path of downloadModel and verifyModel: look the version up by name, pick the store by its artifact URI's
// scheme, and let the store read every file back and check it against what the registration recorded.
import type { KeyObject } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { UploadError } from "../../errors.js";
import { publicKeyOf } from "../../signing/keys.js";
import type { SignedFile } from "../../signing/model-signature.js";
import type { VerifyResult } from "../../storage/model-store.js";
import { isStoreUri, modelStoreFor } from "../../storage/model-stores.js";
import type { OciOptions } from "../../storage/oci/oci-options.js";
import type { ProgressCallback } from "../../storage/progress.js";
import { SIGNATURE_PROPERTIES } from "../../storage/recorded-properties.js";
import { checkStorageOptions, type StorageOptions } from "../../storage/s3/storage-options.js";
import { requireVersion } from "../lookup.js";
import type { RegistryClient } from "../registry-client.js";
import { checkSignature, recordedFiles, signaturePlace } from "../sign/signature-place.js";
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
  /** Check the version's signature (OpenSSF model signing) with this public key (PEM text or a KeyObject) before
   * any file is read, then the files against what it signed. Default: no signature check (a download still writes
   * a recorded signature beside the files). */
  signature?: { publicKey: KeyObject | string | Uint8Array } | undefined;
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
  const recorded = typeof modelArtifact.customProperties[SIGNATURE_PROPERTIES.uri] === "string";
  const place =
    params.signature || (dir !== undefined && recorded)
      ? await signaturePlace(ctx, modelArtifact, what, params)
      : undefined;
  // The signature first, against the files the registration recorded: nothing is read or written for a version whose
  // signature does not hold.
  const key = params.signature ? publicKeyOf(params.signature.publicKey) : undefined;
  const signed =
    place && key ? await checkSignature(place, key, await recordedFiles(place), what) : undefined;
  const result = await store.pull(ctx, {
    artifact: modelArtifact,
    what,
    dir,
    storage: params.storage,
    oci: params.oci,
  });
  // Files that differ from the record: the signature names them too.
  if (place && key && !result.ok) await checkSignature(place, key, filesRead(result), what);
  if (place && dir !== undefined) {
    // Beside the files, under its own name, so that model_signing verifies the downloaded folder as it is (the very
    // bytes checked, when a key was given).
    const bytes = signed?.bytes ?? (await place.read());
    if (bytes) await writeFile(join(dir, place.name), bytes);
  }
  return signed && place
    ? { ...result, signature: { uri: place.uri, keyHint: signed.keyHint, fileCount: signed.files.length } }
    : result;
}

/** The files as read: the recorded ones, with the hash read where it differed (a size that differed: no hash of the
 * signed file, so a changed file all the same), without those found missing. */
function filesRead(result: VerifyResult): SignedFile[] {
  const changed = new Map(
    result.mismatches
      .filter((m) => m.problem === "sha256" || m.problem === "size")
      .map((m) => [m.path, m.problem === "sha256" ? String(m.actual) : `size ${m.actual}`]),
  );
  const missing = new Set(result.mismatches.filter((m) => m.problem === "missing").map((m) => m.path));
  return result.manifest.files
    .filter((file) => !missing.has(file.path))
    .map((file) => ({ path: file.path, sha256: changed.get(file.path) ?? file.sha256 }));
}
