// What a card of a catalog model shows, for the terminal and notebooks alike: the facts the catalog gives
// about the model, as label/value rows, and its readme in one line.
import type { CatalogModel } from "./catalog-types.js";
import { readmeSummary } from "./readme-summary.js";

/** A list of words as one value: `en, de`. */
export const words = (values: readonly string[] | undefined) => (values ?? []).join(", ");

/** The model's facts in two groups of rows: `about` (source, provider, licence with its link, tasks, language,
 * maturity, library) and `text` (description, and the readme's first paragraph cut to `readmeMax` characters). */
export function modelFacts(
  model: CatalogModel,
  readmeMax?: number,
): { about: [string, string | undefined][]; text: [string, string | undefined][] } {
  return {
    about: [
      ["source", model.source_id],
      ["provider", model.provider],
      ["license", model.license && `${model.license}${model.licenseLink ? ` (${model.licenseLink})` : ""}`],
      ["tasks", words(model.tasks)],
      ["language", words(model.language)],
      ["maturity", model.maturity],
      ["library", model.libraryName],
    ],
    text: [
      ["description", model.description],
      ["readme", readmeSummary(model.readme, readmeMax)],
    ],
  };
}

/** The model's artifact counts: `1 model-artifact, 2 performance-metrics`. */
export const artifactCounts = (model: CatalogModel) =>
  Object.entries(model.artifactCounts ?? {})
    .map(([kind, n]) => `${n} ${kind}`)
    .join(", ");
