// How mr-cli shows catalog entries: the columns of its tables (from the catalog kinds' views) and the card of one
// model.
import type { CatalogArtifact, CatalogLabel, CatalogModel, CatalogSource } from "../catalog/catalog-types.js";
import { artifactCounts, modelFacts } from "../catalog/model-facts.js";
import { terminalFields } from "../views/view-of.js";
import { type Column, properties, renderCard, viewColumns } from "./output.js";

/** The columns of mr-cli's tables of catalog sources, labels, models and artifacts: their views'. */
export const sourceColumns: Column<CatalogSource>[] = viewColumns(terminalFields("catalog source"));
export const labelColumns: Column<CatalogLabel>[] = viewColumns(terminalFields("catalog label"));
export const modelColumns: Column<CatalogModel>[] = viewColumns(terminalFields("catalog model"));
export const artifactColumns: Column<CatalogArtifact>[] = viewColumns(terminalFields("catalog artifact"));

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
