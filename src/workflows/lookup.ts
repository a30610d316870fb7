// The one lookup of a registered version by names: model name → RegisteredModel → ModelVersion → its ModelArtifact,
// the equivalent of the official Python client's get_model_version(name, version) and get_model_artifact(name,
// version). Used by registerModel's read phase, deploy, download and verify, and the CLI. A version named `@alias` is
// the version the model's alias names (see aliases/alias-names.ts), `@latest` its newest version not archived.
import { type CallOptions, callOptions } from "../client/call-options.js";
import type { ModelArtifact, ModelVersion, RegisteredModel } from "../client/entities.js";
import { EntityNotFoundError } from "../errors.js";
import { aliasesNaming, aliasesOf, aliasIn, checkAlias, LATEST_ALIAS } from "./aliases/alias-names.js";
import { tagVersionAliases } from "./aliases/version-aliases.js";
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

/** What {@link findVersion} found, and the version an alias named. */
export interface FoundVersionByAlias extends FoundVersion {
  /** The version's name when it was named by an alias (`@champion`) and the alias names one; else undefined. */
  aliasTarget?: string | undefined;
}

/** The registered model, version and model artifact named, as far as they exist: at most three GETs (names are
 * matched exactly; see `find`); `@latest` lists the model's versions instead of finding one. The version found is
 * tagged with the aliases that name it (for the views). */
export async function findVersion(
  mr: RegistryClient,
  { name, version }: VersionName,
  options: LookupOptions = {},
): Promise<FoundVersionByAlias> {
  const call = callOptions(options);
  const read = options.read ?? (<T>(step: () => Promise<T>) => step());
  const alias = aliasIn(version);
  if (alias !== undefined) checkAlias(alias);
  const registeredModel = await read(() => mr.registeredModels.find({ name }, call));
  if (!registeredModel) return {};
  let modelVersion: ModelVersion | null | undefined;
  let aliasTarget: string | undefined;
  if (alias === LATEST_ALIAS) {
    modelVersion = await read(() => newestLiveVersion(mr, registeredModel.id, call));
    aliasTarget = modelVersion?.name;
  } else {
    aliasTarget = alias === undefined ? undefined : aliasesOf(registeredModel)[alias];
    const versionName = alias === undefined ? version : aliasTarget;
    if (versionName === undefined) return { registeredModel };
    modelVersion = await read(() =>
      mr.modelVersions.find({ name: versionName, registeredModelId: registeredModel.id }, call),
    );
  }
  if (!modelVersion) return { registeredModel, aliasTarget };
  tagVersionAliases(modelVersion, aliasesNaming(registeredModel, modelVersion.name));
  if (options.artifact === false) return { registeredModel, modelVersion, aliasTarget };
  const found = modelVersion;
  const modelArtifact = await read(() => findModelArtifact(mr, found.id, call));
  return { registeredModel, modelVersion, modelArtifact: modelArtifact ?? undefined, aliasTarget };
}

/** The model's newest version (by creation) that is not archived, or null. */
async function newestLiveVersion(
  mr: RegistryClient,
  registeredModelId: string,
  call: CallOptions,
): Promise<ModelVersion | null> {
  const versions = mr.registeredModels
    .versions(registeredModelId)
    .list({ ...call, orderBy: "CREATE_TIME", sortOrder: "DESC", pageSize: 20 });
  for await (const version of versions) if (version.state !== "ARCHIVED") return version;
  return null;
}

/** A found version; its model artifact when asked for. */
export type RequiredVersion<A extends boolean> = {
  registeredModel: RegisteredModel;
  modelVersion: ModelVersion;
} & (A extends true ? { modelArtifact: ModelArtifact } : object);

/** Like {@link findVersion}, but every level must exist. @throws EntityNotFoundError naming the first that does not
 * (`registered model "mnist"`, `alias "champion" of model "mnist"`, `version "v3" of model "mnist"`, `model artifact
 * of version "v3" of model "mnist"`). */
export async function requireVersion<A extends boolean = true>(
  mr: RegistryClient,
  names: VersionName,
  options: LookupOptions & { artifact?: A } = {},
): Promise<RequiredVersion<A>> {
  const found = await findVersion(mr, names, options);
  const model = JSON.stringify(names.name);
  const alias = aliasIn(names.version);
  const named = found.aliasTarget === undefined ? "" : ` (alias ${JSON.stringify(alias)})`;
  const version = `version ${JSON.stringify(found.aliasTarget ?? names.version)}${named} of model ${model}`;
  if (!found.registeredModel) throw new EntityNotFoundError(`registered model ${model}`, mr.apiUrl);
  if (alias !== undefined && found.aliasTarget === undefined) {
    const known = Object.keys(aliasesOf(found.registeredModel));
    const hint =
      alias === LATEST_ALIAS
        ? "it has no version that is not archived"
        : `its aliases: ${known.join(", ") || "none"}`;
    throw new EntityNotFoundError(`alias ${JSON.stringify(alias)} of model ${model}`, mr.apiUrl, hint);
  }
  if (!found.modelVersion) throw new EntityNotFoundError(version, mr.apiUrl);
  if (options.artifact !== false && !found.modelArtifact)
    throw new EntityNotFoundError(`the model artifact of ${version}`, mr.apiUrl);
  return found as RequiredVersion<A>;
}
