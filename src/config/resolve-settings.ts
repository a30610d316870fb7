// The registry settings the CLI and `ModelRegistry.fromEnv()` need (storage: see storage-settings.ts), resolved in
// one place from layers (explicit values or flags, the environment, a config file's context, defaults), each value
// with its source. The library itself never reads the environment; it takes what this returns.

import { type ApiVersionOption, parseApiVersion } from "../client/api-version.js";
import { parseRegistryUrl } from "../client/parse-registry-url.js";
import { defaultEnv, type Env } from "./default-env.js";
import { resolveToken, type TokenSource } from "./resolve-token.js";
import { defaultsLayer, envLayer, pickSetting, type SettingsLayer } from "./settings-layer.js";
import type { TokenFileOptions } from "./token-file.js";

/** The default name of the environment variable holding a CA bundle's path. */
export const DEFAULT_CA_ENV_VAR = "MODEL_REGISTRY_CA_FILE";

/** Inputs of {@link resolveSettings}; every field is optional. */
export interface ResolveOptions {
  /** The environment to read. Default: `process.env`, or `Deno.env.toObject()` where `process` is absent. */
  env?: Record<string, string | undefined>;
  /**
   * Name of an environment variable holding the PATH of a token file (the Python client's `user_token_envvar`).
   * Default: `"MODEL_REGISTRY_TOKEN_FILE"`, which may be unset; a name passed here must be set.
   */
  tokenEnvVar?: string;
  /** Name of an environment variable holding the PATH of a CA bundle. Default: `"MODEL_REGISTRY_CA_FILE"`. */
  caEnvVar?: string;
  /** Where to look for a Kubernetes service-account token. Default: `/var/run/secrets/kubernetes.io/serviceaccount/token`. */
  serviceAccountTokenPath?: string;
  /** Explicit values; each non-empty one wins over every layer. */
  overrides?: Partial<{ url: string; token: string; author: string; caFile: string }>;
  /** The layers, highest priority first, with the environment's ({@link envLayer}) where it belongs, e.g. a CLI's
   * flags, the environment, a config file's context. Default: the environment, then {@link defaultsLayer}. */
  layers?: readonly SettingsLayer[];
  /** Passed to `tokenFromFile` for file tokens (e.g. an `onRead` hook for diagnostics). Default: none. */
  tokenFile?: TokenFileOptions;
}

/** Resolved settings. Absent values are left out rather than set to `undefined`. */
export interface ResolvedSettings {
  /** The server address (`MODEL_REGISTRY_URL`), an http(s) URL without trailing slashes. */
  url: string;
  /** A literal token, or a provider that re-reads a token file when it changes. */
  token?: string | (() => Promise<string>);
  /** Where the token came from, e.g. `"MODEL_REGISTRY_TOKEN"` or `"file:/path"`; never the token itself. */
  tokenSource: TokenSource;
  /** Path of a CA bundle (from the `caEnvVar` variable). */
  caFile?: string;
  /** `MODEL_REGISTRY_AUTHOR`, else `USER`, else `USERNAME`. */
  author?: string;
  /** `MODEL_REGISTRY_API_VERSION`: `auto`, `v1` or `v1alpha3`. */
  apiVersion?: ApiVersionOption;
  /** Where each value came from: `"MODEL_REGISTRY_URL"`, `"the url option"`, a flag, a context. */
  sources: Partial<Record<"url" | "caFile" | "author" | "apiVersion", string>>;
}

/**
 * Resolves the settings from explicit overrides, then the layers (by default the environment, then `USER`).
 *
 * Token order (the official Python client's): `overrides.token` → a token file from a layer above the environment →
 * `MODEL_REGISTRY_TOKEN` → the file at the path in the `tokenEnvVar` variable → the file at
 * `KF_PIPELINES_SA_TOKEN_PATH` → a token file from a layer below the environment → the service-account token file
 * if it exists → none. Token files are not read here; they are returned as `tokenFromFile()` providers.
 *
 * @throws ConfigError when the API version is not auto, v1 or v1alpha3, when the URL is missing or not http(s), when an explicitly named `tokenEnvVar` is unset, or
 *   when a token path given by a variable does not point to a file.
 */
export async function resolveSettings(options: ResolveOptions = {}): Promise<ResolvedSettings> {
  const env: Env = options.env ?? defaultEnv();
  const layers: SettingsLayer[] = [
    { values: options.overrides ?? {} },
    ...(options.layers ?? [envLayer(env, options.caEnvVar), defaultsLayer(env)]),
  ];
  const at = layers.findIndex((layer) => layer.environment);
  const above = at < 0 ? layers : layers.slice(0, at);
  const below = at < 0 ? [] : layers.slice(at + 1);

  const url = pickSetting(layers, "url");
  const settings: ResolvedSettings = {
    url: url ? parseRegistryUrl(url.value, url.source) : parseRegistryUrl(undefined, "MODEL_REGISTRY_URL"),
    tokenSource: "none",
    sources: url ? { url: url.source } : {},
  };
  const { token, tokenSource } = await resolveToken({
    env,
    override: options.overrides?.token,
    tokenFile: pickSetting(above, "tokenFile"),
    fallbackTokenFile: pickSetting(below, "tokenFile"),
    tokenEnvVar: options.tokenEnvVar,
    serviceAccountTokenPath: options.serviceAccountTokenPath,
    tokenFileOptions: options.tokenFile,
  });
  settings.tokenSource = tokenSource;
  if (token !== undefined) settings.token = token;
  const caFile = pickSetting(layers, "caFile");
  if (caFile) [settings.caFile, settings.sources.caFile] = [caFile.value, caFile.source];
  const author = pickSetting(layers, "author");
  if (author) [settings.author, settings.sources.author] = [author.value, author.source];
  const apiVersion = pickSetting(layers, "apiVersion");
  if (apiVersion) {
    settings.apiVersion = parseApiVersion(apiVersion.value, apiVersion.source);
    settings.sources.apiVersion = apiVersion.source;
  }
  return settings;
}
