// What copyModelVersion takes and gives, shared by its two ways: the record alone, and the files too.
import type { CallOptions } from "../../client/call-options.js";
import type { ModelArtifact, ModelVersion, RegisteredModel } from "../../client/entities.js";
import type { VerifyResult } from "../../storage/model-store.js";
import type { ProgressCallback } from "../../storage/progress.js";
import type { VerifyModelParams } from "../files/pull-version.js";
import type { RegisterModelParams, RegisterModelResult } from "../register/register-params.js";
import type { RegistryClient } from "../registry-client.js";
import type { CopyStorage } from "./copy-destination.js";
import type { copyOrigin } from "./copy-origin.js";

export type { CopyStorage };

/** A client of the destination registry: the facade (`ModelRegistry`), with what a copy calls on it. */
export interface CopyTarget extends RegistryClient {
  /** Stores and records the copy's files (a copy with `storage`). */
  registerModel(params: RegisterModelParams): Promise<RegisterModelResult>;
  /** Reads the copy's files back there (a copy with `storage`). */
  verifyModel(params: VerifyModelParams): Promise<VerifyResult>;
}

/** What to copy where. */
export interface CopyModelVersionParams extends CallOptions {
  /** The registered model's name. */
  name: string;
  /** The version: its name, or `@alias`. */
  version: string;
  /** The destination registry's client. */
  to: CopyTarget;
  /** Store the files there too: `{ uri: "s3://bucket/prefix/" }` (with S3 options for that store) or
   * `{ uri: "oci://registry/repository" }`. Default: none (the copy records the source's URI). */
  storage?: CopyStorage | undefined;
  /** Download progress (source) and upload progress (destination). */
  onProgress?: ProgressCallback | undefined;
}

/** What a copy did. */
export interface CopyModelVersionResult {
  /** `created`: the version is new there. `completed`: it existed without its artifact. `unchanged`: it is there,
   * copied from this very version before. */
  status: "created" | "completed" | "unchanged";
  /** The registered model there. */
  registeredModel: RegisteredModel;
  /** The copy: the version there. */
  modelVersion: ModelVersion;
  /** The copy's model artifact, its `modelSource*` fields naming the source. */
  modelArtifact: ModelArtifact;
  /** The copy's artifact URI. */
  uri: string;
  /** With a destination store: the files copied (count and bytes), each checked at both ends. */
  files?: { count: number; bytes: number } | undefined;
}

/** The source version as found (with its artifact), and the origin its copy records. */
export interface CopySource {
  registeredModel: RegisteredModel;
  modelVersion: ModelVersion;
  modelArtifact: ModelArtifact;
  origin: ReturnType<typeof copyOrigin>;
}

/** The custom properties of a model without its aliases (the destination's aliases are its own). */
export const withoutAliases = <T>(wire: Record<string, T>): Record<string, T> =>
  Object.fromEntries(Object.entries(wire).filter(([key]) => !key.startsWith("alias.")));
