// The artifact step of registerModel: the body it records, registering a URI as is, and the answer for a version
// that already has its artifact (the same content: unchanged; other content: VersionConflictError).
import type { ModelArtifact, ModelVersion } from "../../client/entities.js";
import { VersionConflictError } from "../../errors.js";
import { manifestDigest } from "../../storage/manifest.js";
import { parseS3Uri } from "../../storage/s3/s3-uri.js";
import type { StepContext } from "../converge.js";
import { addModelArtifact } from "../model-entities.js";
import type { RegistryClient } from "../registry-client.js";
import {
  ARTIFACT_PROPERTIES,
  type RegisterModelParams,
  type RegisterModelResult,
} from "./register-params.js";
import { localManifest, type StoredModel, type UploadPlan } from "./store-model-files.js";

/** The artifact body of this registration; `stored` adds the upload's digest, size, count and manifest URI. */
export function artifactBody(params: RegisterModelParams, uri: string, stored?: StoredModel) {
  return {
    name: params.artifactName ?? params.name,
    uri,
    state: "LIVE" as const,
    modelFormatName: params.modelFormat?.name,
    modelFormatVersion: params.modelFormat?.version,
    storageKey: params.storageKey,
    // A storage key with no path would give KServe a storage spec that downloads nothing: an upload's path is its
    // folder in the bucket.
    storagePath:
      params.storagePath ??
      (params.storageKey && stored ? parseS3Uri(uri).key.replace(/\/+$/, "") : undefined),
    serviceAccountName: params.serviceAccountName,
    modelSourceKind: params.modelSourceKind,
    modelSourceClass: params.modelSourceClass,
    modelSourceGroup: params.modelSourceGroup,
    modelSourceId: params.modelSourceId,
    modelSourceName: params.modelSourceName,
    customProperties: stored
      ? {
          [ARTIFACT_PROPERTIES.digest]: stored.digest,
          [ARTIFACT_PROPERTIES.size]: stored.manifest.totalBytes,
          [ARTIFACT_PROPERTIES.files]: stored.manifest.fileCount,
          [ARTIFACT_PROPERTIES.manifest]: stored.manifestUri,
        }
      : {},
  };
}

/** How the artifact step ended: `existing` when another run had registered the artifact (to be compared). */
export interface ArtifactOutcome {
  modelArtifact: ModelArtifact;
  uri: string;
  existing: boolean;
  artifactCreated: boolean;
  uploaded: boolean;
  stored?: StoredModel | undefined;
  warnings: string[];
}

export async function registerUri(
  mr: RegistryClient,
  ctx: StepContext,
  params: RegisterModelParams,
  modelVersion: ModelVersion,
  what: string,
): Promise<ArtifactOutcome> {
  const uri = params.uri as string;
  params.onProgress?.({ type: "phase", phase: "registering", detail: uri });
  const { entity, created } = await addModelArtifact(mr, ctx, modelVersion.id, artifactBody(params, uri));
  if (!created && entity.uri !== uri)
    throw new VersionConflictError(
      `${what} was registered at the same time by another run, at ${entity.uri} instead of ${uri}`,
      entity.uri,
      uri,
    );
  return {
    modelArtifact: entity,
    uri,
    existing: false,
    artifactCreated: created,
    uploaded: false,
    warnings: [],
  };
}

/** The result for a version that already has its artifact: `unchanged` when it holds this content (same URI, or
 * same manifest digest for uploads), else VersionConflictError. */
export async function unchangedOrConflict(
  params: RegisterModelParams,
  plan: UploadPlan | undefined,
  entities: Pick<RegisterModelResult, "registeredModel" | "modelVersion" | "modelArtifact">,
): Promise<RegisterModelResult> {
  const { modelArtifact } = entities;
  const what = `version ${JSON.stringify(params.version)} of model ${JSON.stringify(params.name)}`;
  const advice = "Nothing was uploaded or changed; register the new content as a new version";
  if (!plan) {
    if (modelArtifact.uri === params.uri)
      return { ...entities, uri: modelArtifact.uri ?? "", status: "unchanged" };
    throw new VersionConflictError(
      `${what} is already registered at ${modelArtifact.uri}, not ${params.uri}. ${advice}`,
      modelArtifact.uri,
      params.uri ?? "",
    );
  }
  params.onProgress?.({ type: "phase", phase: "hashing", detail: "comparing with the registered version" });
  const local = await localManifest(plan, params.onProgress);
  const digest = manifestDigest(local);
  const registered = modelArtifact.customProperties[ARTIFACT_PROPERTIES.digest];
  const existingDigest = typeof registered === "string" ? registered : undefined;
  if (existingDigest !== digest) {
    const theirs =
      existingDigest ??
      (modelArtifact.uri?.startsWith("oci://")
        ? `the OCI image ${modelArtifact.uri}, not files in S3`
        : `no recorded digest (${modelArtifact.uri})`);
    throw new VersionConflictError(
      `${what} is already registered with different content (${theirs}, local ${digest}). ${advice}`,
      existingDigest,
      digest,
    );
  }
  params.onProgress?.({ type: "phase", phase: "done", detail: modelArtifact.uri });
  const manifest = { digest, totalBytes: local.totalBytes, fileCount: local.fileCount };
  return { ...entities, uri: modelArtifact.uri ?? "", status: "unchanged", manifest };
}
