// The storage half of a registration: put a model's files under its prefix, with the manifest written last, unless
// identical bytes are already there. Never overwrites files a registered version may point at.
import type { S3Client } from "@aws-sdk/client-s3";
import { UploadError } from "../client/errors.js";
import {
  buildManifest,
  hashFile,
  MANIFEST_NAME,
  type Manifest,
  manifestDigest,
} from "../storage/manifest.js";
import type { OverallProgress, ProgressCallback } from "../storage/progress.js";
import { formatS3Uri, joinKey } from "../storage/s3-uri.js";
import { prefixHasObjects, readStoredManifest, writeManifest } from "../storage/stored-model.js";
import { uploadFiles } from "../storage/upload.js";
import type { WalkResult } from "../storage/walk-files.js";

/** Everything known about an upload before it starts. */
export interface UploadPlan {
  client: S3Client;
  bucket: string;
  /** Key prefix of the model's files, without a trailing slash. */
  prefix: string;
  local: WalkResult;
  partSize?: number | undefined;
  concurrency?: number | undefined;
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

/** The URI registered for the model: its folder, or the file itself for a single-file model. */
export function modelUri(plan: UploadPlan): string {
  const only = plan.local.files[0];
  const key =
    plan.local.kind === "file" && only ? joinKey(plan.prefix, only.relativePath) : `${plan.prefix}/`;
  return formatS3Uri({ bucket: plan.bucket, key });
}

/** The manifest of the local files, hashing each one (a read pass, used when deciding whether to upload at all). */
export async function localManifest(plan: UploadPlan, onProgress?: ProgressCallback): Promise<Manifest> {
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

/**
 * Stores the files under the plan's prefix. For a new version the prefix must be empty (or already hold exactly
 * these files): anything else may belong to another version and is never overwritten. When completing a version
 * whose earlier upload was interrupted, the prefix is its own and is overwritten unless it already holds these files.
 */
export async function storeModelFiles(
  plan: UploadPlan,
  options: {
    newVersion: boolean;
    signal?: AbortSignal | undefined;
    onProgress?: ProgressCallback | undefined;
  },
): Promise<StoredModel> {
  const { client, bucket, prefix } = plan;
  const { signal, onProgress } = options;
  const manifestKey = joinKey(prefix, MANIFEST_NAME);
  const manifestUri = formatS3Uri({ bucket, key: manifestKey });
  const uri = modelUri(plan);
  const stored = await readStoredManifest(client, bucket, manifestKey, signal);
  if (stored || (options.newVersion && (await prefixHasObjects(client, bucket, prefix, signal)))) {
    onProgress?.({
      type: "phase",
      phase: "hashing",
      detail: `comparing with ${formatS3Uri({ bucket, key: `${prefix}/` })}`,
    });
    const local = await localManifest(plan, onProgress);
    const digest = manifestDigest(local);
    if (stored && manifestDigest(stored) === digest)
      return { uri, manifest: local, digest, manifestUri, uploaded: false };
    if (options.newVersion) {
      throw new UploadError(
        `${formatS3Uri({ bucket, key: `${prefix}/` })} already holds other files, which may belong to another version; nothing was uploaded. Choose another storage prefix`,
      );
    }
  }
  onProgress?.({ type: "phase", phase: "uploading", detail: uri });
  const files = plan.local.files.map((file) => ({ ...file, key: joinKey(prefix, file.relativePath) }));
  const uploaded = await uploadFiles({
    client,
    bucket,
    files,
    partSize: plan.partSize,
    concurrency: plan.concurrency,
    signal,
    onProgress,
  });
  const manifest = buildManifest(
    uploaded.map(({ relativePath, size, sha256 }) => ({ path: relativePath, size, sha256 })),
  );
  await writeManifest(client, bucket, manifestKey, manifest, signal); // last: its presence means the upload is whole
  return { uri, manifest, digest: manifestDigest(manifest), manifestUri, uploaded: true };
}
