// A model bundle: registered models, their versions and model artifacts, with their metadata and no bytes, in one
// JSON document that `exportModels` writes and `importBundle` reads (docs/export-import.md describes it field by
// field). Entities keep the API's own field names; custom properties keep their wire form (`MetadataValue`), so an
// int stays an int and a double a double in the registry they are imported into.
import type { MetadataValue } from "../../client/types.js";
import { ConfigError } from "../../errors.js";

/** The `format` of every bundle. */
export const BUNDLE_FORMAT = "kubeflow-model-registry-bundle";
/** The version of the bundle format this release writes and reads. */
export const BUNDLE_FORMAT_VERSION = 1;

/** Custom properties in their wire form, as the registry sent them (a struct as its JSON text). */
export type WireProperties = Record<string, MetadataValue>;

/** An entity's own fields as the registry sent them (description, owner, state, …), without its id, times,
 * externalId, parent id and custom properties. */
export type EntityFields = Record<string, unknown>;

/** A model artifact: where the version's files are and what they are. */
export interface BundledArtifact {
  /** Its fields: `name`, `uri`, `modelFormatName`, `storageKey`, `modelSource*`, `state`, … */
  fields: EntityFields & { name: string; uri?: string };
  /** Its custom properties (the registration's digests, the store's endpoint, …). */
  customProperties: WireProperties;
}

/** A model version and its model artifact (absent when the version has none). */
export interface BundledVersion {
  /** Its fields: `name`, `description`, `author`, `state`, … */
  fields: EntityFields & { name: string };
  /** Its custom properties (the metadata). */
  customProperties: WireProperties;
  /** Its id in the registry it was exported from. */
  sourceId: string;
  /** Its model artifact; absent when it has none. */
  artifact?: BundledArtifact | undefined;
}

/** A registered model, its aliases and the versions exported. */
export interface BundledModel {
  /** Its fields: `name`, `description`, `owner`, `state`, … */
  fields: EntityFields & { name: string };
  /** Its custom properties, without its aliases. */
  customProperties: WireProperties;
  /** Its aliases that name an exported version: alias → version name. */
  aliases: Record<string, string>;
  /** The versions exported, oldest first (or in the order named). */
  versions: BundledVersion[];
}

/** A bundle document. */
export interface ModelBundle {
  /** Always {@link BUNDLE_FORMAT}. */
  format: typeof BUNDLE_FORMAT;
  /** The format's version, {@link BUNDLE_FORMAT_VERSION}: a reader refuses another. */
  formatVersion: typeof BUNDLE_FORMAT_VERSION;
  /** When it was exported (ISO 8601). */
  exportedAt: string;
  /** The registry it was exported from: its base URL and the API URL used. */
  source: { url: string; apiUrl: string };
  /** The models exported, in the order named. */
  models: BundledModel[];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** `value` as a bundle, checked for the fields importing reads.
 * @throws ConfigError naming what is wrong (another format, a newer format version, a missing name). */
export function checkBundle(value: unknown, what = "the bundle"): ModelBundle {
  if (!isObject(value) || value.format !== BUNDLE_FORMAT)
    throw new ConfigError(
      `${what} is not a model bundle (its "format" is not ${JSON.stringify(BUNDLE_FORMAT)})`,
    );
  if (value.formatVersion !== BUNDLE_FORMAT_VERSION)
    throw new ConfigError(
      `${what} has format version ${JSON.stringify(value.formatVersion)}; this release reads version ${BUNDLE_FORMAT_VERSION}`,
    );
  if (!Array.isArray(value.models)) throw new ConfigError(`${what} has no "models" list`);
  value.models.forEach((model: unknown, i) => {
    const at = `${what}: models[${i}]`;
    if (!isObject(model) || !isObject(model.fields) || typeof model.fields.name !== "string")
      throw new ConfigError(`${at} has no fields.name`);
    if (!Array.isArray(model.versions)) throw new ConfigError(`${at} has no "versions" list`);
    model.versions.forEach((version: unknown, j) => {
      if (!isObject(version) || !isObject(version.fields) || typeof version.fields.name !== "string")
        throw new ConfigError(`${at}.versions[${j}] has no fields.name`);
      const artifact = version.artifact;
      if (artifact !== undefined && (!isObject(artifact) || !isObject(artifact.fields)))
        throw new ConfigError(`${at}.versions[${j}].artifact has no fields`);
    });
  });
  return value as unknown as ModelBundle;
}
