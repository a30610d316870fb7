// What every call of the client takes for itself, over the client's settings.
import type { RetryOptions } from "./retry.js";

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
