// How mr-cli shows catalog entries: the columns of its tables and the card of one model.
import type { CatalogArtifact, CatalogLabel, CatalogModel, CatalogSource } from "../catalog/catalog-types.js";
import { artifactCounts, words as list, modelFacts } from "../catalog/model-facts.js";
import { type Column, properties, renderCard } from "./output.js";

export const sourceColumns: Column<CatalogSource>[] = [
  { header: "ID", value: (s) => s.id },
  { header: "NAME", value: (s) => s.name },
  { header: "LABELS", value: (s) => list(s.labels) },
  { header: "STATUS", value: (s) => s.status ?? (s.enabled === false ? "disabled" : "") },
  { header: "ERROR", value: (s) => s.error ?? "" },
];

export const labelColumns: Column<CatalogLabel>[] = [
  { header: "NAME", value: (l) => l.name ?? "" },
  { header: "DISPLAY NAME", value: (l) => l.displayName },
  { header: "DESCRIPTION", value: (l) => l.description },
];

export const modelColumns: Column<CatalogModel>[] = [
  { header: "SOURCE", value: (m) => m.source_id },
  { header: "NAME", value: (m) => m.name },
  { header: "PROVIDER", value: (m) => m.provider },
  { header: "LICENSE", value: (m) => m.license },
  { header: "TASKS", value: (m) => list(m.tasks) },
  { header: "DESCRIPTION", value: (m) => m.description },
];

export const artifactColumns: Column<CatalogArtifact>[] = [
  { header: "ID", value: (a) => a.id },
  { header: "TYPE", value: (a) => ("metricsType" in a ? a.metricsType : a.artifactType) },
  { header: "URI", value: (a) => ("uri" in a ? a.uri : "") },
  { header: "PROPERTIES", value: (a) => properties(a.customProperties) },
];

/** The card of one catalog model; with its artifacts, their URIs and metrics too. */
export function modelCard(model: CatalogModel, artifacts?: CatalogArtifact[]): string {
  const { about, text } = modelFacts(model);
  const detail = (artifacts ?? []).map((a): [string, string] =>
    "metricsType" in a ? [a.metricsType, properties(a.customProperties)] : ["model artifact", a.uri],
  );
  return renderCard([
    ["name", model.name],
    ...about,
    ["artifacts", artifactCounts(model)],
    ...text,
    ["properties", properties(model.customProperties)],
    ...detail,
  ]);
}
