// The storage half of registerModel: hold the model folder's claim, store the files (or find them stored), and add
// the artifact before letting go, so that a run waiting for the same version finds it complete. A run that finds
// another one uploading waits for it, then compares.
import { UploadInProgressError } from "../errors.js";
import { CLAIM_NAME } from "../storage/manifest.js";
import { joinKey } from "../storage/s3-uri.js";
import { type HeldClaim, liveClaimSince, tryClaim, waitForClaim } from "../storage/upload-claim.js";
import { converge, type StepContext } from "./converge.js";
import { addModelArtifact, findModelArtifact } from "./model-entities.js";
import { type ArtifactOutcome, artifactBody } from "./register-artifact.js";
import type { RegisterModelParams } from "./register-params.js";
import type { RegistryClient } from "./registry-client.js";
import { type StoredModel, storeUnderClaim, type UploadPlan } from "./store-model-files.js";

/** One registration's upload: what, where, for which version, and how long to wait for another run. */
export interface UploadJob {
  params: RegisterModelParams;
  plan: UploadPlan;
  /** `version "v1" of model "mnist"`, for messages. */
  what: string;
  /** ms to wait for another run holding the claim; 0 fails at once. */
  waitTimeout: number;
  /** When waiting ends (`Date.now()` ms): one budget for the whole registration. */
  deadline: number;
  modelVersion: { id: string };
  /** Identical files already stored whole under the prefix (found before anything was created): nothing to upload. */
  reuse?: StoredModel | undefined;
}

/**
 * Claims the folder and stores and registers the files; or, while another run holds the claim, waits for it and
 * returns the artifact it registered (`existing: true`, for the caller to compare). Claim release failures become
 * warnings (reported as progress events too).
 */
export async function registerUploaded(
  mr: RegistryClient,
  ctx: StepContext,
  job: UploadJob,
): Promise<ArtifactOutcome> {
  const { plan, params } = job;
  const key = joinKey(plan.prefix, CLAIM_NAME);
  const warnings: string[] = [];
  const nonce = crypto.randomUUID(); // this run's, for every attempt at the claim
  for (;;) {
    let busy: { since: Date; uri: string };
    if (job.reuse) {
      // The files are stored whole already: register them, unless a live run is still finishing with them.
      const since = await converge(ctx, () => liveClaimSince(plan.client, plan.bucket, key));
      if (!since) return { ...(await register(mr, ctx, job, job.reuse)), warnings };
      busy = { since, uri: job.reuse.manifestUri };
    } else {
      const attempt = await converge(ctx, () => tryClaim(plan.client, plan.bucket, key, nonce));
      if ("held" in attempt) {
        try {
          return { ...(await storeAndRegister(mr, ctx, job, attempt.held)), warnings };
        } finally {
          const warning = await attempt.held.release();
          if (warning) {
            warnings.push(warning);
            params.onProgress?.({ type: "warning", message: warning });
          }
        }
      }
      busy = attempt.busy;
    }
    await waitForOtherRun(ctx, job, busy, job.deadline);
    const artifact = await converge(ctx, () =>
      findModelArtifact(mr, job.modelVersion.id, { signal: ctx.signal }),
    );
    if (artifact)
      return {
        modelArtifact: artifact,
        uri: artifact.uri ?? "",
        existing: true,
        artifactCreated: false,
        uploaded: false,
        warnings,
      };
    // The other run stopped without registering: finish the job ourselves.
  }
}

/**
 * Waits while another run holds the folder's claim (`busy`), until it lets go or goes stale, or `deadline` passes
 * (UploadInProgressError; at once when `waitTimeout` is 0).
 */
export async function waitForOtherRun(
  ctx: StepContext,
  job: Pick<UploadJob, "plan" | "params" | "what" | "waitTimeout">,
  busy: { since: Date; uri: string },
  deadline: number,
): Promise<void> {
  const { plan, what } = job;
  if (job.waitTimeout === 0)
    throw new UploadInProgressError(
      `another run has been uploading ${what} since ${busy.since.toISOString()} (${busy.uri}); nothing was uploaded. Run again once it has finished, or give a waitTimeout to wait for it`,
      { fix: [{ setting: "waitTimeout", value: "0" }] },
    );
  await waitForClaim(plan.client, plan.bucket, joinKey(plan.prefix, CLAIM_NAME), {
    timeoutMs: Math.max(0, deadline - Date.now()),
    what,
    signal: ctx.signal,
    onProgress: job.params.onProgress,
  });
}

async function storeAndRegister(
  mr: RegistryClient,
  ctx: StepContext,
  job: UploadJob,
  claim: HeldClaim,
): Promise<Omit<ArtifactOutcome, "warnings">> {
  const { params, plan, what } = job;
  const signal = ctx.signal ? AbortSignal.any([ctx.signal, claim.lost]) : claim.lost;
  const stored = await converge({ ...ctx, signal }, () =>
    storeUnderClaim(plan, { what, signal, onProgress: params.onProgress }),
  );
  return register(mr, ctx, job, stored);
}

/** Adds the artifact for stored files; `existing` when a concurrent run had added one (for the caller to compare). */
async function register(
  mr: RegistryClient,
  ctx: StepContext,
  job: UploadJob,
  stored: StoredModel,
): Promise<Omit<ArtifactOutcome, "warnings">> {
  job.params.onProgress?.({ type: "phase", phase: "registering", detail: stored.uri });
  const body = artifactBody(job.params, stored.uri, stored);
  const { entity, created } = await addModelArtifact(mr, ctx, job.modelVersion.id, body);
  return {
    modelArtifact: entity,
    uri: stored.uri,
    existing: !created,
    artifactCreated: created,
    uploaded: stored.uploaded,
    stored,
  };
}
