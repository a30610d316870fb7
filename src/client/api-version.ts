import { ConfigError } from "../errors.js";
import type { HttpResponseView } from "./http-exchange.js";

// Which generation of the REST API a client speaks: `/api/model_registry/v1` (servers since the API graduated) or
// `/api/model_registry/v1alpha3` (the only one of releases up to v0.3.14, and of older Open Data Hub / RHOAI servers,
// which answer 404 under /v1). Servers that serve both mark alpha responses with `Deprecation: true`,
// `Sunset: <HTTP date>` and `Link: </api/model_registry/v1/>; rel="successor-version"`.

/** The API generations this client speaks. */
export type ApiVersion = "v1" | "v1alpha3";

/** The `apiVersion` option: a generation, or `auto` (v1 where the server serves it, else v1alpha3). */
export type ApiVersionOption = "auto" | ApiVersion;

/** The path every endpoint of a generation starts with. */
export const API_PREFIXES = {
  v1: "/api/model_registry/v1",
  v1alpha3: "/api/model_registry/v1alpha3",
} as const satisfies Record<ApiVersion, string>;

/** The generation in use and how it was chosen. */
export interface ApiVersionChoice {
  /** The generation in use: `v1` (`/api/model_registry/v1`) or `v1alpha3`. */
  version: ApiVersion;
  /** `option`: given by the `apiVersion` option (a flag, `MODEL_REGISTRY_API_VERSION`, the
   * context); `probe`: `auto` asked the server once; `successor`: an alpha response named `/v1` as its successor. */
  chosenBy: "option" | "probe" | "successor";
}

/** A deprecation the server announced, as read from a response's headers. */
export interface Deprecation {
  /** The generation announced as deprecated. */
  version: ApiVersion;
  /** The `Sunset` date, when announced. */
  sunset?: Date | undefined;
  /** The successor's path from the `Link` header (`rel="successor-version"`), when announced. */
  successor?: string | undefined;
}

/** The deprecation a response announces, or undefined (no `Deprecation` or `Sunset` header). */
export function deprecationOf(response: HttpResponseView, version: ApiVersion): Deprecation | undefined {
  const deprecated = response.headers.get("deprecation");
  const sunsetText = response.headers.get("sunset");
  if (!deprecated && !sunsetText) return undefined;
  const sunset = sunsetText ? new Date(sunsetText) : undefined;
  const link = response.headers.get("link") ?? "";
  const successor = /<([^>]+)>\s*;\s*rel="?successor-version"?/i.exec(link)?.[1];
  return {
    version,
    ...(sunset && !Number.isNaN(sunset.getTime()) ? { sunset } : {}),
    ...(successor ? { successor } : {}),
  };
}

/** Parses an `apiVersion` setting. @throws ConfigError naming `subject` and the choices. */
export function parseApiVersion(value: string, subject: string): ApiVersionOption {
  if (value === "auto" || value === "v1" || value === "v1alpha3") return value;
  throw new ConfigError(`${subject} must be auto, v1 or v1alpha3, not ${JSON.stringify(value)}`);
}

// The model catalog's generations: `/api/model_catalog/v1` (builds since the catalog API graduated, served beside
// the alpha) and `/api/model_catalog/v1alpha1` (the only one of older catalogs, which answer 404 under /v1).

/** The generations of the model catalog's API this client speaks. */
export type CatalogApiVersion = "v1" | "v1alpha1";

/** The catalog's `apiVersion` option: a generation, or `auto` (v1 where the catalog serves it, else v1alpha1). */
export type CatalogApiVersionOption = "auto" | CatalogApiVersion;

/** The path every endpoint of a catalog generation starts with. */
export const CATALOG_API_PREFIXES = {
  v1: "/api/model_catalog/v1",
  v1alpha1: "/api/model_catalog/v1alpha1",
} as const satisfies Record<CatalogApiVersion, string>;

/** The catalog generation in use and how it was chosen. */
export interface CatalogApiVersionChoice {
  /** The generation in use: `v1` (`/api/model_catalog/v1`) or `v1alpha1`. */
  version: CatalogApiVersion;
  /** `option`: given by the catalog's `apiVersion` option (a flag, `MODEL_CATALOG_API_VERSION`, the context);
   * `probe`: `auto` asked the catalog once. */
  chosenBy: "option" | "probe";
}

/** Parses a catalog `apiVersion` setting. @throws ConfigError naming `subject` and the choices. */
export function parseCatalogApiVersion(value: string, subject: string): CatalogApiVersionOption {
  if (value === "auto" || value === "v1" || value === "v1alpha1") return value;
  throw new ConfigError(`${subject} must be auto, v1 or v1alpha1, not ${JSON.stringify(value)}`);
}
