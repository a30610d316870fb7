// The skill catalog (`/api/skill_catalog/v1`, or `/v1alpha1`): skills, one skill, the filter options. Each call names
// its path under both generations, through each generation's typed client.
import type { CallOptions } from "../client/call-options.js";
import { decodeEntity } from "../client/entity.js";
import type { Paginated } from "../client/paginate.js";
import type { CatalogEntryRefOptions, CatalogSkill, CatalogSourcedListOptions } from "./asset-types.js";
import { CATALOG_PREFIXES, type CatalogApi, routesOf } from "./catalog-api.js";
import { catalogEntry, catalogFilterOptions, catalogListing, sourcedQuery } from "./catalog-calls.js";
import { findEntry, withBothSourceNames } from "./catalog-entry.js";
import type { CatalogFilterOptions } from "./catalog-types.js";

const { v1: V1, v1alpha1: ALPHA } = CATALOG_PREFIXES.skill;
const route = routesOf("skill");
/** The skill catalog's operations this client uses, under either generation's prefix. */
const R = {
  skills: route("/skills"),
  filterOptions: route("/skills/filter_options"),
  skill: route("/skills/{id}"),
};

function decodeSkill(raw: object): CatalogSkill {
  const wire = withBothSourceNames(raw);
  return decodeEntity(wire as Parameters<typeof decodeEntity>[0], "catalog skill") as unknown as CatalogSkill;
}

/** The agent skills of a catalog, read from the git repositories of its skill sources: `list()`, `get()`,
 * `filterOptions()`. A skill is named by its id or its name (with `source` when two sources have that name). */
export class CatalogSkills {
  /** @internal */
  constructor(private readonly catalog: CatalogApi) {}

  /** Skills matching the options (all, without any), page by page: `for await`, `pages()` or `toArray()`.
   * @throws ConfigError for an unknown `orderBy` or a bad option, before anything is sent. */
  list(options: CatalogSourcedListOptions = {}): Paginated<CatalogSkill> {
    const query = sourcedQuery(options);
    const { api, apiV1 } = this.catalog;
    return catalogListing(
      this.catalog,
      "skill",
      "catalog skills",
      (page) => ({
        v1: (init) => apiV1.GET(`${V1}${R.skills}`, { params: { query: { ...query, ...page } }, ...init }),
        v1alpha1: (init) =>
          api.GET(`${ALPHA}${R.skills}`, { params: { query: { ...query, ...page } }, ...init }),
      }),
      decodeSkill,
      options,
    );
  }

  /** One skill, by id or name.
   * @throws NotFoundError when no skill has that id or name (or several sources have the name: give `source`). */
  get(skill: string, options: CallOptions & CatalogEntryRefOptions = {}): Promise<CatalogSkill> {
    const { api, apiV1, connection } = this.catalog;
    const finder = {
      what: "skill",
      listUrl: (name: string) =>
        `${connection.url}${this.catalog.prefix("skill")}${R.skills}?name=${encodeURIComponent(name)}`,
      byId: (id: string, call: CallOptions) =>
        catalogEntry(
          this.catalog,
          "skill",
          `catalog skill ${JSON.stringify(id)}`,
          {
            v1: (init) => apiV1.GET(`${V1}${R.skill}`, { params: { path: { id } }, ...init }),
            v1alpha1: (init) => api.GET(`${ALPHA}${R.skill}`, { params: { path: { id } }, ...init }),
          },
          decodeSkill,
          call,
        ),
      byName: (name: string, call: CallOptions) => this.list({ ...call, name, pageSize: 100 }).toArray(),
    };
    return findEntry(finder, skill, options);
  }

  /** The fields skills can be filtered on, with their values. */
  filterOptions(options: CallOptions = {}): Promise<CatalogFilterOptions> {
    const { api, apiV1 } = this.catalog;
    return catalogFilterOptions(
      this.catalog,
      "skill",
      "the skill catalog's filter options",
      {
        v1: (init) => apiV1.GET(`${V1}${R.filterOptions}`, init),
        v1alpha1: (init) => api.GET(`${ALPHA}${R.filterOptions}`, init),
      },
      options,
    );
  }
}
