// registerModel: upload a trained model and create RegisteredModel → ModelVersion → ModelArtifact in one call that
// converges when run again. Every input is checked before the first request; the registry is read first (3 requests
// tell whether the version is already registered), then the storage folder is inspected, and only then is anything
// created. Every step retries itself on passing faults; files are written only under the folder's claim.
import type { ModelArtifact, ModelVersion, RegisteredModel } from "../client/entities.js";
import type { CustomPropertiesInput } from "../client/entity.js";
import { ConfigError, VersionConflictError } from "../client/errors.js";
import type { Lineage } from "../config/ci-lineage.js";
import type { ModelRegistry } from "../model-registry.js";
import { manifestDigest, RESERVED_NAMES } from "../storage/manifest.js";
import { modelPrefix } from "../storage/model-location.js";
import type { ProgressCallback } from "../storage/progress.js";
import { type S3ConnectionOptions, s3ClientFor } from "../storage/s3-client.js";
import { formatS3Uri } from "../storage/s3-uri.js";
import { checkBucket } from "../storage/stored-model.js";
import { walkFiles } from "../storage/walk-files.js";
import { checkRegistration } from "./check-registration.js";
import { converge, type StepContext } from "./converge.js";
import {
  addModelArtifact,
  ensureModelVersion,
  ensureRegisteredModel,
  findModelArtifact,
} from "./model-entities.js";
import { registerUploaded, type UploadJob, waitForOtherRun } from "./register-upload.js";
import { inspectPrefix, localManifest, type StoredModel, type UploadPlan } from "./store-model-files.js";

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

/** What to register. Pass `artifact` (a local file or directory to upload) or `uri` (register a location as is). */
export interface RegisterModelParams {
  name: string;
  version: string;
  artifact?: string | undefined;
  uri?: string | undefined;
  storage?: StorageOptions | undefined;
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
  /** Name of the model artifact. Default: the model's name (as the Python client does). */
  artifactName?: string | undefined;
  storageKey?: string | undefined;
  storagePath?: string | undefined;
  serviceAccountName?: string | undefined;
  modelSourceKind?: string | undefined;
  modelSourceClass?: string | undefined;
  modelSourceGroup?: string | undefined;
  modelSourceId?: string | undefined;
  modelSourceName?: string | undefined;
  /** Where the model came from, as version properties. Default: the client's `lineage`, which `fromEnv()` detects
   * from the CI system (GitHub Actions, GitLab CI, Kubeflow Pipelines, Tekton); `metadata` wins on the same key.
   * `false` records none. */
  lineage?: Lineage | false | undefined;
  /** How long to wait, in ms, when another run is uploading the same version right now: then this run returns
   * `unchanged` if the other stored the same content, or throws VersionConflictError. Default 600_000 (10 min);
   * 0 throws UploadInProgressError at once. */
  waitTimeout?: number | undefined;
  onProgress?: ProgressCallback | undefined;
  signal?: AbortSignal | undefined;
}

/** `created`: this run created the version. `unchanged`: the version already held this content (registered
 * earlier, or by a concurrent run this one waited for); this run wrote nothing. `completed`: the version existed
 * without its artifact (an earlier run was interrupted) and this run finished it. */
export type RegisterStatus = "created" | "unchanged" | "completed";

export interface RegisterModelResult {
  registeredModel: RegisteredModel;
  modelVersion: ModelVersion;
  modelArtifact: ModelArtifact;
  uri: string;
  status: RegisterStatus;
  /** For uploads: the manifest's digest, total bytes and file count. */
  manifest?: { digest: string; totalBytes: number; fileCount: number } | undefined;
  /** What went wrong without stopping the registration (e.g. the upload claim could not be removed). Also reported
   * as `{ type: "warning" }` progress events. */
  warnings?: string[] | undefined;
}

/** Custom property names on the model artifact of an uploaded model. */
export const ARTIFACT_PROPERTIES = {
  digest: "model_manifest_sha256",
  size: "model_size_bytes",
  files: "model_file_count",
  manifest: "model_manifest_uri",
} as const;

async function planUpload(
  ctx: StepContext,
  params: RegisterModelParams,
  defaults: StorageOptions,
  path: string,
): Promise<UploadPlan & { credentials: { secretAccessKey?: string; sessionToken?: string } }> {
  const storage = { ...defaults, ...params.storage };
  const bucket = storage.bucket;
  if (!bucket)
    throw new ConfigError(
      "no bucket to upload to: pass storage.bucket, or set AWS_S3_BUCKET and use ModelRegistry.fromEnv()",
    );
  formatS3Uri({ bucket, key: "" }); // ConfigError for a bucket name S3 would refuse
  const local = await walkFiles(path, { reserved: RESERVED_NAMES });
  const prefix = modelPrefix(params.name, params.version, storage.prefix);
  if (!prefix)
    throw new ConfigError("the storage prefix must not be empty: a model needs a folder of its own");
  const client = s3ClientFor(storage);
  const credentials = await converge(ctx, () => checkBucket(client, bucket, params.signal));
  return {
    client,
    bucket,
    prefix,
    local,
    partSize: storage.partSize,
    concurrency: storage.concurrency,
    credentials,
  };
}

/** What the registry already holds for this name and version: at most three GETs. */
interface Known {
  registeredModel?: RegisteredModel | undefined;
  modelVersion?: ModelVersion | undefined;
  modelArtifact?: ModelArtifact | undefined;
}

async function readKnown(mr: ModelRegistry, ctx: StepContext, params: RegisterModelParams): Promise<Known> {
  const { signal } = ctx;
  const registeredModel = await converge(ctx, () =>
    mr.registeredModels.find({ name: params.name }, { signal }),
  );
  if (!registeredModel) return {};
  const modelVersion = await converge(ctx, () =>
    mr.modelVersions.find({ name: params.version, registeredModelId: registeredModel.id }, { signal }),
  );
  if (!modelVersion) return { registeredModel };
  const modelArtifact = await converge(ctx, () => findModelArtifact(mr, modelVersion.id, signal));
  return { registeredModel, modelVersion, modelArtifact: modelArtifact ?? undefined };
}

/** The artifact body of this registration; `stored` adds the upload's digest, size, count and manifest URI. */
export function artifactBody(params: RegisterModelParams, uri: string, stored?: StoredFiles) {
  return {
    name: params.artifactName ?? params.name,
    uri,
    state: "LIVE" as const,
    modelFormatName: params.modelFormat?.name,
    modelFormatVersion: params.modelFormat?.version,
    storageKey: params.storageKey,
    storagePath: params.storagePath,
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

/** What an upload stored, as recorded on the artifact. */
export interface StoredFiles {
  digest: string;
  manifest: { totalBytes: number; fileCount: number };
  manifestUri: string;
}

/** Registers (and uploads) a model. See {@link RegisterModelParams}; the result says what happened. */
export async function registerModel(
  mr: ModelRegistry,
  params: RegisterModelParams,
  defaults: StorageOptions = {},
): Promise<RegisterModelResult> {
  const { signal, onProgress } = params;
  onProgress?.({ type: "phase", phase: "checking" });
  const lineage = params.lineage === false ? {} : (params.lineage ?? mr.lineage);
  checkRegistration(params as unknown as Parameters<typeof checkRegistration>[0], lineage);
  const waitTimeout = params.waitTimeout ?? 600_000;
  if (!(Number.isFinite(waitTimeout) && waitTimeout >= 0))
    throw new ConfigError(`waitTimeout must be a number of milliseconds >= 0, not ${String(waitTimeout)}`);
  const ctx: StepContext = { policy: mr.retryPolicy, signal };
  const plan = params.artifact ? await planUpload(ctx, params, defaults, params.artifact) : undefined;
  mr.secrets.add(plan?.credentials.secretAccessKey);
  mr.secrets.add(plan?.credentials.sessionToken);
  const what = `version ${JSON.stringify(params.version)} of model ${JSON.stringify(params.name)}`;
  const job = plan && { params, plan, what, waitTimeout, deadline: Date.now() + waitTimeout };

  const read = await readPhase(mr, ctx, params, job);
  if ("registered" in read) return unchangedOrConflict(params, plan, read.registered);
  const { known, reuse } = read;
  const { registeredModel, modelVersion, created } = await createEntities(mr, ctx, params, known, lineage);
  const entities = { registeredModel, modelVersion };
  const done = job
    ? await registerUploaded(mr, ctx, { ...job, modelVersion, reuse })
    : await registerUri(mr, ctx, params, modelVersion, what);
  if (done.existing) {
    const result = await unchangedOrConflict(params, plan, {
      ...entities,
      modelArtifact: done.modelArtifact,
    });
    return created ? { ...result, status: "created" } : result;
  }
  onProgress?.({ type: "phase", phase: "done", detail: done.uri });
  const wrote = done.artifactCreated || done.uploaded;
  return {
    ...entities,
    modelArtifact: done.modelArtifact,
    uri: done.uri,
    status: created ? "created" : wrote ? "completed" : "unchanged",
    manifest: done.stored && {
      digest: done.stored.digest,
      totalBytes: done.stored.manifest.totalBytes,
      fileCount: done.stored.manifest.fileCount,
    },
    ...(done.warnings.length > 0 ? { warnings: done.warnings } : {}),
  };
}

/**
 * Everything read before the first write: what the registry holds (the version may be registered already), and for
 * uploads whether the storage folder may be written. While another run is uploading into the folder, waits for it and
 * reads again (it may have registered this very version).
 */
async function readPhase(
  mr: ModelRegistry,
  ctx: StepContext,
  params: RegisterModelParams,
  job: Omit<UploadJob, "modelVersion" | "reuse"> | undefined,
): Promise<{ registered: Required<Known> } | { known: Known; reuse?: StoredModel | undefined }> {
  for (;;) {
    const known = await readKnown(mr, ctx, params);
    const { registeredModel, modelVersion, modelArtifact } = known;
    if (registeredModel && modelVersion && modelArtifact)
      return { registered: { registeredModel, modelVersion, modelArtifact } };
    if (!job) return { known };
    const newVersion = !modelVersion;
    const inspect = { newVersion, what: job.what, signal: ctx.signal, onProgress: params.onProgress };
    const state = await converge(ctx, () => inspectPrefix(job.plan, inspect));
    if (!("busy" in state)) return { known, reuse: "reuse" in state ? state.reuse : undefined };
    await waitForOtherRun(ctx, job, state.busy, job.deadline);
  }
}

/** The model and version of this registration: found by the read phase, or created now. */
async function createEntities(
  mr: ModelRegistry,
  ctx: StepContext,
  params: RegisterModelParams,
  known: Known,
  lineage: CustomPropertiesInput,
): Promise<{ registeredModel: RegisteredModel; modelVersion: ModelVersion; created: boolean }> {
  const author = params.author ?? mr.author;
  const registeredModel =
    known.registeredModel ??
    (
      await ensureRegisteredModel(mr, ctx, {
        name: params.name,
        owner: params.owner ?? author,
        description: params.modelDescription,
      })
    ).entity;
  if (known.modelVersion) return { registeredModel, modelVersion: known.modelVersion, created: false };
  const { entity, created } = await ensureModelVersion(mr, ctx, registeredModel.id, {
    name: params.version,
    author,
    description: params.description,
    customProperties: { ...lineage, ...params.metadata },
  });
  return { registeredModel, modelVersion: entity, created };
}

/** How the artifact step ended: `existing` when another run had registered the artifact (to be compared). */
export interface ArtifactOutcome {
  modelArtifact: ModelArtifact;
  uri: string;
  existing: boolean;
  artifactCreated: boolean;
  uploaded: boolean;
  stored?: StoredFiles | undefined;
  warnings: string[];
}

async function registerUri(
  mr: ModelRegistry,
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
async function unchangedOrConflict(
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
    const theirs = existingDigest ?? `no recorded digest (${modelArtifact.uri})`;
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
