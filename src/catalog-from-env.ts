// The model catalog's client for the settings of the environment (or of any layers): configuration is resolved
// here, at the edge, so that ModelCatalog itself takes explicit options only.
import { ModelCatalog, type ModelCatalogOptions } from "./catalog/model-catalog.js";
import { type ResolveCatalogOptions, withCatalogSettings } from "./config/resolve-catalog-settings.js";

/** Options of {@link catalogFromEnv}: the client's options (explicit ones win) and where to resolve the rest. */
export type CatalogFromEnvOptions = Partial<ModelCatalogOptions> & Omit<ResolveCatalogOptions, "overrides">;

/**
 * A catalog client configured from the environment: `MODEL_CATALOG_URL`; the token from `MODEL_CATALOG_TOKEN`, else
 * the registry's (as `ModelRegistry.fromEnv` finds it: `MODEL_REGISTRY_TOKEN`, token files, the service account);
 * the CA file from `MODEL_CATALOG_CA_FILE`, else `MODEL_REGISTRY_CA_FILE`. Explicit `options` win; `layers` (e.g. a
 * CLI's flags and context around the environment's) replace the environment's defaults.
 * @throws ConfigError when no URL is given or set.
 */
export async function catalogFromEnv(options: CatalogFromEnvOptions = {}): Promise<ModelCatalog> {
  const { env, layers, tokenEnvVar, caEnvVar, serviceAccountTokenPath, tokenFile, ...explicit } = options;
  const { sources: _, ...settings } = await withCatalogSettings(explicit, {
    ...(env ? { env } : {}),
    ...(layers ? { layers } : {}),
    ...(tokenEnvVar ? { tokenEnvVar } : {}),
    ...(caEnvVar ? { caEnvVar } : {}),
    ...(serviceAccountTokenPath ? { serviceAccountTokenPath } : {}),
    ...(tokenFile ? { tokenFile } : {}),
  });
  return new ModelCatalog(settings);
}
