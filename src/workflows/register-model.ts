// registerModel: upload a trained model and create RegisteredModel → ModelVersion → ModelArtifact in one call that
// is safe to run again. Everything that can be checked is checked before the first side effect; the version is
// created before the upload, so exactly one concurrent run uploads it; the artifact is added last.
import type { ModelArtifact, ModelVersion, RegisteredModel } from "../client/entities.js";
import type { CustomPropertiesInput } from "../client/entity.js";
import { ConfigError, ConnectionError, ServerError, VersionConflictError } from "../client/errors.js";
import type { Lineage } from "../config/ci-lineage.js";
import type { ModelRegistry } from "../model-registry.js";
import { manifestDigest, RESERVED_NAMES } from "../storage/manifest.js";
import { modelPrefix } from "../storage/model-location.js";
import type { ProgressCallback } from "../storage/progress.js";
import { type S3ConnectionOptions, s3ClientFor } from "../storage/s3-client.js";
import { checkBucket } from "../storage/stored-model.js";
import { walkFiles } from "../storage/walk-files.js";
import {
  addModelArtifact,
  ensureModelVersion,
  ensureRegisteredModel,
  findModelArtifact,
} from "./model-entities.js";
import {
  inspectPrefix,
  localManifest,
  type StoredModel,
  type UploadPlan,
  uploadModelFiles,
} from "./store-model-files.js";

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
  onProgress?: ProgressCallback | undefined;
  signal?: AbortSignal | undefined;
}

/** `created`: all new. `unchanged`: the version already holds this content; nothing was written. `completed`: an
 * earlier, interrupted registration of this version was finished. */
export type RegisterStatus = "created" | "unchanged" | "completed";

export interface RegisterModelResult {
  registeredModel: RegisteredModel;
  modelVersion: ModelVersion;
  modelArtifact: ModelArtifact;
  uri: string;
  status: RegisterStatus;
  /** For uploads: the manifest's digest, total bytes and file count. */
  manifest?: { digest: string; totalBytes: number; fileCount: number } | undefined;
}

/** Custom property names on the model artifact of an uploaded model. */
export const ARTIFACT_PROPERTIES = {
  digest: "model_manifest_sha256",
  size: "model_size_bytes",
  files: "model_file_count",
  manifest: "model_manifest_uri",
} as const;

const hasControlCharacter = (text: string) => [...text].some((c) => c.charCodeAt(0) < 0x20 || c === "\u007f");

function checkParams(params: RegisterModelParams): void {
  for (const [label, value] of [
    ["name", params.name],
    ["version", params.version],
  ] as const) {
    if (typeof value !== "string" || value.trim() === "" || hasControlCharacter(value))
      throw new ConfigError(`the model ${label} must be a non-empty string without control characters`);
  }
  if (Boolean(params.artifact) === Boolean(params.uri))
    throw new ConfigError(
      "pass either artifact (a local file or directory to upload) or uri (an existing location to register), exactly one",
    );
}

async function planUpload(
  params: RegisterModelParams,
  defaults: StorageOptions,
  path: string,
): Promise<UploadPlan> {
  const storage = { ...defaults, ...params.storage };
  if (!storage.bucket)
    throw new ConfigError(
      "no bucket to upload to: pass storage.bucket, or set AWS_S3_BUCKET and use ModelRegistry.fromEnv()",
    );
  const local = await walkFiles(path, { reserved: RESERVED_NAMES });
  const prefix = modelPrefix(params.name, params.version, storage.prefix);
  if (!prefix)
    throw new ConfigError("the storage prefix must not be empty: a model needs a folder of its own");
  const client = s3ClientFor(storage);
  await checkBucket(client, storage.bucket, params.signal);
  return {
    client,
    bucket: storage.bucket,
    prefix,
    local,
    partSize: storage.partSize,
    concurrency: storage.concurrency,
  };
}

/** Registers (and uploads) a model. See {@link RegisterModelParams}; the result says what happened. */
export async function registerModel(
  mr: ModelRegistry,
  params: RegisterModelParams,
  defaults: StorageOptions = {},
): Promise<RegisterModelResult> {
  const { signal, onProgress } = params;
  onProgress?.({ type: "phase", phase: "checking" });
  checkParams(params);
  const plan = params.artifact ? await planUpload(params, defaults, params.artifact) : undefined;
  await mr.registeredModels.list({ pageSize: 1, limit: 1, ...(signal ? { signal } : {}) }).toArray(); // the registry answers

  // Read everything first; nothing is created until the storage side is known to be writable.
  const what = `version ${JSON.stringify(params.version)} of model ${JSON.stringify(params.name)}`;
  const knownModel = await mr.registeredModels.find({ name: params.name });
  const knownVersion =
    knownModel && (await mr.modelVersions.find({ name: params.version, registeredModelId: knownModel.id }));
  const existing = knownVersion && (await findModelArtifact(mr, knownVersion.id));
  if (knownModel && knownVersion && existing)
    return unchangedOrConflict(params, plan, {
      registeredModel: knownModel,
      modelVersion: knownVersion,
      modelArtifact: existing,
    });
  const prefixState =
    plan && (await inspectPrefix(plan, { newVersion: !knownVersion, what, signal, onProgress }));

  const author = params.author ?? mr.author;
  const registeredModel =
    knownModel ??
    (
      await ensureRegisteredModel(mr, params.name, {
        name: params.name,
        owner: params.owner ?? author,
        description: params.modelDescription,
      })
    ).entity;
  const lineage = params.lineage === false ? {} : (params.lineage ?? mr.lineage);
  const { entity: modelVersion, created } = knownVersion
    ? { entity: knownVersion, created: false }
    : await ensureModelVersion(mr, registeredModel.id, {
        name: params.version,
        author,
        description: params.description,
        customProperties: { ...lineage, ...params.metadata },
      });

  let stored: StoredModel | undefined;
  if (plan && prefixState)
    stored =
      "reuse" in prefixState ? prefixState.reuse : await uploadModelFiles(plan, { signal, onProgress });
  const uri = stored?.uri ?? (params.uri as string);
  onProgress?.({ type: "phase", phase: "registering", detail: uri });
  let modelArtifact: ModelArtifact;
  try {
    modelArtifact = await addModelArtifact(mr, modelVersion.id, {
      name: params.artifactName ?? params.name,
      uri,
      state: "LIVE",
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
    });
  } catch (error) {
    if (stored && (error instanceof ConnectionError || error instanceof ServerError)) {
      const again = `The files are stored at ${uri}; run the same registration again to complete it (it will not upload them twice)`;
      throw error instanceof ConnectionError
        ? new ConnectionError(`${error.message}. ${again}`, { cause: error })
        : new ServerError(error, again);
    }
    throw error;
  }
  // A concurrent run may have added the artifact first (addModelArtifact then returns theirs): it must be ours.
  const recorded = stored ? modelArtifact.customProperties[ARTIFACT_PROPERTIES.digest] : modelArtifact.uri;
  const ours = stored ? stored.digest : uri;
  if (recorded !== ours) {
    const theirs = typeof recorded === "string" ? recorded : undefined;
    throw new VersionConflictError(
      `${what} was registered at the same time by another run, with ${theirs ?? "other content"} instead of ${ours}`,
      theirs,
      ours,
    );
  }
  onProgress?.({ type: "phase", phase: "done", detail: uri });
  const manifest = stored && {
    digest: stored.digest,
    totalBytes: stored.manifest.totalBytes,
    fileCount: stored.manifest.fileCount,
  };
  return {
    registeredModel,
    modelVersion,
    modelArtifact,
    uri,
    status: created ? "created" : "completed",
    manifest,
  };
}

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
