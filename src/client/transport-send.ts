// The one sender every request goes through: auth, User-Agent, per-attempt timeout, TLS, retries, and turning
// network failures into ConnectionError. Under it, Node's own http modules on Node, fetch elsewhere (http-exchange.ts).
import { ConfigError, ConnectionError, ModelRegistryError, TokenError } from "../errors.js";
import {
  type FetchFunction,
  fetchSend,
  type HttpExchange,
  type HttpReply,
  type HttpSend,
  headerRecord,
} from "./http-exchange.js";
import { networkCode } from "./network-code.js";
import { nodeHttpSend } from "./node-http.js";
import { redactUrl } from "./redact.js";
import {
  backoffMs,
  isRepeatable,
  RETRY_STATUSES,
  type RetryOptions,
  retryAfterMs,
  retryPolicy,
  sleep,
} from "./retry.js";
import type { Secrets } from "./secrets.js";
import { createTlsFetch, needsTlsFetch, readCa, type TlsOptions } from "./tls.js";

/** A bearer token, or a function returning one (called per request, so a mounted token file can rotate). */
export type TokenProvider = string | (() => string | Promise<string>);

export interface CreateSendOptions {
  token?: TokenProvider | undefined;
  /** The fetch to send with. Default: on Node, Node's own http and https modules, unless `globalThis.fetch` is not
   * Node's own (an interceptor such as msw, a stub, a polyfill), then that; elsewhere `globalThis.fetch`. Read at each
   * request, so interceptors installed before or after the import apply. */
  fetch?: FetchFunction | undefined;
  /** Time limit of one attempt in ms; 0 disables. Default 30_000. */
  timeoutMs?: number | undefined;
  retry?: RetryOptions | false | undefined;
  tls?: TlsOptions | undefined;
  userAgent: string;
  /** Every token sent is remembered here, so that an echo of it can be scrubbed from errors. */
  secrets?: Secrets | undefined;
  /** What the server is, for messages. Default `the Model Registry`. */
  service?: string | undefined;
}

// Failures that happen before the request can have reached the server: sending it again cannot do anything twice.
const NOT_SENT = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
  "ERR_CONNECT_TIMEOUT", // node-http.ts: no connection within its connect timeout
  "CERT_HAS_EXPIRED",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

/** True for a reply that arrived but cannot be used (node-http.ts: too many redirects, a redirect to another
 * scheme or to no URL, an encoding it cannot decode): sending the request again would get the same. */
function unusableReply(error: unknown): boolean {
  return (error as { unusableReply?: unknown } | null)?.unusableReply === true;
}

/** True when a network failure happened before the request reached the server (refused, unknown host, TLS). */
export function neverReachedServer(error: unknown): boolean {
  const code = networkCode(error);
  return code !== undefined && NOT_SENT.has(code);
}

function connectionError(
  request: HttpExchange,
  error: unknown,
  timedOut: boolean,
  timeoutMs: number,
  attempts: number,
  service: string,
): ConnectionError {
  const target = `${request.method} ${redactUrl(request.url)}`;
  const tries = attempts > 1 ? `, ${attempts} attempts` : "";
  const repeatable = isRepeatable(request.method);
  const mayHaveActed = repeatable
    ? ""
    : "; the server may have done what was asked before the reply was lost: look the entity up before creating it again (registerModel does this itself, so running the same registerModel call again is safe)";
  if (timedOut)
    return new ConnectionError(
      `no response from ${service} within ${timeoutMs} ms (${target}${tries}); the server may be overloaded${mayHaveActed}`,
    );
  const { origin } = new URL(request.url); // never includes credentials
  if (unusableReply(error))
    return new ConnectionError(
      `${service} at ${origin} sent a reply the client cannot use: ${(error as Error).message} (${target})`,
      { cause: error },
    );
  const cause = (error as { cause?: unknown }).cause;
  const code =
    networkCode(error) ??
    (cause instanceof Error ? cause.message : error instanceof Error ? error.message : String(error));
  if (neverReachedServer(error))
    return new ConnectionError(
      `cannot reach ${service} at ${origin} (${code}) (${target}${tries}); check that the server runs and the URL is right`,
      { cause: error },
    );
  return new ConnectionError(
    `the connection to ${service} at ${origin} was lost before its reply arrived (${code}) (${target}${tries})${mayHaveActed}`,
    { cause: error },
  );
}

/** What one call may set for itself, over the client's settings. */
export interface SendOverrides {
  /** Time limit of each attempt in ms; 0 disables it. Default: the client's `timeout`. */
  timeoutMs?: number | undefined;
  /** Retries of this call. Default: the client's `retry`. */
  retry?: RetryOptions | false | undefined;
}

/** The sender of a client: a request, with the overrides of its call; the reply is read whole. */
export type TransportSend = (request: HttpExchange, overrides?: SendOverrides) => Promise<HttpReply>;

/** The sender under the retries: TLS settings' own connection, a given fetch, or the default (see `fetch`). */
function baseSend(options: CreateSendOptions): HttpSend {
  const { tls, fetch } = options;
  if (needsTlsFetch(tls)) {
    let sender: Promise<HttpSend> | undefined;
    const settle = async (): Promise<HttpSend> => {
      const node = nodeHttpSend({
        ca: await readCa(tls),
        cert: tls.cert,
        key: tls.key,
        rejectUnauthorized: !tls.insecureSkipVerify,
      });
      if (node) return node;
      const tlsFetch = await createTlsFetch(tls);
      return fetchSend(() => tlsFetch);
    };
    return (exchange) => {
      sender ??= settle().catch((error: unknown) => {
        sender = undefined;
        throw error;
      });
      return sender.then((send) => send(exchange));
    };
  }
  if (fetch) return fetchSend(() => fetch);
  const globalFetch = fetchSend(() => globalThis.fetch);
  const node = nodeHttpSend();
  if (!node) return globalFetch;
  return (exchange) => (isNodeFetch(globalThis.fetch) ? node(exchange) : globalFetch(exchange));
}

let checkedFetch: unknown;
let checkedIsNode = false;

/** Whether `fetch` is Node's own, not one an interceptor, a test stub or a polyfill put in its place (before or after
 * the library was imported). Node's is a function whose text loads undici from Node's internals, which no replacement
 * does; should a later Node write it otherwise, every fetch counts as replaced and requests go through it, as before
 * this client had its own sender. One answer is kept, for the fetch last asked about. */
function isNodeFetch(fetch: unknown): boolean {
  if (fetch !== checkedFetch) {
    checkedFetch = fetch;
    checkedIsNode =
      typeof fetch === "function" &&
      Function.prototype.toString.call(fetch).includes("require('internal/deps/undici/undici')");
  }
  return checkedIsNode;
}

/** The signal of one attempt: the caller's, and the attempt's time limit. The limit is a timer cleared when the
 * attempt ends, so that thousands of requests leave no timers pending (AbortSignal.timeout keeps one for its whole
 * delay). */
function attemptSignal(
  caller: AbortSignal | undefined,
  timeoutMs: number,
): { signal: AbortSignal | undefined; timedOut: () => boolean; done: () => void } {
  if (!(timeoutMs > 0)) return { signal: caller, timedOut: () => false, done: () => {} };
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException(`no response within ${timeoutMs} ms`, "TimeoutError"));
  }, timeoutMs);
  const follow = () => controller.abort(caller?.reason);
  caller?.addEventListener("abort", follow, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    done: () => {
      clearTimeout(timer);
      caller?.removeEventListener("abort", follow);
    },
  };
}

/** Builds the sender every request of a connection goes through. */
export function createSend(options: CreateSendOptions): TransportSend {
  const clientPolicy = retryPolicy(options.retry);
  const clientTimeoutMs = options.timeoutMs ?? 30_000;
  const service = options.service ?? "the Model Registry";
  const send = baseSend(options);
  const badUserAgent = headerRecord({ "user-agent": options.userAgent }) === undefined;

  return async (input, overrides = {}) => {
    const policy = overrides.retry === undefined ? clientPolicy : retryPolicy(overrides.retry);
    const timeoutMs = overrides.timeoutMs ?? clientTimeoutMs;
    if (badUserAgent)
      throw new ConfigError(
        `the user-agent header (the userAgent option) is not a valid HTTP header (a value is Latin-1 text without line breaks); nothing was sent`,
      );
    // The headers come checked and in lower case (callInit, typedClient).
    const headers: Record<string, string> = {
      accept: "application/json",
      "accept-encoding": "gzip, deflate, br",
      ...input.headers,
      "user-agent": options.userAgent,
    };
    if (options.token !== undefined && headers.authorization === undefined) {
      const token = typeof options.token === "function" ? await options.token() : options.token;
      options.secrets?.add(token);
      // A header carries visible ASCII only; say so without ever showing the token (fetch would quote it).
      if (!/^[\x21-\x7e]+$/.test(token))
        throw new TokenError(
          "the token is empty or contains spaces, line breaks or non-ASCII characters; check its source",
        );
      headers.authorization = `Bearer ${token}`;
    }
    const request: HttpExchange = { ...input, headers };
    const caller = input.signal;
    const repeatable = isRepeatable(request.method);

    for (let attempt = 1; ; attempt++) {
      const limit = attemptSignal(caller, timeoutMs);
      let response: HttpReply;
      try {
        if (caller?.aborted) throw caller.reason;
        response = await send({ ...request, signal: limit.signal });
      } catch (error) {
        if (caller?.aborted) throw caller.reason ?? error;
        if (error instanceof ModelRegistryError) throw error; // our own (e.g. an unreadable CA file), not the network
        // A request that never reached the server may be sent again, even a create; a reply it could not use, never.
        const retry =
          !unusableReply(error) && attempt < policy.attempts && (repeatable || neverReachedServer(error));
        if (!retry) throw connectionError(request, error, limit.timedOut(), timeoutMs, attempt, service);
        await sleep(backoffMs(policy, attempt), caller);
        continue;
      } finally {
        limit.done();
      }
      if (attempt < policy.attempts && repeatable && RETRY_STATUSES.has(response.status)) {
        const asked = retryAfterMs(response.headers.get("retry-after"));
        await sleep(Math.min(policy.maxDelayMs, asked ?? backoffMs(policy, attempt)), caller);
        continue;
      }
      return response;
    }
  };
}
