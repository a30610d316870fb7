// registerModel: upload a trained model and create RegisteredModel → ModelVersion → ModelArtifact in one call that
// converges when run again. Every input is checked before the first request; the registry is read first (3 requests
// tell whether the version is already registered), then the storage folder is inspected, and only then is anything
// created. Every step retries itself on passing faults; files are written only under the folder's claim.
import type { ModelVersion, RegisteredModel } from "../client/entities.js";
import type { CustomPropertiesInput } from "../client/entity.js";
import { ConfigError, shown } from "../errors.js";
import { RESERVED_NAMES } from "../storage/manifest.js";
import { modelPrefix } from "../storage/model-location.js";
import { formatS3Uri } from "../storage/s3-uri.js";
import { checkStorageOptions } from "../storage/storage-options.js";
import { checkBucket } from "../storage/stored-model.js";
import { walkFiles } from "../storage/walk-files.js";
import { checkRegistration } from "./check-registration.js";
import { converge, type StepContext } from "./converge.js";
import { type FoundVersion, findVersion } from "./lookup.js";
import { ensureModelVersion, ensureRegisteredModel } from "./model-entities.js";
import { registerUri, unchangedOrConflict } from "./register-artifact.js";
import type { RegisterModelParams, RegisterModelResult } from "./register-params.js";
import { registerUploaded, type UploadJob, waitForOtherRun } from "./register-upload.js";
import type { RegistryClient } from "./registry-client.js";
import { storageClient } from "./storage-client.js";
import { inspectPrefix, type StoredModel, type UploadPlan } from "./store-model-files.js";

export {
  ARTIFACT_PROPERTIES,
  type RegisterModelParams,
  type RegisterModelResult,
  type RegisterStatus,
  type StorageOptions,
} from "./register-params.js";

/** The upload's plan: storage settings and client, the bucket (checked: it answers to these credentials), the local
 * files, the prefix. */
export async function planUpload(
  mr: RegistryClient,
  ctx: StepContext,
  params: RegisterModelParams,
  path: string,
): Promise<UploadPlan & { credentials: { secretAccessKey?: string; sessionToken?: string } }> {
  const storage = { ...mr.storage, ...params.storage };
  const { client, settings } = await storageClient(mr, params.storage, undefined, params.onProgress);
  const bucket = settings.bucket?.value;
  if (!bucket)
    throw new ConfigError("no bucket to upload to: give one with storage.bucket, or set AWS_S3_BUCKET", {
      fix: [{ setting: "storage.bucket" }],
    });
  formatS3Uri({ bucket, key: "" }); // ConfigError for a bucket name S3 would refuse
  const local = await walkFiles(path, { reserved: RESERVED_NAMES });
  const prefix = modelPrefix(params.name, params.version, storage.prefix);
  if (!prefix)
    throw new ConfigError("the storage prefix must not be empty: a model needs a folder of its own");
  const credentials = await converge(ctx, () => checkBucket(client, bucket, prefix, params.signal));
  const store = settings.endpoint
    ? { endpoint: settings.endpoint.value, region: settings.region.value }
    : undefined;
  return {
    client,
    bucket,
    prefix,
    local,
    store,
    partSize: storage.partSize,
    concurrency: storage.concurrency,
    credentials,
  };
}

/** Every check registerModel makes before its first request. @throws ConfigError naming the first problem. */
export function checkParams(
  mr: RegistryClient,
  params: RegisterModelParams,
): { lineage: CustomPropertiesInput; waitTimeout: number } {
  const lineage = params.lineage === false ? {} : (params.lineage ?? mr.lineage);
  checkRegistration(params as unknown as Parameters<typeof checkRegistration>[0], lineage);
  checkStorageOptions(params.storage, "this call's storage");
  const waitTimeout = params.waitTimeout ?? 600_000;
  if (!(Number.isFinite(waitTimeout) && waitTimeout >= 0))
    throw new ConfigError(`waitTimeout must be a number of milliseconds >= 0, not ${shown(waitTimeout)}`);
  return { lineage, waitTimeout };
}

/** What the registry already holds for this name and version: at most three GETs, each a converging step. */
export function readKnown(
  mr: RegistryClient,
  ctx: StepContext,
  params: RegisterModelParams,
): Promise<FoundVersion> {
  return findVersion(mr, params, { signal: ctx.signal, read: (step) => converge(ctx, step) });
}

/** Registers (and uploads) a model. See {@link RegisterModelParams}; the result says what happened. */
export async function registerModel(
  mr: RegistryClient,
  params: RegisterModelParams,
): Promise<RegisterModelResult> {
  const { signal, onProgress } = params;
  onProgress?.({ type: "phase", phase: "checking" });
  const { lineage, waitTimeout } = checkParams(mr, params);
  const ctx: StepContext = { policy: mr.retryPolicy, signal };
  if (params.to !== undefined) {
    const { registerOci } = await import("./register-oci.js");
    return registerOci(mr, ctx, params, {
      read: () => readKnown(mr, ctx, params),
      create: (known) => createEntities(mr, ctx, params, known, lineage),
    });
  }
  const plan = params.path ? await planUpload(mr, ctx, params, params.path) : undefined;
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
  mr: RegistryClient,
  ctx: StepContext,
  params: RegisterModelParams,
  job: Omit<UploadJob, "modelVersion" | "reuse"> | undefined,
): Promise<
  { registered: Required<FoundVersion> } | { known: FoundVersion; reuse?: StoredModel | undefined }
> {
  for (let look = 1; ; look++) {
    const known = await readKnown(mr, ctx, params);
    const { registeredModel, modelVersion, modelArtifact } = known;
    if (registeredModel && modelVersion && modelArtifact)
      return { registered: { registeredModel, modelVersion, modelArtifact } };
    if (!job) return { known };
    const newVersion = !modelVersion;
    const inspect = { newVersion, what: job.what, signal: ctx.signal, onProgress: params.onProgress };
    const state = await converge(ctx, () => inspectPrefix(job.plan, inspect));
    if ("busy" in state) await waitForOtherRun(ctx, job, state.busy, job.deadline);
    else if (!("changed" in state) || look >= 5)
      return { known, reuse: "reuse" in state ? state.reuse : undefined };
  }
}

/** The model and version of this registration: found by the read phase, or created now. */
async function createEntities(
  mr: RegistryClient,
  ctx: StepContext,
  params: RegisterModelParams,
  known: FoundVersion,
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
        customProperties: params.modelMetadata,
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
