// A client of the Model Registry project's model catalog (`/api/model_catalog/v1alpha1`): read-only, over the same
// transport as the registry's client (token, TLS, retries, time limits, typed errors).
import createClient, { type Client } from "openapi-fetch";
import { type CallOptions, callOptions } from "../client/call-options.js";
import type { TokenProvider } from "../client/create-fetch.js";
import { createFetch } from "../client/create-fetch.js";
import { displayable } from "../client/displayable.js";
import { decodeEntity } from "../client/entity.js";
import type { paths } from "../client/generated/catalog.js";
import { type PageOptions, Paginated } from "../client/paginate.js";
import { parseRegistryUrl } from "../client/parse-registry-url.js";
import { checkTimeoutMs, type RetryOptions, retryPolicy } from "../client/retry.js";
import { Secrets } from "../client/secrets.js";
import { type FetchResult, unwrap } from "../client/transport.js";
import { resolveSettings } from "../config/resolve-settings.js";
import { ConfigError } from "../errors.js";
import { VERSION } from "../version.js";
import {
  CATALOG_ORDER_KEYS,
  type CatalogArtifact,
  type CatalogArtifactListOptions,
  type CatalogFilterOptions,
  type CatalogLabel,
  type CatalogMetricsArtifact,
  type CatalogModel,
  type CatalogModelListOptions,
  type CatalogSource,
  type CatalogSourceListOptions,
  type PerformanceArtifactListOptions,
  type RecommendedOptions,
} from "./catalog-types.js";

/** The catalog API's path prefix. */
export const CATALOG_API_PREFIX = "/api/model_catalog/v1alpha1";

/** The raw typed openapi-fetch client of the catalog API (every endpoint of its spec, paths as in the spec). */
export type CatalogApiClient = Client<paths>;

/** How to reach a model catalog: as {@link ModelRegistryOptions}, for the catalog's address. */
export interface ModelCatalogOptions {
  /** Base URL of the catalog, e.g. `http://localhost:8081` (the API path is added per request). */
  url: string;
  /** Bearer token, or a function returning one (called per request). */
  token?: TokenProvider | undefined;
  /** The fetch to use. Default: `globalThis.fetch`, looked up at each request. */
  fetch?: ((request: Request) => Promise<Response>) | undefined;
  /** Time limit of one HTTP attempt in ms; 0 disables it. Default 30_000. */
  timeout?: number | undefined;
  /** Retries of transient failures (connection errors, 408/429/502/503/504). Default `{ attempts: 5 }`; `false`
   * disables them. */
  retry?: RetryOptions | false | undefined;
  /** Path of a PEM CA bundle to trust. */
  caFile?: string | undefined;
  /** Accept any TLS certificate. Development only. Default false. */
  insecureSkipVerify?: boolean | undefined;
  /** User-Agent header. Default `model-registry-ts/<version>`. */
  userAgent?: string | undefined;
}

/** The fields of an openapi-fetch call that come from one call's options. */
type CallInit = {
  signal?: AbortSignal;
  headers?: Headers;
  fetch?: (request: Request) => Promise<Response>;
};

type Query = Record<string, string | number | boolean | readonly string[] | undefined>;

/** A string or a list of them, as a list; empty entries are refused. */
function list(value: string | readonly string[] | undefined, label: string): string[] | undefined {
  if (value === undefined) return undefined;
  const items = typeof value === "string" ? [value] : [...value];
  if (items.some((item) => typeof item !== "string" || item.trim() === ""))
    throw new ConfigError(`${label} must be a non-empty string or a list of them`);
  return items;
}

/** The recommendation parameters, checked. */
function recommended(options: RecommendedOptions): Query {
  const { targetRPS, latencyProperty, rpsProperty, hardwareCountProperty, hardwareTypeProperty } = options;
  if (targetRPS !== undefined && !(Number.isInteger(targetRPS) && targetRPS >= 1 && targetRPS <= 2 ** 31 - 1))
    throw new ConfigError(`targetRPS must be a whole number of at least 1, not ${targetRPS}`);
  return { targetRPS, latencyProperty, rpsProperty, hardwareCountProperty, hardwareTypeProperty };
}

/** The path parameters of one catalog model, checked. */
function modelPath(source: string, name: string): { source_id: string; model_name: string } {
  if (typeof source !== "string" || source === "")
    throw new ConfigError(
      "the catalog source must be a non-empty source id (mr-cli catalog sources lists them)",
    );
  if (typeof name !== "string" || name === "")
    throw new ConfigError("the catalog model name must be non-empty");
  return { source_id: source, model_name: name };
}

/** Catalog models: search and list, one model, its artifacts and performance artifacts, the filter options. */
export class CatalogModels {
  /** @internal */
  constructor(private readonly catalog: ModelCatalog) {}

  /** Models matching the options (all, without any), page by page: `for await`, `pages()` or `toArray()`.
   * @throws ConfigError for an unknown `orderBy` or a bad option, before anything is sent. */
  list(options: CatalogModelListOptions = {}): Paginated<CatalogModel> {
    const { q, source, sourceLabel, filterQuery } = options;
    const query: Query = {
      q,
      source: list(source, "source"),
      sourceLabel: list(sourceLabel, "sourceLabel"),
      filterQuery,
      ...recommended(options),
    };
    return this.catalog.paginate<CatalogModel>(
      "/models",
      query,
      options,
      CATALOG_ORDER_KEYS.models,
      "catalog models",
      "catalog model",
    );
  }

  /** One model of a source (`get("stack_demo", "acme/digits-onnx")`); its `artifactCounts` say how many artifacts of
   * each kind it has. @throws NotFoundError (404) when the source has no such model. */
  async get(source: string, name: string, options: CallOptions = {}): Promise<CatalogModel> {
    const path = modelPath(source, name);
    return this.catalog
      .call(`catalog model ${JSON.stringify(name)} of source ${JSON.stringify(source)}`, () =>
        this.catalog.api.GET(`${CATALOG_API_PREFIX}/sources/{source_id}/models/{model_name+}`, {
          params: { path: { source_id: path.source_id, "model_name+": path.model_name } },
          ...this.catalog.init(options),
        }),
      )
      .then((raw) => decodeEntity(raw, "catalog model") as CatalogModel);
  }

  /** The model's artifacts (model artifacts with their URIs, metrics artifacts with their figures), page by page.
   * `orderBy` takes ID, CREATE_TIME, LAST_UPDATE_TIME or a property name. */
  artifacts(
    source: string,
    name: string,
    options: CatalogArtifactListOptions = {},
  ): Paginated<CatalogArtifact> {
    const path = modelPath(source, name);
    const query: Query = {
      artifactType: options.artifactType === undefined ? undefined : [options.artifactType],
      filterQuery: options.filterQuery,
    };
    return this.catalog.paginate<CatalogArtifact>(
      `/sources/${encodeURIComponent(path.source_id)}/models/${encodeURIComponent(path.model_name)}/artifacts`,
      query,
      options,
      null,
      `artifacts of catalog model ${JSON.stringify(name)}`,
      "catalog artifact",
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
    const query: Query = {
      filterQuery: options.filterQuery,
      recommendations: options.recommendations,
      ...recommended(options),
    };
    return this.catalog.paginate<CatalogMetricsArtifact>(
      `/sources/${encodeURIComponent(path.source_id)}/models/${encodeURIComponent(path.model_name)}/artifacts/performance`,
      query,
      options,
      null,
      `performance artifacts of catalog model ${JSON.stringify(name)}`,
      "catalog artifact",
    );
  }

  /** The fields models can be filtered on (with their values or ranges), and the catalog's named queries. */
  filterOptions(options: CallOptions = {}): Promise<CatalogFilterOptions> {
    return this.catalog
      .call("the catalog's filter options", () =>
        this.catalog.api.GET(`${CATALOG_API_PREFIX}/models/filter_options`, this.catalog.init(options)),
      )
      .then(displayable);
  }
}

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
  /** The catalog's models. */
  readonly models: CatalogModels;
  /** The catalog's sources: `list()`. */
  readonly sources: { list(options?: CatalogSourceListOptions): Paginated<CatalogSource> };
  /** The labels the catalog defines: `list()` (ordered by ID or by a label field, e.g. `name`). */
  readonly labels: { list(options?: PageOptions<string>): Paginated<CatalogLabel> };
  /** The tokens this client sent, scrubbed from every error it throws. */
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
    this.api = createClient<paths>({ baseUrl: this.url, fetch: (request: Request) => send(request) });
    this.models = new CatalogModels(this);
    this.sources = {
      list: (listOptions = {}) =>
        this.paginate<CatalogSource>(
          "/sources",
          { name: listOptions.name },
          listOptions,
          CATALOG_ORDER_KEYS.sources,
          "catalog sources",
        ),
    };
    this.labels = {
      list: (listOptions = {}) =>
        this.paginate<CatalogLabel>("/labels", {}, listOptions, null, "catalog labels"),
    };
  }

  /** The init of one call: its signal and headers, and a fetch with its time limit and retries. @internal */
  init(options: CallOptions): CallInit {
    const { signal, timeout, retry, headers } = callOptions(options);
    const init: CallInit = {};
    if (signal) init.signal = signal;
    if (headers) {
      try {
        init.headers = new Headers(headers);
      } catch {
        throw new ConfigError(
          `the headers of this call are not valid HTTP headers (names: ${Object.keys(headers).join(", ")}); nothing was sent`,
        );
      }
      const auth = init.headers.get("authorization");
      if (auth) this.secrets.add(auth.replace(/^bearer\s+/i, ""));
    }
    if (timeout !== undefined || retry !== undefined) {
      const timeoutMs = checkTimeoutMs(timeout, "the timeout of this call");
      if (retry !== undefined) retryPolicy(retry);
      init.fetch = (request) => this.#fetch(request, { timeoutMs, retry });
    }
    return init;
  }

  /** Sends one call and unwraps it into its data or a typed error (secrets scrubbed). @internal */
  async call<T>(subject: string, send: () => Promise<FetchResult<T>>): Promise<T> {
    try {
      const result = await send();
      return unwrap(result, { method: "GET", path: CATALOG_API_PREFIX, subject, service: "catalog" });
    } catch (error) {
      throw this.secrets.scrubError(error);
    }
  }

  /** A listing of one catalog endpoint (`path` under the API prefix). @internal */
  paginate<T>(
    path: string,
    query: Query,
    options: PageOptions<string>,
    orderKeys: readonly string[] | null,
    subject: string,
    kind?: string,
  ): Paginated<T> {
    const url = `${CATALOG_API_PREFIX}${path}`;
    return new Paginated<T>(
      async (page, pageOptions) => {
        const raw = await this.call(subject, () =>
          // The path is built (and its parts encoded) above; the spec's templates cannot be matched by a built path.
          (
            this.api.GET as unknown as (
              p: string,
              i: object,
            ) => Promise<FetchResult<{ items?: T[]; nextPageToken?: string }>>
          )(url, {
            params: { query: { ...query, ...page } },
            ...this.init(pageOptions),
          }),
        );
        const items = (raw.items ?? []).map((item) =>
          kind
            ? (decodeEntity(item as { customProperties?: never }, kind) as T)
            : (displayable(item as object) as T),
        );
        return { items, nextPageToken: raw.nextPageToken };
      },
      options,
      {},
      orderKeys,
    );
  }

  /**
   * A catalog client configured from the environment: `MODEL_CATALOG_URL`; the token from `MODEL_CATALOG_TOKEN`, else
   * the registry's (as {@link ModelRegistry.fromEnv} finds it: `MODEL_REGISTRY_TOKEN`, token files, the service
   * account); the CA file from `MODEL_CATALOG_CA_FILE`, else `MODEL_REGISTRY_CA_FILE`. Explicit `options` win.
   * @throws ConfigError when no URL is given or set.
   */
  static async fromEnv(
    options: Partial<ModelCatalogOptions> & { env?: Record<string, string | undefined> } = {},
  ): Promise<ModelCatalog> {
    const { env: given, ...explicit } = options;
    const env = given ?? (await import("../config/default-env.js")).defaultEnv();
    const url = parseRegistryUrl(
      explicit.url ?? env.MODEL_CATALOG_URL,
      explicit.url ? "the url option" : "MODEL_CATALOG_URL",
      "the model catalog",
    );
    const catalogToken = env.MODEL_CATALOG_TOKEN?.trim();
    const settings = await resolveSettings({
      env,
      overrides: {
        url,
        token: explicit.token === undefined ? catalogToken : undefined,
        caFile: env.MODEL_CATALOG_CA_FILE,
      },
    });
    return new ModelCatalog({
      ...explicit,
      url,
      token: explicit.token ?? settings.token,
      caFile: explicit.caFile ?? settings.caFile,
    });
  }
}
