// Workflows retry their own idempotent steps (find-or-create, claim, store), so a passing fault (a lost reply, a
// dropped connection, a 5xx, throttling) does not reach the caller. The budget is the client's retry policy: each
// step is attempted at most `attempts` times, with the same backoff as single requests.

import { backoffMs, RETRY_STATUSES, type RetryPolicy, sleep } from "../client/retry.js";
import { ApiError, ConnectionError, ServerError, UploadError } from "../errors.js";

/** True for a failure that trying the same step again may cure. */
export function isTransient(error: unknown): boolean {
  if (error instanceof ConnectionError || error instanceof ServerError) return true;
  if (error instanceof ApiError) return RETRY_STATUSES.has(error.status);
  return error instanceof UploadError && error.transient;
}

/** What a step runs with: the policy and the caller's signal. */
export interface StepContext {
  policy: RetryPolicy;
  signal?: AbortSignal | undefined;
}

/**
 * Runs `step` until it succeeds, fails for a reason retrying cannot cure, or has been attempted `policy.attempts`
 * times. A step must be safe to repeat: it looks up what an earlier attempt may have done before doing it again.
 * The last error is rethrown, its message saying that running the whole call again is safe.
 */
export async function converge<T>(ctx: StepContext, step: (attempt: number) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step(attempt);
    } catch (error) {
      if (ctx.signal?.aborted) throw ctx.signal.reason ?? error;
      if (!isTransient(error)) throw error;
      if (attempt >= ctx.policy.attempts) throw withAdvice(error as Error, attempt);
      await sleep(backoffMs(ctx.policy, attempt), ctx.signal);
    }
  }
}

const ADVICE = "running the same call again is safe: it finds what was already done and does only the rest";

function withAdvice(error: Error, attempts: number): Error {
  if (error.message.includes(ADVICE)) return error;
  const message = `${error.message} (this step was tried ${attempts} times; ${ADVICE})`;
  const stack = error.stack?.replace(error.message, message);
  Object.defineProperty(error, "message", { value: message, writable: true, configurable: true });
  if (stack) Object.defineProperty(error, "stack", { value: stack, writable: true, configurable: true });
  return error;
}
