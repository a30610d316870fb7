// The model catalog over the one transport (src/client/connection.ts): which generation of its API to speak (asked
// of the catalog at most once), how its messages name it, and its typed openapi-fetch clients, one per generation.
import type { Client } from "openapi-fetch";
import {
  CATALOG_API_PREFIXES,
  type CatalogApiVersion,
  type CatalogApiVersionChoice,
  type CatalogApiVersionOption,
  parseCatalogApiVersion,
} from "../client/api-version.js";
import type { CallInit, CallOptions } from "../client/call-options.js";
import { Connection } from "../client/connection.js";
import type { ConnectionOptions } from "../client/connection-options.js";
import type { paths } from "../client/generated/catalog.js";
import type { paths as pathsV1 } from "../client/generated/catalog-v1.js";
import { HttpReply } from "../client/http-exchange.js";
import type { Service } from "../client/service.js";
import type { FetchResult } from "../client/unwrap.js";
import { ApiError, ApiVersionError, NotFoundError } from "../errors.js";

/**
 * The v1alpha1 catalog API's path prefix.
 * @deprecated The prefix depends on the generation in use: see `CATALOG_API_PREFIXES` and
 * `ModelCatalog.apiVersion()`.
 */
export const CATALOG_API_PREFIX = CATALOG_API_PREFIXES.v1alpha1;

/** The catalogs one catalog server serves, each under its own path in each generation: models, MCP servers (and
 * their tools), agents, skills. The generation is asked once for all of them (the model catalog's `/v1/sources`):
 * they are one build's API. */
export const CATALOG_PREFIXES = {
  model: CATALOG_API_PREFIXES,
  mcp: { v1: "/api/mcp_catalog/v1", v1alpha1: "/api/mcp_catalog/v1alpha1" },
  agent: { v1: "/api/agent_catalog/v1", v1alpha1: "/api/agent_catalog/v1alpha1" },
  skill: { v1: "/api/skill_catalog/v1", v1alpha1: "/api/skill_catalog/v1alpha1" },
} as const satisfies Record<string, Record<CatalogApiVersion, string>>;

/** One of the catalogs a catalog server serves: `model`, `mcp` (MCP servers), `agent` or `skill`. */
export type CatalogKind = keyof typeof CATALOG_PREFIXES;

/** The model catalog, as messages name it (`cannot reach the model catalog at …`, `the catalog url option`). */
export const CATALOG_SERVICE: Service = {
  kind: "catalog",
  title: "the model catalog",
  urlSource: "the catalog url option",
  urlServer: "the model catalog",
  prefix: "/api/model_catalog",
};

/** The raw typed openapi-fetch client of the catalog API v1alpha1 (every endpoint of its spec, paths as in the
 * spec). */
export type CatalogApiClient = Client<paths>;

/** The raw typed openapi-fetch client of the catalog API v1 (every endpoint of its spec, paths as in the spec). */
export type CatalogApiClientV1 = Client<pathsV1>;

/** How to reach a model catalog: the same options as the registry's client (see {@link ConnectionOptions}), for the
 * catalog's address, e.g. `http://localhost:8081`, and the generation of its API to speak. */
export interface ModelCatalogOptions extends ConnectionOptions {
  /** Messages and settings call it `catalogApiVersion` (`MODEL_CATALOG_API_VERSION`), beside the registry's own.
   * Default `auto`: the first call asks the catalog once (`GET /api/model_catalog/v1/sources`; a 404 means
   * v1alpha1) and the client then speaks `/api/model_catalog/v1` where it is served; `"v1"` or `"v1alpha1"` force
   * one, with no question. */
  apiVersion?: CatalogApiVersionOption | undefined;
}

/** The paths of the catalog spec v1alpha1 that answer GET. */
export type CatalogGetPath = {
  [P in keyof paths]: paths[P] extends { get: object } ? P : never;
}[keyof paths];

/** The query parameters of a GET endpoint of the catalog spec v1alpha1, e.g. `CatalogQuery<"…/models">`. */
export type CatalogQuery<P extends CatalogGetPath> = NonNullable<paths[P]["get"]["parameters"]["query"]>;

type Under<S, Prefix extends string> = {
  [K in keyof S as K extends `${Prefix}${infer Rest}` ? Rest : never]: S[K];
};
/** One catalog's paths of API v1alpha1, without their prefix (default the model catalog's). @internal */
export type CatalogAlphaPaths<C extends CatalogKind = "model"> = Under<
  paths,
  (typeof CATALOG_PREFIXES)[C]["v1alpha1"]
>;
/** One catalog's paths of API v1, without their prefix (default the model catalog's). @internal */
export type CatalogV1Paths<C extends CatalogKind = "model"> = Under<
  pathsV1,
  (typeof CATALOG_PREFIXES)[C]["v1"]
>;
/** The path templates one catalog has in both generations. @internal */
export type SharedPath<C extends CatalogKind> = keyof CatalogAlphaPaths<C> & keyof CatalogV1Paths<C> & string;

/** A model catalog path template the two generations share (under their own prefix): the compiler checks it against
 * both specs. */
export function both<P extends SharedPath<"model">>(path: P): P {
  return path;
}

/** The same for the other catalogs: `routesOf("mcp")("/mcp_servers")` is checked against both generations' specs
 * under `/api/mcp_catalog/…`. @internal */
export function routesOf<C extends CatalogKind>(_catalog: C): <P extends SharedPath<C>>(path: P) => P {
  return (path) => path;
}

/** Every operation of the model catalog this client uses, by its template under either generation's prefix. API v1
 * kept the alpha's templates and parameter names (`{source_id}`, `{model_name}`, and `{model_name+}` for a model,
 * whose name may hold a `/`); what changed is in the bodies (see the docs' api-versions page). */
export const CATALOG_ROUTES = {
  sources: both("/sources"),
  labels: both("/labels"),
  models: both("/models"),
  filterOptions: both("/models/filter_options"),
  model: both("/sources/{source_id}/models/{model_name+}"),
  artifacts: both("/sources/{source_id}/models/{model_name}/artifacts"),
  performanceArtifacts: both("/sources/{source_id}/models/{model_name}/artifacts/performance"),
} as const;

/** One call, as each generation's typed client sends it (each with its own literal path). @internal */
export interface CatalogSend<A, B> {
  v1: (init: CallInit) => Promise<FetchResult<A>>;
  v1alpha1: (init: CallInit) => Promise<FetchResult<B>>;
}

/** The catalog's connection, its typed clients over it, and the generation in use. @internal */
export class CatalogApi {
  /** The connection every call goes through. */
  readonly connection: Connection;
  /** The typed client of API v1alpha1. */
  readonly api: CatalogApiClient;
  /** The typed client of API v1. */
  readonly apiV1: CatalogApiClientV1;
  private fixed: CatalogApiVersionChoice | undefined;
  private probing: Promise<CatalogApiVersionChoice> | undefined;

  /** @throws ConfigError for a bad address, time limit, retry setting or API version. */
  constructor(options: ModelCatalogOptions) {
    const wanted =
      options.apiVersion === undefined
        ? "auto"
        : parseCatalogApiVersion(options.apiVersion, "the catalog apiVersion option");
    this.connection = Connection.fromOptions(options, CATALOG_SERVICE);
    // Lists as one comma-separated value (`source=a,b`): the catalog reads only the first of repeated keys.
    const serializer = { array: { style: "form", explode: false } } as const;
    this.api = this.connection.client<paths>(serializer);
    this.apiV1 = this.connection.client<pathsV1>(serializer);
    if (wanted !== "auto") this.fixed = { version: wanted, chosenBy: "option" };
  }

  /** The generation in use; in `auto` mode the first call asks the catalog once (`GET /v1/sources`). A failed
   * question (a refused token, a server error) is thrown as the typed error it is, and the next call asks again. */
  apiVersion(options: CallOptions = {}): Promise<CatalogApiVersionChoice> {
    if (options.signal?.aborted) return Promise.reject(options.signal.reason);
    if (this.fixed) return Promise.resolve(this.fixed);
    this.probing ??= this.probe(options).catch((error: unknown) => {
      this.probing = undefined;
      throw error;
    });
    return this.probing;
  }

  private async probe(options: CallOptions): Promise<CatalogApiVersionChoice> {
    const path = `${CATALOG_API_PREFIXES.v1}${CATALOG_ROUTES.sources}` as const;
    let missing = false;
    // Catalogs without API v1 have no such route (404); a success means they have it. Anything else tells nothing.
    await this.connection.call(
      { path, subject: "the API versions the model catalog serves" },
      options,
      async (init) => {
        const result = await this.apiV1.GET(path, { params: { query: { pageSize: "1" } }, ...init });
        missing = result.response.status === 404;
        return missing ? { data: undefined, response: HttpReply.empty(200) } : result;
      },
    );
    this.fixed = { version: missing ? "v1alpha1" : "v1", chosenBy: "probe" };
    return this.fixed;
  }

  /** The path prefix of one of the server's catalogs in the generation in use (v1 before it is known). */
  prefix(catalog: CatalogKind): string {
    return CATALOG_PREFIXES[catalog][this.fixed?.version ?? "v1"];
  }

  /**
   * Sends one call to one of the server's catalogs (default the model catalog's) in the generation in use (asking
   * the catalog first in `auto` mode) and returns its data.
   * @throws ApiError (by status) for an error answer (a plain-text 404 for a catalog this build does not serve),
   * ConnectionError; none carries a secret.
   */
  async call<A, B>(
    subject: string,
    options: CallOptions,
    send: CatalogSend<A, B>,
    catalog: CatalogKind = "model",
  ): Promise<A | B> {
    const { version, chosenBy } = await this.apiVersion(options);
    const path = CATALOG_PREFIXES[catalog][version];
    if (catalog !== "model") {
      const sendOne: (init: CallInit) => Promise<FetchResult<A | B>> = send[version];
      return this.callBeside(subject, options, sendOne, catalog, path);
    }
    if (version === "v1alpha1") return this.connection.call({ subject, path }, options, send.v1alpha1);
    return this.connection.call({ subject, path }, options, async (init) => {
      const result = await send.v1(init);
      // A route the catalog lacks answers 404 with a plain-text body; a missing model's 404 is the catalog's JSON.
      if (result.response.status === 404 && typeof result.error === "string" && chosenBy === "option")
        throw new ApiVersionError(
          `the model catalog answered 404 to ${path}/… without its JSON: either it does not serve API v1, which catalogApiVersion "v1" asked for (catalogApiVersion "auto" picks what it serves), or the URL is not the catalog's base address`,
          { fix: [{ setting: "catalogApiVersion", value: "v1", source: chosenBy }] },
        );
      return result;
    });
  }

  /** A call to the MCP, agent or skill catalog. A catalog server that does not serve that catalog (a build from before
   * it, which serves the models) answers its paths 404 without its JSON: said as such, not as a wrong address. */
  private async callBeside<T>(
    subject: string,
    options: CallOptions,
    send: (init: CallInit) => Promise<FetchResult<T>>,
    catalog: Exclude<CatalogKind, "model">,
    path: string,
  ): Promise<T> {
    try {
      return await this.connection.call({ subject, path }, options, send);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 404 || error instanceof NotFoundError) throw error;
      throw new NotFoundError(
        { ...error, subject, service: "catalog" },
        `This catalog server does not serve ${CATALOG_NAMES[catalog]} (${path}): builds from before the ${CATALOG_NAMES[catalog]} catalog serve only models`,
      );
    }
  }
}

/** How messages name the catalogs beside the models. */
const CATALOG_NAMES = { mcp: "MCP servers", agent: "agents", skill: "skills" } as const;

/**
 * Connects to a model catalog; nothing is sent until the first call.
 * @throws ConfigError for a bad address, time limit, retry setting or API version.
 */
export function catalogApi(options: ModelCatalogOptions): CatalogApi {
  return new CatalogApi(options);
}
