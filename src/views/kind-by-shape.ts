// The one fallback for values that carry no kind tag. The client and the catalog tag what they create (see
// src/client/entity.ts), but a tag lives in a WeakMap keyed by the object: a copy made in user code (`{ ...entity }`,
// structuredClone, JSON round trips) has none, nor does an object built by hand or decoded without a kind (the
// workflows tag the results of registerModel, deploy and undeploy; a copy of one loses it). Such values are told apart by their
// fields here, and only here. Registered models and experiments have the same shape: untagged, such an entity is
// taken for a registered model.
import type { AnyEntity } from "./any-entity.js";

/** Whether `value` has an entity's shape: a string `id` and a `customProperties` object. */
export function hasEntityShape(value: unknown): value is AnyEntity {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const { id, customProperties } = value as Record<string, unknown>;
  return typeof id === "string" && typeof customProperties === "object" && customProperties !== null;
}

/** The kind of an untagged entity, from the parent fields that tell the API's entities apart. */
export function entityKindByShape(entity: AnyEntity): string {
  if ("servingEnvironmentId" in entity) return "inference service";
  if ("experimentId" in entity) return "experiment run";
  if ("registeredModelId" in entity) return "model version";
  if ("modelVersionId" in entity) return "serve";
  if ("state" in entity) return "registered model";
  return "serving environment";
}

/** The kind of an untagged result of the facade: registerModel's ("register result") or deploy's and undeploy's
 * ("deploy outcome"), recognised by their entities; else undefined. */
export function resultKindByShape(value: object, isEntity: (part: unknown) => boolean): string | undefined {
  const fields = value as Record<string, unknown>;
  if (
    isEntity(fields.registeredModel) &&
    isEntity(fields.modelVersion) &&
    isEntity(fields.modelArtifact) &&
    typeof fields.status === "string"
  )
    return "register result";
  if (isEntity(fields.inferenceService) && typeof fields.action === "string") return "deploy outcome";
  return undefined;
}
