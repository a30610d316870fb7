// What a store gets from the registry client and the call: the client's defaults, its secrets, and the workflow's
// converging steps (each store step retried within the client's retry policy).

import type { StoreContext } from "../storage/model-store.js";
import type { ProgressCallback } from "../storage/progress.js";
import { converge, type StepContext } from "./converge.js";
import type { RegistryClient } from "./registry-client.js";

/** The StoreContext of one call of `mr`'s: its steps converge under `ctx`. */
export function storeContext(
  mr: RegistryClient,
  ctx: StepContext,
  onProgress: ProgressCallback | undefined,
): StoreContext {
  return {
    env: mr.env,
    storage: mr.storage,
    oci: mr.oci,
    addSecret: (secret) => mr.secrets.add(secret),
    step: (step, signal) => converge(signal ? { ...ctx, signal } : ctx, step),
    signal: ctx.signal,
    onProgress,
  };
}
