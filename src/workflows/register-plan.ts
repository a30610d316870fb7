// registerModel's plan: every check and read it makes before its first write (the registry lookup, the bucket check,
// the storage folder's inspection, the content comparison), and what it would do: a dry run of registerModel.
import { describeStorageSettings } from "../config/storage-settings.js";
import { converge, type StepContext } from "./converge.js";
import { unchangedOrConflict } from "./register-artifact.js";
import { checkParams, planUpload, readKnown } from "./register-model.js";
import type { RegisterModelParams, RegisterPlan } from "./register-params.js";
import type { RegistryClient } from "./registry-client.js";
import { storageSettingsFor } from "./storage-client.js";
import { inspectPrefix, planUri } from "./store-model-files.js";

export type { RegisterPlan } from "./register-params.js";

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
  if (params.to !== undefined) {
    const { planOci } = await import("./register-oci.js");
    return planOci(mr, params, () => readKnown(mr, ctx, params));
  }
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
