// Entities named on the command line, found by name or reported as not found.

import type { ModelVersion, RegisteredModel, ServingEnvironment } from "../client/entities.js";
import { notFound } from "../client/errors.js";
import type { ModelRegistry } from "../model-registry.js";

const missing = (mr: ModelRegistry, subject: string, path: string) =>
  notFound(subject, `${mr.apiUrl}${path}`);

export async function requireModel(mr: ModelRegistry, name: string): Promise<RegisteredModel> {
  const model = await mr.registeredModels.find({ name });
  if (!model)
    throw missing(
      mr,
      `registered model ${JSON.stringify(name)}`,
      `/registered_model?name=${encodeURIComponent(name)}`,
    );
  return model;
}

export async function requireVersion(
  mr: ModelRegistry,
  modelName: string,
  version: string,
): Promise<{ model: RegisteredModel; version: ModelVersion }> {
  const model = await requireModel(mr, modelName);
  const found = await mr.modelVersions.find({ name: version, registeredModelId: model.id });
  if (!found)
    throw missing(
      mr,
      `version ${JSON.stringify(version)} of model ${JSON.stringify(modelName)}`,
      `/model_version?name=${encodeURIComponent(version)}&parentResourceId=${model.id}`,
    );
  return { model, version: found };
}

export async function requireEnvironment(mr: ModelRegistry, name: string): Promise<ServingEnvironment> {
  const env = await mr.servingEnvironments.find({ name });
  if (!env)
    throw missing(
      mr,
      `serving environment ${JSON.stringify(name)} (create it with deploy --create-env)`,
      `/serving_environment?name=${encodeURIComponent(name)}`,
    );
  return env;
}
