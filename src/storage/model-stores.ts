// The store lookup: the one place that turns a URI's scheme into a ModelStore, and into what depends on the store
// (which URIs a registration's `to` may name, how a URI registered as is is checked, how KServe reads it). A store's
// code is loaded only when a URI of its scheme is used, so an S3 upload never loads the OCI code, nor an image push
// the AWS SDK; only the stores' light URI parsers (no SDK) load with the lookup.
import { ConfigError } from "../errors.js";
import type { ModelStore } from "./model-store.js";
import { s3Place, plainForm as s3PlainForm } from "./s3/model-location.js";
import { parseS3Uri, s3ServingUri } from "./s3/s3-uri.js";

const STORES: Record<string, () => Promise<ModelStore>> = {
  s3: async () => (await import("./s3/s3-store.js")).s3Store,
  oci: async () => (await import("./oci/oci-store.js")).ociStore,
};

/** The scheme of `uri` (`s3`, `oci`, …), lowercased; undefined when it has none. */
export function schemeOf(uri: string): string | undefined {
  return /^([a-z][a-z0-9+.-]*):\/\//i.exec(uri)?.[1]?.toLowerCase();
}

/** How a store checks a URI registered as is, without loading the store: S3's bucket naming rules and endpoint query.
 * (An image reference is taken as given: KServe resolves it.) */
const LOCATORS: Record<string, (uri: string) => unknown> = { s3: parseS3Uri };

/** How a store's URI reads for serving (KServe's storage initializer), where it differs from the registry's. */
const SERVING: Record<string, (uri: string) => string> = { s3: s3ServingUri };

/** `uri` as KServe's storage initializer reads it: an `s3://` URI without the registry-only `?endpoint=…` suffix (of
 * versions registered by earlier releases or the official Python client); any other as it is. */
export function servingUri(uri: string): string {
  const text = uri.trim();
  const serving = SERVING[schemeOf(text) ?? ""];
  return serving ? serving(text) : uri;
}

/** The stores that keep a model as a container image (KServe's modelcars). */
const IMAGE_STORES = new Set(["oci"]);

/** True when `uri` names a model kept as a container image (an `oci://` reference). */
export function isImageUri(uri: string): boolean {
  return IMAGE_STORES.has(schemeOf(uri.trim()) ?? "");
}

/** The `oci+native://` URI of an image (KServe 0.20 mounts it as a Kubernetes image volume, with no shell needed in
 * it); undefined when `uri` names no image. */
export function imageVolumeUri(uri: string): string | undefined {
  const text = uri.trim();
  return isImageUri(text) ? `oci+native://${text.slice(text.indexOf("://") + 3)}` : undefined;
}

/** How a store tells that an artifact records the place a URI names, where one place has several spellings (S3: the
 * store's endpoint and region in the URI's query, or in the artifact's custom properties). */
const PLACES: Record<string, (uri: string, properties?: Readonly<Record<string, unknown>>) => string> = {
  s3: s3Place,
};

/**
 * True when `artifact` records the place `uri` names: the same text, or another spelling of the same place. For S3,
 * the same bucket, key, endpoint and region, each read from the URI's `?endpoint=…&defaultRegion=…` or else from the
 * artifact's `s3_endpoint` and `s3_region` properties: `s3://b/p/?endpoint=E&defaultRegion=R` is what an artifact
 * records as `s3://b/p/` with the properties E and R.
 */
export function recordsPlace(
  artifact: { uri?: string | undefined; customProperties: Readonly<Record<string, unknown>> },
  uri: string,
): boolean {
  if (artifact.uri === uri) return true;
  const scheme = schemeOf(uri);
  const place = PLACES[scheme ?? ""];
  if (!place || artifact.uri === undefined || schemeOf(artifact.uri) !== scheme) return false;
  try {
    return place(artifact.uri, artifact.customProperties) === place(uri);
  } catch {
    return false; // a URI its store cannot read names no place of it
  }
}

/** How a store records a URI whose registry-only parts KServe cannot read, the way registerModel records it now. */
const PLAIN: Record<
  string,
  (uri: string) => { uri: string; properties: Record<string, string> } | undefined
> = {
  s3: s3PlainForm,
};

/** `uri` as registerModel records it now when it carries parts only the registry's clients read (an `s3://` URI's
 * `?endpoint=…&defaultRegion=…`, which earlier releases and the official Python client write): the plain URI, and the
 * custom properties that keep the rest. Undefined for any other URI. */
export function plainForm(uri: string): { uri: string; properties: Record<string, string> } | undefined {
  const text = uri.trim();
  try {
    return PLAIN[schemeOf(text) ?? ""]?.(text);
  } catch {
    return undefined;
  }
}

/** Checks `uri` by the rules of the store its scheme names, if any. @throws ConfigError naming what is wrong. */
export function checkStoreUri(uri: string): void {
  const scheme = schemeOf(uri);
  if (scheme !== undefined) LOCATORS[scheme]?.(uri);
}

/** The stores a registration's `to` may name; without `to`, files go to S3 (its bucket and prefix settings). */
const DESTINATIONS = new Set(["oci"]);

/** True when `uri` names a store a registration's `to` may push to (an `oci://` image reference). */
export function isDestinationUri(uri: string): boolean {
  return DESTINATIONS.has(schemeOf(uri) ?? "");
}

/** Where a registration puts its files so that they land at `uri`: `to` for an image (`oci://…`), the bucket and
 * prefix (and the endpoint and region of its query, if any) for an `s3://bucket/prefix/` folder.
 * @throws ConfigError when no store serves `uri`'s scheme, or the URI is not one of its places. */
export function placementOf(uri: string): {
  to?: string;
  storage?: { bucket: string; prefix?: string; endpoint?: string; region?: string };
} {
  const scheme = schemeOf(uri.trim());
  if (scheme !== undefined && DESTINATIONS.has(scheme)) return { to: uri.trim() };
  if (scheme !== "s3")
    throw new ConfigError(
      `${JSON.stringify(uri)} is no place to store a model: give s3://bucket/prefix/ or oci://registry/repository`,
    );
  const { bucket, key, endpoint, region } = parseS3Uri(uri.trim());
  const prefix = key.replace(/^\/+|\/+$/g, "");
  return {
    storage: {
      bucket,
      ...(prefix ? { prefix } : {}),
      ...(endpoint ? { endpoint } : {}),
      ...(region ? { region } : {}),
    },
  };
}

/** The store a registration's files go to: the one `to` names, else S3 (its bucket and prefix settings).
 * @throws ConfigError when no store serves `to`'s scheme. */
export function destinationStore(to: string | undefined): Promise<ModelStore> {
  return modelStoreFor(to ?? "s3://", "to");
}

/** True when some store serves `uri`'s scheme. */
export function isStoreUri(uri: string | undefined): boolean {
  const scheme = uri === undefined ? undefined : schemeOf(uri);
  return scheme !== undefined && scheme in STORES;
}

/**
 * The store that serves `uri` (`s3://…`, `oci://…`).
 * @throws ConfigError naming `what` when no store serves its scheme.
 */
export async function modelStoreFor(uri: string, what = "the URI"): Promise<ModelStore> {
  const scheme = schemeOf(uri);
  const load = scheme === undefined ? undefined : STORES[scheme];
  if (!load)
    throw new ConfigError(
      `${what} ${JSON.stringify(uri)} is not in a store this client reads or writes: ${Object.keys(STORES)
        .map((s) => `${s}://`)
        .join(" or ")}`,
    );
  return load();
}
