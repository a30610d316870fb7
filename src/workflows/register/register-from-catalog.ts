// Register from the model catalog: a catalog model (by source and name) and one of its model artifacts become
// RegisteredModel → ModelVersion → ModelArtifact in the registry, through registerModel's `uri` mode, so the re-run
// rules are the same (same URI: unchanged; another URI: VersionConflictError before any write).

import type { CatalogModel, CatalogModelArtifact } from "../../catalog/catalog-types.js";
import type { ModelCatalog } from "../../catalog/model-catalog.js";
import type { CustomPropertiesInput } from "../../client/entity.js";
import { SERVER_LIMITS } from "../../client/server-limits.js";
import { ConfigError, EntityNotFoundError } from "../../errors.js";
import { checkName } from "./check-registration.js";
import type { RegisterModelParams, RegisterModelResult } from "./register-params.js";
import type { RegisterPlan } from "./register-plan.js";

/** The `modelSourceKind` of artifacts registered from a catalog. */
export const CATALOG_SOURCE_KIND = "catalog";

/** What to register from the catalog, and as what. Besides these, every field of registerModel's params except
 * `path`, `uri` and `storage` may be given and wins over what the catalog says. */
export interface RegisterFromCatalogParams
  extends Omit<RegisterModelParams, "name" | "path" | "uri" | "storage" | "version"> {
  /** The catalog to read the model from. */
  catalog: ModelCatalog;
  /** The catalog source's id, e.g. `stack_demo` (`catalog.sources.list()`). */
  source: string;
  /** The catalog model's name, e.g. `acme/digits-onnx`. */
  model: string;
  /** The version name to register in the registry, e.g. `1.0`. */
  version: string;
  /** The registered model's name. Default: the catalog model's name. */
  name?: string | undefined;
  /** Which of the model's artifacts to register, by its URI. Default: the model's first model artifact (by id); the
   * result's `catalogArtifact` says which one was taken. */
  artifactUri?: string | undefined;
}

/** registerModel's result, with the catalog entry it came from. */
export interface RegisterFromCatalogResult extends RegisterModelResult {
  /** The catalog model, as the catalog returned it. */
  catalogModel: CatalogModel;
  /** The catalog model artifact whose URI was registered. */
  catalogArtifact: CatalogModelArtifact;
}

/** registerModel's plan for a catalog registration, with the catalog entry it would come from. */
export interface RegisterFromCatalogPlan extends RegisterPlan {
  /** The catalog model, as the catalog returned it. */
  catalogModel: CatalogModel;
  /** The catalog model artifact whose URI would be registered. */
  catalogArtifact: CatalogModelArtifact;
}

/** A list of words as one property value (the registry stores no arrays at the top level). */
const joined = (values: readonly string[] | undefined) =>
  values && values.length > 0 ? values.join(", ") : undefined;

/** The catalog's facts about a model, as custom properties of the registry's model and version. */
export function catalogProperties(model: CatalogModel): CustomPropertiesInput {
  return {
    readme: model.readme,
    license: model.license,
    license_link: model.licenseLink,
    provider: model.provider,
    tasks: joined(model.tasks),
    language: joined(model.language),
    maturity: model.maturity,
    library_name: model.libraryName,
  };
}

/** The artifact to register: the one with `artifactUri`, else the first model artifact. @throws EntityNotFoundError */
async function pickArtifact(params: RegisterFromCatalogParams, what: string): Promise<CatalogModelArtifact> {
  const { catalog, source, model, artifactUri, signal } = params;
  const found: string[] = [];
  for await (const artifact of catalog.models.artifacts(source, model, {
    artifactType: "model-artifact",
    signal,
  })) {
    if (artifact.artifactType !== "model-artifact") continue;
    if (artifactUri === undefined || artifact.uri === artifactUri) return artifact;
    found.push(artifact.uri);
  }
  const listed = found.length > 0 ? `; its model artifacts are ${found.join(", ")}` : "";
  throw new EntityNotFoundError(
    artifactUri === undefined ? `a model artifact of ${what}` : `the artifact ${artifactUri} of ${what}`,
    catalog.url,
    artifactUri === undefined
      ? "it has only metrics artifacts, nothing to register"
      : `pick one by its URI${listed}`,
    "the model catalog",
  );
}

/** The registerModel params a catalog registration amounts to, and the catalog entry they come from. Reads the
 * model and its artifacts from the catalog. @throws ConfigError for missing params; NotFoundError (404) for a model
 * the source does not have; EntityNotFoundError when it has no (such) model artifact. */
export async function fromCatalog(params: RegisterFromCatalogParams): Promise<{
  register: RegisterModelParams;
  catalogModel: CatalogModel;
  catalogArtifact: CatalogModelArtifact;
}> {
  if (typeof params !== "object" || params === null)
    throw new ConfigError("registerFromCatalog takes an object");
  const { catalog, source, model, name, version, artifactUri: _uri, ...rest } = params;
  if (!catalog || typeof catalog.models?.get !== "function")
    throw new ConfigError("catalog must be a ModelCatalog (new ModelCatalog({ url }) or catalogFromEnv())");
  // The registry's names are checked before the catalog is asked (the rest is checked by registerModel).
  checkName("the version name", version, SERVER_LIMITS.ownedName);
  if (name !== undefined) checkName("the model name", name, SERVER_LIMITS.name);
  const what = `catalog model ${JSON.stringify(model)} of source ${JSON.stringify(source)}`;
  const catalogModel = await catalog.models.get(source, model, { signal: params.signal });
  const catalogArtifact = await pickArtifact(params, what);
  const facts = catalogProperties(catalogModel);
  const format = catalogArtifact.customProperties.format;
  const slash = model.lastIndexOf("/");
  const register: RegisterModelParams = {
    name: name ?? catalogModel.name,
    version,
    uri: catalogArtifact.uri,
    description: catalogModel.description,
    modelDescription: catalogModel.description,
    modelFormat: typeof format === "string" && format !== "" ? { name: format } : undefined,
    modelSourceKind: CATALOG_SOURCE_KIND,
    modelSourceClass: source,
    modelSourceGroup: slash > 0 ? model.slice(0, slash) : undefined,
    modelSourceName: model,
    // The catalog's own unique name of the model (its numeric ids change when it reloads).
    modelSourceId: `${source}:${model}`,
    ...definedOnly(rest),
    metadata: { ...facts, ...rest.metadata },
    modelMetadata: { ...facts, ...rest.modelMetadata },
  };
  return { register, catalogModel, catalogArtifact };
}

/** The fields of `value` that are not undefined (so that an undefined option does not hide the catalog's value). */
function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
