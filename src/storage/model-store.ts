// One interface for every kind of place a model's files live. S3 (s3/) and OCI registries (oci/) implement it; the
// workflows pick one by the URI's scheme (model-stores.ts) and follow one path for both: open a destination, ask
// what it holds, put the files there and record them, pull them back or verify them. A new kind of store is a new
// implementation here, not a new path through the workflows. (The shape follows oras-go's content.Storage, and the
// official Python client's S3Params | OCIParams.)
import type { ModelArtifact } from "../client/entities.js";
import type { Manifest, ManifestMismatch } from "./manifest.js";
import type { OciOptions } from "./oci/oci-options.js";
import type { ProgressCallback } from "./progress.js";
import type { StorageOptions } from "./s3/storage-options.js";

/** What a store works with, from the registry client and the call: defaults, secrets, retries, signal, progress. */
export interface StoreContext {
  /** The environment settings are resolved from (undefined: the process's). */
  env: Record<string, string | undefined> | undefined;
  /** The client's S3 options (a call's `storage` wins over them). */
  storage: StorageOptions;
  /** The client's OCI options (a call's `oci` wins over them). */
  oci?: OciOptions | undefined;
  /** Keeps a secret out of every error and output (an S3 secret key or session token, a registry token). */
  addSecret(secret: string | undefined): void;
  /** Runs one step that is safe to repeat until it succeeds or the client's retry policy gives up (the
   * workflows' converging steps); `signal` overrides the call's. */
  step<T>(step: (attempt: number) => Promise<T>, signal?: AbortSignal): Promise<T>;
  signal?: AbortSignal | undefined;
  onProgress?: ProgressCallback | undefined;
}

/** Where one registration's files go, and the call's options for that store. */
export interface DestinationRequest {
  /** The model's local file or folder. */
  path: string;
  /** The registered model's and the version's names (the default S3 prefix, the default image tag). */
  name: string;
  version: string;
  /** The destination URI asked for (`oci://…`); undefined: the store's default place (S3: bucket and prefix). */
  to?: string | undefined;
  /** The call's S3 options. */
  storage?: StorageOptions | undefined;
  /** The call's OCI options. */
  oci?: OciOptions | undefined;
}

/** What a registration records of stored content: the artifact's URI, its `storagePath`, its custom properties. */
export interface StoredContent {
  uri: string;
  /** The path within the storage of the artifact's `storageKey` (S3: the folder's key), when it has one. */
  storagePath?: string | undefined;
  properties: Record<string, string | number>;
}

/** What a registration reports of the content: an upload's manifest, or a pushed image. */
export interface ContentSummary {
  /** For uploads: the manifest's digest, total bytes and file count. */
  manifest?: { digest: string; totalBytes: number; fileCount: number } | undefined;
  /** For images: the manifest's digest and size, its layers, and the blobs and bytes this run sent. */
  image?: { digest: string; size: number; layers: number; blobsSent: number; bytesSent: number } | undefined;
}

/** A version found registered with an artifact: its URI, whether this run repaired what it points at, what it holds. */
export interface Settled extends ContentSummary {
  uri: string;
  /** `completed`: the stored content was missing and this run put it back (an image deleted from its registry). */
  status: "unchanged" | "completed";
  warnings?: string[] | undefined;
  /** For plans: the destination holds this very content already (nothing would be sent). */
  stored?: boolean | undefined;
}

/** What a destination holds before anything is created: identical content (`reuse`), nothing in the way (`put`),
 * another run writing right now (`busy`: wait, then look again), or content that appeared while looking (`changed`:
 * read the registry again). */
export type DestinationState =
  | { reuse: true }
  | { put: true }
  | { busy: { since: Date; uri: string } }
  | { changed: true };

/** How `put` records what it stored, and how it finds a concurrent run's record. */
export interface PutRequest {
  /** The content is stored whole already (`inspect` said `reuse`): only record it. */
  reuse: boolean;
  /** `version "v1" of model "mnist"`, for messages. */
  what: string;
  /** Waiting for another run ends at this time (`Date.now()` ms); `waitTimeout` 0 fails at once. */
  deadline: number;
  waitTimeout: number;
  /** Adds the model artifact for the stored content, while the store still holds what makes the write this run's;
   * `created` false when a concurrent run had added one. */
  record(content: StoredContent): Promise<{ modelArtifact: ModelArtifact; created: boolean }>;
  /** The version's artifact as recorded now, if any (after waiting for another run). */
  recorded(): Promise<ModelArtifact | undefined>;
}

/** How `put` ended: the artifact recorded (by this run, or by a concurrent run with the same content). */
export interface PutOutcome extends ContentSummary {
  modelArtifact: ModelArtifact;
  uri: string;
  /** This run added the artifact or wrote files. */
  wrote: boolean;
  /** A concurrent run recorded the same content first. */
  byOtherRun: boolean;
  warnings: string[];
}

/** The place one registration writes to, opened: settings resolved, reach and rights checked, files listed. */
export interface Destination {
  /** The URI the model artifact records. */
  readonly uri: string;
  /** The local files that would be stored: their count, total bytes and relative paths. */
  files(): Promise<{ count: number; bytes: number; list: string[] }>;
  /** Every store setting and where it came from, for plans (never a secret); undefined when there are none. */
  describeSettings(): Promise<Record<string, string> | undefined>;
  /** A version already registered with `artifact`: what it holds when that is this content (put back when it went
   * missing, unless `dryRun`). @throws VersionConflictError for other content; nothing is written. */
  registered(artifact: ModelArtifact, options: { what: string; dryRun: boolean }): Promise<Settled>;
  /** What the destination holds now, before any record is created. @throws VersionConflictError or UploadError when
   * it holds content this registration must not replace. */
  inspect(options: { newVersion: boolean; what: string; dryRun: boolean }): Promise<DestinationState>;
  /** Waits while another run writes here (`busy`), until it is done or `deadline` passes.
   * @throws UploadInProgressError when `waitTimeout` is 0 or the deadline passes. */
  waitFor(
    busy: { since: Date; uri: string },
    options: { what: string; deadline: number; waitTimeout: number },
  ): Promise<void>;
  /** Stores the content (unless `reuse`) and records it. @throws VersionConflictError when a concurrent run
   * recorded other content. */
  put(request: PutRequest): Promise<PutOutcome>;
}

/** What `verifyModel` and `downloadModel` found. */
export interface VerifyResult {
  /** True when every file matches the manifest (and the manifest the digest the registry recorded). */
  ok: boolean;
  /** `false` when the version recorded no manifest (another tool uploaded it, e.g. the official Python client):
   * `downloadModel` then fetched the objects listed under its URI, compared by size only, and `manifest` lists them
   * with the SHA-256 read. Always `true` for `verifyModel`, which refuses such a version. */
  recorded: boolean;
  /** Every file that is missing or differs from the manifest. */
  mismatches: ManifestMismatch[];
  /** The manifest the files were checked against (for `recorded: false`, the one built from what was read). */
  manifest: Manifest;
  /** The version's model artifact, as registered. */
  modelArtifact: ModelArtifact;
  /** When a signature was checked (a public key given): where it is, the signing key's hint, the files it covers. */
  signature?: { uri: string; keyHint: string | undefined; fileCount: number } | undefined;
}

/** Which registered version's files to read back, and where to. */
export interface PullRequest {
  /** The version's model artifact (its URI and recorded properties say where and what). */
  artifact: ModelArtifact;
  /** `version "v1" of model "mnist"`, for messages. */
  what: string;
  /** The folder to write the files into; undefined: only hash them (verify). */
  dir?: string | undefined;
  /** The call's S3 options (connection, `concurrency`). */
  storage?: StorageOptions | undefined;
  /** The call's OCI options. */
  oci?: OciOptions | undefined;
}

/** Where a version's signature lives, and the files the registration recorded (what a signature covers). */
export interface SignaturePlace {
  /** The signature file's URI. */
  uri: string;
  /** Its file name (`model.sig`), as a download writes it beside the files. */
  name: string;
  /** The files as the registration recorded them (paths relative to the model, SHA-256); read only when asked for
   * (an image's are read from its layers). */
  files(): Promise<Manifest>;
  /** Files stored beside them that the registration did not record (added behind the registry's back), by path; a
   * store that holds nothing else (an image) has none. */
  unrecorded?(): Promise<string[]>;
  /** The signature file's bytes; undefined when there is none. */
  read(): Promise<Uint8Array | undefined>;
  /** Stores the signature file (replacing any). */
  write(bytes: Uint8Array): Promise<void>;
}

/** A kind of place model files live. */
export interface ModelStore {
  /** The URI scheme it serves, e.g. `s3` or `oci`. */
  readonly scheme: string;
  /** Opens where a registration's files go. Nothing is written. */
  openDestination(ctx: StoreContext, request: DestinationRequest): Promise<Destination>;
  /** Reads a registered version's files back (into `dir`, or only through the hash), checking each against what the
   * registration recorded. */
  pull(ctx: StoreContext, request: PullRequest): Promise<VerifyResult>;
  /** Where a registered version's signature lives (OpenSSF model signing); undefined for a store whose versions are
   * not signed here yet. */
  signaturePlace?(ctx: StoreContext, request: PullRequest): Promise<SignaturePlace>;
}
