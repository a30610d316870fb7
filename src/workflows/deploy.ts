// deploy/undeploy: the InferenceService records a cluster controller reconciles into real deployments. The registry
// is metadata only; these set `desiredState` and leave the rest to the controller.

import { type CallOptions, callOptions } from "../client/call-options.js";
import type {
  InferenceService,
  ModelVersion,
  RegisteredModel,
  ServingEnvironment,
} from "../client/entities.js";
import { ConflictError, EntityNotFoundError, InferenceServiceConflictError } from "../errors.js";
import { requireVersion } from "./lookup.js";
import type { RegistryClient } from "./registry-client.js";
import type { VersionName } from "./version-name.js";

/** What to deploy where: a version by name, into a serving environment by name. */
export interface DeployParams extends VersionName, CallOptions {
  /** The serving environment's name. */
  servingEnvironment: string;
  /** The InferenceService's name. Default `<name>-<version>`, lowercased to a Kubernetes name (DNS-1035, at most 63
   * characters). */
  inferenceService?: string | undefined;
  /** Serving runtime, e.g. `mlserver` or `ovms`. Default: none recorded (the controller picks one). */
  runtime?: string | undefined;
  /** Create the serving environment if it does not exist. Default false (EntityNotFoundError instead). */
  createEnvironment?: boolean | undefined;
}

/** `created`: a new service. `redeployed`: it was UNDEPLOYED. `updated`: it now serves another version or runtime.
 * `unchanged`: it already served this version (or was already undeployed). `undeployed`: set to UNDEPLOYED. */
export type DeployAction = "created" | "redeployed" | "updated" | "unchanged" | "undeployed";

/** What `deploy` did, and the entities involved as they are now. */
export interface DeployResult {
  /** The InferenceService as it is now (`desiredState: DEPLOYED`). */
  inferenceService: InferenceService;
  /** The serving environment it is in (created by this call with `createEnvironment`, or found). */
  servingEnvironment: ServingEnvironment;
  /** The registered model deployed. */
  registeredModel: RegisteredModel;
  /** The version deployed. */
  modelVersion: ModelVersion;
  /** What this call did: see {@link DeployAction}. */
  action: DeployAction;
}

/** Which InferenceService to undeploy: by id (`inferenceServiceId`), or by name within a serving environment named
 * `servingEnvironment`. */
export type UndeployParams = CallOptions &
  ({ inferenceServiceId: string } | { inferenceService: string; servingEnvironment: string });

/** What `undeploy` did (`undeployed`, or `unchanged` when it was undeployed already) and the service as it is now. */
export interface UndeployResult {
  /** The InferenceService as it is now (`desiredState: UNDEPLOYED`). */
  inferenceService: InferenceService;
  /** `undeployed` by this call, or `unchanged` when it was undeployed already. */
  action: Extract<DeployAction, "undeployed" | "unchanged">;
}

/** A name Kubernetes accepts: lowercase letters, digits and dashes, at most 63 characters. */
export function serviceName(model: string, version: string): string {
  const name = `${model}-${version}`
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-+|-+$/g, "");
  return name.slice(0, 63).replace(/-+$/, "") || "model";
}

const missing = (mr: RegistryClient, subject: string, hint?: string) =>
  new EntityNotFoundError(subject, mr.apiUrl, hint);

/** The serving environment named, created when asked and missing (a concurrent create's 409 finds theirs). */
async function environment(
  mr: RegistryClient,
  params: DeployParams,
  call: CallOptions,
): Promise<ServingEnvironment> {
  const name = params.servingEnvironment;
  const found = await mr.servingEnvironments.find({ name }, call);
  if (found) return found;
  if (!params.createEnvironment)
    throw missing(
      mr,
      `serving environment ${JSON.stringify(name)}`,
      "pass createEnvironment (mr-cli --create-env) to create it",
    );
  try {
    return await mr.servingEnvironments.create({ name }, call);
  } catch (error) {
    const raced = error instanceof ConflictError && (await mr.servingEnvironments.find({ name }, call));
    if (raced) return raced;
    throw error;
  }
}

/** Marks a model version DEPLOYED in a serving environment, creating or updating its InferenceService.
 * @throws EntityNotFoundError for a model, version or serving environment that does not exist.
 * @throws InferenceServiceConflictError when a service of that name serves another registered model. */
export async function deploy(mr: RegistryClient, params: DeployParams): Promise<DeployResult> {
  const call = callOptions(params);
  const { registeredModel, modelVersion } = await requireVersion(mr, params, { ...call, artifact: false });
  const servingEnvironment = await environment(mr, params, call);
  const name = params.inferenceService ?? serviceName(params.name, params.version);
  const base = { registeredModel, modelVersion, servingEnvironment };
  const where = { name, servingEnvironmentId: servingEnvironment.id };

  let existing = await mr.inferenceServices.find(where, call);
  if (!existing) {
    try {
      const created = await mr.servingEnvironments.inferenceServices(servingEnvironment.id).create(
        {
          name,
          registeredModelId: registeredModel.id,
          modelVersionId: modelVersion.id,
          desiredState: "DEPLOYED",
          ...(params.runtime ? { runtime: params.runtime } : {}),
        },
        call,
      );
      return { ...base, inferenceService: created, action: "created" };
    } catch (error) {
      existing = error instanceof ConflictError ? await mr.inferenceServices.find(where, call) : null;
      if (!existing) throw error;
    }
  }
  if (existing.registeredModelId !== registeredModel.id) {
    throw new InferenceServiceConflictError(
      `inference service ${JSON.stringify(name)} in ${JSON.stringify(params.servingEnvironment)} (${existing.id}) serves registered model ${existing.registeredModelId}, not ${registeredModel.id}; nothing was changed: give another name`,
    );
  }
  const redeploy = existing.desiredState !== "DEPLOYED";
  const newVersion = existing.modelVersionId !== modelVersion.id;
  const newRuntime = params.runtime !== undefined && existing.runtime !== params.runtime;
  if (!redeploy && !newVersion && !newRuntime)
    return { ...base, inferenceService: existing, action: "unchanged" };
  const inferenceService = await mr.inferenceServices.update(
    existing.id,
    {
      desiredState: "DEPLOYED",
      modelVersionId: modelVersion.id,
      ...(params.runtime ? { runtime: params.runtime } : {}),
    },
    call,
  );
  return { ...base, inferenceService, action: redeploy ? "redeployed" : "updated" };
}

/** The id of the InferenceService named in `params`. @throws EntityNotFoundError when it or its serving environment
 * does not exist. */
async function serviceId(mr: RegistryClient, params: UndeployParams, call: CallOptions): Promise<string> {
  if ("inferenceServiceId" in params) return params.inferenceServiceId;
  const env = await mr.servingEnvironments.find({ name: params.servingEnvironment }, call);
  if (!env) throw missing(mr, `serving environment ${JSON.stringify(params.servingEnvironment)}`);
  const found = await mr.inferenceServices.find(
    { name: params.inferenceService, servingEnvironmentId: env.id },
    call,
  );
  if (!found)
    throw missing(
      mr,
      `inference service ${JSON.stringify(params.inferenceService)} in ${JSON.stringify(params.servingEnvironment)}`,
    );
  return found.id;
}

/** Marks an InferenceService UNDEPLOYED (the record stays, so it can be redeployed).
 * @throws EntityNotFoundError (by name) or NotFoundError (by id) when there is no such service. */
export async function undeploy(mr: RegistryClient, params: UndeployParams): Promise<UndeployResult> {
  const call = callOptions(params);
  const id = await serviceId(mr, params, call);
  const current = await mr.inferenceServices.get(id, call);
  if (current.desiredState === "UNDEPLOYED") return { inferenceService: current, action: "unchanged" };
  return {
    inferenceService: await mr.inferenceServices.update(id, { desiredState: "UNDEPLOYED" }, call),
    action: "undeployed",
  };
}
