// Where a model lives in S3-compatible storage, as one string: `s3://bucket/key`, optionally with the official Python
// client's `?endpoint=<url>&defaultRegion=<region>` suffix (see `utils.s3_uri_from` in kubeflow/model-registry).
//
// Keys are NOT percent-decoded: by convention (aws cli, boto3, the Python client) an `s3://` URI carries the key raw,
// so `s3://b/a%20b` names the key `a%20b`. Only a trailing query that carries `endpoint` or `defaultRegion` is split
// off; any other `?…` (or `#…`) is part of the key.

import { checkS3Endpoint } from "../../config/s3-endpoint.js";
import { ConfigError } from "../../errors.js";

export { checkS3Endpoint };

/** A place in S3-compatible storage. */
export interface S3Location {
  /** The bucket name. */
  bucket: string;
  /** The object key or key prefix, raw (not percent-encoded); `""` is the bucket root. May end with `/`. */
  key: string;
  /** The storage endpoint, e.g. `http://minio:9000`; absent means the S3 client's default. */
  endpoint?: string;
  /** The region, e.g. `us-east-1`; absent means the S3 client's default. */
  region?: string;
}

const SCHEME = /^s3:\/\//i;
const EXAMPLE = "s3://my-bucket/models/mnist/";
const KNOWN_PARAMS = ["endpoint", "defaultRegion"];

/** An `s3://` URI as KServe's storage initializer reads it: without the Python client's `?endpoint=…&defaultRegion=…`
 * suffix, which only the registry's clients read (the suffix is cut as text, whatever it holds). */
export function s3ServingUri(uri: string): string {
  const query = uri.lastIndexOf("?");
  const suffix = query >= 0 && /(^|&)(endpoint|defaultRegion)=/.test(uri.slice(query + 1));
  return `s3://${(suffix ? uri.slice(0, query) : uri).slice("s3://".length)}`;
}

/**
 * Parses `s3://bucket/key…`, and the Python client's form `s3://bucket/prefix?endpoint=<url>&defaultRegion=<r>`.
 *
 * - Surrounding whitespace is ignored; the scheme is matched case-insensitively.
 * - The key is everything after the first `/` that follows the bucket, kept exactly as written: no percent-decoding,
 *   a trailing `/` is kept, a doubled `/` is kept, and `s3://bucket` or `s3://bucket/` give the key `""`.
 * - The text after the LAST `?` is read as a query only when one of its parameters is named `endpoint` or
 *   `defaultRegion`; otherwise it stays part of the key. Query values are URL-decoded. Other parameters in that query
 *   are ignored (the Python client may add more); a repeated or empty `endpoint`/`defaultRegion` is an error.
 * - The bucket must follow the S3 naming rules: 3–63 characters of lowercase letters, digits, `.` and `-`, starting
 *   and ending with a letter or digit, no `..`, and not shaped like an IP address.
 *
 * @throws ConfigError when the text is not an `s3://` URI, has no or an invalid bucket, or has an invalid endpoint.
 */
export function parseS3Uri(uri: string): S3Location {
  const text = uri.trim();
  if (!SCHEME.test(text)) {
    throw new ConfigError(`"${text}" is not an S3 URI; it must start with s3://, e.g. ${EXAMPLE}`);
  }
  let rest = text.slice("s3://".length);
  const query = splitQuery(rest);
  if (query) rest = rest.slice(0, query.at);
  const slash = rest.indexOf("/");
  const bucket = slash === -1 ? rest : rest.slice(0, slash);
  const key = slash === -1 ? "" : rest.slice(slash + 1);
  if (bucket === "") throw new ConfigError(`S3 URI "${text}" has no bucket; use the form ${EXAMPLE}`);
  const problem = bucketProblem(bucket);
  if (problem) throw new ConfigError(`S3 URI "${text}" has an invalid bucket name "${bucket}": ${problem}`);
  const location: S3Location = { bucket, key };
  if (query) {
    const endpoint = single(query.params, "endpoint", text);
    const region = single(query.params, "defaultRegion", text);
    if (endpoint !== undefined)
      location.endpoint = checkS3Endpoint(endpoint, `in S3 URI "${text}", the endpoint`);
    if (region !== undefined) location.region = region;
  }
  return location;
}

/**
 * Formats a location as a URI that {@link parseS3Uri} reads back to an equal location: `s3://bucket/key`, plus
 * `?endpoint=…&defaultRegion=…` (each only when present). As the Python client writes them, values are left as they
 * are (`endpoint=http://host:9000`), except the characters a query would misread (`%`, `&`, `#`, `+`, `=`, `?`,
 * spaces), which are percent-encoded. The bucket root is `s3://bucket/`.
 *
 * @throws ConfigError when the bucket name is invalid, or when the location has neither endpoint nor region and its
 * key itself ends in something that reads as an `endpoint`/`defaultRegion` query (it could not be read back).
 */
export function formatS3Uri(location: S3Location): string {
  const problem = bucketProblem(location.bucket);
  if (problem) throw new ConfigError(`invalid S3 bucket name "${location.bucket}": ${problem}`);
  const base = `s3://${location.bucket}/${location.key}`;
  const params: string[] = [];
  if (location.endpoint !== undefined) params.push(`endpoint=${queryValue(location.endpoint)}`);
  if (location.region !== undefined) params.push(`defaultRegion=${queryValue(location.region)}`);
  if (params.length > 0) return `${base}?${params.join("&")}`;
  if (splitQuery(location.key)) {
    throw new ConfigError(
      `S3 key "${location.key}" ends in an endpoint/defaultRegion query and cannot be written as an s3:// URI without one`,
    );
  }
  return base;
}

/**
 * Joins key segments with single `/`s: slashes at the start and end of each part are dropped, empty parts are
 * skipped, and the result has no leading slash. It ends with `/` only when the last non-empty part does (and the
 * result is not empty). Slashes inside a part are kept: keys are not file paths.
 *
 * @example joinKey("models/", "/mnist", "v1/") === "models/mnist/v1/"
 */
export function joinKey(...parts: string[]): string {
  const given = parts.filter((part) => part !== "");
  const joined = given
    .map((part) => part.replace(/^\/+|\/+$/g, ""))
    .filter((part) => part !== "")
    .join("/");
  return joined !== "" && given.at(-1)?.endsWith("/") ? `${joined}/` : joined;
}

/** A query value written readably: only what would change its meaning in a query is percent-encoded. */
function queryValue(value: string): string {
  return value.replace(/[%&#+=?\s]/g, (c) => encodeURIComponent(c));
}

/** The query at the end of `text` when its last `?` starts one that names `endpoint` or `defaultRegion`. */
function splitQuery(text: string): { at: number; params: URLSearchParams } | undefined {
  const at = text.lastIndexOf("?");
  if (at === -1) return undefined;
  const params = new URLSearchParams(text.slice(at + 1));
  return KNOWN_PARAMS.some((name) => params.has(name)) ? { at, params } : undefined;
}

function single(params: URLSearchParams, name: string, uri: string): string | undefined {
  const values = params.getAll(name);
  if (values.length > 1) throw new ConfigError(`S3 URI "${uri}" gives ${name} more than once`);
  if (values[0] === "") throw new ConfigError(`S3 URI "${uri}" has an empty ${name}`);
  return values[0];
}

/** Why `bucket` breaks the S3 bucket naming rules, or undefined when it follows them. */
function bucketProblem(bucket: string): string | undefined {
  if (bucket.length < 3 || bucket.length > 63)
    return `it must be 3 to 63 characters long, not ${bucket.length}`;
  if (/[A-Z]/.test(bucket)) return "bucket names are lowercase";
  if (!/^[a-z0-9.-]+$/.test(bucket)) return "only lowercase letters, digits, '.' and '-' are allowed";
  if (!/^[a-z0-9].*[a-z0-9]$/.test(bucket)) return "it must start and end with a letter or digit";
  if (bucket.includes("..")) return "it must not contain two adjacent periods";
  if (/^\d+\.\d+\.\d+\.\d+$/.test(bucket)) return "it must not be formatted as an IP address";
  return undefined;
}
