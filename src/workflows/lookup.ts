// The one lookup of a registered version by names: model name → RegisteredModel → ModelVersion → its ModelArtifact,
// the equivalent of the official Python client's get_model_version(name, version) and get_model_artifact(name,
// version). Used by registerModel's read phase, deploy, download and verify, and the CLI.
import { type CallOptions, callOptions } from "../client/call-options.js";
import type { ModelArtifact, ModelVersion, RegisteredModel } from "../client/entities.js";
import { EntityNotFoundError } from "../errors.js";
import { findModelArtifact } from "./model-entities.js";
import type { RegistryClient } from "./registry-client.js";
import type { VersionName } from "./version-name.js";

export type { VersionName };

/** How a lookup reads: its call options apply to each GET. */
export interface LookupOptions extends CallOptions {
  /** Also find the version's model artifact (one more GET). Default true. */
  artifact?: boolean | undefined;
  /** Runs each read, e.g. within a retry policy (registerModel's converging steps). Default: as is. */
  read?: (<T>(read: () => Promise<T>) => Promise<T>) | undefined;
}

/** What exists of a named version: each level only if the one above it exists. */
export interface FoundVersion {
  registeredModel?: RegisteredModel | undefined;
  modelVersion?: ModelVersion | undefined;
  modelArtifact?: ModelArtifact | undefined;
}

/** The registered model, version and model artifact named, as far as they exist: at most three GETs (names are
 * matched exactly; see `find`). */
export async function findVersion(
  mr: RegistryClient,
  { name, version }: VersionName,
  options: LookupOptions = {},
): Promise<FoundVersion> {
  const call = callOptions(options);
  const read = options.read ?? (<T>(step: () => Promise<T>) => step());
  const registeredModel = await read(() => mr.registeredModels.find({ name }, call));
  if (!registeredModel) return {};
  const modelVersion = await read(() =>
    mr.modelVersions.find({ name: version, registeredModelId: registeredModel.id }, call),
  );
  if (!modelVersion || options.artifact === false)
    return { registeredModel, modelVersion: modelVersion ?? undefined };
  const modelArtifact = await read(() => findModelArtifact(mr, modelVersion.id, call));
  return { registeredModel, modelVersion, modelArtifact: modelArtifact ?? undefined };
}

/** A found version; its model artifact when asked for. */
export type RequiredVersion<A extends boolean> = {
  registeredModel: RegisteredModel;
  modelVersion: ModelVersion;
} & (A extends true ? { modelArtifact: ModelArtifact } : object);

/** Like {@link findVersion}, but every level must exist. @throws EntityNotFoundError naming the first that does not
 * (`registered model "mnist"`, `version "v3" of model "mnist"`, `model artifact of version "v3" of model "mnist"`). */
export async function requireVersion<A extends boolean = true>(
  mr: RegistryClient,
  names: VersionName,
  options: LookupOptions & { artifact?: A } = {},
): Promise<RequiredVersion<A>> {
  const found = await findVersion(mr, names, options);
  const model = JSON.stringify(names.name);
  const version = `version ${JSON.stringify(names.version)} of model ${model}`;
  if (!found.registeredModel) throw new EntityNotFoundError(`registered model ${model}`, mr.apiUrl);
  if (!found.modelVersion) throw new EntityNotFoundError(version, mr.apiUrl);
  if (options.artifact !== false && !found.modelArtifact)
    throw new EntityNotFoundError(`the model artifact of ${version}`, mr.apiUrl);
  return found as RequiredVersion<A>;
}
