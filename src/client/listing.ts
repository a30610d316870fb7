// One listing of a collection, for the registry and the catalog alike: how one page is fetched, what each item
// becomes, which sort keys the endpoint honours; paginate() walks it as a Paginated.
import type { CallOptions } from "./call-options.js";
import { type PageOptions, type PageQuery, Paginated, type RawPage } from "./paginate.js";

/** A listing endpoint. `R` is an item as the server sends it, `T` as the listing yields it, `O` its sort keys. */
export interface Listing<R, T, O extends string = string> {
  /** Fetches one page as the server sends it: the endpoint's own query with the paging parameters added. */
  fetchPage: (page: PageQuery<O>, options: CallOptions) => Promise<RawPage<R>>;
  /** What one item becomes: an entity with its custom properties decoded, a value tagged with its kind. */
  decode: (item: R) => T;
  /** The sort keys the endpoint honours; `null` passes any non-empty key on (the server checks it). Default the
   * registry's: ID, CREATE_TIME, LAST_UPDATE_TIME. */
  orderKeys?: readonly O[] | null | undefined;
  /** May replace a page's failure by a clearer error; it rethrows the failure otherwise. */
  explain?: ((error: unknown) => Promise<never>) | undefined;
}

/**
 * The items of a listing, page by page (`for await`, `pages()`, `toArray()`).
 * @throws ConfigError for a bad page size, limit, order or sort order, before anything is sent.
 */
export function paginate<R, T, O extends string = string>(
  listing: Listing<R, T, O>,
  options: PageOptions<O> = {},
): Paginated<T> {
  const { fetchPage, decode, orderKeys, explain } = listing;
  return new Paginated<T>(
    async ({ pageSize, orderBy, sortOrder, nextPageToken }, callOptions) => {
      // Paginated refused any order outside orderKeys before the first request, so orderBy is one of O.
      const page: PageQuery<O> = { pageSize, orderBy: orderBy as O, sortOrder, nextPageToken };
      const raw = await fetchPage(page, callOptions).catch(
        explain ?? ((error: unknown) => Promise.reject(error)),
      );
      return { items: (raw.items ?? []).map(decode), nextPageToken: raw.nextPageToken };
    },
    options,
    {},
    orderKeys,
  );
}
