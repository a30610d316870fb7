// A typed client of one spec over the transport's sender. The types are openapi-fetch's (`Client<paths>`: every path
// and its parameters, body and replies checked against the spec by the compiler), and so are the URL rules
// (`createFinalURL` with openapi-fetch's path and query serializers), so the wire is what openapi-fetch sends. Its
// request runtime is not used: it builds WHATWG Request and Headers objects, which on Node load undici (see
// node-http.ts), for calls that are JSON in and JSON out.
import {
  type Client,
  type ClientOptions,
  createFinalURL,
  createQuerySerializer,
  defaultPathSerializer,
} from "openapi-fetch";
import type { HttpExchange, HttpReply, HttpResponseView } from "./http-exchange.js";

/** How a typed client writes a query (the catalog wants lists comma-separated). */
export type QuerySerializer = ClientOptions["querySerializer"];

/** Sends one request of a call (the transport's sender, with the call's own time limit and retries). */
export type CallSend = (exchange: HttpExchange) => Promise<HttpReply>;

/** What one call of a typed client takes (openapi-fetch's fields this client uses, and the call's sender). */
interface CallFields {
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown> };
  body?: unknown;
  signal?: AbortSignal | undefined;
  headers?: Record<string, string> | undefined;
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

/**
 * A typed client of the spec whose generated `paths` are `P`, sending through `send`: `GET`, `POST`, `PUT`, `PATCH`
 * and `DELETE` take a path of the spec and `{ params: { path, query }, body, signal, headers }` and resolve to
 * `{ data }` for a 2xx reply (the parsed JSON; undefined for an empty body) or `{ error }` (the parsed JSON, else the
 * text), with `response` (status, headers, URL). A body is sent as JSON. Rejects only when the sender does, or with
 * a `URIError` for a path parameter that is not valid Unicode.
 */
export function typedClient<P extends {}>(
  baseUrl: string,
  send: CallSend,
  querySerializer?: QuerySerializer,
): Client<P> {
  const query =
    typeof querySerializer === "function" ? querySerializer : createQuerySerializer(querySerializer);
  const base = baseUrl.replace(/\/+$/, "");
  const call =
    (method: string) =>
    async (path: string, fields: CallFields = {}): Promise<CallResult> => {
      const { params = {}, body, signal, headers = {} } = fields;
      const url = createFinalURL(path, {
        baseUrl: base,
        params,
        querySerializer: query,
        pathSerializer: defaultPathSerializer,
      });
      const text = body === undefined ? undefined : JSON.stringify(body);
      const exchange: HttpExchange = {
        method,
        url,
        headers: text === undefined ? { ...headers } : { "content-type": "application/json", ...headers },
        body: text,
        signal,
      };
      const reply = await (fields.send ?? send)(exchange);
      const empty =
        reply.status === 204 ||
        method === "HEAD" ||
        reply.bodyText === "" ||
        reply.headers.get("content-length") === "0";
      if (reply.ok) return { data: empty ? undefined : JSON.parse(reply.bodyText), response: reply };
      return { error: empty ? undefined : parsed(reply.bodyText), response: reply };
    };
  const client = {
    GET: call("GET"),
    POST: call("POST"),
    PUT: call("PUT"),
    PATCH: call("PATCH"),
    DELETE: call("DELETE"),
  };
  // openapi-fetch's Client type describes these methods' parameters and results; its middleware and other methods
  // are not provided (nothing here uses them).
  return client as unknown as Client<P>;
}
