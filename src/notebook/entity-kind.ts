// Which kind of entity a value is, and which fields its table shows. Artifacts say their type; other entities are
// known by the tag the client sets when it knows it (decodeEntity's `kind`), else by their shape: the API's entities
// differ in their parent fields. Registered models and experiments have the same shape; untagged, such an entity is
// taken for a registered model.
import { entityKind } from "../client/entity.js";
import { formatProperties, formatTime, formatValue, truncate } from "./format.js";

/** Any entity as the client returns it. */
export type AnyEntity = { id: string; name?: string; customProperties: Record<string, unknown> } & Record<
  string,
  unknown
>;

/** Whether `value` looks like an entity the client decoded, or is a value the client tagged with its kind (a
 * catalog source or label). */
export function isEntity(value: unknown): value is AnyEntity {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  if (entityKind(value) !== undefined) return true;
  const { id, customProperties } = value as Record<string, unknown>;
  return typeof id === "string" && typeof customProperties === "object" && customProperties !== null;
}

const ARTIFACT_KINDS: Record<string, string> = {
  "model-artifact": "model artifact",
  "doc-artifact": "doc artifact",
  "dataset-artifact": "data set",
  metric: "metric",
  parameter: "parameter",
};

/** The entity's kind in words, e.g. "model version". */
export function kindOf(entity: AnyEntity): string {
  const tagged = entityKind(entity);
  if (tagged?.startsWith("catalog ")) return tagged; // catalog artifacts have the registry's artifactType values
  if (typeof entity.artifactType === "string") return ARTIFACT_KINDS[entity.artifactType] ?? "artifact";
  if (tagged) return tagged;
  if ("servingEnvironmentId" in entity) return "inference service";
  if ("experimentId" in entity) return "experiment run";
  if ("registeredModelId" in entity) return "model version";
  if ("modelVersionId" in entity) return "serve";
  if ("state" in entity) return "registered model";
  return "serving environment";
}

/** The plural of a kind, for table titles. */
export function plural(kind: string, count: number): string {
  if (count === 1) return kind;
  return kind === "data set" ? "data sets" : `${kind}s`;
}

/** One table column. */
export interface Column {
  label: string;
  value: (entity: AnyEntity) => string;
}

const field = (key: string, label = key, max = 60): Column => ({
  label,
  value: (e) => truncate(formatValue(e[key]), max),
});
const created: Column = { label: "created", value: (e) => formatTime(e.createTimeSinceEpoch) };
const updated: Column = { label: "updated", value: (e) => formatTime(e.lastUpdateTimeSinceEpoch) };
const properties: Column = { label: "properties", value: (e) => formatProperties(e.customProperties) };
const format: Column = {
  label: "format",
  value: (e) => [e.modelFormatName, e.modelFormatVersion].filter(Boolean).map(String).join(" "),
};

const OWNED = [
  field("id"),
  field("name"),
  field("state"),
  field("owner"),
  field("description"),
  updated,
  properties,
];

const COLUMNS: Record<string, readonly Column[]> = {
  "registered model": OWNED,
  experiment: OWNED,
  "model version": [
    field("id"),
    field("name"),
    field("state"),
    field("author"),
    field("registeredModelId", "model id"),
    created,
    properties,
  ],
  "model artifact": [field("id"), field("name"), field("uri", "uri", 80), format, field("state"), created],
  "inference service": [
    field("id"),
    field("name"),
    field("desiredState", "desired state"),
    field("runtime"),
    field("registeredModelId", "model id"),
    field("modelVersionId", "version id"),
    field("servingEnvironmentId", "environment id"),
    updated,
  ],
  "serving environment": [field("id"), field("name"), field("description"), created],
  "experiment run": [
    field("id"),
    field("name"),
    field("state"),
    field("status"),
    field("experimentId", "experiment id"),
    created,
    properties,
  ],
  "catalog model": [
    field("source_id", "source"),
    field("name"),
    field("provider"),
    field("license"),
    { label: "tasks", value: (e) => (Array.isArray(e.tasks) ? e.tasks.join(", ") : "") },
    field("description"),
  ],
  "catalog source": [
    field("id"),
    field("name"),
    { label: "labels", value: (e) => (Array.isArray(e.labels) ? e.labels.join(", ") : "") },
    field("status"),
    field("error"),
  ],
  "catalog label": [field("name"), field("displayName", "display name"), field("description")],
  "catalog artifact": [
    field("id"),
    { label: "type", value: (e) => String(e.metricsType ?? e.artifactType ?? "") },
    field("uri", "uri", 80),
    properties,
  ],
  serve: [
    field("id"),
    field("modelVersionId", "version id"),
    field("lastKnownState", "last known state"),
    created,
  ],
};

/** The columns of a table of entities of one kind; mixed kinds get the fields all entities share. */
export function columnsFor(kinds: ReadonlySet<string>): readonly Column[] {
  const [only] = kinds;
  if (kinds.size === 1 && only !== undefined) {
    const columns = COLUMNS[only];
    if (columns) return columns;
    return [
      field("id"),
      field("name"),
      field("artifactType", "type"),
      field("uri", "uri", 80),
      field("state"),
      created,
    ];
  }
  return [field("id"), { label: "kind", value: (e) => kindOf(e) }, field("name"), field("state"), created];
}
