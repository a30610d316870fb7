// A catalog model as a card: provider, licence, tasks, language, the readme's first paragraph, its artifacts' URIs
// and, when its artifacts are at hand (`catalog.models.describe()`), their metrics.
import type { CatalogArtifact, CatalogModel } from "../catalog/catalog-types.js";
import { artifactCounts, modelFacts } from "../catalog/model-facts.js";
import type { AnyEntity } from "../views/any-entity.js";
import { propertiesTable, propertyLines } from "./entity-card.js";
import { formatValue, toJson, truncate } from "./format.js";
import { BOX_STYLE, escapeHtml, fieldLines, fieldTable, MUTED_STYLE } from "./html.js";
import type { MimeBundle } from "./mime.js";

/** One metrics artifact as `name value, …` (its figures), at most 200 characters. */
function figures(artifact: CatalogArtifact): string {
  const text = Object.entries(artifact.customProperties)
    .map(([key, value]) => `${key} ${formatValue(value)}`)
    .join(", ");
  return truncate(text, 200);
}

function rows(model: CatalogModel, artifacts: CatalogArtifact[] | undefined): [string, string | undefined][] {
  const { about, text } = modelFacts(model, 300);
  const uris = (artifacts ?? []).flatMap((a) =>
    "uri" in a && a.artifactType === "model-artifact" ? [a.uri] : [],
  );
  const metrics = (artifacts ?? []).flatMap((a): [string, string][] =>
    "metricsType" in a ? [[a.metricsType, figures(a)]] : [],
  );
  return [
    ...about,
    ...text,
    ["artifacts", artifacts ? undefined : artifactCounts(model)],
    ...uris.map((uri): [string, string] => ["model artifact", uri]),
    ...metrics,
  ];
}

/** A catalog model (with its artifacts, if given) as a MIME bundle: an HTML card, text and JSON. */
export function catalogCard(model: CatalogModel, artifacts?: CatalogArtifact[]): MimeBundle {
  const entity = model as unknown as AnyEntity;
  const fields = rows(model, artifacts);
  const title = `<span style="${MUTED_STYLE}">catalog model</span> <strong>${escapeHtml(model.name)}</strong>`;
  return {
    "text/plain": [
      `catalog model ${JSON.stringify(model.name)}`,
      ...fieldLines(fields),
      ...propertyLines(entity),
    ].join("\n"),
    "text/html": `<div style="${BOX_STYLE}"><div>${title}</div>${fieldTable(fields)}${propertiesTable(entity)}</div>`,
    "application/json": toJson(artifacts ? { model, artifacts } : model),
  };
}
