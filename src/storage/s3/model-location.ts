// Where a model's files go, and where a registered one's are: one rule for the upload, the registered URI, a dry run's
// plan, and the reads of download, verify and signing.

import { S3_PROPERTIES } from "../recorded-properties.js";
import type { WalkResult } from "../walk-files.js";
import { formatS3Uri, joinKey, parseS3Uri, type S3Location } from "./s3-uri.js";

/** The key prefix of a model's files: the given one, or `<name>/<version>`, without leading or trailing slashes. */
export function modelPrefix(name: string, version: string, prefix?: string): string {
  return (prefix ?? `${name}/${version}`).replace(/^\/+|\/+$/g, "");
}

/** Where a store is: the endpoint of S3-compatible storage and its region. */
export interface StoreAddress {
  endpoint?: string | undefined;
  region?: string | undefined;
}

/**
 * The URI registered for a model: its folder `s3://bucket/prefix/`, or the file itself for a single-file model. It is
 * always plain: the registry's `model-registry://` storage initializer hands it to KServe's S3 provider as it is, and
 * that would read a query as part of the key. Where a custom store is goes into the artifact's custom properties
 * ({@link storeProperties}).
 */
export function modelUri(bucket: string, prefix: string, local: Pick<WalkResult, "kind" | "files">): string {
  const only = local.files[0];
  const key = local.kind === "file" && only ? joinKey(prefix, only.relativePath) : `${prefix}/`;
  return formatS3Uri({ bucket, key });
}

/** The custom properties that record a store with a custom endpoint ({@link S3_PROPERTIES}): its endpoint, and its
 * region when known; none on AWS itself. */
export function storeProperties(store: StoreAddress | undefined): Record<string, string> {
  if (!store?.endpoint) return {};
  return {
    [S3_PROPERTIES.endpoint]: store.endpoint,
    ...(store.region ? { [S3_PROPERTIES.region]: store.region } : {}),
  };
}

/** Where a registered artifact says its store is, and what says so. */
export interface RecordedStore extends StoreAddress {
  /** `query`: the URI's own `?endpoint=…&defaultRegion=…` (versions registered before the properties, and by the
   * official Python client); `properties`: the artifact's {@link S3_PROPERTIES}; `none`: neither (use the settings). */
  from: "query" | "properties" | "none";
}

/**
 * Where the files of a registered artifact live, from one of its URIs (`location`, parsed) and its custom properties:
 * the URI's own query when it has one, else the `s3_endpoint` and `s3_region` properties, else nothing (the caller's
 * settings decide).
 */
export function recordedStore(
  location: S3Location,
  properties: Readonly<Record<string, unknown>> = {},
): RecordedStore {
  if (location.endpoint !== undefined || location.region !== undefined)
    return { endpoint: location.endpoint, region: location.region, from: "query" };
  const text = (value: unknown) => (typeof value === "string" && value.trim() !== "" ? value : undefined);
  const endpoint = text(properties[S3_PROPERTIES.endpoint]);
  const region = text(properties[S3_PROPERTIES.region]);
  if (endpoint === undefined && region === undefined) return { from: "none" };
  return { endpoint, region, from: "properties" };
}

/** One S3 place however it is recorded: bucket, key, and the store's endpoint and region ({@link recordedStore}'s
 * rule), as a string two spellings of the same place share (`s3://b/p/?endpoint=E&defaultRegion=R`, and `s3://b/p/`
 * on an artifact whose properties record E and R). @throws ConfigError when `uri` is not an S3 URI. */
export function s3Place(uri: string, properties: Readonly<Record<string, unknown>> = {}): string {
  const location = parseS3Uri(uri);
  const store = recordedStore(location, properties);
  return JSON.stringify([location.bucket, location.key, store.endpoint ?? null, store.region ?? null]);
}

/** An S3 URI that carries the store's address as a query, in the form registerModel records now: the plain URI, and
 * the custom properties that keep the address ({@link S3_PROPERTIES}); undefined for a URI without that query.
 * @throws ConfigError when `uri` is not an S3 URI. */
export function plainForm(uri: string): { uri: string; properties: Record<string, string> } | undefined {
  const location = parseS3Uri(uri);
  if (location.endpoint === undefined && location.region === undefined) return undefined;
  const properties: Record<string, string> = {};
  if (location.endpoint !== undefined) properties[S3_PROPERTIES.endpoint] = location.endpoint;
  if (location.region !== undefined) properties[S3_PROPERTIES.region] = location.region;
  return { uri: formatS3Uri({ bucket: location.bucket, key: location.key }), properties };
}
