// The one fetch every request goes through: auth, User-Agent, per-attempt timeout, TLS, retries, and turning
// network failures into ConnectionError. openapi-fetch is given this function.
import { ConnectionError, ModelRegistryError, TokenError } from "../errors.js";
import { networkCode } from "./network-code.js";
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
import { createTlsFetch, needsTlsFetch, type TlsOptions } from "./tls.js";

/** A bearer token, or a function returning one (called per request, so a mounted token file can rotate). */
export type TokenProvider = string | (() => string | Promise<string>);

export interface CreateFetchOptions {
  token?: TokenProvider | undefined;
  /** The fetch to use; default `globalThis.fetch`, read at each request so interceptors installed later apply. */
  fetch?: ((request: Request) => Promise<Response>) | undefined;
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
  "CERT_HAS_EXPIRED",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

/** True when a network failure happened before the request reached the server (refused, unknown host, TLS). */
export function neverReachedServer(error: unknown): boolean {
  const code = networkCode(error);
  return code !== undefined && NOT_SENT.has(code);
}

function connectionError(
  request: Request,
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
  const cause = (error as { cause?: unknown }).cause;
  const code =
    networkCode(error) ??
    (cause instanceof Error ? cause.message : error instanceof Error ? error.message : String(error));
  const { origin } = new URL(request.url); // never includes credentials
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

/** The response with its body read into memory, so that a reply cut off mid-body fails here, inside the retry loop.
 * Registry replies are small JSON documents. */
async function readWhole(response: Response): Promise<Response> {
  const body = response.status === 204 || response.status === 304 ? null : await response.arrayBuffer();
  const copy = new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  Object.defineProperty(copy, "url", { value: response.url });
  return copy;
}

/** What one call may set for itself, over the client's settings. */
export interface FetchOverrides {
  /** Time limit of each attempt in ms; 0 disables it. Default: the client's `timeout`. */
  timeoutMs?: number | undefined;
  /** Retries of this call. Default: the client's `retry`. */
  retry?: RetryOptions | false | undefined;
}

/** The fetch of a client: a request, with the overrides of its call. */
export type TransportFetch = (request: Request, overrides?: FetchOverrides) => Promise<Response>;

/** Builds the fetch function the typed client uses. */
export function createFetch(options: CreateFetchOptions): TransportFetch {
  const clientPolicy = retryPolicy(options.retry);
  const clientTimeoutMs = options.timeoutMs ?? 30_000;
  const service = options.service ?? "the Model Registry";
  let tlsFetch: Promise<(request: Request) => Promise<Response>> | undefined;
  const send = (request: Request): Promise<Response> => {
    if (needsTlsFetch(options.tls)) {
      tlsFetch ??= createTlsFetch(options.tls);
      return tlsFetch.then((f) => f(request));
    }
    return (options.fetch ?? globalThis.fetch)(request);
  };

  return async (input, overrides = {}) => {
    const policy = overrides.retry === undefined ? clientPolicy : retryPolicy(overrides.retry);
    const timeoutMs = overrides.timeoutMs ?? clientTimeoutMs;
    const headers = new Headers(input.headers);
    if (options.token !== undefined && !headers.has("authorization")) {
      const token = typeof options.token === "function" ? await options.token() : options.token;
      options.secrets?.add(token);
      // A header carries visible ASCII only; say so without ever showing the token (fetch would quote it).
      if (!/^[\x21-\x7e]+$/.test(token))
        throw new TokenError(
          "the token is empty or contains spaces, line breaks or non-ASCII characters; check its source",
        );
      headers.set("authorization", `Bearer ${token}`);
    }
    headers.set("user-agent", options.userAgent);
    const request = new Request(input, { headers });
    const repeatable = isRepeatable(request.method);

    for (let attempt = 1; ; attempt++) {
      const timeout = timeoutMs > 0 ? AbortSignal.timeout(timeoutMs) : undefined;
      const signal = timeout ? AbortSignal.any([request.signal, timeout]) : request.signal;
      let response: Response;
      try {
        response = await readWhole(await send(new Request(request.clone(), { signal })));
      } catch (error) {
        if (request.signal.aborted) throw request.signal.reason ?? error;
        if (error instanceof ModelRegistryError) throw error; // our own (e.g. an unreadable CA file), not the network
        const timedOut = timeout?.aborted ?? false;
        // A request that never reached the server may be sent again, even a create.
        const retry = attempt < policy.attempts && (repeatable || neverReachedServer(error));
        if (!retry) throw connectionError(request, error, timedOut, timeoutMs, attempt, service);
        await sleep(backoffMs(policy, attempt), request.signal);
        continue;
      }
      if (attempt < policy.attempts && repeatable && RETRY_STATUSES.has(response.status)) {
        const asked = retryAfterMs(response.headers.get("retry-after"));
        await sleep(Math.min(policy.maxDelayMs, asked ?? backoffMs(policy, attempt)), request.signal);
        continue;
      }
      return response;
    }
  };
}
