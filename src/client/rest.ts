// The calls the resources make: a method, a path template under the API prefix, parameters, and a subject for
// error messages. Everything goes through the one typed transport; unwrap() turns failures into typed errors.

import {
  API_PREFIXES,
  type ApiVersionChoice,
  type ApiVersionOption,
  type Deprecation,
  deprecationOf,
} from "./api-version.js";
import { ApiVersionError, ConfigError } from "./errors.js";
import { Secrets } from "./secrets.js";
import { type ApiClient, type FetchResult, unwrap } from "./transport.js";

export type Query = Record<string, string | undefined>;

export interface Call {
  /** Path template under the API generation's prefix ({@link API_PREFIXES}), e.g. `/registered_models/{registeredmodelId}`. */
  path: string;
  params?: Record<string, string>;
  query?: Query;
  body?: unknown;
  /** What is asked for, for error messages: `registered model "mnist"`. */
  subject?: string;
  signal?: AbortSignal | undefined;
}

type Method = "get" | "post" | "patch";
type UntypedRequest = (
  method: Method,
  url: string,
  init: object,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

function definedOnly(query: Query | undefined): Record<string, string> | undefined {
  if (!query) return undefined;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) if (value !== undefined) out[key] = value;
  return out;
}

/** How a client picks its API generation, and hears of deprecations. */
export interface RestOptions {
  /** Default `auto`: one GET under `/v1` on the first call decides (a 404 means v1alpha3). */
  apiVersion?: ApiVersionOption | undefined;
  /** Called once per client, with the first deprecation a response announces. Default: a runtime warning. */
  onDeprecation?: ((deprecation: Deprecation, message: string) => void) | undefined;
}

// Paths of experiment tracking, which API v1 removed (its spec has no /experiment* paths).
const EXPERIMENT_PATH = /^\/experiment/;

/** Untyped access to the typed client, for the generic resource code. The typed client stays public as `mr.api`. */
export class Rest {
  private fixed: ApiVersionChoice | undefined;
  private probing: Promise<ApiVersionChoice> | undefined;
  private warned = false;
  /** The first deprecation a response announced, if any. */
  deprecation: Deprecation | undefined;

  /** `secrets`: what is scrubbed from every error (the tokens the transport sent). */
  constructor(
    readonly api: ApiClient,
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
    if (this.fixed) return Promise.resolve(this.fixed);
    this.probing ??= this.probe(signal).catch((error: unknown) => {
      this.probing = undefined; // a failed probe is asked again by the next call
      throw error;
    });
    return this.probing;
  }

  private async probe(signal: AbortSignal | undefined): Promise<ApiVersionChoice> {
    const request = this.api.request as unknown as UntypedRequest;
    const { response } = await request("get", `${API_PREFIXES.v1}/registered_models`, {
      params: { query: { pageSize: "1" } },
      signal,
    });
    // Servers without API v1 have no such route (404). Anything else (200, or 401/403 from a proxy in front) means
    // the path exists, or that its answer cannot tell: then v1, the generation that is not going away.
    this.fixed = { version: response.status === 404 ? "v1alpha3" : "v1", chosenBy: "probe" };
    return this.fixed;
  }

  /** Warns once per client of a deprecation a response announced; in `auto` mode an alpha response naming `/v1` as
   * its successor moves the client to v1 for the calls that follow. */
  private notice(response: Response, choice: ApiVersionChoice): void {
    if (choice.version !== "v1alpha3") return;
    const deprecation = deprecationOf(response, choice.version);
    if (!deprecation) return;
    if (choice.chosenBy !== "option" && deprecation.successor?.startsWith(API_PREFIXES.v1))
      this.fixed = { version: "v1", chosenBy: "successor" };
    if (this.warned) return;
    this.warned = true;
    this.deprecation = deprecation;
    const sunset = deprecation.sunset
      ? `; its sunset is ${deprecation.sunset.toISOString().slice(0, 10)}`
      : "";
    const fix =
      choice.chosenBy === "option"
        ? 'use API v1 (apiVersion "v1" or "auto"; mr-cli --api-version v1)'
        : "the client now uses API v1";
    const message = `the registry announces that API v1alpha3 is deprecated${sunset}: ${fix}`;
    if (this.options.onDeprecation) this.options.onDeprecation(deprecation, message);
    else if (globalThis.process?.emitWarning) globalThis.process.emitWarning(message, "DeprecationWarning");
    else console.warn(message);
  }

  get<T>(call: Call): Promise<T> {
    return this.send<T>("get", call);
  }

  post<T>(call: Call): Promise<T> {
    return this.send<T>("post", call);
  }

  patch<T>(call: Call): Promise<T> {
    return this.send<T>("patch", call);
  }

  private async send<T>(method: Method, call: Call): Promise<T> {
    try {
      return await this.sendOnce<T>(method, call);
    } catch (error) {
      throw this.secrets.scrubError(error);
    }
  }

  private async sendOnce<T>(method: Method, call: Call): Promise<T> {
    const choice = await this.apiVersion(call.signal);
    if (choice.version === "v1" && EXPERIMENT_PATH.test(call.path))
      throw new ApiVersionError(
        `this registry speaks API v1, which has no experiment tracking (experiments and experiment runs exist only in v1alpha3); nothing was sent. Use apiVersion "v1alpha3" (mr-cli --api-version v1alpha3) on a server that still serves it`,
      );
    const path = API_PREFIXES[choice.version] + call.path;
    const request = this.api.request as unknown as UntypedRequest;
    // The transport has read the whole body within the time limit already (a stalled body is a ConnectionError).
    const result = await request(method, path, {
      params: { path: call.params, query: definedOnly(call.query) },
      body: call.body,
      signal: call.signal,
    }).catch((error: unknown) => {
      if (!(error instanceof URIError)) throw error;
      throw new ConfigError(
        `${call.subject ?? "a value in the request"} cannot go in a URL: it is not valid Unicode text (a lone surrogate); nothing was sent`,
      );
    });
    this.notice((result as FetchResult<T>).response, choice);
    return unwrap(result as FetchResult<T>, { method: method.toUpperCase(), path, subject: call.subject });
  }
}
