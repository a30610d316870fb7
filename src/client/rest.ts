// The calls the resources make: a method, a path template under the API prefix, parameters, and a subject for
// error messages. Everything goes through the one typed transport; unwrap() turns failures into typed errors.

import { ApiVersionError, ConfigError } from "../errors.js";
import {
  API_PREFIXES,
  type ApiVersionChoice,
  type ApiVersionOption,
  type Deprecation,
  deprecationOf,
} from "./api-version.js";
import { type CallOptions, callInit } from "./call-options.js";
import type { HttpResponseView } from "./http-exchange.js";
import { type Method, type QueryKey, type Resolved, type Route, resolveRoute } from "./routes.js";
import { Secrets } from "./secrets.js";
import type { ApiClient, ApiClientV1 } from "./transport.js";
import type { TransportSend } from "./transport-send.js";
import { type FetchResult, unwrap } from "./unwrap.js";

/** Query parameters of a call, by the names the specs define; undefined values are not sent. */
export type Query = Partial<Record<QueryKey, string | undefined>>;

/** One call of a resource. */
export interface Call<M extends Method> {
  /** The operation, with its path template in each generation (see {@link Route}). */
  route: Route<M>;
  /** The value of the template's one `{parameter}`, if it has one. */
  id?: string | undefined;
  query?: Query | undefined;
  body?: unknown;
  /** What is asked for, for error messages: `registered model "mnist"`. */
  subject?: string | undefined;
  /** The caller's signal, time limit, retries and headers. */
  options?: CallOptions | undefined;
}

function definedOnly(query: Query | undefined): Record<string, string> | undefined {
  if (!query) return undefined;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) if (value !== undefined) out[key] = value;
  return out;
}

/** Sends a resolved route through the typed client of its generation. */
type Dispatch<M extends Method> = (to: Resolved<M>, init: never) => Promise<FetchResult<unknown>>;

/** Whether a body links an artifact to an experiment or run, fields API v1 does not have (it would drop them). */
function carriesExperimentFields(body: unknown): boolean {
  if (!body || typeof body !== "object") return false;
  const { experimentId, experimentRunId } = body as Record<string, unknown>;
  return experimentId !== undefined || experimentRunId !== undefined;
}

/** How a client picks its API generation, and hears of deprecations. */
export interface RestOptions {
  /** Default `auto`: one GET under `/v1` on the first call decides (a 404 means v1alpha3). */
  apiVersion?: ApiVersionOption | undefined;
  /** Called once per client, with the first deprecation a response announces. Default: a runtime warning. */
  onDeprecation?: ((deprecation: Deprecation, message: string) => void) | undefined;
}

/** The calls of the resources, sent through the typed client of the generation in use (`mr.api`, `mr.apiV1`). */
export class Rest {
  private fixed: ApiVersionChoice | undefined;
  private probing: Promise<ApiVersionChoice> | undefined;
  private warned = false;
  /** The first deprecation a response announced, if any. */
  deprecation: Deprecation | undefined;

  /** `secrets`: what is scrubbed from every error (the tokens the transport sent). */
  constructor(
    private readonly clients: { api: ApiClient; apiV1: ApiClientV1; send?: TransportSend | undefined },
    readonly secrets: Secrets = new Secrets(),
    private readonly options: RestOptions = {},
  ) {
    const wanted = options.apiVersion ?? "auto";
    if (wanted !== "auto") this.fixed = { version: wanted, chosenBy: "option" };
  }

  /** The prefix of the generation in use, once known (before the first call in `auto` mode: v1alpha3's), for
   * messages that name a URL. */
  get prefix(): string {
    return API_PREFIXES[this.fixed?.version ?? "v1alpha3"];
  }

  /** The generation in use; in `auto` mode the first call asks the server once (`GET /v1/registered_models`). */
  apiVersion(signal?: AbortSignal): Promise<ApiVersionChoice> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.fixed) return Promise.resolve(this.fixed);
    this.probing ??= this.probe(signal).catch((error: unknown) => {
      this.probing = undefined; // a failed probe is asked again by the next call
      throw error;
    });
    return this.probing;
  }

  /** What the registry announces of API v1alpha3 (a deprecation, a sunset), whichever generation this client uses:
   * the announcement a response already made, else one `GET /v1alpha3/registered_models?pageSize=1` read for its
   * headers. Undefined when none is announced (or v1alpha3 is not served). */
  async alphaDeprecation(signal?: AbortSignal): Promise<Deprecation | undefined> {
    if (this.deprecation?.version === "v1alpha3") return this.deprecation;
    const result = await this.clients.api.GET("/api/model_registry/v1alpha3/registered_models", {
      params: { query: { pageSize: "1" } },
      signal,
    });
    return result.response.ok ? deprecationOf(result.response, "v1alpha3") : undefined;
  }

  private async probe(signal: AbortSignal | undefined): Promise<ApiVersionChoice> {
    const path = "/api/model_registry/v1/registered_models";
    const result = await this.clients.apiV1.GET(path, { params: { query: { pageSize: "1" } }, signal });
    // Servers without API v1 have no such route (404); a success means they have it. Any other answer tells
    // nothing (a token refused by a proxy in front, a server error after the transport's retries): it is thrown as
    // the typed error it is, and the next call asks again.
    if (result.response.status === 404) this.fixed = { version: "v1alpha3", chosenBy: "probe" };
    else {
      unwrap(result, { method: "GET", path, subject: "the API versions the registry serves" });
      this.fixed = { version: "v1", chosenBy: "probe" };
    }
    return this.fixed;
  }

  /** Warns once per client of a deprecation a response announced; in `auto` mode an alpha response naming `/v1` as
   * its successor moves the client to v1 for the calls that follow. */
  private notice(response: HttpResponseView, choice: ApiVersionChoice): void {
    if (choice.version !== "v1alpha3") return;
    const deprecation = deprecationOf(response, choice.version);
    if (!deprecation) return;
    const switched =
      choice.chosenBy !== "option" && deprecation.successor?.startsWith(API_PREFIXES.v1) === true;
    if (switched) this.fixed = { version: "v1", chosenBy: "successor" };
    if (this.warned) return;
    this.warned = true;
    this.deprecation = deprecation;
    const sunset = deprecation.sunset
      ? `; its sunset is ${deprecation.sunset.toISOString().slice(0, 10)}`
      : "";
    const fix = switched
      ? "the client now uses API v1, which it names as the successor"
      : choice.chosenBy === "option"
        ? 'use API v1 (apiVersion "v1"; apiVersion "auto" follows the server)'
        : 'use API v1 once the server serves it (apiVersion "auto" then moves by itself)';
    const message = `the registry announces that API v1alpha3 is deprecated${sunset}: ${fix}`;
    if (this.options.onDeprecation) this.options.onDeprecation(deprecation, message);
    else if (globalThis.process?.emitWarning) globalThis.process.emitWarning(message, "DeprecationWarning");
    else console.warn(message);
  }

  get<T>(call: Call<"get">): Promise<T> {
    const { api, apiV1 } = this.clients;
    return this.send<T, "get">("get", call, (to, init) =>
      to.version === "v1"
        ? apiV1.GET(`${API_PREFIXES.v1}${to.template}`, init)
        : api.GET(`${API_PREFIXES.v1alpha3}${to.template}`, init),
    );
  }

  post<T>(call: Call<"post">): Promise<T> {
    const { api, apiV1 } = this.clients;
    return this.send<T, "post">("post", call, (to, init) =>
      to.version === "v1"
        ? apiV1.POST(`${API_PREFIXES.v1}${to.template}`, init)
        : api.POST(`${API_PREFIXES.v1alpha3}${to.template}`, init),
    );
  }

  patch<T>(call: Call<"patch">): Promise<T> {
    const { api, apiV1 } = this.clients;
    return this.send<T, "patch">("patch", call, (to, init) =>
      to.version === "v1"
        ? apiV1.PATCH(`${API_PREFIXES.v1}${to.template}`, init)
        : api.PATCH(`${API_PREFIXES.v1alpha3}${to.template}`, init),
    );
  }

  private async send<T, M extends Method>(method: M, call: Call<M>, dispatch: Dispatch<M>): Promise<T> {
    try {
      return await this.sendOnce<T, M>(method, call, dispatch);
    } catch (error) {
      throw this.secrets.scrubError(error);
    }
  }

  private async sendOnce<T, M extends Method>(method: M, call: Call<M>, dispatch: Dispatch<M>): Promise<T> {
    const options = call.options ?? {};
    const choice = await this.apiVersion(options.signal);
    const to = resolveRoute(call.route, choice.version, call.id);
    if (to === null || (to.version === "v1" && carriesExperimentFields(call.body)))
      throw new ApiVersionError(
        `this registry speaks API v1, which has no experiment tracking (experiments and experiment runs exist only in v1alpha3); nothing was sent. Use apiVersion "v1alpha3" on a server that still serves it`,
        { fix: [{ setting: "apiVersion", value: choice.version, source: choice.chosenBy }] },
      );
    // The values' correlation with the one template chosen is beyond what TypeScript follows through a union of
    // templates, hence this one cast of the init (never of the client or the path).
    const init = {
      params: { path: to.params, query: definedOnly(call.query) },
      body: call.body,
      ...callInit(options, this.secrets, this.clients.send),
    } as never;
    // The transport has read the whole body within the time limit already (a stalled body is a ConnectionError).
    const result = await dispatch(to, init).catch((error: unknown) => {
      if (!(error instanceof URIError)) throw error;
      throw new ConfigError(
        `${call.subject ?? "a value in the request"} cannot go in a URL: it is not valid Unicode text (a lone surrogate); nothing was sent`,
      );
    });
    this.notice(result.response, choice);
    const path = API_PREFIXES[choice.version] + to.template;
    // A route the server lacks answers 404 with a plain-text body; a missing entity's 404 is the server's JSON.
    if (
      result.response.status === 404 &&
      typeof result.error === "string" &&
      choice.version === "v1" &&
      choice.chosenBy === "option"
    )
      throw new ApiVersionError(
        `the registry answered 404 to ${path} without its JSON: either it does not serve API v1, which apiVersion "v1" asked for (apiVersion "auto" picks what it serves), or the URL is not the registry's base address`,
        { fix: [{ setting: "apiVersion", value: "v1", source: choice.chosenBy }] },
      );
    return unwrap(result as FetchResult<T>, { method: method.toUpperCase(), path, subject: call.subject });
  }
}
