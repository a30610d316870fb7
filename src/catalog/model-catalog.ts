// A client of the Model Registry project's model catalog (`/api/model_catalog/v1alpha1`): read-only, over the same
// transport as the registry's client (token, TLS, retries, time limits, typed errors).
import { tagKind } from "../client/entity.js";
import { paginate } from "../client/listing.js";
import type { PageOptions, Paginated } from "../client/paginate.js";
import type { Secrets } from "../client/secrets.js";
import {
  CATALOG_API_PREFIX,
  type CatalogApiClient,
  catalogApi,
  type ModelCatalogOptions,
} from "./catalog-api.js";
import { CatalogModels } from "./catalog-models.js";
import {
  CATALOG_ORDER_KEYS,
  type CatalogLabel,
  type CatalogSource,
  type CatalogSourceListOptions,
} from "./catalog-types.js";

export { CATALOG_API_PREFIX, type CatalogApiClient, type ModelCatalogOptions } from "./catalog-api.js";
export type { CatalogModels } from "./catalog-models.js";

/**
 * A client of a model catalog. Nothing is sent until the first call.
 *
 * ```ts
 * const catalog = new ModelCatalog({ url: "http://localhost:8081" });
 * for await (const model of catalog.models.list({ q: "granite", orderBy: "RECOMMENDED" })) console.log(model.name);
 * ```
 */
export class ModelCatalog {
  /** The base URL, without a trailing slash. */
  readonly url: string;
  /** The raw typed openapi-fetch client of the catalog API: every endpoint of its spec, as the escape hatch. */
  readonly api: CatalogApiClient;
  /** The catalog's models: `list()` (search), `get()`, `artifacts()`, `performanceArtifacts()`, `filterOptions()`. */
  readonly models: CatalogModels;
  /** The catalog's sources: `list()`. */
  readonly sources: { list(options?: CatalogSourceListOptions): Paginated<CatalogSource> };
  /** The labels the catalog defines: `list()`, ordered by a label field (`orderBy: "name"`); the default, `ID`, keeps
   * the catalog's own order whatever `sortOrder` says. */
  readonly labels: { list(options?: PageOptions<string>): Paginated<CatalogLabel> };
  /** The tokens this client sent, scrubbed from every error it throws. */
  readonly secrets: Secrets;

  constructor(options: ModelCatalogOptions) {
    const catalog = catalogApi(options);
    const { connection, api } = catalog;
    ({ url: this.url, secrets: this.secrets } = connection);
    this.api = api;
    this.models = new CatalogModels(catalog);
    this.sources = {
      list: (listOptions = {}) =>
        paginate(
          {
            fetchPage: (page, pageOptions) =>
              connection.call({ subject: "catalog sources" }, pageOptions, (init) =>
                api.GET(`${CATALOG_API_PREFIX}/sources`, {
                  params: { query: { name: listOptions.name, ...page } },
                  ...init,
                }),
              ),
            decode: (item) => tagKind(item, "catalog source"),
            orderKeys: CATALOG_ORDER_KEYS.sources,
          },
          listOptions,
        ),
    };
    this.labels = {
      list: (listOptions = {}) =>
        paginate(
          {
            fetchPage: (page, pageOptions) =>
              connection.call({ subject: "catalog labels" }, pageOptions, (init) =>
                api.GET(`${CATALOG_API_PREFIX}/labels`, { params: { query: page }, ...init }),
              ),
            decode: (item) => tagKind(item, "catalog label"),
            orderKeys: null,
          },
          listOptions,
        ),
    };
  }

  /**
   * A catalog client configured from the environment.
   * @deprecated Use `catalogFromEnv()`, which resolves the same settings at the edge, outside this client.
   */
  static async fromEnv(
    options: Partial<ModelCatalogOptions> & { env?: Record<string, string | undefined> } = {},
  ): Promise<ModelCatalog> {
    const { env, ...explicit } = options;
    const { withCatalogSettings } = await import("../config/resolve-catalog-settings.js");
    const { sources: _, ...settings } = await withCatalogSettings(explicit, env ? { env } : {});
    return new ModelCatalog(settings);
  }
}
