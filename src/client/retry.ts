// The retry policy, in one place: which failures are retried, how long to wait, and how many times.
import { ConfigError, shown } from "../errors.js";

/** How requests that fail transiently are retried. */
export interface RetryOptions {
  /** Total attempts including the first. Default 5. */
  attempts?: number;
  /** First backoff delay in ms; doubled each retry, with full jitter. Default 200. */
  baseDelayMs?: number;
  /** Upper bound of one wait in ms, also for `Retry-After`. Default 10_000. */
  maxDelayMs?: number;
}

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Attempts of a request (and of each idempotent step of a workflow) when the `retry` option does not say. */
export const DEFAULT_ATTEMPTS = 5;

/** Statuses that mean "try again later". */
export const RETRY_STATUSES: ReadonlySet<number> = new Set([408, 429, 502, 503, 504]);

/**
 * Methods whose repetition cannot create a second entity. PATCH is included because every update this library
 * sends sets absolute values. POST (create) never is: a lost create is resolved by looking the entity up by name.
 */
const REPEATABLE_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS", "PATCH", "PUT", "DELETE"]);

/** The policy for these options, defaults filled in. @throws ConfigError for a value that is not a number >= 0
 * (attempts: an integer >= 1). */
export function retryPolicy(options: RetryOptions | false | undefined): RetryPolicy {
  if (options === false) return { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 };
  const policy = {
    attempts: options?.attempts ?? DEFAULT_ATTEMPTS,
    baseDelayMs: options?.baseDelayMs ?? 200,
    maxDelayMs: options?.maxDelayMs ?? 10_000,
  };
  for (const [field, value] of Object.entries(policy)) {
    const valid =
      typeof value === "number" && Number.isFinite(value) && value >= (field === "attempts" ? 1 : 0);
    if (!valid || (field === "attempts" && !Number.isInteger(value)))
      throw new ConfigError(
        `retry.${field} must be ${field === "attempts" ? "an integer >= 1" : "a number of milliseconds >= 0"}, not ${String(value)}`,
      );
  }
  return policy;
}

/** Timers hold at most 2^31 - 1 ms (about 24.8 days); anything longer would fire at once. */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** `value` when it is a time limit in whole ms from 0 (no limit) to {@link MAX_TIMEOUT_MS}. @throws ConfigError
 * naming `what` (e.g. `the timeout option`) otherwise. */
export function checkTimeoutMs<T extends number | undefined>(value: T, what: string): T {
  if (value !== undefined && !(Number.isInteger(value) && value >= 0 && value <= MAX_TIMEOUT_MS))
    throw new ConfigError(
      `${what} must be a whole number of milliseconds from 0 (no limit) to ${MAX_TIMEOUT_MS}, not ${shown(value)}`,
    );
  return value;
}

export function isRepeatable(method: string): boolean {
  return REPEATABLE_METHODS.has(method.toUpperCase());
}

/** Milliseconds asked for by a `Retry-After` header (seconds or an HTTP date), or undefined. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with full jitter for the given retry number (1 = first retry). */
export function backoffMs(policy: RetryPolicy, retry: number, random = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.round(random() * ceiling);
}

/** Resolves after `ms`, or rejects as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
