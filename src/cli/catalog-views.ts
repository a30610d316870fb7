// How mr-cli shows catalog entries: the columns of its tables and the card of one model.
import type { CatalogArtifact, CatalogLabel, CatalogModel, CatalogSource } from "../catalog/catalog-types.js";
import { readmeSummary } from "../catalog/readme-summary.js";
import { type Column, properties, renderCard } from "./output.js";

const list = (values: readonly string[] | undefined) => (values ?? []).join(", ");

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
  const counts = Object.entries(model.artifactCounts ?? {}).map(([kind, n]) => `${n} ${kind}`);
  const detail = (artifacts ?? []).map((a): [string, string] =>
    "metricsType" in a ? [a.metricsType, properties(a.customProperties)] : ["model artifact", a.uri],
  );
  return renderCard([
    ["name", model.name],
    ["source", model.source_id],
    ["provider", model.provider],
    ["license", model.license && `${model.license}${model.licenseLink ? ` (${model.licenseLink})` : ""}`],
    ["tasks", list(model.tasks)],
    ["language", list(model.language)],
    ["maturity", model.maturity],
    ["library", model.libraryName],
    ["artifacts", counts.join(", ")],
    ["description", model.description],
    ["readme", readmeSummary(model.readme)],
    ["properties", properties(model.customProperties)],
    ...detail,
  ]);
}
