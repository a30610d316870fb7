// Two model versions side by side: their fields, their custom properties (metrics such as accuracy), their model
// artifacts (URI, format, size, file count, digest) and their metric and parameter artifacts. What an agent asks
// before choosing which version to deploy.
import type { Artifact, ModelVersion } from "../../client/entities.js";
import type { ModelRegistry } from "../../model-registry.js";
import { ARTIFACT_PROPERTIES, OCI_PROPERTIES } from "../../storage/recorded-properties.js";
import { requireVersion } from "../lookup.js";

/** One compared value: A's, B's, whether they are equal, and B − A for two numbers. */
export interface ComparedValue {
  name: string;
  a: unknown;
  b: unknown;
  same: boolean;
  delta?: number;
}

/** The comparison of two versions (`a` and `b`). */
export interface VersionComparison {
  a: { model: string; version: string; id: string };
  b: { model: string; version: string; id: string };
  /** The versions' own fields: description, author, state, times. */
  fields: ComparedValue[];
  /** The versions' custom properties (metrics, hyper-parameters, lineage), every key of either. */
  properties: ComparedValue[];
  /** Their model artifacts: URI, format and its version, size in bytes, file count, digest, storage settings. */
  modelArtifact: ComparedValue[];
  /** Their metric and parameter artifacts, by name, with their values. */
  metrics: ComparedValue[];
}

const equal = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function compared(name: string, a: unknown, b: unknown): ComparedValue {
  const row: ComparedValue = { name, a: a ?? null, b: b ?? null, same: equal(a ?? null, b ?? null) };
  if (typeof a === "number" && typeof b === "number") row.delta = b - a;
  return row;
}

/** Rows for every key of either record. */
function byKey(a: Record<string, unknown>, b: Record<string, unknown>): ComparedValue[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.map((key) => compared(key, a[key], b[key]));
}

/** The model artifact's facts worth comparing, whichever store holds it. */
function artifactFacts(artifact: Artifact | undefined): Record<string, unknown> {
  if (artifact?.artifactType !== "model-artifact") return {};
  const p = artifact.customProperties;
  return {
    uri: artifact.uri,
    modelFormatName: artifact.modelFormatName,
    modelFormatVersion: artifact.modelFormatVersion,
    sizeBytes: p[ARTIFACT_PROPERTIES.size],
    fileCount: p[ARTIFACT_PROPERTIES.files],
    digest: p[ARTIFACT_PROPERTIES.digest] ?? p[OCI_PROPERTIES.digest],
    storageKey: artifact.storageKey,
    storagePath: artifact.storagePath,
    state: artifact.state,
  };
}

/** Metric and parameter artifacts by name (`metric:accuracy`), with their values. */
function metricValues(artifacts: Artifact[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const artifact of artifacts)
    if (artifact.artifactType === "metric" || artifact.artifactType === "parameter")
      values[`${artifact.artifactType}:${artifact.name ?? artifact.id}`] = artifact.value;
  return values;
}

const versionFields = (v: ModelVersion) => ({
  description: v.description,
  author: v.author,
  state: v.state,
  createTimeSinceEpoch: v.createTimeSinceEpoch,
  lastUpdateTimeSinceEpoch: v.lastUpdateTimeSinceEpoch,
});

/** Compares version `a.version` of model `a.model` with `b.version` of `b.model`.
 * @throws EntityNotFoundError for a model or version that does not exist. */
export async function compareVersions(
  mr: ModelRegistry,
  a: { model: string; version: string },
  b: { model: string; version: string },
  signal?: AbortSignal,
): Promise<VersionComparison> {
  const [va, vb] = await Promise.all([
    requireVersion(mr, a.model, a.version),
    requireVersion(mr, b.model, b.version),
  ]);
  const artifactsOf = (id: string) => mr.modelVersions.artifacts(id).list({ signal }).toArray();
  const [aa, ab] = await Promise.all([artifactsOf(va.version.id), artifactsOf(vb.version.id)]);
  const model = (list: Artifact[]) => list.find((artifact) => artifact.artifactType === "model-artifact");
  return {
    a: { model: a.model, version: a.version, id: va.version.id },
    b: { model: b.model, version: b.version, id: vb.version.id },
    fields: byKey(versionFields(va.version), versionFields(vb.version)),
    properties: byKey(va.version.customProperties, vb.version.customProperties),
    modelArtifact: byKey(artifactFacts(model(aa)), artifactFacts(model(ab))),
    metrics: byKey(metricValues(aa), metricValues(ab)),
  };
}
