// The registry settings the CLI and `ModelRegistry.fromEnv()` need (storage: see storage-settings.ts), resolved in one place from explicit values, the environment
// and files. The library itself never reads the environment; it takes what this returns.

import { type ApiVersionOption, parseApiVersion } from "../client/api-version.js";
import { parseRegistryUrl } from "../client/parse-registry-url.js";
import { defaultEnv, type Env } from "./default-env.js";
import { resolveToken, type TokenSource } from "./resolve-token.js";
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
  /** Explicit values; each non-empty one wins over the environment. */
  overrides?: Partial<{ url: string; token: string; author: string; caFile: string }>;
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
}

/**
 * Resolves the settings from explicit overrides, then the environment, then files.
 *
 * Token order (the official Python client's): `overrides.token` → `MODEL_REGISTRY_TOKEN` → the file at the path in
 * the `tokenEnvVar` variable → the file at `KF_PIPELINES_SA_TOKEN_PATH` → the service-account token file if it
 * exists → none. Token files are not read here; they are returned as `tokenFromFile()` providers.
 *
 * @throws ConfigError when `MODEL_REGISTRY_API_VERSION` is not auto, v1 or v1alpha3, when the URL is missing or not http(s), when an explicitly named `tokenEnvVar` is unset, or
 *   when a token path given by a variable does not point to a file.
 */
export async function resolveSettings(options: ResolveOptions = {}): Promise<ResolvedSettings> {
  const env: Env = options.env ?? defaultEnv();
  const overrides = options.overrides ?? {};

  const overrideUrl = pick(overrides.url);
  const url =
    overrideUrl !== undefined
      ? parseRegistryUrl(overrideUrl, "the url option")
      : parseRegistryUrl(env.MODEL_REGISTRY_URL, "MODEL_REGISTRY_URL");

  const { token, tokenSource } = await resolveToken({
    env,
    override: overrides.token,
    tokenEnvVar: options.tokenEnvVar,
    serviceAccountTokenPath: options.serviceAccountTokenPath,
    tokenFileOptions: options.tokenFile,
  });

  const settings: ResolvedSettings = { url, tokenSource };
  if (token !== undefined) settings.token = token;
  const caFile = pick(overrides.caFile, env[options.caEnvVar ?? DEFAULT_CA_ENV_VAR]);
  if (caFile !== undefined) settings.caFile = caFile;
  const author = pick(overrides.author, env.MODEL_REGISTRY_AUTHOR, env.USER, env.USERNAME);
  if (author !== undefined) settings.author = author;
  const apiVersion = pick(env.MODEL_REGISTRY_API_VERSION);
  if (apiVersion !== undefined)
    settings.apiVersion = parseApiVersion(apiVersion, "MODEL_REGISTRY_API_VERSION");
  return settings;
}

/** The first value that is set and not blank, trimmed. */
function pick(...values: (string | undefined)[]): string | undefined {
  for (const value of values) {
    const trimmed = value?.trim();
    if (trimmed) return trimmed;
  }
  return undefined;
}
