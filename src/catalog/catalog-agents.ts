// The agent catalog (`/api/agent_catalog/v1`, or `/v1alpha1`): agents, one agent, its templates, the filter options.
// Each call names its path under both generations, through each generation's typed client.
import type { CallOptions } from "../client/call-options.js";
import { decodeEntity } from "../client/entity.js";
import type { Paginated } from "../client/paginate.js";
import type {
  CatalogAgent,
  CatalogAgentArtifact,
  CatalogAgentArtifactListOptions,
  CatalogEntryRefOptions,
  CatalogSourcedListOptions,
} from "./asset-types.js";
import { CATALOG_PREFIXES, type CatalogApi, routesOf } from "./catalog-api.js";
import { catalogEntry, catalogFilterOptions, catalogListing, sourcedQuery } from "./catalog-calls.js";
import { findEntry, withBothSourceNames } from "./catalog-entry.js";
import type { CatalogFilterOptions } from "./catalog-types.js";

const { v1: V1, v1alpha1: ALPHA } = CATALOG_PREFIXES.agent;
const route = routesOf("agent");
/** The agent catalog's operations this client uses, under either generation's prefix. */
const R = {
  agents: route("/agents"),
  filterOptions: route("/agents/filter_options"),
  agent: route("/agents/{id}"),
  artifacts: route("/agents/{id}/artifacts"),
};

/** An agent as either generation sends it, with its source under both names. The catalog sends its images'
 * `artifactType` empty (its YAML has no such field); the spec's value, `image-artifact`, is set here. */
function decodeAgent(raw: object): CatalogAgent {
  const agent = withBothSourceNames(raw) as { artifacts?: { artifactType?: string }[] };
  const artifacts = agent.artifacts?.map((a) =>
    a.artifactType ? a : { ...a, artifactType: "image-artifact" },
  );
  const wire = artifacts ? { ...agent, artifacts } : agent;
  return decodeEntity(wire as Parameters<typeof decodeEntity>[0], "catalog agent") as unknown as CatalogAgent;
}

function decodeTemplate(raw: object): CatalogAgentArtifact {
  const template = decodeEntity(raw as Parameters<typeof decodeEntity>[0], "catalog agent artifact");
  return template as unknown as CatalogAgentArtifact;
}

/** The agents of a catalog: `list()`, `get()`, `artifacts()` (its templates), `filterOptions()`. An agent is named
 * by its id or its name (with `source` when two sources have that name). */
export class CatalogAgents {
  /** @internal */
  constructor(private readonly catalog: CatalogApi) {}

  /** Agents matching the options (all, without any), page by page: `for await`, `pages()` or `toArray()`.
   * @throws ConfigError for an unknown `orderBy` or a bad option, before anything is sent. */
  list(options: CatalogSourcedListOptions = {}): Paginated<CatalogAgent> {
    const query = sourcedQuery(options);
    const { api, apiV1 } = this.catalog;
    return catalogListing(
      this.catalog,
      "agent",
      "catalog agents",
      (page) => ({
        v1: (init) => apiV1.GET(`${V1}${R.agents}`, { params: { query: { ...query, ...page } }, ...init }),
        v1alpha1: (init) =>
          api.GET(`${ALPHA}${R.agents}`, { params: { query: { ...query, ...page } }, ...init }),
      }),
      decodeAgent,
      options,
    );
  }

  /** One agent, by id or name.
   * @throws NotFoundError when no agent has that id or name (or several sources have the name: give `source`). */
  get(agent: string, options: CallOptions & CatalogEntryRefOptions = {}): Promise<CatalogAgent> {
    const { api, apiV1, connection } = this.catalog;
    const finder = {
      what: "agent",
      listUrl: (name: string) =>
        `${connection.url}${this.catalog.prefix("agent")}${R.agents}?name=${encodeURIComponent(name)}`,
      byId: (id: string, call: CallOptions) =>
        catalogEntry(
          this.catalog,
          "agent",
          `catalog agent ${JSON.stringify(id)}`,
          {
            v1: (init) => apiV1.GET(`${V1}${R.agent}`, { params: { path: { id } }, ...init }),
            v1alpha1: (init) => api.GET(`${ALPHA}${R.agent}`, { params: { path: { id } }, ...init }),
          },
          decodeAgent,
          call,
        ),
      byName: (name: string, call: CallOptions) => this.list({ ...call, name, pageSize: 100 }).toArray(),
    };
    return findEntry(finder, agent, options);
  }

  /** The templates of an agent (by id or name), page by page (`artifactType` `template-artifact`; its images are
   * the agent's own `artifacts`).
   * @throws NotFoundError when no agent has that id or name, on the first page. */
  artifacts(agent: string, options: CatalogAgentArtifactListOptions = {}): Paginated<CatalogAgentArtifact> {
    const { api, apiV1 } = this.catalog;
    let found: Promise<string> | undefined;
    const idOf = (call: CallOptions) => {
      found ??=
        /^\d+$/.test(agent) && options.source === undefined
          ? Promise.resolve(agent)
          : this.get(agent, { ...call, source: options.source }).then((entry) => entry.id);
      return found;
    };
    return catalogListing(
      this.catalog,
      "agent",
      `templates of catalog agent ${JSON.stringify(agent)}`,
      async (page, call) => {
        const path = { id: await idOf(call) };
        return {
          v1: (init) => apiV1.GET(`${V1}${R.artifacts}`, { params: { path, query: page }, ...init }),
          v1alpha1: (init) => api.GET(`${ALPHA}${R.artifacts}`, { params: { path, query: page }, ...init }),
        };
      },
      decodeTemplate,
      options,
    );
  }

  /** The fields agents can be filtered on, with their values. */
  filterOptions(options: CallOptions = {}): Promise<CatalogFilterOptions> {
    const { api, apiV1 } = this.catalog;
    return catalogFilterOptions(
      this.catalog,
      "agent",
      "the agent catalog's filter options",
      {
        v1: (init) => apiV1.GET(`${V1}${R.filterOptions}`, init),
        v1alpha1: (init) => api.GET(`${ALPHA}${R.filterOptions}`, init),
      },
      options,
    );
  }
}
