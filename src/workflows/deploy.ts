// deploy/undeploy: the InferenceService records a cluster controller reconciles into real deployments. The registry
// is metadata only; these set `desiredState` and leave the rest to the controller.

import type {
  InferenceService,
  ModelVersion,
  RegisteredModel,
  ServingEnvironment,
} from "../client/entities.js";
import { ConflictError, EntityNotFoundError, InferenceServiceConflictError } from "../errors.js";
import { requireVersion } from "./lookup.js";
import type { RegistryClient } from "./registry-client.js";

export interface DeployParams {
  /** Registered model name. */
  model: string;
  /** Version name. */
  version: string;
  /** Serving environment name. */
  servingEnvironment: string;
  /** InferenceService name. Default `<model>-<version>`, lowercased to a Kubernetes-friendly name. */
  name?: string | undefined;
  /** Serving runtime, e.g. `mlserver` or `ovms`. */
  runtime?: string | undefined;
  /** Create the serving environment if it does not exist. Default false. */
  createEnvironment?: boolean | undefined;
}

/** `created`: a new service. `redeployed`: it was UNDEPLOYED. `updated`: it now serves another version or runtime.
 * `unchanged`: it already served this version. `undeployed`: set to UNDEPLOYED. */
export type DeployAction = "created" | "redeployed" | "updated" | "unchanged" | "undeployed";

export interface DeployResult {
  inferenceService: InferenceService;
  servingEnvironment: ServingEnvironment;
  registeredModel: RegisteredModel;
  modelVersion: ModelVersion;
  action: DeployAction;
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

async function environment(mr: RegistryClient, params: DeployParams): Promise<ServingEnvironment> {
  const found = await mr.servingEnvironments.find({ name: params.servingEnvironment });
  if (found) return found;
  if (!params.createEnvironment)
    throw missing(
      mr,
      `serving environment ${JSON.stringify(params.servingEnvironment)}`,
      "pass createEnvironment (mr-cli --create-env) to create it",
    );
  try {
    return await mr.servingEnvironments.create({ name: params.servingEnvironment });
  } catch (error) {
    const raced =
      error instanceof ConflictError &&
      (await mr.servingEnvironments.find({ name: params.servingEnvironment }));
    if (raced) return raced;
    throw error;
  }
}

/** Marks a model version DEPLOYED in a serving environment, creating or updating its InferenceService. */
export async function deploy(mr: RegistryClient, params: DeployParams): Promise<DeployResult> {
  const { registeredModel, modelVersion } = await requireVersion(
    mr,
    { name: params.model, version: params.version },
    { artifact: false },
  );
  const servingEnvironment = await environment(mr, params);
  const name = params.name ?? serviceName(params.model, params.version);
  const base = { registeredModel, modelVersion, servingEnvironment };

  let existing = await mr.inferenceServices.find({ name, servingEnvironmentId: servingEnvironment.id });
  if (!existing) {
    try {
      const created = await mr.servingEnvironments.inferenceServices(servingEnvironment.id).create({
        name,
        registeredModelId: registeredModel.id,
        modelVersionId: modelVersion.id,
        desiredState: "DEPLOYED",
        ...(params.runtime ? { runtime: params.runtime } : {}),
      });
      return { ...base, inferenceService: created, action: "created" };
    } catch (error) {
      existing =
        error instanceof ConflictError
          ? await mr.inferenceServices.find({ name, servingEnvironmentId: servingEnvironment.id })
          : null;
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
  const inferenceService = await mr.inferenceServices.update(existing.id, {
    desiredState: "DEPLOYED",
    modelVersionId: modelVersion.id,
    ...(params.runtime ? { runtime: params.runtime } : {}),
  });
  return { ...base, inferenceService, action: redeploy ? "redeployed" : "updated" };
}

/** Which inference service to undeploy: by id, or by name within a serving environment. */
export type UndeployParams = { inferenceService: string } | { name: string; servingEnvironment: string };

/** Marks an InferenceService UNDEPLOYED (the record stays, so it can be redeployed). */
export async function undeploy(
  mr: RegistryClient,
  params: UndeployParams,
): Promise<{ inferenceService: InferenceService; action: DeployAction }> {
  let id: string;
  if ("inferenceService" in params) id = params.inferenceService;
  else {
    const env = await mr.servingEnvironments.find({ name: params.servingEnvironment });
    if (!env) throw missing(mr, `serving environment ${JSON.stringify(params.servingEnvironment)}`);
    const found = await mr.inferenceServices.find({ name: params.name, servingEnvironmentId: env.id });
    if (!found)
      throw missing(
        mr,
        `inference service ${JSON.stringify(params.name)} in ${JSON.stringify(params.servingEnvironment)}`,
      );
    id = found.id;
  }
  const current = await mr.inferenceServices.get(id);
  if (current.desiredState === "UNDEPLOYED") return { inferenceService: current, action: "unchanged" };
  return {
    inferenceService: await mr.inferenceServices.update(id, { desiredState: "UNDEPLOYED" }),
    action: "undeployed",
  };
}
