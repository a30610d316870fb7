// Settings resolution: the only part of the package that reads environment variables and files. Used by the CLI and
// `ModelRegistry.fromEnv()`; the rest of the library takes explicit options. Settings come in layers (options or
// flags, the environment, a context, defaults), and every resolved value says which layer gave it.

export { parseRegistryUrl } from "../client/parse-registry-url.js";
export { defaultEnv, type Env } from "./default-env.js";
export {
  DEFAULT_CA_ENV_VAR,
  type ResolvedSettings,
  type ResolveOptions,
  resolveSettings,
} from "./resolve-settings.js";
export {
  DEFAULT_TOKEN_ENV_VAR,
  type ResolvedToken,
  type ResolveTokenParams,
  resolveToken,
  SERVICE_ACCOUNT_TOKEN_PATH,
  type TokenSource,
} from "./resolve-token.js";
export {
  type ConnectionSetting,
  defaultsLayer,
  ENV_VARIABLES,
  envLayer,
  pickSetting,
  type SettingsLayer,
} from "./settings-layer.js";
export { type TokenFileOptions, tokenFromFile } from "./token-file.js";
