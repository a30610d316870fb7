// Catalog models: search and list, one model, its artifacts and performance artifacts, the filter options.
// Every call names its path literally, as the catalog spec spells it, so the compiler checks paths and parameters.
import { type CallOptions, callOptions } from "../client/call-options.js";
import { displayable } from "../client/displayable.js";
import { decodeEntity, tagKind } from "../client/entity.js";
import { paginate } from "../client/listing.js";
import type { Paginated } from "../client/paginate.js";
import { BadRequestError, ConfigError } from "../errors.js";
import { CATALOG_API_PREFIX, type CatalogApi, type CatalogQuery } from "./catalog-api.js";
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

/** Catalog models: search and list, one model, its artifacts and performance artifacts, the filter options. */
export class CatalogModels {
  /** @internal */
  constructor(private readonly catalog: CatalogApi) {}

  /** Models matching the options (all, without any), page by page: `for await`, `pages()` or `toArray()`.
   * @throws ConfigError for an unknown `orderBy` or a bad option, before anything is sent. */
  list(options: CatalogModelListOptions = {}): Paginated<CatalogModel> {
    const query = modelsQuery(options);
    const { connection, api } = this.catalog;
    return paginate(
      {
        fetchPage: (page, pageOptions) =>
          connection.call({ subject: "catalog models" }, pageOptions, (init) =>
            api.GET(`${CATALOG_API_PREFIX}/models`, { params: { query: { ...query, ...page } }, ...init }),
          ),
        decode: (item) => decodeEntity(item, "catalog model"),
        orderKeys: CATALOG_ORDER_KEYS.models,
      },
      options,
    );
  }

  /** One model of a source (`get("stack_demo", "acme/digits-onnx")`); its `artifactCounts` say how many artifacts of
   * each kind it has. @throws NotFoundError (404) when the source has no such model. */
  async get(source: string, name: string, options: CallOptions = {}): Promise<CatalogModel> {
    const { source_id, model_name } = modelPath(source, name);
    const { connection, api } = this.catalog;
    const subject = `catalog model ${JSON.stringify(name)} of source ${JSON.stringify(source)}`;
    const raw = await connection.call({ subject }, options, (init) =>
      api.GET(`${CATALOG_API_PREFIX}/sources/{source_id}/models/{model_name+}`, {
        params: { path: { source_id, "model_name+": model_name } },
        ...init,
      }),
    );
    return decodeEntity(raw, "catalog model");
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
    const { connection, api } = this.catalog;
    const subject = `artifacts of catalog model ${JSON.stringify(name)}`;
    return paginate(
      {
        fetchPage: (page, pageOptions) =>
          connection.call({ subject }, pageOptions, (init) =>
            api.GET(`${CATALOG_API_PREFIX}/sources/{source_id}/models/{model_name}/artifacts`, {
              params: { path, query: { ...query, ...page } },
              ...init,
            }),
          ),
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
    const { connection, api } = this.catalog;
    const subject = `performance artifacts of catalog model ${JSON.stringify(name)}`;
    return paginate(
      {
        fetchPage: (page, pageOptions) =>
          connection.call({ subject }, pageOptions, (init) =>
            api.GET(`${CATALOG_API_PREFIX}/sources/{source_id}/models/{model_name}/artifacts/performance`, {
              params: { path, query: { ...query, ...page } },
              ...init,
            }),
          ),
        // The spec types every artifact list alike; this endpoint lists performance metrics artifacts only.
        decode: (item) => decodeEntity(item, "catalog artifact") as CatalogMetricsArtifact,
        orderKeys: null,
      },
      options,
    );
  }

  /** The fields models can be filtered on (with their values or ranges), and the catalog's named queries. */
  async filterOptions(options: CallOptions = {}): Promise<CatalogFilterOptions> {
    const { connection, api } = this.catalog;
    const found = await connection.call({ subject: "the catalog's filter options" }, options, (init) =>
      api.GET(`${CATALOG_API_PREFIX}/models/filter_options`, init),
    );
    return displayable(found);
  }
}
