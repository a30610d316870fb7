// One writer per model folder: a claim object (`.model-upload-claim`) written with a conditional PUT
// (`If-None-Match: *`), carrying a nonce of this run. Everything about it is conditional, so no run ever mistakes
// another's claim for its own or removes it:
// - a 412 on the claim is resolved by reading the claim back: our nonce means our own earlier attempt got through and
//   only its reply was lost (the AWS SDK retried it), so the claim is ours;
// - the holder refreshes it (`If-Match` its ETag) while it works; a claim not refreshed for `staleMs` was left by a
//   run that died, and is taken over with `If-Match` on the ETag that was seen stale, so two runs cannot both win;
// - release is a `DeleteObject` with `If-Match`, retried; if it still fails, the caller gets a warning to report.
import { DeleteObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { sleep } from "../../client/retry.js";
import { UploadInProgressError } from "../../errors.js";
import type { ProgressCallback } from "../progress.js";
import { ClaimObject, isMissing, statusOf } from "./claim-object.js";
import { storageError } from "./storage-error.js";

export { CLAIM_NAME } from "../manifest.js";

/** Timings of the claim protocol in ms. Tests and very slow stores may change them. */
export const CLAIM_TIMING = {
  /** How often the holder refreshes its claim. */
  refreshMs: 20_000,
  /** A claim not refreshed for this long is taken to be left by a run that died. */
  staleMs: 120_000,
  /** How often a waiting run looks at another run's claim. */
  pollMs: 500,
  /** Attempts to remove the claim when done, before reporting that it could not be removed. */
  releaseAttempts: 6,
};

/** A claim this run holds. */
export interface HeldClaim {
  /** The claim's `s3://` URI. */
  uri: string;
  /** Aborted if another run took the claim over (this one looked dead to it): stop writing at once. */
  lost: AbortSignal;
  /** Removes the claim if it is still ours. Resolves with a warning to report when it could not be removed. */
  release(): Promise<string | undefined>;
}

/** The outcome of {@link tryClaim}: held, or another live run holds it (since `since`). */
export type ClaimAttempt = { held: HeldClaim } | { busy: { since: Date; uri: string } };

const isStale = (since: Date) => Date.now() - since.getTime() > CLAIM_TIMING.staleMs;

/**
 * Tries to claim `key` for the run identified by `nonce` (one per run: every attempt of the same run must use the
 * same one, so that a claim stored by an attempt whose reply was lost is recognised as the run's own). Resolves
 * `{ held }` (also when a lost reply had already made it ours, or when a stale claim was taken over) or `{ busy }`
 * when another live run holds it. Storage failures are UploadErrors (`transient` when trying again may help); trying
 * again with the same nonce is safe.
 */
export async function tryClaim(
  client: S3Client,
  bucket: string,
  key: string,
  nonce: string,
): Promise<ClaimAttempt> {
  const claim = new ClaimObject(client, bucket, key, nonce);
  for (let round = 0; round < 5; round++) {
    const etag = await claim.put({ IfNoneMatch: "*" });
    if (etag !== undefined) return { held: hold(claim, etag) };
    const seen = await claim.read();
    if (!seen) continue; // released in between: try again
    if (seen.nonce === claim.nonce) return { held: hold(claim, seen.etag ?? "") }; // our own, its reply was lost
    if (!isStale(seen.lastModified) || !seen.etag)
      return { busy: { since: seen.lastModified, uri: claim.uri } };
    const taken = await claim.put({ IfMatch: seen.etag }); // only that stale claim, not a fresher one
    if (taken !== undefined) return { held: hold(claim, taken) };
  }
  const seen = await claim.read();
  return { busy: { since: seen?.lastModified ?? new Date(), uri: claim.uri } };
}

function hold(claim: ClaimObject, firstEtag: string): HeldClaim {
  let etag = firstEtag;
  const lost = new AbortController();
  const takenOver = () =>
    lost.abort(
      new UploadInProgressError(
        `another run took over ${claim.uri} (this one did not refresh it for ${CLAIM_TIMING.staleMs} ms); stopped writing`,
      ),
    );
  const refresh = async () => {
    const next = await claim.put({ IfMatch: etag });
    if (next !== undefined) {
      etag = next;
      return;
    }
    const seen = await claim.read();
    if (seen?.nonce === claim.nonce && seen.etag) etag = seen.etag;
    else takenOver();
  };
  const timer = setInterval(() => void refresh().catch(() => {}), CLAIM_TIMING.refreshMs);
  (timer as { unref?: () => void }).unref?.();
  return {
    uri: claim.uri,
    lost: lost.signal,
    release: async () => {
      clearInterval(timer);
      if (lost.signal.aborted) return undefined;
      return releaseClaim(claim, etag);
    },
  };
}

async function releaseClaim(claim: ClaimObject, lastEtag: string): Promise<string | undefined> {
  let etag = lastEtag;
  let last: unknown;
  for (let attempt = 1; attempt <= CLAIM_TIMING.releaseAttempts; attempt++) {
    try {
      await claim.client.send(
        new DeleteObjectCommand({ Bucket: claim.bucket, Key: claim.key, IfMatch: etag }),
      );
      return undefined;
    } catch (error) {
      last = error;
      if (isMissing(error)) return undefined;
      if (statusOf(error) === 412) {
        // Our refresh may have changed the ETag with its reply lost; otherwise the claim is no longer ours.
        const seen = await claim.read().catch(() => undefined);
        if (seen?.nonce !== claim.nonce) return undefined;
        etag = seen.etag ?? etag;
        continue;
      }
    }
    await sleep(100 * 2 ** attempt);
  }
  const why = storageError(
    claim.client,
    { operation: "removing the claim", bucket: claim.bucket, key: claim.key },
    last,
  ).message;
  return `could not remove the upload claim ${claim.uri} (${why}); the files and the registration are complete. Delete it, or leave it: another run takes it over after ${Math.round(CLAIM_TIMING.staleMs / 1000)} s`;
}

/** When the live claim on `key` was last written, or undefined when there is none or it is stale (one HEAD). */
export async function liveClaimSince(
  client: S3Client,
  bucket: string,
  key: string,
): Promise<Date | undefined> {
  const since = await new ClaimObject(client, bucket, key).lastModified();
  return since && !isStale(since) ? since : undefined;
}

/**
 * Waits while another run holds the claim: resolves when it is gone or has gone stale (then try to claim again).
 * Reports `phase: "waiting"`. Throws UploadInProgressError once `timeoutMs` has passed, and the signal's reason when
 * aborted.
 */
export async function waitForClaim(
  client: S3Client,
  bucket: string,
  key: string,
  options: {
    timeoutMs: number;
    what: string;
    signal?: AbortSignal | undefined;
    onProgress?: ProgressCallback | undefined;
  },
): Promise<void> {
  const claim = new ClaimObject(client, bucket, key);
  const deadline = Date.now() + options.timeoutMs;
  options.onProgress?.({
    type: "phase",
    phase: "waiting",
    detail: `another run is uploading ${options.what} (${claim.uri}); waiting for it to finish`,
  });
  for (;;) {
    if (Date.now() >= deadline)
      throw new UploadInProgressError(
        `another run has been uploading ${options.what} to ${claim.uri} for longer than this one waited (${options.timeoutMs} ms); run again once it has finished`,
      );
    await sleep(CLAIM_TIMING.pollMs, options.signal);
    let since: Date | undefined;
    try {
      since = await claim.lastModified();
    } catch {
      continue; // a passing storage failure: look again
    }
    if (!since || isStale(since)) return;
  }
}
