// Download and verify a version stored in S3 against the manifest its upload recorded; a version another tool
// uploaded (no manifest) is downloaded as listed under its s3:// folder (or as the one object its URI names),
// compared by size.
import { UploadError } from "../../errors.js";
import {
  buildManifest,
  MANIFEST_NAME,
  type Manifest,
  type ManifestMismatch,
  manifestDigest,
} from "../manifest.js";
import type { PullRequest, StoreContext, VerifyResult } from "../model-store.js";
import { ARTIFACT_PROPERTIES, S3_PROPERTIES } from "../recorded-properties.js";
import { checkStoredFiles } from "./check-stored-files.js";
import { listStoredFiles } from "./list-stored-files.js";
import { recordedStore } from "./model-location.js";
import { storageClient } from "./s3-settings-for.js";
import { parseS3Uri } from "./s3-uri.js";
import { readStoredManifest } from "./stored-model.js";

/** The artifact and manifest of a registered version uploaded by registerModel; with `listed`, of any version whose
 * URI is an s3:// folder, listing its objects when it recorded no manifest. */
export async function locate(ctx: StoreContext, request: PullRequest, listed: boolean) {
  const { artifact, what } = request;
  const manifestUri = artifact.customProperties[ARTIFACT_PROPERTIES.manifest];
  const recorded = typeof manifestUri === "string";
  if (!recorded && !(listed && artifact.uri?.startsWith("s3://")))
    throw new UploadError(
      `${what} (${artifact.uri}) was not uploaded by registerModel: it has no manifest to check against${listed ? ", and its URI is not an s3:// folder to list" : " (a download still fetches its files, checking sizes only)"}`,
    );
  const location = parseS3Uri(recorded ? manifestUri : (artifact.uri ?? ""));
  // Where the files live, as the version recorded it (its URI's ?endpoint= query, else its s3_endpoint and s3_region
  // properties), wins over the client's defaults; the call's options win over it.
  const address = recordedStore(location, artifact.customProperties);
  const said = (property: string) =>
    address.from === "properties" ? `the ${property} property of ${what}` : `the URI of ${what}`;
  const store = {
    values: { endpoint: address.endpoint, region: address.region, bucket: location.bucket },
    source: {
      bucket: `the URI of ${what}`,
      endpoint: said(S3_PROPERTIES.endpoint),
      region: said(S3_PROPERTIES.region),
    },
  };
  const { client, settings } = await storageClient(ctx, request.storage, store, ctx.onProgress);
  if (!recorded) {
    const { folder, files } = await listStoredFiles(client, location.bucket, location.key, ctx.signal);
    if (files.length === 0)
      throw new UploadError(
        `${what} recorded no manifest, and nothing is stored under ${artifact.uri}${settings.endpoint ? ` at ${settings.endpoint.value} (from ${settings.endpoint.source})` : ""}; if its files are in another store, give that store's endpoint`,
        { fix: [{ setting: "storage.endpoint" }] },
      );
    // Sizes only, until the files are read: the SHA-256 of each is filled in then.
    const entries = files.map((file) => ({ ...file, sha256: "" }));
    const totalBytes = files.reduce((sum, file) => sum + file.size, 0);
    const manifest: Manifest = { version: 1, files: entries, totalBytes, fileCount: files.length };
    return {
      artifact,
      client,
      bucket: location.bucket,
      prefix: folder,
      manifest,
      replaced: [],
      recorded,
    };
  }
  const manifest = await readStoredManifest(client, location.bucket, location.key, ctx.signal);
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
export async function pullS3(ctx: StoreContext, request: PullRequest): Promise<VerifyResult> {
  const { dir } = request;
  const { artifact, client, bucket, prefix, manifest, replaced, recorded } = await locate(
    ctx,
    request,
    dir !== undefined,
  );
  ctx.onProgress?.({ type: "phase", phase: dir ? "downloading" : "verifying", detail: artifact.uri });
  const { signal, onProgress } = ctx;
  const concurrency = request.storage?.concurrency ?? ctx.storage.concurrency;
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
  ctx.onProgress?.({ type: "phase", phase: "done" });
  const mismatches = [...replaced, ...files];
  const read = recorded
    ? manifest
    : buildManifest(manifest.files.map((file) => ({ ...file, sha256: sha256.get(file.path) ?? "" })));
  return { ok: mismatches.length === 0, recorded, mismatches, manifest: read, modelArtifact: artifact };
}
