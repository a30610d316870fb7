// The catalog client's transport: the registry's one fetch (token, TLS, retries, time limits) under the catalog's
// typed openapi-fetch client; one call unwrapped into its data or a typed error; listings as Paginated.
import createClient, { type Client } from "openapi-fetch";
import { type CallInit, type CallOptions, callInit, callOptions } from "../client/call-options.js";
import type { ConnectionOptions } from "../client/connection-options.js";
import { createFetch } from "../client/create-fetch.js";
import { decodeEntity, tagKind } from "../client/entity.js";
import type { paths } from "../client/generated/catalog.js";
import { type PageOptions, Paginated } from "../client/paginate.js";
import { parseRegistryUrl } from "../client/parse-registry-url.js";
import { checkTimeoutMs, retryPolicy } from "../client/retry.js";
import { Secrets } from "../client/secrets.js";
import { type FetchResult, unwrap } from "../client/transport.js";
import { VERSION } from "../version.js";

/** The catalog API's path prefix. */
export const CATALOG_API_PREFIX = "/api/model_catalog/v1alpha1";

/** The raw typed openapi-fetch client of the catalog API (every endpoint of its spec, paths as in the spec). */
export type CatalogApiClient = Client<paths>;

/** How to reach a model catalog: the same options as the registry's client (see {@link ConnectionOptions}), for the
 * catalog's address, e.g. `http://localhost:8081`. */
export type ModelCatalogOptions = ConnectionOptions;

export type Query = Record<string, string | number | boolean | readonly string[] | undefined>;

/** One listing of the catalog. */
export interface Listing {
  /** Query parameters besides the paging ones. */
  query?: Query;
  /** The caller's paging and call options. */
  options: PageOptions<string>;
  /** The sort keys the endpoint honours; `null`: any key is passed on. */
  orderKeys: readonly string[] | null;
  /** What is listed, for error messages: `catalog models`. */
  subject: string;
  /** What one item is (`catalog model`), for notebook views. */
  kind: string;
  /** Whether items are entities (custom properties decoded); sources and labels are not. Default true. */
  entities?: boolean;
  /** May replace a page's failure by a clearer error; it rethrows the failure otherwise. */
  explain?: (error: unknown) => Promise<never>;
}

/** Sends the catalog's requests. @internal */
export class CatalogTransport {
  /** The base URL, without a trailing slash. */
  readonly url: string;
  /** The typed client. */
  readonly api: CatalogApiClient;
  /** The tokens sent, scrubbed from every error. */
  readonly secrets: Secrets = new Secrets();
  readonly #fetch: ReturnType<typeof createFetch>;

  constructor(options: ModelCatalogOptions) {
    this.url = parseRegistryUrl(options.url, "the catalog url option", "the model catalog");
    retryPolicy(options.retry);
    checkTimeoutMs(options.timeout, "the timeout option");
    if (typeof options.token === "string") this.secrets.add(options.token);
    this.#fetch = createFetch({
      token: options.token,
      fetch: options.fetch,
      timeoutMs: options.timeout,
      retry: options.retry,
      tls: { caFile: options.caFile, insecureSkipVerify: options.insecureSkipVerify },
      userAgent: options.userAgent ?? `model-registry-ts/${VERSION}`,
      secrets: this.secrets,
      service: "the model catalog",
    });
    const send = this.#fetch;
    this.api = createClient<paths>({
      baseUrl: this.url,
      fetch: (request: Request) => send(request),
      // Lists as one comma-separated value (`source=a,b`): the catalog reads only the first of repeated keys.
      querySerializer: { array: { style: "form", explode: false } },
    });
  }

  /** The init of one call: its signal and headers, and a fetch with its time limit and retries. */
  init(options: CallOptions): CallInit {
    return callInit(callOptions(options), this.secrets, this.#fetch);
  }

  /** Sends one call and unwraps it into its data or a typed error (secrets scrubbed). */
  async call<T>(subject: string, send: () => Promise<FetchResult<T>>): Promise<T> {
    try {
      const result = await send();
      return unwrap(result, { method: "GET", path: CATALOG_API_PREFIX, subject, service: "catalog" });
    } catch (error) {
      throw this.secrets.scrubError(error);
    }
  }

  /** A listing of one catalog endpoint (`path` under the API prefix). */
  paginate<T>(path: string, listing: Listing): Paginated<T> {
    const { query = {}, options, orderKeys, subject, kind, entities = true, explain } = listing;
    const url = `${CATALOG_API_PREFIX}${path}`;
    // The path is built (and its parts encoded) by the caller; the spec's templates cannot be matched by a built path.
    const get = this.api.GET as unknown as (
      p: string,
      i: object,
    ) => Promise<FetchResult<{ items?: T[]; nextPageToken?: string }>>;
    return new Paginated<T>(
      async (page, pageOptions) => {
        const raw = await this.call(subject, () =>
          get(url, { params: { query: { ...query, ...page } }, ...this.init(pageOptions) }),
        ).catch(explain ?? ((error: unknown) => Promise.reject(error)));
        const items = (raw.items ?? []).map((item) =>
          entities
            ? (decodeEntity(item as { customProperties?: never }, kind) as T)
            : (tagKind(item as object, kind) as T),
        );
        return { items, nextPageToken: raw.nextPageToken };
      },
      options,
      {},
      orderKeys,
    );
  }
}
