// What a copy records of where it came from: the artifact's model-source fields, the way registerFromCatalog records a
// catalog model. The same fields tell a re-run that the version there is this copy.
import type { ModelArtifact, ModelVersion, RegisteredModel } from "../../client/entities.js";
import type { RegistryClient } from "../registry-client.js";

/** The `modelSourceKind` of a version copied from another registry. */
export const REGISTRY_SOURCE_KIND = "model-registry";

/** The model-source fields of a copy: kind `model-registry`, class the source registry's URL, group the model's name,
 * name the version's name, id the version's id there. */
export function copyOrigin(
  mr: RegistryClient,
  source: { registeredModel: RegisteredModel; modelVersion: ModelVersion },
): {
  modelSourceKind: string;
  modelSourceClass: string;
  modelSourceGroup: string;
  modelSourceName: string;
  modelSourceId: string;
} {
  return {
    modelSourceKind: REGISTRY_SOURCE_KIND,
    modelSourceClass: mr.url,
    modelSourceGroup: source.registeredModel.name,
    modelSourceName: source.modelVersion.name,
    modelSourceId: source.modelVersion.id,
  };
}

/** True when `artifact` records that it was copied from the version `origin` names. */
export function isCopyOf(artifact: ModelArtifact, origin: ReturnType<typeof copyOrigin>): boolean {
  return (
    artifact.modelSourceKind === origin.modelSourceKind &&
    artifact.modelSourceClass === origin.modelSourceClass &&
    artifact.modelSourceId === origin.modelSourceId
  );
}
