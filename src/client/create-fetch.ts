// The one fetch every request goes through: auth, User-Agent, per-attempt timeout, TLS, retries, and turning
// network failures into ConnectionError. openapi-fetch is given this function.
import { ConnectionError, ModelRegistryError, TokenError } from "./errors.js";
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
}

function connectionError(
  request: Request,
  error: unknown,
  timedOut: boolean,
  timeoutMs: number,
): ConnectionError {
  const target = `${request.method} ${redactUrl(request.url)}`;
  if (timedOut)
    return new ConnectionError(
      `no response within ${timeoutMs} ms (${target}); the server may be overloaded`,
    );
  const cause = (error as { cause?: unknown }).cause;
  const code =
    networkCode(error) ??
    (cause instanceof Error ? cause.message : error instanceof Error ? error.message : String(error));
  const { origin } = new URL(request.url); // never includes credentials
  return new ConnectionError(
    `cannot reach the Model Registry at ${origin} (${code}) (${target}); check that the server runs and the URL is right`,
    { cause: error },
  );
}

/** Builds the fetch function the typed client uses. */
export function createFetch(options: CreateFetchOptions): (request: Request) => Promise<Response> {
  const policy = retryPolicy(options.retry);
  const timeoutMs = options.timeoutMs ?? 30_000;
  let tlsFetch: Promise<(request: Request) => Promise<Response>> | undefined;
  const send = (request: Request): Promise<Response> => {
    if (needsTlsFetch(options.tls)) {
      tlsFetch ??= createTlsFetch(options.tls);
      return tlsFetch.then((f) => f(request));
    }
    return (options.fetch ?? globalThis.fetch)(request);
  };

  return async (input) => {
    const headers = new Headers(input.headers);
    if (options.token !== undefined && !headers.has("authorization")) {
      const token = typeof options.token === "function" ? await options.token() : options.token;
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
        response = await send(new Request(request.clone(), { signal }));
      } catch (error) {
        if (request.signal.aborted) throw request.signal.reason ?? error;
        if (error instanceof ModelRegistryError) throw error; // our own (e.g. an unreadable CA file), not the network
        const timedOut = timeout?.aborted ?? false;
        // A refused connection never reached the server, so even a create may be sent again.
        const retry = attempt < policy.attempts && (repeatable || networkCode(error) === "ECONNREFUSED");
        if (!retry) throw connectionError(request, error, timedOut, timeoutMs);
        await sleep(backoffMs(policy, attempt), request.signal);
        continue;
      }
      if (attempt < policy.attempts && repeatable && RETRY_STATUSES.has(response.status)) {
        const asked = retryAfterMs(response.headers.get("retry-after"));
        response.body?.cancel().catch(() => {}); // free the connection; not awaited, some streams never settle
        await sleep(Math.min(policy.maxDelayMs, asked ?? backoffMs(policy, attempt)), request.signal);
        continue;
      }
      return response;
    }
  };
}
