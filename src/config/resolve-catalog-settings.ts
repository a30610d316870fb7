// The model catalog's connection settings, from the same layers as the registry's: its own URL, token and CA file
// where given, else the registry's token and CA file.
import { type CatalogApiVersionOption, parseCatalogApiVersion } from "../client/api-version.js";
import { parseRegistryUrl } from "../client/parse-registry-url.js";
import { defaultEnv } from "./default-env.js";
import { type ResolveOptions, resolveSettings } from "./resolve-settings.js";
import { defaultsLayer, envLayer, pickSetting, type SettingsLayer } from "./settings-layer.js";

/** Inputs of {@link resolveCatalogSettings}: as the registry's, with the catalog's own explicit values. */
export interface ResolveCatalogOptions extends Omit<ResolveOptions, "overrides"> {
  /** Explicit values; each non-empty one wins over every layer. */
  overrides?: Partial<{ url: string; token: string; caFile: string; apiVersion: string }>;
}

/** The catalog's settings in effect. */
export interface ResolvedCatalogSettings {
  /** The catalog's base URL. */
  url: string;
  /** A literal token, or a provider that re-reads a token file. */
  token?: string | (() => Promise<string>);
  /** Path of a CA bundle. */
  caFile?: string;
  /** The catalog's API generation (`catalogApiVersion` of the layers: `MODEL_CATALOG_API_VERSION`), when set. */
  apiVersion?: CatalogApiVersionOption;
  /** Where the URL, the CA file and the API generation came from, e.g. `"MODEL_CATALOG_URL"`, a flag, a context. */
  sources: Partial<Record<"url" | "caFile" | "apiVersion", string>>;
}

/**
 * Resolves the catalog's settings: the URL (`catalogUrl` of the layers: `MODEL_CATALOG_URL` in the environment);
 * the token from `catalogToken` (`MODEL_CATALOG_TOKEN`), else the registry's as {@link resolveSettings} finds it;
 * the CA file from `catalogCaFile` (`MODEL_CATALOG_CA_FILE`), else the registry's; the API generation from
 * `catalogApiVersion` (`MODEL_CATALOG_API_VERSION`: `auto`, `v1` or `v1alpha1`; the registry's `apiVersion` is not
 * the catalog's).
 * @throws ConfigError when no URL is given or set, or it is not http(s), or the API generation is not one of the
 * choices.
 */
export async function resolveCatalogSettings(
  options: ResolveCatalogOptions = {},
): Promise<ResolvedCatalogSettings> {
  const env = options.env ?? defaultEnv();
  const {
    url: urlOption,
    token: tokenOption,
    caFile: caOption,
    apiVersion: versionOption,
  } = options.overrides ?? {};
  const layers: SettingsLayer[] = [
    {
      values: {
        catalogUrl: urlOption,
        catalogToken: tokenOption,
        catalogCaFile: caOption,
        catalogApiVersion: versionOption,
      },
      source: { catalogApiVersion: "the catalog apiVersion option" },
    },
    ...(options.layers ?? [envLayer(env, options.caEnvVar), defaultsLayer(env)]),
  ];
  const given = pickSetting(layers, "catalogUrl");
  const source = given?.source === "the catalogUrl option" ? "the url option" : given?.source;
  const url = parseRegistryUrl(given?.value, source ?? "MODEL_CATALOG_URL", "the model catalog");
  const catalogCa = pickSetting(layers, "catalogCaFile");
  const registry = await resolveSettings({
    ...options,
    env,
    layers,
    overrides: { url, token: pickSetting(layers, "catalogToken")?.value, caFile: catalogCa?.value },
  });
  const caSource = catalogCa?.source ?? registry.sources.caFile;
  const version = pickSetting(layers, "catalogApiVersion");
  return {
    url,
    ...(registry.token !== undefined ? { token: registry.token } : {}),
    ...(registry.caFile !== undefined ? { caFile: registry.caFile } : {}),
    ...(version ? { apiVersion: parseCatalogApiVersion(version.value, version.source) } : {}),
    sources: {
      url: source ?? "MODEL_CATALOG_URL",
      ...(caSource ? { caFile: caSource } : {}),
      ...(version ? { apiVersion: version.source } : {}),
    },
  };
}

/** A catalog client's `explicit` options (each given one wins, a token provider too) with the URL, token, CA file
 * and API generation they leave out filled in by {@link resolveCatalogSettings} from `resolve`'s layers. */
export async function withCatalogSettings<
  T extends {
    url?: string | undefined;
    token?: unknown;
    caFile?: string | undefined;
    apiVersion?: string | undefined;
  },
>(explicit: T, resolve: Omit<ResolveCatalogOptions, "overrides"> = {}): Promise<T & ResolvedCatalogSettings> {
  const token = typeof explicit.token === "string" ? explicit.token : undefined;
  const settings = await resolveCatalogSettings({
    ...resolve,
    overrides: { url: explicit.url, token, caFile: explicit.caFile, apiVersion: explicit.apiVersion },
  });
  return {
    ...explicit,
    ...settings,
    token: explicit.token ?? settings.token,
    caFile: explicit.caFile ?? settings.caFile,
  } as T & ResolvedCatalogSettings;
}
