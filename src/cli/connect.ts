// The registry client for the CLI's settings: flags win over the environment, which wins over the active context
// of the config file; for storage, the context's fields win over the environment (see storage-settings.ts).

import { ModelCatalog } from "../catalog/model-catalog.js";
import { parseApiVersion } from "../client/api-version.js";
import { parseRegistryUrl } from "../client/parse-registry-url.js";
import { contextEnv, contextStorage, readCliConfig } from "../config/cli-config.js";
import { ConfigError } from "../errors.js";
import { ModelRegistry } from "../model-registry.js";
import type { StorageOptions } from "../storage/storage-options.js";
import type { CliIo, GlobalOptions } from "./cli-io.js";
import { cliConfigPath } from "./config-path.js";
import { nameFlags } from "./setting-flags.js";

/** The environment the settings are resolved from: config context, then the real environment, then flags. */
export async function cliEnv(
  io: CliIo,
  globals: GlobalOptions,
): Promise<{
  env: Record<string, string | undefined>;
  storage: StorageOptions;
  /** Where each registry setting that the context gave came from, for messages: `the url of context prod in …`. */
  fromContext: (field: string) => string;
}> {
  const path = cliConfigPath(io.env);
  const config = await readCliConfig(path);
  const name = globals.context ?? io.env.MR_CLI_CONTEXT ?? config.currentContext;
  const context = name ? config.contexts[name] : undefined;
  if (name && !context)
    throw new ConfigError(
      `no context named ${JSON.stringify(name)} in ${path}; see mr-cli config get-contexts`,
    );
  const fromContext = contextEnv(context);
  if (fromContext.MODEL_REGISTRY_API_VERSION !== undefined)
    parseApiVersion(
      fromContext.MODEL_REGISTRY_API_VERSION,
      `the apiVersion of context ${JSON.stringify(name)} in ${path}`,
    );
  // The environment wins as a whole: any token setting there hides the context's token file.
  const tokenVars = ["MODEL_REGISTRY_TOKEN", "MODEL_REGISTRY_TOKEN_FILE", "KF_PIPELINES_SA_TOKEN_PATH"];
  if (tokenVars.some((name) => io.env[name])) delete fromContext.MODEL_REGISTRY_TOKEN_FILE;
  // A variable set but empty counts as unset: it does not hide the context's value.
  const env: Record<string, string | undefined> = { ...fromContext };
  for (const [key, value] of Object.entries(io.env))
    if (value !== "" || fromContext[key] === undefined) env[key] = value;
  if (globals.url) env.MODEL_REGISTRY_URL = globals.url;
  if (globals.caFile) env.MODEL_REGISTRY_CA_FILE = globals.caFile;
  if (globals.apiVersion) env.MODEL_REGISTRY_API_VERSION = globals.apiVersion;
  if (globals.catalogUrl) env.MODEL_CATALOG_URL = globals.catalogUrl;
  if (globals.tokenFile) {
    env.MODEL_REGISTRY_TOKEN_FILE = globals.tokenFile;
    delete env.MODEL_REGISTRY_TOKEN; // the flag names the token to use
  }
  return {
    env,
    storage: contextStorage(name ?? "", context),
    fromContext: (field) => `the ${field} of context ${JSON.stringify(name ?? "")} in ${path}`,
  };
}

export async function connect(io: CliIo, globals: GlobalOptions): Promise<ModelRegistry> {
  const { env, storage, fromContext } = await cliEnv(io, globals);
  // Messages name where the URL came from: the flag, the variable, or the context.
  const urlSource = globals.url
    ? "--url"
    : io.env.MODEL_REGISTRY_URL?.trim()
      ? undefined
      : fromContext("url");
  if (urlSource && env.MODEL_REGISTRY_URL?.trim()) parseRegistryUrl(env.MODEL_REGISTRY_URL, urlSource);
  // The registry's deprecation notice (e.g. API v1alpha3's sunset): once, on stderr, never on stdout.
  const json = globals.json || globals.output === "json";
  // Its fix names the apiVersion setting, which mr-cli calls --api-version.
  const onWarning = (text: string) => {
    if (globals.quiet) return;
    const message = nameFlags(text, [{ setting: "apiVersion" }]);
    io.stderr.write(
      json ? `${JSON.stringify({ type: "warning", message })}\n` : `mr-cli: warning: ${message}\n`,
    );
  };
  return ModelRegistry.fromEnv({
    env,
    storage,
    onWarning,
    ...(globals.timeout ? { timeout: globals.timeout } : {}),
  });
}

/** The model catalog client for the CLI's settings: `--catalog-url`, else `MODEL_CATALOG_URL`, else the context's
 * `catalogUrl`; the token and CA file as {@link ModelCatalog.fromEnv} finds them in the same environment. */
export async function connectCatalog(io: CliIo, globals: GlobalOptions): Promise<ModelCatalog> {
  const { env, fromContext } = await cliEnv(io, globals);
  const source = globals.catalogUrl
    ? "--catalog-url"
    : io.env.MODEL_CATALOG_URL?.trim()
      ? "MODEL_CATALOG_URL"
      : fromContext("catalogUrl");
  if (env.MODEL_CATALOG_URL?.trim()) parseRegistryUrl(env.MODEL_CATALOG_URL, source, "the model catalog");
  if (!env.MODEL_CATALOG_URL?.trim())
    throw new ConfigError(
      "no model catalog configured: give --catalog-url, set MODEL_CATALOG_URL, or store it in a context (mr-cli config set-context NAME --catalog-url URL)",
    );
  return ModelCatalog.fromEnv({ env, ...(globals.timeout ? { timeout: globals.timeout } : {}) });
}
