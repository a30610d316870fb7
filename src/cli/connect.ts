// The registry and catalog clients for the CLI's settings, resolved through layers: the flags, then the environment,
// then the active context of the config file, then the defaults; for storage, the context's fields win over the
// environment (see storage-settings.ts).

import type { ModelCatalog } from "../catalog/model-catalog.js";
import { catalogFromEnv } from "../catalog-from-env.js";
import { contextLayer, contextStorage, readCliConfig } from "../config/cli-config.js";
import { defaultsLayer, envLayer, pickSetting, type SettingsLayer } from "../config/settings-layer.js";
import { ConfigError } from "../errors.js";
import { ModelRegistry } from "../model-registry.js";
import type { StorageOptions } from "../storage/s3/storage-options.js";
import type { CliIo, GlobalOptions } from "./cli-io.js";
import { cliConfigPath } from "./config-path.js";
import { flagOf, nameFlags } from "./setting-flags.js";

/** The layers the CLI's connection settings resolve through (flags, environment, context, defaults), and the
 * context's storage settings. */
export async function cliSettings(
  io: CliIo,
  globals: GlobalOptions,
): Promise<{ layers: SettingsLayer[]; storage: StorageOptions }> {
  const path = cliConfigPath(io.env);
  const config = await readCliConfig(path);
  const name = globals.context ?? io.env.MR_CLI_CONTEXT ?? config.currentContext;
  const context = name ? config.contexts[name] : undefined;
  if (name && !context)
    throw new ConfigError(
      `no context named ${JSON.stringify(name)} in ${path}; see mr-cli config get-contexts`,
    );
  const flags: SettingsLayer = {
    values: {
      url: globals.url,
      tokenFile: globals.tokenFile,
      caFile: globals.caFile,
      apiVersion: globals.apiVersion,
      catalogUrl: globals.catalogUrl,
      catalogApiVersion: globals.catalogApiVersion,
    },
    source: {
      url: flagOf("url"),
      tokenFile: flagOf("tokenFile"),
      caFile: flagOf("caFile"),
      apiVersion: flagOf("apiVersion"),
      catalogUrl: flagOf("catalogUrl"),
      catalogApiVersion: flagOf("catalogApiVersion"),
    },
  };
  return {
    layers: [flags, envLayer(io.env), contextLayer(name ?? "", path, context), defaultsLayer(io.env)],
    storage: contextStorage(name ?? "", context),
  };
}

export async function connect(io: CliIo, globals: GlobalOptions): Promise<ModelRegistry> {
  const { layers, storage } = await cliSettings(io, globals);
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
    env: io.env,
    layers,
    storage,
    onWarning,
    ...(globals.timeout ? { timeout: globals.timeout } : {}),
  });
}

/** The model catalog client for the CLI's settings: `--catalog-url`, else `MODEL_CATALOG_URL`, else the context's
 * `catalogUrl`; the token and CA file as {@link catalogFromEnv} finds them through the same layers. */
export async function connectCatalog(io: CliIo, globals: GlobalOptions): Promise<ModelCatalog> {
  const { layers } = await cliSettings(io, globals);
  if (!pickSetting(layers, "catalogUrl"))
    throw new ConfigError(
      "no model catalog configured: give --catalog-url, set MODEL_CATALOG_URL, or store it in a context (mr-cli config set-context NAME --catalog-url URL)",
    );
  return catalogFromEnv({ env: io.env, layers, ...(globals.timeout ? { timeout: globals.timeout } : {}) });
}
