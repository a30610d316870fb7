// Layers of settings and the one rule that picks among them, for the registry's, the catalog's and the storage's
// settings alike: the first layer, in order, that gives a non-blank value wins, and says where the value came from.
// Explicit options (or a CLI's flags), the environment, a config file's context and the defaults are each one layer;
// nothing is written into a copy of the environment.
import type { Env } from "./default-env.js";

/** A resolved value and where it came from (`"storage.endpoint option"`, `"AWS_ENDPOINT_URL_S3"`, `"profile dev in
 * ~/.aws/config"`, `"default"`…). */
export interface Sourced<T> {
  /** The value in effect. */
  value: T;
  /** Where it came from, in words a user can look up. */
  source: string;
}

/** One layer of settings of the shape `V`, and how to name where they came from: one name for all, or one per
 * setting. */
export interface Layer<V> {
  /** The settings this layer gives (undefined or blank: it gives none). */
  values: V;
  /** One name for all its values (`"context prod"`), or one per setting (`{ url: "MODEL_REGISTRY_URL" }`). */
  source?: string | Partial<Record<keyof V & string, string>> | undefined;
  /** True for the environment's layer: token variables there follow the Python client's order. */
  environment?: boolean | undefined;
}

/** The value of `setting` from the first layer that gives one (not undefined, not a blank string), as given, with
 * that layer's name for it; `unnamed` names a setting its layer leaves without a name. */
export function fromLayers<V, K extends keyof V & string>(
  layers: readonly Layer<V>[],
  setting: K,
  unnamed: (setting: K) => string,
): Sourced<NonNullable<V[K]>> | undefined {
  for (const layer of layers) {
    const value = layer.values[setting];
    if (value === undefined || value === null || (typeof value === "string" && value.trim() === "")) continue;
    const source = typeof layer.source === "string" ? layer.source : layer.source?.[setting];
    return { value: value as NonNullable<V[K]>, source: source ?? unnamed(setting) };
  }
  return undefined;
}

/** The connection settings of the registry and the catalog that layers give. */
export type ConnectionSetting =
  | "url"
  | "token"
  | "tokenFile"
  | "caFile"
  | "author"
  | "apiVersion"
  | "catalogUrl"
  | "catalogToken"
  | "catalogCaFile"
  | "catalogApiVersion";

/** One layer of connection settings; a setting its layer does not name is `"the <setting> option"`. */
export type SettingsLayer = Layer<Partial<Record<ConnectionSetting, string | undefined>>>;

/** The variables the environment's layer reads, by setting, in order. */
export const ENV_VARIABLES: Readonly<Partial<Record<ConnectionSetting, readonly string[]>>> = {
  url: ["MODEL_REGISTRY_URL"],
  caFile: ["MODEL_REGISTRY_CA_FILE"],
  author: ["MODEL_REGISTRY_AUTHOR"],
  apiVersion: ["MODEL_REGISTRY_API_VERSION"],
  catalogUrl: ["MODEL_CATALOG_URL"],
  catalogToken: ["MODEL_CATALOG_TOKEN"],
  catalogCaFile: ["MODEL_CATALOG_CA_FILE"],
  catalogApiVersion: ["MODEL_CATALOG_API_VERSION"],
};

/** The environment as a layer, each value named by its variable. `caEnvVar` replaces `MODEL_REGISTRY_CA_FILE`.
 * Tokens are not in it: {@link resolveToken} reads their variables in the Python client's order. */
export function envLayer(env: Env, caEnvVar?: string): SettingsLayer {
  const values: SettingsLayer["values"] = {};
  const source: Partial<Record<ConnectionSetting, string>> = {};
  for (const [setting, names] of Object.entries(ENV_VARIABLES) as [ConnectionSetting, string[]][]) {
    const variables = setting === "caFile" && caEnvVar ? [caEnvVar] : names;
    const name = variables.find((variable) => env[variable]?.trim());
    if (name) [values[setting], source[setting]] = [env[name], name];
  }
  return { values, source, environment: true };
}

/** The defaults that come last: the author from `USER`, else `USERNAME`. */
export function defaultsLayer(env: Env): SettingsLayer {
  const name = ["USER", "USERNAME"].find((variable) => env[variable]?.trim());
  return name ? { values: { author: env[name] }, source: { author: name } } : { values: {} };
}

/** The connection setting `setting` from the first layer that gives it, trimmed, with that layer's name for it. */
export function pickSetting(
  layers: readonly SettingsLayer[],
  setting: ConnectionSetting,
): Sourced<string> | undefined {
  const found = fromLayers(layers, setting, (name) => `the ${name} option`);
  return found && { value: found.value.trim(), source: found.source };
}
