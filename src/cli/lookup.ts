// Entities named on the command line, found by name or reported as not found.

import type {
  InferenceService,
  ModelArtifact,
  ModelVersion,
  RegisteredModel,
  ServingEnvironment,
} from "../client/entities.js";
import { EntityNotFoundError } from "../errors.js";
import type { ModelRegistry } from "../model-registry.js";
import { requireVersion as requireVersionTree } from "../workflows/lookup.js";

const missing = (mr: ModelRegistry, subject: string, hint?: string) =>
  new EntityNotFoundError(subject, mr.apiUrl, hint);

export async function requireModel(mr: ModelRegistry, name: string): Promise<RegisteredModel> {
  const model = await mr.registeredModels.find({ name });
  if (!model) throw missing(mr, `registered model ${JSON.stringify(name)}`);
  return model;
}

/** The model and version named; EntityNotFoundError naming the first that is missing (the library's one lookup). */
export async function requireVersion(
  mr: ModelRegistry,
  modelName: string,
  version: string,
): Promise<{ model: RegisteredModel; version: ModelVersion }> {
  const found = await requireVersionTree(mr, { name: modelName, version }, { artifact: false });
  return { model: found.registeredModel, version: found.modelVersion };
}

/** The model, version and model artifact named; EntityNotFoundError naming the first that is missing. */
export async function requireArtifact(
  mr: ModelRegistry,
  modelName: string,
  version: string,
): Promise<{ model: RegisteredModel; version: ModelVersion; artifact: ModelArtifact }> {
  const found = await requireVersionTree(mr, { name: modelName, version });
  return { model: found.registeredModel, version: found.modelVersion, artifact: found.modelArtifact };
}

export async function requireEnvironment(mr: ModelRegistry, name: string): Promise<ServingEnvironment> {
  const env = await mr.servingEnvironments.find({ name });
  if (!env)
    throw missing(mr, `serving environment ${JSON.stringify(name)}`, "create it with deploy --create-env");
  return env;
}

/** The inference service of that name in the serving environment of that name; EntityNotFoundError naming the first
 * that is missing. */
export async function requireInferenceService(
  mr: ModelRegistry,
  name: string,
  environment: string,
  signal?: AbortSignal,
): Promise<{ environment: ServingEnvironment; service: InferenceService }> {
  const env = await requireEnvironment(mr, environment);
  const service = await mr.inferenceServices.find({ name, servingEnvironmentId: env.id }, { signal });
  if (!service)
    throw missing(mr, `inference service ${JSON.stringify(name)} in ${JSON.stringify(environment)}`);
  return { environment: env, service };
}
