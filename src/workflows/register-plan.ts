// registerModel's plan: every check and read it makes before its first write (the registry lookup, the bucket check,
// the storage folder's inspection, the content comparison), and what it would do. mr-cli's `register --dry-run`.
import { describeStorageSettings } from "../config/storage-settings.js";
import { converge, type StepContext } from "./converge.js";
import { unchangedOrConflict } from "./register-artifact.js";
import { checkParams, planUpload, readKnown } from "./register-model.js";
import type { RegisterModelParams, RegisterStatus } from "./register-params.js";
import type { RegistryClient } from "./registry-client.js";
import { storageSettingsFor } from "./storage-client.js";
import { inspectPrefix, planUri } from "./store-model-files.js";

/** What `registerModel` would do with these params, decided from the registry and the store as they are. */
export interface RegisterPlan {
  /** The registered model's name. */
  name: string;
  /** The version's name. */
  version: string;
  /** The URI the model artifact would record. */
  uri: string;
  /** The status registerModel would return: `created`, `completed` (the version exists without its artifact) or
   * `unchanged` (registered with this very content). */
  status: RegisterStatus;
  /** The registered model: `reuse <id>` or `create`. */
  registeredModel: string;
  /** The version: `exists <id>` or `create`. */
  modelVersion: string;
  /** The model artifact: `exists <id>` or `create`. */
  modelArtifact: string;
  /** For uploads: the files that would be uploaded (relative paths), their count and total bytes. */
  files?: { count: number; bytes: number; list: string[] } | undefined;
  /** For uploads: every storage setting and where it came from (never a secret). */
  storage?: Record<string, string> | undefined;
  /** For uploads: nothing to upload, the folder already holds exactly these files. */
  reuseStoredFiles?: boolean | undefined;
  /** For uploads: another run is uploading into the folder now; registerModel would wait for it (`waitTimeout`). */
  waitsFor?: { since: Date; uri: string } | undefined;
}

/**
 * registerModel's reads and checks, and none of its writes: the same ConfigError, UploadError (a storage folder that
 * holds another version's files; a bucket that does not answer) and VersionConflictError (other content for a
 * registered version, both digests named) that the real run would raise before writing anything.
 */
export async function planRegisterModel(
  mr: RegistryClient,
  params: RegisterModelParams,
): Promise<RegisterPlan> {
  checkParams(mr, params);
  const ctx: StepContext = { policy: mr.retryPolicy, signal: params.signal };
  const upload = params.path ? await planUpload(mr, ctx, params, params.path) : undefined;
  mr.secrets.add(upload?.credentials.secretAccessKey);
  mr.secrets.add(upload?.credentials.sessionToken);
  const known = await readKnown(mr, ctx, params);
  const { registeredModel, modelVersion, modelArtifact } = known;
  const plan: RegisterPlan = {
    name: params.name,
    version: params.version,
    uri: upload ? planUri(upload) : (params.uri ?? ""),
    status: modelArtifact ? "unchanged" : modelVersion ? "completed" : "created",
    registeredModel: registeredModel ? `reuse ${registeredModel.id}` : "create",
    modelVersion: modelVersion ? `exists ${modelVersion.id}` : "create",
    modelArtifact: modelArtifact ? `exists ${modelArtifact.id}` : "create",
  };
  if (upload) {
    plan.files = {
      count: upload.local.files.length,
      bytes: upload.local.totalBytes,
      list: upload.local.files.map((file) => file.relativePath),
    };
    plan.storage = describeStorageSettings(await storageSettingsFor(mr, params.storage));
  }
  if (registeredModel && modelVersion && modelArtifact) {
    const registered = { registeredModel, modelVersion, modelArtifact };
    return { ...plan, uri: (await unchangedOrConflict(params, upload, registered)).uri };
  }
  if (!upload) return plan;
  const what = `version ${JSON.stringify(params.version)} of model ${JSON.stringify(params.name)}`;
  const inspect = { newVersion: !modelVersion, what, signal: params.signal, onProgress: params.onProgress };
  const state = await converge(ctx, () => inspectPrefix(upload, inspect));
  if ("busy" in state) plan.waitsFor = state.busy;
  if ("reuse" in state) plan.reuseStoredFiles = true;
  return plan;
}
