// Catalog models: search and list, one model, its artifacts and performance artifacts, the filter options.
import { type CallOptions, callOptions } from "../client/call-options.js";
import { displayable } from "../client/displayable.js";
import { decodeEntity } from "../client/entity.js";
import type { Paginated } from "../client/paginate.js";
import { BadRequestError, ConfigError } from "../errors.js";
import { CATALOG_API_PREFIX, type CatalogTransport, type Query } from "./catalog-transport.js";
import {
  CATALOG_ORDER_KEYS,
  type CatalogArtifact,
  type CatalogArtifactListOptions,
  type CatalogFilterOptions,
  type CatalogMetricsArtifact,
  type CatalogModel,
  type CatalogModelDescription,
  type CatalogModelListOptions,
  type PerformanceArtifactListOptions,
  type RecommendedOptions,
} from "./catalog-types.js";

/** A string or a list of them, as a list; empty entries are refused. */
function list(value: string | readonly string[] | undefined, label: string): string[] | undefined {
  if (value === undefined) return undefined;
  const items = typeof value === "string" ? [value] : [...value];
  if (items.some((item) => typeof item !== "string" || item.trim() === ""))
    throw new ConfigError(`${label} must be a non-empty string or a list of them`);
  return items;
}

/** The recommendation parameters, checked. */
function recommended(options: RecommendedOptions): Query {
  const { targetRPS, latencyProperty, rpsProperty, hardwareCountProperty, hardwareTypeProperty } = options;
  if (targetRPS !== undefined && !(Number.isInteger(targetRPS) && targetRPS >= 1 && targetRPS <= 2 ** 31 - 1))
    throw new ConfigError(`targetRPS must be a whole number of at least 1, not ${targetRPS}`);
  return { targetRPS, latencyProperty, rpsProperty, hardwareCountProperty, hardwareTypeProperty };
}

/** The path parameters of one catalog model, checked. */
function modelPath(source: string, name: string): { source_id: string; model_name: string } {
  if (typeof source !== "string" || source === "")
    throw new ConfigError("the catalog source must be a non-empty source id (sources.list() lists them)");
  if (typeof name !== "string" || name === "")
    throw new ConfigError("the catalog model name must be non-empty");
  return { source_id: source, model_name: name };
}

/** The path of one model's endpoints under the API prefix, its parts checked and encoded. */
function modelUrl(source: string, name: string): string {
  const { source_id, model_name } = modelPath(source, name);
  return `/sources/${encodeURIComponent(source_id)}/models/${encodeURIComponent(model_name)}`;
}

/** Catalog models: search and list, one model, its artifacts and performance artifacts, the filter options. */
export class CatalogModels {
  /** @internal */
  constructor(private readonly catalog: CatalogTransport) {}

  /** Models matching the options (all, without any), page by page: `for await`, `pages()` or `toArray()`.
   * @throws ConfigError for an unknown `orderBy` or a bad option, before anything is sent. */
  list(options: CatalogModelListOptions = {}): Paginated<CatalogModel> {
    const { q, source, sourceLabel, filterQuery } = options;
    const tuning = recommended(options);
    const given = Object.keys(tuning).filter((key) => tuning[key] !== undefined);
    // The catalog reads them only for the RECOMMENDED order; elsewhere they would be dropped without a word.
    if (given.length > 0 && options.orderBy !== "RECOMMENDED")
      throw new ConfigError(
        `${given.join(", ")}: these apply to orderBy "RECOMMENDED" only; nothing was sent`,
      );
    if (source !== undefined && sourceLabel !== undefined)
      throw new ConfigError(
        "give source or sourceLabel, not both (the catalog refuses them together); nothing was sent",
      );
    const query: Query = {
      q,
      source: list(source, "source"),
      sourceLabel: list(sourceLabel, "sourceLabel"),
      filterQuery,
      ...tuning,
    };
    return this.catalog.paginate<CatalogModel>("/models", {
      query,
      options,
      orderKeys: CATALOG_ORDER_KEYS.models,
      subject: "catalog models",
      kind: "catalog model",
    });
  }

  /** One model of a source (`get("stack_demo", "acme/digits-onnx")`); its `artifactCounts` say how many artifacts of
   * each kind it has. @throws NotFoundError (404) when the source has no such model. */
  async get(source: string, name: string, options: CallOptions = {}): Promise<CatalogModel> {
    const path = modelPath(source, name);
    return this.catalog
      .call(`catalog model ${JSON.stringify(name)} of source ${JSON.stringify(source)}`, () =>
        this.catalog.api.GET(`${CATALOG_API_PREFIX}/sources/{source_id}/models/{model_name+}`, {
          params: { path: { source_id: path.source_id, "model_name+": path.model_name } },
          ...this.catalog.init(options),
        }),
      )
      .then((raw) => decodeEntity(raw, "catalog model") as CatalogModel);
  }

  /** The model and all its artifacts, in two requests and as many pages as its artifacts take; in a notebook this
   * shows as the model's card with its metrics. @throws NotFoundError (404) when the source has no such model. */
  async describe(source: string, name: string, options: CallOptions = {}): Promise<CatalogModelDescription> {
    const model = await this.get(source, name, options);
    const artifacts = await this.artifacts(source, name, options).toArray();
    return displayable({ model, artifacts });
  }

  /** The model's artifacts (model artifacts with their URIs, metrics artifacts with their figures), page by page.
   * `orderBy` takes ID, CREATE_TIME, LAST_UPDATE_TIME or a property name. */
  artifacts(
    source: string,
    name: string,
    options: CatalogArtifactListOptions = {},
  ): Paginated<CatalogArtifact> {
    const query: Query = {
      artifactType: options.artifactType === undefined ? undefined : [options.artifactType],
      filterQuery: options.filterQuery,
    };
    return this.catalog.paginate<CatalogArtifact>(`${modelUrl(source, name)}/artifacts`, {
      query,
      options,
      orderKeys: null,
      subject: `artifacts of catalog model ${JSON.stringify(name)}`,
      kind: "catalog artifact",
      // The catalog answers 400 ("invalid model name") for a model it does not have: asking for the model itself
      // gives the NotFoundError (404) that says so.
      explain: async (error) => {
        if (error instanceof BadRequestError) await this.get(source, name, callOptions(options));
        throw error;
      },
    });
  }

  /** The model's performance artifacts, with `replicas` and `total_requests_per_second` computed for `targetRPS`;
   * with `recommendations: true` only the Pareto-optimal ones. */
  performanceArtifacts(
    source: string,
    name: string,
    options: PerformanceArtifactListOptions = {},
  ): Paginated<CatalogMetricsArtifact> {
    const query: Query = {
      filterQuery: options.filterQuery,
      recommendations: options.recommendations,
      ...recommended(options),
    };
    return this.catalog.paginate<CatalogMetricsArtifact>(`${modelUrl(source, name)}/artifacts/performance`, {
      query,
      options,
      orderKeys: null,
      subject: `performance artifacts of catalog model ${JSON.stringify(name)}`,
      kind: "catalog artifact",
    });
  }

  /** The fields models can be filtered on (with their values or ranges), and the catalog's named queries. */
  filterOptions(options: CallOptions = {}): Promise<CatalogFilterOptions> {
    return this.catalog
      .call("the catalog's filter options", () =>
        this.catalog.api.GET(`${CATALOG_API_PREFIX}/models/filter_options`, this.catalog.init(options)),
      )
      .then(displayable);
  }
}
