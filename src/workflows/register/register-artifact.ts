// The artifact step of registerModel: the body it records (the call's fields and what a store put), and registering
// a URI as is, where a version that already has its artifact is unchanged for the same place (however its store
// spells it) and a VersionConflictError for another.
import type { ModelArtifact, ModelVersion } from "../../client/entities.js";
import { VersionConflictError } from "../../errors.js";
import type { StoredContent } from "../../storage/model-store.js";
import { recordsPlace } from "../../storage/model-stores.js";
import type { StepContext } from "../converge.js";
import { addModelArtifact } from "../model-entities.js";
import type { RegistryClient } from "../registry-client.js";
import type { RegisterModelParams, RegisterModelResult } from "./register-params.js";

/** The artifact body of this registration at `uri`; `stored` adds what a store put there (its properties, and its
 * path for a storage key given without one). */
export function artifactBody(params: RegisterModelParams, uri: string, stored?: StoredContent) {
  return {
    name: params.artifactName ?? params.name,
    uri,
    state: "LIVE" as const,
    modelFormatName: params.modelFormat?.name,
    modelFormatVersion: params.modelFormat?.version,
    storageKey: params.storageKey,
    storagePath: params.storagePath ?? (params.storageKey ? stored?.storagePath : undefined),
    serviceAccountName: params.serviceAccountName,
    modelSourceKind: params.modelSourceKind,
    modelSourceClass: params.modelSourceClass,
    modelSourceGroup: params.modelSourceGroup,
    modelSourceId: params.modelSourceId,
    modelSourceName: params.modelSourceName,
    customProperties: stored?.properties ?? {},
  };
}

/** Records `params.uri` as the version's artifact. @throws VersionConflictError when a concurrent run recorded
 * another place. */
export async function registerUri(
  mr: RegistryClient,
  ctx: StepContext,
  params: RegisterModelParams,
  modelVersion: ModelVersion,
  what: string,
): Promise<{ modelArtifact: ModelArtifact; created: boolean }> {
  const uri = params.uri as string;
  params.onProgress?.({ type: "phase", phase: "registering", detail: uri });
  const { entity, created } = await addModelArtifact(mr, ctx, modelVersion.id, artifactBody(params, uri));
  if (!created && !recordsPlace(entity, uri))
    throw new VersionConflictError(
      `${what} was registered at the same time by another run, at ${entity.uri} instead of ${uri}`,
      entity.uri,
      uri,
    );
  return { modelArtifact: entity, created };
}

/** The result for a version registered as is that already has its artifact: `unchanged` for the same place (the same
 * URI, or another spelling of it: see `recordsPlace`), else VersionConflictError. */
export function uriUnchangedOrConflict(
  params: RegisterModelParams,
  what: string,
  entities: Pick<RegisterModelResult, "registeredModel" | "modelVersion" | "modelArtifact">,
): RegisterModelResult {
  const { modelArtifact } = entities;
  if (recordsPlace(modelArtifact, params.uri ?? ""))
    return { ...entities, uri: modelArtifact.uri ?? "", status: "unchanged" };
  throw new VersionConflictError(
    `${what} is already registered at ${modelArtifact.uri}, not ${params.uri}. Nothing was uploaded or changed; register the new content as a new version`,
    modelArtifact.uri,
    params.uri ?? "",
  );
}
