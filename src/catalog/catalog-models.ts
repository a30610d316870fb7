// Catalog models: search and list, one model, its artifacts and performance artifacts, the filter options.
// Every call names its path in each generation (the route under that generation's prefix), through that generation's
// typed client, so the compiler checks paths and parameters against both specs.

import { CATALOG_API_PREFIXES } from "../client/api-version.js";
import { type CallOptions, callOptions } from "../client/call-options.js";
import { displayable } from "../client/displayable.js";
import { decodeEntity, tagKind } from "../client/entity.js";
import type { components as AlphaComponents } from "../client/generated/catalog.js";
import type { components as V1Components } from "../client/generated/catalog-v1.js";
import { paginate } from "../client/listing.js";
import type { Paginated } from "../client/paginate.js";
import { BadRequestError, ConfigError } from "../errors.js";
import { CATALOG_ROUTES, type CatalogApi, type CatalogQuery } from "./catalog-api.js";
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
} from "./catalog-types.js";
import { modelsQuery, recommended } from "./models-query.js";

/** The path parameters of one catalog model, checked. */
function modelPath(source: string, name: string): { source_id: string; model_name: string } {
  if (typeof source !== "string" || source === "")
    throw new ConfigError("the catalog source must be a non-empty source id (sources.list() lists them)");
  if (typeof name !== "string" || name === "")
    throw new ConfigError("the catalog model name must be non-empty");
  return { source_id: source, model_name: name };
}

const V1 = CATALOG_API_PREFIXES.v1;
const ALPHA = CATALOG_API_PREFIXES.v1alpha1;
const R = CATALOG_ROUTES;
type AlphaSchemas = AlphaComponents["schemas"];
type V1Schemas = V1Components["schemas"];

/** A catalog model as either generation sends it. */
type WireModel = AlphaSchemas["CatalogModel"] | V1Schemas["CatalogModel"];

/** A catalog model as this client returns it: API v1 names its source `sourceId`, v1alpha1 `source_id`; both are
 * set, so code written for either reads the same model from both. */
function decodeModel(raw: WireModel): CatalogModel {
  const sourceId =
    ("sourceId" in raw ? raw.sourceId : undefined) ?? ("source_id" in raw ? raw.source_id : undefined);
  const wire: AlphaSchemas["CatalogModel"] & { sourceId?: string } =
    sourceId === undefined ? raw : { ...raw, source_id: sourceId, sourceId };
  return decodeEntity(wire, "catalog model");
}

/** Catalog models: search and list, one model, its artifacts and performance artifacts, the filter options. */
export class CatalogModels {
  /** @internal */
  constructor(private readonly catalog: CatalogApi) {}

  /** Models matching the options (all, without any), page by page: `for await`, `pages()` or `toArray()`.
   * @throws ConfigError for an unknown `orderBy` or a bad option, before anything is sent. */
  list(options: CatalogModelListOptions = {}): Paginated<CatalogModel> {
    const query = modelsQuery(options);
    const { api, apiV1 } = this.catalog;
    return paginate(
      {
        fetchPage: (page, pageOptions) =>
          this.catalog.call("catalog models", pageOptions, {
            v1: (init) =>
              apiV1.GET(`${V1}${R.models}`, { params: { query: { ...query, ...page } }, ...init }),
            v1alpha1: (init) =>
              api.GET(`${ALPHA}${R.models}`, { params: { query: { ...query, ...page } }, ...init }),
          }),
        decode: (item) => decodeModel(item),
        orderKeys: CATALOG_ORDER_KEYS.models,
      },
      options,
    );
  }

  /** One model of a source (`get("stack_demo", "acme/digits-onnx")`); its `artifactCounts` say how many artifacts of
   * each kind it has. @throws NotFoundError (404) when the source has no such model. */
  async get(source: string, name: string, options: CallOptions = {}): Promise<CatalogModel> {
    const { source_id, model_name } = modelPath(source, name);
    const { api, apiV1 } = this.catalog;
    const subject = `catalog model ${JSON.stringify(name)} of source ${JSON.stringify(source)}`;
    const path = { source_id, "model_name+": model_name };
    const raw = await this.catalog.call(subject, options, {
      v1: (init) => apiV1.GET(`${V1}${R.model}`, { params: { path }, ...init }),
      v1alpha1: (init) => api.GET(`${ALPHA}${R.model}`, { params: { path }, ...init }),
    });
    return decodeModel(raw);
  }

  /** The model and all its artifacts, in two requests and as many pages as its artifacts take; in a notebook this
   * shows as the model's card with its metrics. @throws NotFoundError (404) when the source has no such model. */
  async describe(source: string, name: string, options: CallOptions = {}): Promise<CatalogModelDescription> {
    const model = await this.get(source, name, options);
    const artifacts = await this.artifacts(source, name, options).toArray();
    return tagKind({ model, artifacts }, "catalog model description");
  }

  /** The model's artifacts (model artifacts with their URIs, metrics artifacts with their figures), page by page.
   * `orderBy` takes ID, CREATE_TIME, LAST_UPDATE_TIME or a property name. */
  artifacts(
    source: string,
    name: string,
    options: CatalogArtifactListOptions = {},
  ): Paginated<CatalogArtifact> {
    const path = modelPath(source, name);
    const query: CatalogQuery<"/api/model_catalog/v1alpha1/sources/{source_id}/models/{model_name}/artifacts"> =
      {
        artifactType: options.artifactType === undefined ? undefined : [options.artifactType],
        filterQuery: options.filterQuery,
      };
    const { api, apiV1 } = this.catalog;
    const subject = `artifacts of catalog model ${JSON.stringify(name)}`;
    return paginate(
      {
        fetchPage: (page, pageOptions) =>
          this.catalog.call(subject, pageOptions, {
            v1: (init) =>
              apiV1.GET(`${V1}${R.artifacts}`, { params: { path, query: { ...query, ...page } }, ...init }),
            v1alpha1: (init) =>
              api.GET(`${ALPHA}${R.artifacts}`, { params: { path, query: { ...query, ...page } }, ...init }),
          }),
        decode: (item): CatalogArtifact => decodeEntity(item, "catalog artifact"),
        orderKeys: null,
        // The catalog answers 400 ("invalid model name") for a model it does not have: asking for the model itself
        // gives the NotFoundError (404) that says so.
        explain: async (error) => {
          if (error instanceof BadRequestError) await this.get(source, name, callOptions(options));
          throw error;
        },
      },
      options,
    );
  }

  /** The model's performance artifacts, with `replicas` and `total_requests_per_second` computed for `targetRPS`;
   * with `recommendations: true` only the Pareto-optimal ones. */
  performanceArtifacts(
    source: string,
    name: string,
    options: PerformanceArtifactListOptions = {},
  ): Paginated<CatalogMetricsArtifact> {
    const path = modelPath(source, name);
    const query: CatalogQuery<"/api/model_catalog/v1alpha1/sources/{source_id}/models/{model_name}/artifacts/performance"> =
      { filterQuery: options.filterQuery, recommendations: options.recommendations, ...recommended(options) };
    const { api, apiV1 } = this.catalog;
    const subject = `performance artifacts of catalog model ${JSON.stringify(name)}`;
    const route = R.performanceArtifacts;
    return paginate(
      {
        fetchPage: (page, pageOptions) =>
          this.catalog.call(subject, pageOptions, {
            v1: (init) =>
              apiV1.GET(`${V1}${route}`, { params: { path, query: { ...query, ...page } }, ...init }),
            v1alpha1: (init) =>
              api.GET(`${ALPHA}${route}`, { params: { path, query: { ...query, ...page } }, ...init }),
          }),
        // The spec types every artifact list alike; this endpoint lists performance metrics artifacts only.
        decode: (item) => decodeEntity(item, "catalog artifact") as CatalogMetricsArtifact,
        orderKeys: null,
      },
      options,
    );
  }

  /** The fields models can be filtered on (with their values or ranges), and the catalog's named queries. */
  async filterOptions(options: CallOptions = {}): Promise<CatalogFilterOptions> {
    const { api, apiV1 } = this.catalog;
    const found = await this.catalog.call("the catalog's filter options", options, {
      v1: (init) => apiV1.GET(`${V1}${R.filterOptions}`, init),
      v1alpha1: (init) => api.GET(`${ALPHA}${R.filterOptions}`, init),
    });
    return displayable(found);
  }
}
