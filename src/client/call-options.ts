// What every call of the client takes for itself, over the client's settings.
import { ConfigError } from "../errors.js";
import { headerRecord } from "./http-exchange.js";
import { requestSignal } from "./request-signal.js";
import { checkTimeoutMs, type RetryOptions, retryPolicy } from "./retry.js";
import type { Secrets } from "./secrets.js";
import type { TransportSend } from "./transport-send.js";
import type { CallSend } from "./typed-client.js";

/** Options of one call: cancel it, and set its time limit, retries and headers for it alone. */
export interface CallOptions {
  /** Cancels the call (and its retries); it then rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** Time limit of each HTTP attempt of this call in ms; 0 disables it. Default: the client's `timeout` (30_000). */
  timeout?: number | undefined;
  /** Retries of this call's transient failures; `false` disables them. Default: the client's `retry`. Creates are
   * never retried whatever this says (a lost create is found by name instead). */
  retry?: RetryOptions | false | undefined;
  /** Extra request headers (e.g. a tracing id). An `Authorization` header here replaces the client's token for this
   * call and is scrubbed from errors like it. */
  headers?: Record<string, string> | undefined;
}

/** Options of `update`. */
export interface UpdateOptions extends CallOptions {
  /** Change only the given custom properties (null removes one) instead of replacing the whole map. Default false. */
  mergeCustomProperties?: boolean | undefined;
}

/** Only the call options of `params` (signal, timeout, retry, headers): what a workflow passes to each request. */
export function callOptions({ signal, timeout, retry, headers }: CallOptions): CallOptions {
  return { signal, timeout, retry, headers };
}

/** The fields of a typed client's call that come from one call's own options (header names in lower case). */
export type CallInit = {
  signal?: AbortSignal;
  headers?: Record<string, string>;
  send?: CallSend;
};

/**
 * The init of one call: its signal and headers (a per-call `Authorization` is added to `secrets`), and, when it sets
 * a time limit or retries, a fetch that is the client's `send` told them.
 * @throws ConfigError for headers that are not valid HTTP headers, or a time limit or retry setting that is not valid.
 */
export function callInit(options: CallOptions, secrets: Secrets, send: TransportSend | undefined): CallInit {
  const { signal, timeout, retry, headers } = options;
  const init: CallInit = {};
  if (signal) init.signal = requestSignal(signal); // its own for each request: see request-signal.ts
  if (headers) {
    const checked = headerRecord(headers);
    if (!checked)
      // Names only: a value may be a credential.
      throw new ConfigError(
        `the headers of this call are not valid HTTP headers (names: ${Object.keys(headers).join(", ")}; a name is a token, a value is Latin-1 text without line breaks); nothing was sent`,
      );
    init.headers = checked;
    const auth = checked.authorization;
    if (auth) secrets.add(auth.replace(/^bearer\s+/i, ""));
  }
  if (timeout !== undefined || retry !== undefined) {
    const timeoutMs = checkTimeoutMs(timeout, "the timeout of this call");
    if (retry !== undefined) retryPolicy(retry); // refuses a bad setting before anything is sent
    if (send) init.send = (request) => send(request, { timeoutMs, retry });
  }
  return init;
}
