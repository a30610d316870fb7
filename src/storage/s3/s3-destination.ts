// Where a registration uploads to in S3: a model's folder (bucket and prefix). One writer per folder: `put` holds the
// folder's claim while it stores the files and records the artifact, so that a run waiting for the same version
// finds it complete; a run that finds another one uploading waits for it, then compares.
import type { ModelArtifact } from "../../client/entities.js";
import { describeStorageSettings, type StorageSettings } from "../../config/storage-settings.js";
import { ConfigError, UploadInProgressError, VersionConflictError } from "../../errors.js";
import { CLAIM_NAME, manifestDigest, RESERVED_NAMES } from "../manifest.js";
import type {
  Destination,
  DestinationRequest,
  DestinationState,
  PutOutcome,
  PutRequest,
  Settled,
  StoreContext,
} from "../model-store.js";
import { ARTIFACT_PROPERTIES } from "../recorded-properties.js";
import { walkFiles } from "../walk-files.js";
import {
  inspectPrefix,
  localManifest,
  planUri,
  type StoredModel,
  storeUnderClaim,
  type UploadPlan,
} from "./model-folder.js";
import { modelPrefix, storeProperties } from "./model-location.js";
import { storageClient } from "./s3-settings-for.js";
import { formatS3Uri, joinKey, parseS3Uri } from "./s3-uri.js";
import { checkBucket } from "./stored-model.js";
import { liveClaimSince, tryClaim, waitForClaim } from "./upload-claim.js";

/** Opens the upload's folder: settings and client, the bucket (checked: it answers to these credentials), the local
 * files, the prefix. @throws ConfigError for no bucket or an empty prefix. */
export async function openS3Destination(
  ctx: StoreContext,
  request: DestinationRequest,
): Promise<Destination> {
  const storage = { ...ctx.storage, ...request.storage };
  const { client, settings } = await storageClient(ctx, request.storage, undefined, ctx.onProgress);
  const bucket = settings.bucket?.value;
  if (!bucket)
    throw new ConfigError("no bucket to upload to: give one with storage.bucket, or set AWS_S3_BUCKET", {
      fix: [{ setting: "storage.bucket" }],
    });
  formatS3Uri({ bucket, key: "" }); // ConfigError for a bucket name S3 would refuse
  const local = await walkFiles(request.path, { reserved: RESERVED_NAMES });
  const prefix = modelPrefix(request.name, request.version, storage.prefix);
  if (!prefix)
    throw new ConfigError("the storage prefix must not be empty: a model needs a folder of its own");
  const credentials = await ctx.step(() => checkBucket(client, bucket, prefix, ctx.signal));
  ctx.addSecret(credentials.secretAccessKey);
  ctx.addSecret(credentials.sessionToken);
  const store = settings.endpoint
    ? { endpoint: settings.endpoint.value, region: settings.region.value }
    : undefined;
  const plan: UploadPlan = {
    client,
    bucket,
    prefix,
    local,
    store,
    partSize: storage.partSize,
    concurrency: storage.concurrency,
  };
  return new S3Destination(ctx, settings, plan);
}

class S3Destination implements Destination {
  readonly uri: string;
  /** Identical files found stored whole by `inspect`. */
  private reuse: StoredModel | undefined;

  constructor(
    private readonly ctx: StoreContext,
    /** The settings in use (an injected client's own endpoint and region), as the artifact will record them. */
    private readonly settings: StorageSettings,
    private readonly plan: UploadPlan,
  ) {
    this.uri = planUri(plan);
  }

  async files() {
    const { local } = this.plan;
    return {
      count: local.files.length,
      bytes: local.totalBytes,
      list: local.files.map((file) => file.relativePath),
    };
  }

  async describeSettings() {
    return describeStorageSettings(this.settings);
  }

  /** Same content: the same manifest digest as the artifact recorded. */
  async registered(artifact: ModelArtifact, options: { what: string }): Promise<Settled> {
    const { onProgress } = this.ctx;
    onProgress?.({ type: "phase", phase: "hashing", detail: "comparing with the registered version" });
    const local = await localManifest(this.plan, onProgress);
    const digest = manifestDigest(local);
    const registered = artifact.customProperties[ARTIFACT_PROPERTIES.digest];
    const existingDigest = typeof registered === "string" ? registered : undefined;
    if (existingDigest !== digest) {
      const theirs =
        existingDigest ??
        (artifact.uri?.startsWith("oci://")
          ? `the OCI image ${artifact.uri}, not files in S3`
          : `no recorded digest (${artifact.uri})`);
      throw new VersionConflictError(
        `${options.what} is already registered with different content (${theirs}, local ${digest}). Nothing was uploaded or changed; register the new content as a new version`,
        existingDigest,
        digest,
      );
    }
    onProgress?.({ type: "phase", phase: "done", detail: artifact.uri });
    const manifest = { digest, totalBytes: local.totalBytes, fileCount: local.fileCount };
    return { uri: artifact.uri ?? "", status: "unchanged", manifest };
  }

  async inspect(options: { newVersion: boolean; what: string }): Promise<DestinationState> {
    const { signal, onProgress } = this.ctx;
    const state = await this.ctx.step(() =>
      inspectPrefix(this.plan, { newVersion: options.newVersion, what: options.what, signal, onProgress }),
    );
    if ("reuse" in state) {
      this.reuse = state.reuse;
      return { reuse: true };
    }
    return "upload" in state ? { put: true } : state;
  }

  async waitFor(
    busy: { since: Date; uri: string },
    options: { what: string; deadline: number; waitTimeout: number },
  ): Promise<void> {
    const { plan } = this;
    if (options.waitTimeout === 0)
      throw new UploadInProgressError(
        `another run has been uploading ${options.what} since ${busy.since.toISOString()} (${busy.uri}); nothing was uploaded. Run again once it has finished, or give a waitTimeout to wait for it`,
        { fix: [{ setting: "waitTimeout", value: "0" }] },
      );
    await waitForClaim(plan.client, plan.bucket, joinKey(plan.prefix, CLAIM_NAME), {
      timeoutMs: Math.max(0, options.deadline - Date.now()),
      what: options.what,
      signal: this.ctx.signal,
      onProgress: this.ctx.onProgress,
    });
  }

  /**
   * Claims the folder and stores and records the files; or, while another run holds the claim, waits for it and
   * compares the artifact it recorded. Claim release failures become warnings (reported as progress events too).
   */
  async put(request: PutRequest): Promise<PutOutcome> {
    const { plan, ctx } = this;
    const key = joinKey(plan.prefix, CLAIM_NAME);
    const warnings: string[] = [];
    const nonce = crypto.randomUUID(); // this run's, for every attempt at the claim
    const reuse = request.reuse ? this.reuse : undefined;
    for (;;) {
      let busy: { since: Date; uri: string };
      if (reuse) {
        // The files are stored whole already: record them, unless a live run is still finishing with them.
        const since = await ctx.step(() => liveClaimSince(plan.client, plan.bucket, key));
        if (!since) return this.record(request, reuse, warnings);
        busy = { since, uri: reuse.manifestUri };
      } else {
        const attempt = await ctx.step(() => tryClaim(plan.client, plan.bucket, key, nonce));
        if ("held" in attempt) {
          try {
            const signal = ctx.signal ? AbortSignal.any([ctx.signal, attempt.held.lost]) : attempt.held.lost;
            const stored = await ctx.step(
              () => storeUnderClaim(plan, { what: request.what, signal, onProgress: ctx.onProgress }),
              signal,
            );
            return await this.record(request, stored, warnings);
          } finally {
            const warning = await attempt.held.release();
            if (warning) {
              warnings.push(warning);
              ctx.onProgress?.({ type: "warning", message: warning });
            }
          }
        }
        busy = attempt.busy;
      }
      await this.waitFor(busy, request);
      const artifact = await request.recorded();
      if (artifact) {
        const settled = await this.registered(artifact, request);
        return { ...settled, modelArtifact: artifact, wrote: false, byOtherRun: true, warnings };
      }
      // The other run stopped without registering: finish the job ourselves.
    }
  }

  /** Records stored files; a concurrent run's record of them is compared. */
  private async record(request: PutRequest, stored: StoredModel, warnings: string[]): Promise<PutOutcome> {
    this.ctx.onProgress?.({ type: "phase", phase: "registering", detail: stored.uri });
    const { modelArtifact, created } = await request.record({
      uri: stored.uri,
      // A storage key with no path would give KServe a storage spec that downloads nothing: an upload's path is its
      // folder in the bucket.
      storagePath: parseS3Uri(stored.uri).key.replace(/\/+$/, ""),
      properties: {
        [ARTIFACT_PROPERTIES.digest]: stored.digest,
        [ARTIFACT_PROPERTIES.size]: stored.manifest.totalBytes,
        [ARTIFACT_PROPERTIES.files]: stored.manifest.fileCount,
        [ARTIFACT_PROPERTIES.manifest]: stored.manifestUri,
        // Where the store is, beside the plain URI (which KServe reads as it is).
        ...storeProperties(this.plan.store),
      },
    });
    if (!created) {
      const settled = await this.registered(modelArtifact, request);
      return { ...settled, modelArtifact, wrote: false, byOtherRun: true, warnings };
    }
    const manifest = {
      digest: stored.digest,
      totalBytes: stored.manifest.totalBytes,
      fileCount: stored.manifest.fileCount,
    };
    return { modelArtifact, uri: stored.uri, wrote: true, byOtherRun: false, manifest, warnings };
  }
}
