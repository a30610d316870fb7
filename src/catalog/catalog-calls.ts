// The calls the MCP-server, agent and skill catalogs share: a listing page by page, one entry by id, the filter
// options. Each catalog gives the send of each generation (its typed path) and how an item is read.
import type { CallOptions } from "../client/call-options.js";
import { displayable } from "../client/displayable.js";
import { paginate } from "../client/listing.js";
import type { PageOptions, PageQuery, Paginated, RawPage } from "../client/paginate.js";
import { ConfigError } from "../errors.js";
import {
  CATALOG_ASSET_ORDER_KEYS,
  type CatalogAssetOrderBy,
  type CatalogSourcedListOptions,
} from "./asset-types.js";
import type { CatalogApi, CatalogKind, CatalogSend } from "./catalog-api.js";
import type { CatalogFilterOptions } from "./catalog-types.js";
import { stringList } from "./models-query.js";

/** Refuses `source` with `sourceLabel`: the catalogs answer the pair differently (the model and skill catalogs refuse
 * it, the agent catalog drops the label), so neither is sent. @throws ConfigError. */
export function oneOfSourceOrLabel(options: { source?: unknown; sourceLabel?: unknown }): void {
  if (options.source !== undefined && options.sourceLabel !== undefined)
    throw new ConfigError("give source or sourceLabel, not both: the catalog does not combine them");
}

/** The query of an agent or skill listing, checked (lists as the spec's arrays).
 * @throws ConfigError for an empty source or label, or both `source` and `sourceLabel`. */
export function sourcedQuery(options: CatalogSourcedListOptions) {
  oneOfSourceOrLabel(options);
  return {
    q: options.q,
    name: options.name,
    source: stringList(options.source, "source"),
    sourceLabel: stringList(options.sourceLabel, "sourceLabel"),
    filterQuery: options.filterQuery,
  };
}

/** A listing of one catalog, with this client's sort keys checked before sending. `sends` may first look something
 * up (a name's id) with the page's call options.
 * @throws ConfigError for an unknown `orderBy` or a bad page option, before anything is sent. */
export function catalogListing<A extends RawPage<object>, B extends RawPage<object>, T>(
  catalog: CatalogApi,
  kind: CatalogKind,
  subject: string,
  sends: (
    page: PageQuery<CatalogAssetOrderBy>,
    options: CallOptions,
  ) => CatalogSend<A, B> | Promise<CatalogSend<A, B>>,
  decode: (item: object) => T,
  options: PageOptions<CatalogAssetOrderBy>,
): Paginated<T> {
  return paginate(
    {
      fetchPage: async (page, pageOptions) =>
        catalog.call(subject, pageOptions, await sends(page, pageOptions), kind),
      decode,
      orderKeys: CATALOG_ASSET_ORDER_KEYS,
    },
    options,
  );
}

/** One entry by its id, read. @throws NotFoundError when the catalog has no such id. */
export async function catalogEntry<A extends object, B extends object, T>(
  catalog: CatalogApi,
  kind: CatalogKind,
  subject: string,
  sends: CatalogSend<A, B>,
  decode: (raw: object) => T,
  options: CallOptions,
): Promise<T> {
  return decode(await catalog.call(subject, options, sends, kind));
}

/** A catalog's filter options: the fields its listing filters on, with their values. */
export async function catalogFilterOptions<A, B>(
  catalog: CatalogApi,
  kind: CatalogKind,
  subject: string,
  sends: CatalogSend<A, B>,
  options: CallOptions,
): Promise<CatalogFilterOptions> {
  return displayable((await catalog.call(subject, options, sends, kind)) as CatalogFilterOptions);
}
