// The registry's listings of entities at a route: filter checked against what the endpoint honours, pages decoded,
// walked by the one paginate().

import { ConfigError } from "../errors.js";
import { decodeEntity, type Entity } from "./entity.js";
import { type Filter, toFilterQuery } from "./filter.js";
import { paginate } from "./listing.js";
import type { PageOptions, Paginated } from "./paginate.js";
import type { Query, Rest } from "./rest.js";
import type { Route } from "./routes.js";
import type { MetadataValue } from "./types.js";

/** The shape every entity the server sends has in common. */
export type RawEntity = {
  id?: string;
  name?: string;
  externalId?: string;
  customProperties?: Record<string, MetadataValue>;
};

/** A listing endpoint of the registry. */
export interface EntityListing {
  route: Route<"get">;
  /** The parent's id, for a listing under a parent (the route's `{parameter}`). */
  id?: string | undefined;
  /** Whether the endpoint honours filterQuery (several silently ignore it). */
  filterable: boolean;
  /** Plural noun for messages: "model versions". */
  noun: string;
  /** Extra query parameters sent with every page (e.g. artifactType). */
  query?: Query;
  /** What one item is ("experiment"), tagged on each item for the views; artifacts say it themselves. */
  kind?: string;
}

/** Listing options with an optional filter. */
export type ListingOptions = PageOptions & { filter?: Filter | string | undefined };

/** The entities at a listing endpoint, decoded, page by page. */
export function listEntities<T extends RawEntity>(
  rest: Rest,
  listing: EntityListing,
  options: ListingOptions = {},
): Paginated<Entity<T>> {
  const { filter: where, ...pageOptions } = options;
  if (where !== undefined && !listing.filterable)
    throw new ConfigError(
      `the server ignores filters when listing ${listing.noun}; filter the results yourself`,
    );
  const query: Query = { ...listing.query, filterQuery: toFilterQuery(where) };
  return paginate(
    {
      fetchPage: (page, callOptions) =>
        rest.get<{ items?: T[]; nextPageToken?: string }>({
          route: listing.route,
          id: listing.id,
          query: { ...query, ...page },
          subject: listing.noun,
          options: callOptions,
        }),
      decode: (item: T) => decodeEntity(item, listing.kind),
    },
    pageOptions,
  );
}
