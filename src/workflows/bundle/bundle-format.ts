// A model bundle: registered models, their versions and model artifacts, with their metadata and no bytes, in one
// JSON document that `exportModels` writes and `importBundle` reads (docs/export-import.md describes it field by
// field). Entities keep the API's own field names; custom properties keep their wire form (`MetadataValue`), so an
// int stays an int and a double a double in the registry they are imported into.
import { decodeCustomProperty, encodeCustomProperties } from "../../client/custom-properties.js";
import type { MetadataValue } from "../../client/types.js";
import { ConfigError } from "../../errors.js";
import { checkAlias } from "../aliases/alias-names.js";
import { propertyInput } from "./property-input.js";

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

/** `value` as a bundle, checked before any request for everything importing reads or would get wrong: the format
 * and its version, the names, each version listed once per model and not starting with `@` (that names an alias),
 * each alias valid (not `latest`) and naming a version of the bundle's model, and each custom property's value of
 * its metadata type.
 * @throws ConfigError naming what is wrong and where (the model, the version, the alias or property). */
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
    checkModel(model, `${what}: models[${i}]`);
  });
  return value as unknown as ModelBundle;
}

function checkModel(model: unknown, where: string): void {
  if (!isObject(model) || !isObject(model.fields) || typeof model.fields.name !== "string")
    throw new ConfigError(`${where} has no fields.name`);
  const at = `${where} (model ${JSON.stringify(model.fields.name)})`;
  checkProperties(model.customProperties, at);
  if (!Array.isArray(model.versions)) throw new ConfigError(`${at} has no "versions" list`);
  const names = new Set<string>();
  model.versions.forEach((version: unknown, j) => {
    if (!isObject(version) || !isObject(version.fields) || typeof version.fields.name !== "string")
      throw new ConfigError(`${at}.versions[${j}] has no fields.name`);
    const name = version.fields.name;
    const vat = `${at}.versions[${j}] (version ${JSON.stringify(name)})`;
    if (name.startsWith("@"))
      throw new ConfigError(
        `${vat}: the version name starts with "@", which names an alias wherever a version is named; registerModel refuses such names, and the version could not be looked up`,
      );
    if (names.has(name)) throw new ConfigError(`${vat} is listed twice in the model; list each version once`);
    names.add(name);
    checkProperties(version.customProperties, vat);
    const artifact = version.artifact;
    if (artifact !== undefined && (!isObject(artifact) || !isObject(artifact.fields)))
      throw new ConfigError(`${vat}.artifact has no fields`);
    if (artifact !== undefined) checkProperties(artifact.customProperties, `${vat}.artifact`);
  });
  const aliases = model.aliases ?? {};
  if (!isObject(aliases)) throw new ConfigError(`${at}.aliases is not an object of alias → version name`);
  for (const [alias, version] of Object.entries(aliases)) {
    const aat = `${at}.aliases[${JSON.stringify(alias)}]`;
    try {
      if (checkAlias(alias, true) !== alias) throw new ConfigError(`write the alias without its "@"`);
    } catch (error) {
      throw new ConfigError(`${aat}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (typeof version !== "string") throw new ConfigError(`${aat} must be a version name`);
    if (!names.has(version))
      throw new ConfigError(
        `${aat} names version ${JSON.stringify(version)}, which is not among the model's versions in the bundle; add the version or remove the alias`,
      );
  }
}

/** The field each metadata type keeps its value in, and the JavaScript type of that value. */
const VALUE_FIELDS: Record<string, [field: string, type: string] | undefined> = {
  MetadataIntValue: ["int_value", "string"],
  MetadataDoubleValue: ["double_value", "number"],
  MetadataStringValue: ["string_value", "string"],
  MetadataBoolValue: ["bool_value", "boolean"],
  MetadataStructValue: ["struct_value", "string"],
  MetadataProtoValue: undefined,
};

/** ConfigError unless `wire` (absent, or custom properties in wire form) would be written as it says. */
function checkProperties(wire: unknown, at: string): void {
  if (wire === undefined) return;
  if (!isObject(wire)) throw new ConfigError(`${at}.customProperties is not an object`);
  for (const [key, value] of Object.entries(wire)) {
    const pat = `${at}: custom property ${JSON.stringify(key)}`;
    const type = isObject(value) ? value.metadataType : undefined;
    if (!isObject(value) || typeof type !== "string" || !(type in VALUE_FIELDS))
      throw new ConfigError(
        `${pat} has metadataType ${JSON.stringify(type)}, not one of ${Object.keys(VALUE_FIELDS).join(", ")}`,
      );
    const expected = VALUE_FIELDS[type];
    if (expected === undefined) continue; // a proto value: left out when imported
    const [field, jsType] = expected;
    const given = value[field];
    const fits =
      typeof given === jsType ||
      (type === "MetadataIntValue" && typeof given === "number") ||
      (type === "MetadataStructValue" && typeof given === "string");
    if (!fits)
      throw new ConfigError(
        `${pat} is a ${type} whose ${field} is ${given === undefined ? "missing" : JSON.stringify(given)}; it must be a ${type === "MetadataIntValue" ? "decimal integer" : jsType}`,
      );
    try {
      if (type === "MetadataStructValue" && typeof decodeCustomProperty(value as MetadataValue) === "string")
        throw new ConfigError(`struct_value is not the JSON text of an object`);
      encodeCustomProperties(propertyInput({ [key]: value as MetadataValue }));
    } catch (error) {
      throw new ConfigError(`${pat}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
