// The query of a catalog models search, checked before anything is sent: the catalog would drop or misread what it
// does not take.
import { ConfigError } from "../errors.js";
import type { CatalogQuery } from "./catalog-api.js";
import type { CatalogModelListOptions, RecommendedOptions } from "./catalog-types.js";

/** The query parameters of the catalog's models search, as its spec defines them. */
export type ModelsQuery = CatalogQuery<"/api/model_catalog/v1alpha1/models">;

/** The recommendation parameters of the spec (the models search and performance artifacts take the same). */
export type Tuning = Pick<
  ModelsQuery,
  "targetRPS" | "latencyProperty" | "rpsProperty" | "hardwareCountProperty" | "hardwareTypeProperty"
>;

/** A string or a list of them, as a list; empty entries are refused. @throws ConfigError naming `label`. */
export function stringList(
  value: string | readonly string[] | undefined,
  label: string,
): string[] | undefined {
  if (value === undefined) return undefined;
  const items = typeof value === "string" ? [value] : [...value];
  if (items.some((item) => typeof item !== "string" || item.trim() === ""))
    throw new ConfigError(`${label} must be a non-empty string or a list of them`);
  return items;
}

/**
 * The recommendation parameters, checked.
 * @throws ConfigError for a `targetRPS` that is not a whole number from 1 to 2147483647.
 */
export function recommended(options: RecommendedOptions): Tuning {
  const { targetRPS, latencyProperty, rpsProperty, hardwareCountProperty, hardwareTypeProperty } = options;
  if (targetRPS !== undefined && !(Number.isInteger(targetRPS) && targetRPS >= 1 && targetRPS <= 2 ** 31 - 1))
    throw new ConfigError(`targetRPS must be a whole number of at least 1, not ${targetRPS}`);
  return { targetRPS, latencyProperty, rpsProperty, hardwareCountProperty, hardwareTypeProperty };
}

/**
 * The query of a models search (the paging parameters are added per page).
 * @throws ConfigError for recommendation parameters without `orderBy: "RECOMMENDED"`, `source` together with
 * `sourceLabel`, or an empty source or label.
 */
export function modelsQuery(options: CatalogModelListOptions): ModelsQuery {
  const { q, source, sourceLabel, filterQuery } = options;
  const tuning = recommended(options);
  const given = Object.entries(tuning).flatMap(([key, value]) => (value === undefined ? [] : [key]));
  // The catalog reads them only for the RECOMMENDED order; elsewhere they would be dropped without a word.
  if (given.length > 0 && options.orderBy !== "RECOMMENDED")
    throw new ConfigError(`${given.join(", ")}: these apply to orderBy "RECOMMENDED" only; nothing was sent`);
  if (source !== undefined && sourceLabel !== undefined)
    throw new ConfigError(
      "give source or sourceLabel, not both (the catalog refuses them together); nothing was sent",
    );
  return {
    q,
    source: stringList(source, "source"),
    sourceLabel: stringList(sourceLabel, "sourceLabel"),
    filterQuery,
    ...tuning,
  };
}
