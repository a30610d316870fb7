// A client of the Model Registry project's catalog server: its model catalog (`/api/model_catalog/v1`, or `/v1alpha1`
// where v1 is not served) and, beside it, its MCP-server, agent and skill catalogs: read-only, over the same transport
// as the registry's client (token, TLS, retries, time limits, typed errors).

import { CATALOG_API_PREFIXES, type CatalogApiVersionChoice } from "../client/api-version.js";
import type { CallOptions } from "../client/call-options.js";
import { tagKind } from "../client/entity.js";
import { paginate } from "../client/listing.js";
import type { PageOptions, Paginated } from "../client/paginate.js";
import type { Secrets } from "../client/secrets.js";
import { CatalogAgents } from "./catalog-agents.js";
import {
  CATALOG_ROUTES,
  type CatalogApi,
  type CatalogApiClient,
  type CatalogApiClientV1,
  catalogApi,
  type ModelCatalogOptions,
} from "./catalog-api.js";
import { CatalogMcpServers } from "./catalog-mcp-servers.js";
import { CatalogModels } from "./catalog-models.js";
import { CatalogSkills } from "./catalog-skills.js";
import {
  CATALOG_ORDER_KEYS,
  type CatalogLabel,
  type CatalogSource,
  type CatalogSourceListOptions,
} from "./catalog-types.js";

export {
  CATALOG_API_PREFIX,
  type CatalogApiClient,
  type CatalogApiClientV1,
  type ModelCatalogOptions,
} from "./catalog-api.js";

const V1 = CATALOG_API_PREFIXES.v1;
const ALPHA = CATALOG_API_PREFIXES.v1alpha1;

export type { CatalogAgents } from "./catalog-agents.js";
export type { CatalogMcpServers } from "./catalog-mcp-servers.js";
export type { CatalogModels } from "./catalog-models.js";
export type { CatalogSkills } from "./catalog-skills.js";

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
  /** The raw typed openapi-fetch client of the catalog API v1alpha1: every endpoint of its spec, as the escape
   * hatch. */
  readonly api: CatalogApiClient;
  /** The raw typed openapi-fetch client of the catalog API v1: every endpoint of its spec, as the escape hatch. */
  readonly apiV1: CatalogApiClientV1;
  /** The catalog's models: `list()` (search), `get()`, `artifacts()`, `performanceArtifacts()`, `filterOptions()`. */
  readonly models: CatalogModels;
  /** The catalog's MCP servers (`/api/mcp_catalog/…`): `list()`, `get()`, `tools()`, `tool()`, `filterOptions()`. */
  readonly mcpServers: CatalogMcpServers;
  /** The catalog's agents (`/api/agent_catalog/…`): `list()`, `get()`, `artifacts()` (templates),
   * `filterOptions()`. */
  readonly agents: CatalogAgents;
  /** The catalog's agent skills (`/api/skill_catalog/…`): `list()`, `get()`, `filterOptions()`. */
  readonly skills: CatalogSkills;
  /** The catalog's sources: `list()`. */
  readonly sources: { list(options?: CatalogSourceListOptions): Paginated<CatalogSource> };
  /** The labels the catalog defines: `list()`, ordered by a label field (`orderBy: "name"`); the default, `ID`, keeps
   * the catalog's own order whatever `sortOrder` says. */
  readonly labels: { list(options?: PageOptions<string>): Paginated<CatalogLabel> };
  /** The tokens this client sent, scrubbed from every error it throws. */
  readonly secrets: Secrets;
  private readonly catalog: CatalogApi;

  /** @throws ConfigError for a bad address, time limit, retry setting or `apiVersion`; nothing is sent. */
  constructor(options: ModelCatalogOptions) {
    const catalog = catalogApi(options);
    this.catalog = catalog;
    const { connection, api, apiV1 } = catalog;
    ({ url: this.url, secrets: this.secrets } = connection);
    this.api = api;
    this.apiV1 = apiV1;
    this.models = new CatalogModels(catalog);
    this.mcpServers = new CatalogMcpServers(catalog);
    this.agents = new CatalogAgents(catalog);
    this.skills = new CatalogSkills(catalog);
    this.sources = {
      list: (listOptions = {}) =>
        paginate(
          {
            fetchPage: (page, pageOptions) =>
              catalog.call("catalog sources", pageOptions, {
                v1: (init) =>
                  apiV1.GET(`${V1}${CATALOG_ROUTES.sources}`, {
                    params: { query: { name: listOptions.name, assetType: listOptions.assetType, ...page } },
                    ...init,
                  }),
                v1alpha1: (init) =>
                  api.GET(`${ALPHA}${CATALOG_ROUTES.sources}`, {
                    params: { query: { name: listOptions.name, assetType: listOptions.assetType, ...page } },
                    ...init,
                  }),
              }),
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
              catalog.call("catalog labels", pageOptions, {
                v1: (init) =>
                  apiV1.GET(`${V1}${CATALOG_ROUTES.labels}`, { params: { query: page }, ...init }),
                v1alpha1: (init) =>
                  api.GET(`${ALPHA}${CATALOG_ROUTES.labels}`, { params: { query: page }, ...init }),
              }),
            decode: (item) => tagKind(item, "catalog label"),
            orderKeys: null,
          },
          listOptions,
        ),
    };
  }

  /**
   * The generation of the catalog's API in use and how it was chosen (`{ version: "v1", chosenBy: "probe" }`): with
   * `apiVersion: "auto"` (the default) the first call asks the catalog once (`GET /api/model_catalog/v1/sources`, a
   * 404 meaning v1alpha1); a forced generation is returned without a request.
   * @throws AuthError, ServerError or ConnectionError when the question gets no clear answer (the next call asks
   * again).
   */
  apiVersion(options: CallOptions = {}): Promise<CatalogApiVersionChoice> {
    return this.catalog.apiVersion(options);
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
