// Find-or-create for the three entities of a registration. Creates are made idempotent through their natural keys:
// a 409 (someone created it meanwhile, or our earlier response was lost) is resolved by finding it by name.

import { API_PREFIX } from "../client/api-prefix.js";
import type { ModelArtifact, ModelVersion, RegisteredModel } from "../client/entities.js";
import type { EntityInput } from "../client/entity.js";
import { ConflictError, ModelRegistryError, notFound } from "../client/errors.js";
import type * as wire from "../client/types.js";
import type { ModelRegistry } from "../model-registry.js";

async function findOrCreate<T>(
  find: () => Promise<T | null>,
  create: () => Promise<T>,
  what: string,
): Promise<{ entity: T; created: boolean }> {
  const existing = await find();
  if (existing) return { entity: existing, created: false };
  try {
    return { entity: await create(), created: true };
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const raced = await find();
    if (raced) return { entity: raced, created: false };
    throw new ModelRegistryError(`${what} exists (the server answered 409) but cannot be found by name`, {
      cause: error,
    });
  }
}

/** The registered model with this name, created (with owner and description) if there is none. */
export function ensureRegisteredModel(
  mr: ModelRegistry,
  name: string,
  create: EntityInput<wire.RegisteredModelCreate>,
): Promise<{ entity: RegisteredModel; created: boolean }> {
  return findOrCreate(
    () => mr.registeredModels.find({ name }),
    () => mr.registeredModels.create(create),
    `registered model ${JSON.stringify(name)}`,
  );
}

/** The version with this name under the model, created if there is none. */
export function ensureModelVersion(
  mr: ModelRegistry,
  registeredModelId: string,
  create: EntityInput<Omit<wire.ModelVersionCreate, "registeredModelId">> & { name: string },
): Promise<{ entity: ModelVersion; created: boolean }> {
  return findOrCreate(
    () => mr.modelVersions.find({ name: create.name, registeredModelId }),
    () => mr.registeredModels.versions(registeredModelId).create(create),
    `model version ${JSON.stringify(create.name)}`,
  );
}

/** The model artifact of a version, if it has one. */
export async function findModelArtifact(
  mr: ModelRegistry,
  modelVersionId: string,
): Promise<ModelArtifact | null> {
  for await (const artifact of mr.modelVersions
    .artifacts(modelVersionId)
    .list({ artifactType: "model-artifact", pageSize: 10 })) {
    if (artifact.artifactType === "model-artifact") return artifact;
  }
  return null;
}

/** The model artifact of a version; NotFoundError naming `what` (e.g. `version "v1" of model "mnist"`) if none. */
export async function requireModelArtifact(
  mr: ModelRegistry,
  modelVersionId: string,
  what: string,
): Promise<ModelArtifact> {
  const artifact = await findModelArtifact(mr, modelVersionId);
  if (!artifact)
    throw notFound(
      `model artifact of ${what}`,
      `${mr.url}${API_PREFIX}/model_versions/${modelVersionId}/artifacts`,
    );
  return artifact;
}

/** Adds the model artifact to a version; if one appeared meanwhile (a concurrent run), returns that one. */
export async function addModelArtifact(
  mr: ModelRegistry,
  modelVersionId: string,
  artifact: EntityInput<Omit<wire.ModelArtifact, "artifactType">>,
): Promise<ModelArtifact> {
  try {
    const created = await mr.modelVersions
      .artifacts(modelVersionId)
      .upsert({ ...artifact, artifactType: "model-artifact" });
    if (created.artifactType === "model-artifact") return created;
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
  }
  const existing = await findModelArtifact(mr, modelVersionId);
  if (!existing)
    throw new ModelRegistryError(
      `the model artifact of version ${modelVersionId} was created but cannot be read back`,
    );
  return existing;
}
