// Listing, normalised in one place: every page sends a page size and the same order and filter, the walk stops on
// an empty token (the server never sends an empty trailing page) or at `limit`, and a repeated token is an error.

import { ConfigError, ModelRegistryError } from "../errors.js";
import { type CallOptions, callOptions } from "./call-options.js";
import { displayable } from "./displayable.js";
import type { Query } from "./rest.js";
import type { OrderByField, SortOrder } from "./types.js";

/** Options every listing takes; its signal, time limit, retries and headers apply to every page request. */
export interface PageOptions<O extends string = OrderByField> extends CallOptions {
  /** Items per request. Default 100. Always sent: without it the server returns every row at once. */
  pageSize?: number;
  /** Sort key. Default `ID`. (With CREATE_TIME or LAST_UPDATE_TIME, rows made in the same millisecond may be
   * skipped or repeated across pages: the server does not break ties by id.) */
  orderBy?: O;
  /** Default `ASC`. */
  sortOrder?: SortOrder;
  /** Stop after this many items; pages are sized so that no item beyond it is fetched. */
  limit?: number;
  /** Start from this page: the `nextPageToken` of a page an earlier walk of the same listing (same filter, order and
   * page size) returned, to resume it. Default: the first page. */
  nextPageToken?: string | undefined;
}

/** One page of a listing: its items, and the token of the page after it (undefined on the last page). Pass the token
 * as the `nextPageToken` option to resume the listing there, in this process or another. */
export interface Page<T> {
  /** The page's items (cut at the listing's `limit`). */
  items: T[];
  /** The token of the next page; undefined on the last page, and on a page cut short by `limit`. */
  nextPageToken: string | undefined;
}

/** One page as the server sends it. */
export interface RawPage<T> {
  /** The page's items; the server may leave the field out when there are none. */
  items?: T[] | undefined;
  /** The next page's token; empty or absent on the last page. */
  nextPageToken?: string | undefined;
}

/** The paging parameters of one page request, as every listing of the registry and the catalog takes them. */
export interface PageQuery<O extends string = string> {
  /** Always sent: without it the server returns every row at once. */
  pageSize: string;
  orderBy: O;
  sortOrder: SortOrder;
  /** Undefined for the first page. */
  nextPageToken: string | undefined;
}

/** Fetches one page for the given query (pageSize, orderBy, sortOrder, nextPageToken and any filters). */
export type PageFetcher<T> = (query: Query & PageQuery, options: CallOptions) => Promise<RawPage<T>>;

const ORDER_BY: readonly string[] = ["ID", "CREATE_TIME", "LAST_UPDATE_TIME"];
const SORT_ORDER: ReadonlySet<string> = new Set(["ASC", "DESC"]);
export const DEFAULT_PAGE_SIZE = 100;

/** `orderKeys`: the sort keys the listing honours; `null` passes any non-empty key on (the server checks it). */
function checkOptions(options: PageOptions<string>, orderKeys: readonly string[] | null): void {
  const { pageSize, limit, orderBy, sortOrder } = options;
  if (pageSize !== undefined && !(Number.isInteger(pageSize) && pageSize >= 1 && pageSize <= 2 ** 31 - 1))
    throw new ConfigError(`pageSize must be a whole number from 1 to 2147483647, not ${pageSize}`);
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 0))
    throw new ConfigError(`limit must be a whole number of at least 0, not ${limit}`);
  // The server silently falls back to ID/ASC on anything else, so refuse it here instead.
  if (
    orderBy !== undefined &&
    (orderKeys ? !orderKeys.includes(orderBy) : typeof orderBy !== "string" || !orderBy)
  )
    throw new ConfigError(
      orderKeys
        ? `orderBy must be one of ${orderKeys.join(", ")}, not ${JSON.stringify(orderBy)}`
        : `orderBy must be a non-empty string, not ${JSON.stringify(orderBy)}`,
    );
  if (sortOrder !== undefined && !SORT_ORDER.has(sortOrder))
    throw new ConfigError(`sortOrder must be ASC or DESC, not ${JSON.stringify(sortOrder)}`);
}

/** A listing: iterate it with `for await`, or take `pages()` or `toArray()`. Each walk starts from the first page,
 * or from the `nextPageToken` option's page. */
export class Paginated<T> implements AsyncIterable<T> {
  readonly #fetchPage: PageFetcher<T>;
  readonly #options: PageOptions<string>;
  readonly #query: Query;

  /** `orderKeys`: the sort keys the listing honours (default the registry's ID, CREATE_TIME, LAST_UPDATE_TIME);
   * `null` passes any key on. */
  constructor(
    fetchPage: PageFetcher<T>,
    options: PageOptions<string> = {},
    query: Query = {},
    orderKeys: readonly string[] | null = ORDER_BY,
  ) {
    checkOptions(options, orderKeys);
    this.#fetchPage = fetchPage;
    this.#options = options;
    this.#query = query;
    displayable(this); // a table in Deno's Jupyter kernel; nothing elsewhere
  }

  /** The listing page by page, as the server sends it (cut at `limit`), each page with the token of the next. */
  async *pages(): AsyncGenerator<Page<T>, void, undefined> {
    const { pageSize = DEFAULT_PAGE_SIZE, orderBy = "ID", sortOrder = "ASC", limit } = this.#options;
    const seen = new Set<string>();
    let token = this.#options.nextPageToken || undefined;
    if (token) seen.add(token);
    let remaining = limit ?? Number.POSITIVE_INFINITY;
    while (remaining > 0) {
      const size = Math.min(pageSize, remaining);
      const paging: PageQuery = { pageSize: String(size), orderBy, sortOrder, nextPageToken: token };
      const query = { ...this.#query, ...paging };
      const page = await this.#fetchPage(query, callOptions(this.#options));
      const all = page.items ?? [];
      const items = all.slice(0, remaining);
      remaining -= items.length;
      token = page.nextPageToken || undefined;
      // Cut at `limit` within a page: no token would resume after the last item given, so none is given.
      if (items.length > 0) yield { items, nextPageToken: items.length < all.length ? undefined : token };
      if (!token) return;
      if (seen.has(token))
        throw new ModelRegistryError(
          "the server sent the same nextPageToken twice; stopped listing to avoid an endless loop",
        );
      seen.add(token);
    }
  }

  /** The items one by one (`for await (const item of listing)`), fetching pages as needed. */
  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for await (const page of this.pages()) yield* page.items;
  }

  /** Every item (up to `limit`) in one array. */
  async toArray(): Promise<T[]> {
    const all: T[] = [];
    for await (const page of this.pages()) all.push(...page.items);
    return displayable(all);
  }
}
