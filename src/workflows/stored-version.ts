// Download and verify a registered version's files against the manifest its upload recorded.

import { stat } from "node:fs/promises";
import type { ModelArtifact } from "../client/entities.js";
import { ConfigError, UploadError } from "../errors.js";
import { checkStoredFiles } from "../storage/check-stored-files.js";
import {
  buildManifest,
  MANIFEST_NAME,
  type Manifest,
  type ManifestMismatch,
  manifestDigest,
} from "../storage/manifest.js";
import type { OciOptions } from "../storage/oci/oci-options.js";
import type { ProgressCallback } from "../storage/progress.js";
import { parseS3Uri } from "../storage/s3-uri.js";
import { checkStorageOptions } from "../storage/storage-options.js";
import { listStoredFiles, readStoredManifest } from "../storage/stored-model.js";
import { requireVersion } from "./lookup.js";
import { ARTIFACT_PROPERTIES, type StorageOptions } from "./register-params.js";
import type { RegistryClient } from "./registry-client.js";
import { storageClient } from "./storage-client.js";
import type { VersionName } from "./version-name.js";

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

/** Which version to download, and where to. */
export interface DownloadModelParams extends VerifyModelParams {
  /** The local folder to download into (created if needed; files keep their relative paths). */
  path: string;
}

/** What `verifyModel` and `downloadModel` found. */
export interface VerifyResult {
  /** True when every file matches the manifest (and the manifest the digest the registry recorded). */
  ok: boolean;
  /** `false` when the version recorded no manifest (another tool uploaded it, e.g. the official Python client):
   * `downloadModel` then fetched the objects listed under its URI, compared by size only, and `manifest` lists them
   * with the SHA-256 read. Always `true` for `verifyModel`, which refuses such a version. */
  recorded: boolean;
  /** Every file that is missing or differs from the manifest. */
  mismatches: ManifestMismatch[];
  /** The manifest the files were checked against (for `recorded: false`, the one built from what was read). */
  manifest: Manifest;
  /** The version's model artifact, as registered. */
  modelArtifact: ModelArtifact;
}

/** The artifact and manifest of a registered version uploaded by registerModel; with `listed`, of any version whose
 * URI is an s3:// folder, listing its objects when it recorded no manifest. */
async function locate(
  mr: RegistryClient,
  params: VerifyModelParams,
  listed: boolean,
  artifact: ModelArtifact,
) {
  const what = `version ${JSON.stringify(params.version)} of model ${JSON.stringify(params.name)}`;
  const manifestUri = artifact.customProperties[ARTIFACT_PROPERTIES.manifest];
  const recorded = typeof manifestUri === "string";
  if (!recorded && !(listed && artifact.uri?.startsWith("s3://")))
    throw new UploadError(
      `${what} (${artifact.uri}) was not uploaded by registerModel: it has no manifest to check against${listed ? ", and its URI is not an s3:// folder to list" : " (a download still fetches its files, checking sizes only)"}`,
    );
  const location = parseS3Uri(recorded ? manifestUri : (artifact.uri ?? ""));
  // Where the files live, as the version recorded it, wins over the client's defaults; the call's options win over it.
  const store = {
    values: { endpoint: location.endpoint, region: location.region, bucket: location.bucket },
    source: `the URI of ${what}`,
  };
  const { client, settings } = await storageClient(mr, params.storage, store, params.onProgress);
  if (!recorded) {
    const files = await listStoredFiles(client, location.bucket, location.key, params.signal);
    if (files.length === 0)
      throw new UploadError(`${what} recorded no manifest, and nothing is stored under ${artifact.uri}`);
    // Sizes only, until the files are read: the SHA-256 of each is filled in then.
    const entries = files.map((file) => ({ ...file, sha256: "" }));
    const totalBytes = files.reduce((sum, file) => sum + file.size, 0);
    const manifest: Manifest = { version: 1, files: entries, totalBytes, fileCount: files.length };
    return {
      artifact,
      client,
      bucket: location.bucket,
      prefix: location.key,
      manifest,
      replaced: [],
      recorded,
    };
  }
  const manifest = await readStoredManifest(client, location.bucket, location.key, params.signal);
  if (!manifest) {
    const at = settings.endpoint ? ` at ${settings.endpoint.value} (from ${settings.endpoint.source})` : "";
    throw new UploadError(
      `the manifest of ${what} is missing from s3://${location.bucket}/${location.key}${at}; the stored model is incomplete, or this is not the store it was uploaded to`,
    );
  }
  const prefix = location.key.slice(0, location.key.lastIndexOf("/"));
  // The stored manifest must be the one this version was registered with, or its files are someone else's.
  const digest = artifact.customProperties[ARTIFACT_PROPERTIES.digest];
  const actual = manifestDigest(manifest);
  const replaced: ManifestMismatch[] =
    typeof digest === "string" && digest !== actual
      ? [{ path: MANIFEST_NAME, problem: "manifest", expected: digest, actual }]
      : [];
  return { artifact, client, bucket: location.bucket, prefix, manifest, replaced, recorded };
}

/** Reads every stored file of a version (into `dir`, or only through the hash) and compares it with the manifest. */
async function check(mr: RegistryClient, params: VerifyModelParams, dir?: string): Promise<VerifyResult> {
  checkStorageOptions(params.storage, "this call's storage");
  const { modelArtifact } = await requireVersion(mr, params, { signal: params.signal });
  if (modelArtifact.uri?.startsWith("oci://")) {
    const { checkOciVersion } = await import("./oci-version.js");
    return checkOciVersion(mr, params, modelArtifact, dir);
  }
  const { artifact, client, bucket, prefix, manifest, replaced, recorded } = await locate(
    mr,
    params,
    dir !== undefined,
    modelArtifact,
  );
  params.onProgress?.({ type: "phase", phase: dir ? "downloading" : "verifying", detail: artifact.uri });
  const { signal, onProgress } = params;
  const concurrency = params.storage?.concurrency ?? mr.storage.concurrency;
  const { mismatches: files, sha256 } = await checkStoredFiles({
    client,
    bucket,
    prefix,
    manifest,
    hashesKnown: recorded,
    toDir: dir,
    concurrency,
    signal,
    onProgress,
  });
  params.onProgress?.({ type: "phase", phase: "done" });
  const mismatches = [...replaced, ...files];
  const read = recorded
    ? manifest
    : buildManifest(manifest.files.map((file) => ({ ...file, sha256: sha256.get(file.path) ?? "" })));
  return { ok: mismatches.length === 0, recorded, mismatches, manifest: read, modelArtifact: artifact };
}

/** Re-reads every stored file of a version and checks its size and SHA-256 against the manifest, and the manifest
 * against the digest the registry recorded. */
export function verifyModel(mr: RegistryClient, params: VerifyModelParams): Promise<VerifyResult> {
  return check(mr, params);
}

/** Downloads a version's files into the folder `path` (keeping their relative paths), checking each as `verifyModel` does. A
 * version uploaded by another tool, with no manifest, is downloaded as listed under its s3:// URI (`recorded:
 * false`). */
export async function downloadModel(mr: RegistryClient, params: DownloadModelParams): Promise<VerifyResult> {
  if (typeof params.path !== "string" || params.path.trim() === "")
    throw new ConfigError("downloadModel needs path: the local folder to download into");
  const existing = await stat(params.path).catch((error: { code?: string }) => {
    if (error.code === "ENOTDIR")
      throw new ConfigError(
        `a parent of ${params.path} is a file, not a folder: give a folder to download into`,
      );
    return undefined;
  });
  if (existing && !existing.isDirectory())
    throw new ConfigError(`${params.path} exists and is not a folder: give a folder to download into`);
  return check(mr, params, params.path);
}
