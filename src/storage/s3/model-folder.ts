// A model's folder in a bucket: what it holds (inspectPrefix), and a model's files put under its prefix
// (storeUnderClaim), the manifest written last, unless identical bytes are already there. Never overwrites files a
// registered version may point at.
import type { S3Client } from "@aws-sdk/client-s3";
import { UploadError, VersionConflictError } from "../../errors.js";
import {
  buildManifest,
  CLAIM_NAME,
  hashFile,
  MANIFEST_NAME,
  type Manifest,
  manifestDigest,
} from "../manifest.js";
import type { OverallProgress, ProgressCallback } from "../progress.js";
import type { WalkResult } from "../walk-files.js";
import { modelUri, type StoreAddress } from "./model-location.js";
import { formatS3Uri, joinKey } from "./s3-uri.js";
import { prefixHasObjects, readStoredManifest, writeManifest } from "./stored-model.js";
import { uploadFiles } from "./upload.js";
import { liveClaimSince } from "./upload-claim.js";

/** Everything known about an upload before it starts. */
export interface UploadPlan {
  client: S3Client;
  bucket: string;
  /** Key prefix of the model's files, without a trailing slash. */
  prefix: string;
  local: WalkResult;
  partSize?: number | undefined;
  concurrency?: number | undefined;
  /** The store's address the artifact records in its properties (a custom endpoint and its region). */
  store?: StoreAddress | undefined;
  /** The local files' manifest, once hashed (hashing is done at most once per registration). */
  hashed?: Promise<Manifest> | undefined;
}

/** The stored model: where it is and what it holds. */
export interface StoredModel {
  uri: string;
  manifest: Manifest;
  digest: string;
  manifestUri: string;
  /** False when identical bytes were already stored and nothing was uploaded. */
  uploaded: boolean;
}

/** The URI the plan's model gets: its folder (or its one file), plain. */
export const planUri = (plan: UploadPlan) => modelUri(plan.bucket, plan.prefix, plan.local);

/** The manifest of the local files, hashing each one (a read pass, used when deciding whether to upload at all);
 * computed once per plan. */
export function localManifest(plan: UploadPlan, onProgress?: ProgressCallback): Promise<Manifest> {
  plan.hashed ??= hashLocalFiles(plan, onProgress);
  return plan.hashed;
}

async function hashLocalFiles(plan: UploadPlan, onProgress?: ProgressCallback): Promise<Manifest> {
  const overall: OverallProgress = {
    loadedBytes: 0,
    totalBytes: plan.local.totalBytes,
    filesDone: 0,
    fileCount: plan.local.files.length,
  };
  const entries = [];
  for (const file of plan.local.files) {
    let loaded = 0;
    const { sha256, size } = await hashFile(file.path, (bytes) => {
      loaded += bytes;
      overall.loadedBytes += bytes;
      onProgress?.({
        type: "hash",
        file: file.relativePath,
        loadedBytes: loaded,
        totalBytes: file.size,
        overall: { ...overall },
      });
    });
    overall.filesDone++;
    entries.push({ path: file.relativePath, size, sha256 });
  }
  return buildManifest(entries);
}

/** What is already stored under the prefix, decided before anything is created or written; `busy` when another
 * run is uploading there right now (wait for it, then look again); `changed` when another run completed an upload
 * there while this one looked (read the registry again). */
export type PrefixState =
  | { reuse: StoredModel }
  | { upload: true }
  | { busy: { since: Date; uri: string } }
  | { changed: true };

/**
 * Decides, before any registry entity is created or any byte written, whether the plan's prefix may be written:
 * - it already holds exactly these files (a complete manifest with the same digest): reuse them, upload nothing;
 * - for a new version, anything else under the prefix may belong to another version: UploadError, nothing changes;
 *   unless a live claim says another run is uploading there right now (`busy`), or a manifest appeared meanwhile
 *   (`changed`);
 * - for a version that exists without an artifact (an interrupted registration): a complete upload of other content
 *   is a VersionConflictError; a partial one (files, no manifest) is this version's own and is replaced.
 */
export async function inspectPrefix(
  plan: UploadPlan,
  options: {
    newVersion: boolean;
    what: string;
    signal?: AbortSignal | undefined;
    onProgress?: ProgressCallback | undefined;
  },
): Promise<PrefixState> {
  const { client, bucket, prefix } = plan;
  const { signal, onProgress } = options;
  const manifestKey = joinKey(prefix, MANIFEST_NAME);
  const folder = formatS3Uri({ bucket, key: `${prefix}/` });
  const claimKey = joinKey(prefix, CLAIM_NAME);
  const foreign = () =>
    new UploadError(
      `${folder} already holds other files, which may belong to another version; nothing was created or uploaded. Choose another storage prefix`,
    );
  const stored = await readStoredManifest(client, bucket, manifestKey, signal);
  if (!stored) {
    if (!options.newVersion || !(await prefixHasObjects(client, bucket, prefix, signal)))
      return { upload: true };
    // Files without a manifest: a run uploading right now, one that finished since the first look, or the remains
    // of another version's interrupted upload.
    const since = await liveClaimSince(client, bucket, claimKey);
    if (since) return { busy: { since, uri: folder } };
    if (await readStoredManifest(client, bucket, manifestKey, signal)) return { changed: true };
    throw foreign();
  }
  onProgress?.({ type: "phase", phase: "hashing", detail: `comparing with ${folder}` });
  const local = await localManifest(plan, onProgress);
  const digest = manifestDigest(local);
  const storedDigest = manifestDigest(stored);
  if (storedDigest === digest) {
    const manifestUri = formatS3Uri({ bucket, key: manifestKey });
    return { reuse: { uri: planUri(plan), manifest: local, digest, manifestUri, uploaded: false } };
  }
  if (options.newVersion) {
    const since = await liveClaimSince(client, bucket, claimKey); // another run still registering it
    if (since) return { busy: { since, uri: folder } };
    throw foreign();
  }
  throw new VersionConflictError(
    `${options.what} was already uploaded to ${folder} with different content (${storedDigest}, local ${digest}) by an earlier, interrupted registration; nothing was uploaded. Run it with the same files, or register a new version`,
    storedDigest,
    digest,
  );
}

/**
 * Stores the model's files under the plan's prefix. The caller holds the folder's claim (see `tryClaim`), so nothing
 * else writes there: identical complete files are reused (nothing uploaded), a complete upload of other content is a
 * VersionConflictError, anything else (nothing, or a part-way upload) is replaced. The manifest is written last: its
 * presence means the upload is whole. Safe to call again after a failure.
 */
export async function storeUnderClaim(
  plan: UploadPlan,
  options: { what: string; signal?: AbortSignal | undefined; onProgress?: ProgressCallback | undefined },
): Promise<StoredModel> {
  const { client, bucket, prefix } = plan;
  const { signal, onProgress } = options;
  const uri = planUri(plan);
  const manifestKey = joinKey(prefix, MANIFEST_NAME);
  const manifestUri = formatS3Uri({ bucket, key: manifestKey });
  const stored = await readStoredManifest(client, bucket, manifestKey, signal);
  if (stored) {
    const local = await localManifest(plan, onProgress);
    const digest = manifestDigest(local);
    const storedDigest = manifestDigest(stored);
    if (storedDigest === digest) return { uri, manifest: local, digest, manifestUri, uploaded: false };
    throw new VersionConflictError(
      `${options.what} was stored in ${formatS3Uri({ bucket, key: `${prefix}/` })} by another run with different content (${storedDigest}, local ${digest}); nothing was uploaded. Register the new content as a new version`,
      storedDigest,
      digest,
    );
  }
  onProgress?.({ type: "phase", phase: "uploading", detail: uri });
  const files = plan.local.files.map((file) => ({ ...file, key: joinKey(prefix, file.relativePath) }));
  const uploaded = await uploadFiles({
    client,
    bucket,
    files,
    partSize: plan.partSize,
    concurrency: plan.concurrency,
    ownedPrefix: `${prefix}/`,
    signal,
    onProgress,
  });
  const manifest = buildManifest(
    uploaded.map(({ relativePath, size, sha256 }) => ({ path: relativePath, size, sha256 })),
  );
  await writeManifest(client, bucket, manifestKey, manifest, signal);
  return { uri, manifest, digest: manifestDigest(manifest), manifestUri, uploaded: true };
}
