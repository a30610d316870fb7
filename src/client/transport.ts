// The typed openapi-fetch client over our one fetch, and unwrap(): a response becomes a value or a typed error.
import createClient, { type Client } from "openapi-fetch";
import { apiErrorFor } from "../errors.js";
import { VERSION } from "../version.js";
import { type CreateFetchOptions, createFetch, type TransportFetch } from "./create-fetch.js";
import type { paths as pathsV1 } from "./generated/schema-v1.js";
import { parseRegistryUrl } from "./parse-registry-url.js";
import { redactUrl } from "./redact.js";
import type { paths } from "./types.js";

/** The raw typed client: every endpoint of the v1alpha3 API, with paths as in the spec. */
export type ApiClient = Client<paths>;

/** The raw typed client of API v1 (servers since the API graduated), with paths as in its spec. */
export type ApiClientV1 = Client<pathsV1>;

export interface TransportOptions extends Omit<CreateFetchOptions, "userAgent"> {
  /** Base URL of the registry, e.g. `http://localhost:8080` (the API path is added per request). */
  url: string;
  /** Sent as User-Agent. Default `model-registry-ts/<version>`. */
  userAgent?: string | undefined;
}

/** Builds the typed client; nothing is sent until the first call. */
export function createTransport(options: TransportOptions): ApiClient {
  return createTransports(options).api;
}

/** The typed clients of both API generations over one fetch (one token, TLS, retry and timeout setting), and that
 * fetch, for calls that override the timeout or retries. */
export function createTransports(options: TransportOptions): {
  api: ApiClient;
  apiV1: ApiClientV1;
  fetch: TransportFetch;
} {
  const send = createFetch({ ...options, userAgent: options.userAgent ?? `model-registry-ts/${VERSION}` });
  const fetch = (request: Request) => send(request);
  const baseUrl = parseRegistryUrl(options.url, "the url option");
  return {
    api: createClient<paths>({ baseUrl, fetch }),
    apiV1: createClient<pathsV1>({ baseUrl, fetch }),
    fetch: send,
  };
}

/** What openapi-fetch returns for one call. */
export interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

function describeBody(error: unknown, response: Response): { code: string; message: string; json?: true } {
  if (error && typeof error === "object") {
    const { code, message } = error as { code?: unknown; message?: unknown };
    if (typeof message === "string")
      return { code: typeof code === "string" ? code : response.statusText, message, json: true };
  }
  // Not the server's JSON error shape: its 503 text while starting, a proxy's HTML page, an empty 405.
  const text = typeof error === "string" ? error.replace(/\s+/g, " ").trim() : "";
  return {
    code: response.statusText || "Error",
    message: text.length > 200 ? `${text.slice(0, 200)}…` : text,
  };
}

/** What a call was, for error messages. */
export interface CallContext {
  method: string;
  /** The API path, used when the response carries no URL. */
  path: string;
  /** What was asked for, e.g. `registered model "mnist"`. */
  subject?: string | undefined;
  /** Which server was asked, for hints. Default `registry`. */
  service?: "registry" | "catalog" | undefined;
}

/** The data of a successful call, or the typed error for a failed one. */
export function unwrap<T>(result: FetchResult<T>, call: CallContext): T {
  const { response } = result;
  if (response.ok) return result.data as T;
  const { code, message, json } = describeBody(result.error, response);
  throw apiErrorFor(
    {
      status: response.status,
      code,
      serverMessage: message,
      method: call.method,
      url: redactUrl(response.url || call.path),
      subject: call.subject,
      service: call.service,
    },
    json === true,
  );
}
