// Which kind a value is, as the code that created it said: the client and the catalog tag each value they return
// with its kind (src/client/entity.ts); an artifact's own `artifactType` says which artifact it is, and survives
// copies; the workflows tag the results of registerModel, deploy and undeploy. Values with no tag (copies made in
// user code, objects built by hand) are placed by kind-by-shape.ts.
import { entityKind } from "../client/entity.js";
import type { AnyEntity } from "./any-entity.js";
import { entityKindByShape, hasEntityShape, resultKindByShape } from "./kind-by-shape.js";

/** Kinds of values that hold entities rather than being one: each has its own card. */
const COMPOSITES = new Set(["register result", "deploy outcome", "catalog model description"]);

const ARTIFACT_KINDS: Record<string, string> = {
  "model-artifact": "model artifact",
  "doc-artifact": "doc artifact",
  "dataset-artifact": "data set",
  metric: "metric",
  parameter: "parameter",
};

/** The entity kind of `value` in words ("model version", "catalog source"), or undefined when it is no entity. */
export function entityKindOf(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const tagged = entityKind(value);
  if (tagged !== undefined && COMPOSITES.has(tagged)) return undefined;
  if (tagged?.startsWith("catalog ")) return tagged; // catalog artifacts have the registry's artifactType values
  const { artifactType } = value as Record<string, unknown>;
  if (typeof artifactType === "string") return ARTIFACT_KINDS[artifactType] ?? "artifact";
  if (tagged !== undefined) return tagged;
  return hasEntityShape(value) ? entityKindByShape(value) : undefined;
}

/** The kind of any value the SDK returns: an entity's ({@link entityKindOf}), or a result's ("register result",
 * "deploy outcome", "catalog model description"); undefined for anything else. */
export function kindOf(value: unknown): string | undefined {
  const entity = entityKindOf(value);
  if (entity !== undefined || typeof value !== "object" || value === null) return entity;
  const tagged = entityKind(value);
  if (tagged !== undefined) return tagged;
  return resultKindByShape(value, (part) => entityKindOf(part) !== undefined);
}

/** `value` as an entity, when it is one. */
export function asEntity(value: unknown): AnyEntity | undefined {
  return entityKindOf(value) === undefined ? undefined : (value as AnyEntity);
}

/** The plural of a kind, for table titles. */
export function plural(kind: string, count: number): string {
  if (count === 1) return kind;
  return kind === "data set" ? "data sets" : `${kind}s`;
}
