// Create-or-find for the three entities of a registration. Creates are made idempotent through their natural keys:
// a 409 (someone created it meanwhile, or our earlier attempt went through with its reply lost) is resolved by
// finding it by name.

import { type CallOptions, callOptions } from "../client/call-options.js";
import type { ModelArtifact, ModelVersion, RegisteredModel } from "../client/entities.js";
import type { EntityInput } from "../client/entity.js";
import type * as wire from "../client/types.js";
import { ConflictError, ModelRegistryError, ServerError } from "../errors.js";
import { converge, isTransient, type StepContext } from "./converge.js";
import type { RegistryClient } from "./registry-client.js";

/**
 * Creates an entity that the caller has just looked for and not found; if the server answers 409 (a concurrent run
 * created it meanwhile), finds it instead. Runs as a step that converges: after a lost reply, the next attempt looks
 * the entity up before creating it again. `created` is true when this run's create went through.
 */
async function createOrFind<T>(
  ctx: StepContext,
  find: () => Promise<T | null>,
  create: () => Promise<T>,
  what: string,
): Promise<{ entity: T; created: boolean }> {
  let lookFirst = false; // an earlier attempt failed: the entity may exist now (ours, or a concurrent run's)
  let mayBeOurs = false; // an earlier attempt's create may have gone through
  return converge(ctx, async () => {
    if (lookFirst) {
      const found = await find();
      if (found) return { entity: found, created: mayBeOurs };
    }
    try {
      return { entity: await create(), created: true };
    } catch (error) {
      lookFirst ||= isTransient(error);
      // No answer, or a gateway's 502/504, may hide a create that went through; the registry's own 500/503 does not.
      const status = error instanceof ServerError ? error.status : undefined;
      if (isTransient(error) && (status === undefined || status === 502 || status === 504)) mayBeOurs = true;
      if (!(error instanceof ConflictError)) throw error;
      const raced = await find();
      if (raced) return { entity: raced, created: mayBeOurs };
      throw new ModelRegistryError(`${what} exists (the server answered 409) but cannot be found by name`, {
        cause: error,
      });
    }
  });
}

/** Creates the registered model (the caller found none), or finds the one a concurrent run created. */
export function ensureRegisteredModel(
  mr: RegistryClient,
  ctx: StepContext,
  create: EntityInput<wire.RegisteredModelCreate> & { name: string },
): Promise<{ entity: RegisteredModel; created: boolean }> {
  const { name } = create;
  return createOrFind(
    ctx,
    () => mr.registeredModels.find({ name }, { signal: ctx.signal }),
    () => mr.registeredModels.create(create, { signal: ctx.signal }),
    `registered model ${JSON.stringify(name)}`,
  );
}

/** Creates the version under the model (the caller found none), or finds the one a concurrent run created. */
export function ensureModelVersion(
  mr: RegistryClient,
  ctx: StepContext,
  registeredModelId: string,
  create: EntityInput<Omit<wire.ModelVersionCreate, "registeredModelId">> & { name: string },
): Promise<{ entity: ModelVersion; created: boolean }> {
  return createOrFind(
    ctx,
    () => mr.modelVersions.find({ name: create.name, registeredModelId }, { signal: ctx.signal }),
    () => mr.registeredModels.versions(registeredModelId).create(create, { signal: ctx.signal }),
    `model version ${JSON.stringify(create.name)}`,
  );
}

/** The model artifact of a version, if it has one. */
export async function findModelArtifact(
  mr: RegistryClient,
  modelVersionId: string,
  options: CallOptions = {},
): Promise<ModelArtifact | null> {
  for await (const artifact of mr.modelVersions
    .artifacts(modelVersionId)
    .list({ ...callOptions(options), artifactType: "model-artifact", pageSize: 10 })) {
    if (artifact.artifactType === "model-artifact") return artifact;
  }
  return null;
}

/** Adds the model artifact to a version; if one appeared meanwhile (a concurrent run), returns that one with
 * `created: false`. */
export function addModelArtifact(
  mr: RegistryClient,
  ctx: StepContext,
  modelVersionId: string,
  artifact: EntityInput<Omit<wire.ModelArtifact, "artifactType">>,
): Promise<{ entity: ModelArtifact; created: boolean }> {
  const upsert = async (): Promise<ModelArtifact> => {
    const created = await mr.modelVersions
      .artifacts(modelVersionId)
      .upsert({ ...artifact, artifactType: "model-artifact" }, { signal: ctx.signal });
    if (created.artifactType === "model-artifact") return created;
    throw new ModelRegistryError(`the server answered with a ${created.artifactType}, not a model artifact`);
  };
  return createOrFind(
    ctx,
    () => findModelArtifact(mr, modelVersionId, { signal: ctx.signal }),
    upsert,
    `the model artifact of version ${modelVersionId}`,
  );
}
