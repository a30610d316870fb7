// A typed client of one spec over the transport's sender. The types are openapi-fetch's (`Client<paths>`: every path
// and its parameters, body and replies checked against the spec by the compiler), and so are the URL rules
// (`createFinalURL` with openapi-fetch's path and query serializers), so the wire is what openapi-fetch sends. Its
// request runtime is not used: it builds WHATWG Request and Headers objects, which on Node load undici (see
// node-http.ts). Header names go in lower case, so a caller's `Authorization` is the one header of that name.
import {
  type Client,
  type ClientOptions,
  createFinalURL,
  createQuerySerializer,
  defaultPathSerializer,
} from "openapi-fetch";
import { ConfigError } from "../errors.js";
import {
  type FetchFunction,
  fetchSend,
  type HeaderSource,
  type HttpExchange,
  type HttpReply,
  type HttpResponseView,
  headerRecord,
} from "./http-exchange.js";

/** How a typed client writes a query (the catalog wants lists comma-separated). */
export type QuerySerializer = ClientOptions["querySerializer"];

/** Sends one request of a call (the transport's sender, with the call's own time limit and retries). */
export type CallSend = (exchange: HttpExchange) => Promise<HttpReply>;

/** What one call of a typed client takes: openapi-fetch's fields, and the call's sender. */
interface CallFields {
  params?: {
    path?: Record<string, unknown>;
    query?: Record<string, unknown>;
    header?: HeaderSource;
  };
  body?: unknown;
  signal?: AbortSignal | undefined;
  headers?: HeaderSource | undefined;
  baseUrl?: string | undefined;
  querySerializer?: QuerySerializer;
  bodySerializer?: ((body: unknown) => string) | undefined;
  parseAs?: "json" | "text" | "arrayBuffer" | "blob" | "stream" | undefined;
  /** A fetch for this call alone, as openapi-fetch takes it: it replaces the transport (token, retries, time limit). */
  fetch?: FetchFunction | undefined;
  /** This call's sender, instead of the client's (set by `callInit` for a call's own time limit or retries). */
  send?: CallSend | undefined;
}

/** What a call of a typed client returns: openapi-fetch's result shape. */
interface CallResult {
  data?: unknown;
  error?: unknown;
  response: HttpResponseView;
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function serializerOf(given: QuerySerializer): (query: Record<string, unknown>) => string {
  return typeof given === "function" ? given : createQuerySerializer(given);
}

/** The data of a successful reply, as `parseAs` asks (default: the parsed JSON, undefined for an empty body). */
async function dataOf(reply: HttpReply, parseAs: CallFields["parseAs"]): Promise<unknown> {
  switch (parseAs) {
    case "text":
      return reply.text();
    case "arrayBuffer":
      return reply.arrayBuffer();
    case "blob":
      return reply.blob();
    case "stream":
      return reply.body;
    default:
      return reply.bodyText === "" ? undefined : JSON.parse(reply.bodyText);
  }
}

/**
 * A typed client of the spec whose generated `paths` are `P`, sending through `send`: openapi-fetch's `Client<P>`
 * (`GET`, `POST`, `PUT`, `PATCH`, `DELETE`, `HEAD`, `OPTIONS`, `TRACE`, `request`) with its call fields `params`
 * (`path`, `query`, `header`), `body`, `headers`, `signal`, `baseUrl`, `querySerializer`, `bodySerializer`, `parseAs`
 * and `fetch`. A call resolves to `{ data }` for a 2xx reply (by default the parsed JSON; undefined for an empty body)
 * or `{ error }` (the parsed JSON, else the text), with `response`, which reads like fetch's `Response` (see
 * {@link HttpReply}). Middleware (`use`, `eject`) is not supported: it throws.
 * @throws ConfigError (rejected) for headers that are not valid HTTP headers; a `URIError` for a path parameter that
 * is not valid Unicode; whatever the sender rejects with.
 */
export function typedClient<P extends {}>(
  baseUrl: string,
  send: CallSend,
  querySerializer?: QuerySerializer,
): Client<P> {
  const clientQuery = serializerOf(querySerializer);
  const clientBase = baseUrl.replace(/\/+$/, "");
  const call = async (method: string, path: string, fields: CallFields = {}): Promise<CallResult> => {
    const { params = {}, body, signal } = fields;
    const url = createFinalURL(path, {
      baseUrl: fields.baseUrl === undefined ? clientBase : fields.baseUrl.replace(/\/+$/, ""),
      params,
      querySerializer:
        fields.querySerializer === undefined ? clientQuery : serializerOf(fields.querySerializer),
      pathSerializer: defaultPathSerializer,
    });
    const text = body === undefined ? undefined : (fields.bodySerializer ?? JSON.stringify)(body);
    const json = text === undefined ? undefined : { "content-type": "application/json" };
    const headers = headerRecord(json, fields.headers, params.header);
    if (!headers)
      throw new ConfigError(
        `the headers of this ${method} are not valid HTTP headers (a name is a token, a value is Latin-1 text without line breaks); nothing was sent`,
      );
    const sender = fields.send ?? (fields.fetch ? fetchSend(() => fields.fetch as FetchFunction) : send);
    const reply = await sender({ method, url, headers, body: text, signal });
    const empty = reply.status === 204 || method === "HEAD" || reply.headers.get("content-length") === "0";
    if (reply.ok) return { data: empty ? undefined : await dataOf(reply, fields.parseAs), response: reply };
    return { error: empty || reply.bodyText === "" ? undefined : parsed(reply.bodyText), response: reply };
  };
  const method = (name: string) => (path: string, fields?: CallFields) => call(name, path, fields);
  const unsupported = () => {
    throw new Error("this client's raw typed API has no middleware (use, eject): wrap the calls instead");
  };
  const client = {
    GET: method("GET"),
    PUT: method("PUT"),
    POST: method("POST"),
    DELETE: method("DELETE"),
    OPTIONS: method("OPTIONS"),
    HEAD: method("HEAD"),
    PATCH: method("PATCH"),
    TRACE: method("TRACE"),
    request: (name: string, path: string, fields?: CallFields) => call(name.toUpperCase(), path, fields),
    use: unsupported,
    eject: unsupported,
  };
  return client as unknown as Client<P>;
}
