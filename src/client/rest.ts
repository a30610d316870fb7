// The calls the resources make: a method, a path template under the API prefix, parameters, and a subject for
// error messages. Everything goes through the one typed transport; unwrap() turns failures into typed errors.

import { API_PREFIX } from "./api-prefix.js";
import { ConfigError } from "./errors.js";
import { Secrets } from "./secrets.js";
import { type ApiClient, type FetchResult, unwrap } from "./transport.js";

export { API_PREFIX };

export type Query = Record<string, string | undefined>;

export interface Call {
  /** Path template under {@link API_PREFIX}, e.g. `/registered_models/{registeredmodelId}`. */
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

/** Untyped access to the typed client, for the generic resource code. The typed client stays public as `mr.api`. */
export class Rest {
  /** `secrets`: what is scrubbed from every error (the tokens the transport sent). */
  constructor(
    readonly api: ApiClient,
    readonly secrets: Secrets = new Secrets(),
  ) {}

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
    const path = API_PREFIX + call.path;
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
    return unwrap(result as FetchResult<T>, { method: method.toUpperCase(), path, subject: call.subject });
  }
}
