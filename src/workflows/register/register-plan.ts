// registerModel's plan: every check and read it makes before its first write (the registry lookup, the destination's
// reach and rights, what it holds, the content comparison), and what it would do: a dry run of registerModel.
import type { StepContext } from "../converge.js";
import type { RegistryClient } from "../registry-client.js";
import { versionWhat } from "../version-name.js";
import { uriUnchangedOrConflict } from "./register-artifact.js";
import { checkParams, checkSign, openDestination, readKnown } from "./register-model.js";
import type { RegisterModelParams, RegisterPlan } from "./register-params.js";

export type { RegisterPlan } from "./register-params.js";

/**
 * registerModel's reads and checks, and none of its writes: the same ConfigError, UploadError (a storage folder that
 * holds another version's files; a bucket that does not answer) and VersionConflictError (other content for a
 * registered version, both digests named; a tag that names other content) that the real run would raise before
 * writing anything.
 */
export async function planRegisterModel(
  mr: RegistryClient,
  params: RegisterModelParams,
): Promise<RegisterPlan> {
  checkParams(mr, params);
  await checkSign(params);
  const ctx: StepContext = { policy: mr.retryPolicy, signal: params.signal };
  const what = versionWhat(params);
  const destination = params.path ? await openDestination(mr, ctx, params) : undefined;
  const known = await readKnown(mr, ctx, params);
  const { registeredModel, modelVersion, modelArtifact } = known;
  const plan: RegisterPlan = {
    name: params.name,
    version: params.version,
    uri: destination?.uri ?? params.uri ?? "",
    status: modelArtifact ? "unchanged" : modelVersion ? "completed" : "created",
    registeredModel: registeredModel ? `reuse ${registeredModel.id}` : "create",
    modelVersion: modelVersion ? `exists ${modelVersion.id}` : "create",
    modelArtifact: modelArtifact ? `exists ${modelArtifact.id}` : "create",
  };
  const registered =
    registeredModel && modelVersion && modelArtifact
      ? { registeredModel, modelVersion, modelArtifact }
      : undefined;
  if (!destination) {
    if (registered) uriUnchangedOrConflict(params, what, registered);
    return plan;
  }
  plan.files = await destination.files();
  const storage = await destination.describeSettings();
  if (storage) plan.storage = storage;
  if (registered) {
    const settled = await destination.registered(registered.modelArtifact, { what, dryRun: true });
    return { ...plan, uri: settled.uri, status: settled.status, reuseStoredFiles: settled.stored === true };
  }
  const state = await destination.inspect({ newVersion: !modelVersion, what, dryRun: true });
  if ("busy" in state) plan.waitsFor = state.busy;
  plan.reuseStoredFiles = "reuse" in state;
  return plan;
}
