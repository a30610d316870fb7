// What to do about each kind of S3 failure, in one sentence that names the settings in use and where each came from
// (never a secret), in the library's names for them (`storage.endpoint`); `fixFor` lists those settings as data.
// Error codes and their meaning: the Amazon S3 API reference, "Error responses".
import type { Sourced, StorageSettings } from "../../config/storage-settings.js";
import type { SettingRef, StorageErrorKind } from "../../errors.js";

/** What was being done, where. */
export interface StorageOperation {
  operation: string;
  bucket: string;
  key?: string | undefined;
}

/** The fields of an AWS SDK error that tell what went wrong. */
export interface SdkError {
  name?: string;
  message?: string;
  Code?: string;
  Region?: string;
  Endpoint?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string; extendedRequestId?: string };
  $response?: { headers?: Record<string, string | undefined> };
}

/** What to do when no credentials are found anywhere (also used before the first request, by checkBucket). */
export const NO_CREDENTIALS =
  "No S3 credentials were found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or use an AWS profile that holds credentials (AWS_PROFILE or storage.profile), or pass storage.credentials";
/** The settings {@link NO_CREDENTIALS} names. */
export const NO_CREDENTIALS_FIX: readonly SettingRef[] = [
  { setting: "storage.profile" },
  { setting: "storage.credentials" },
];
/** What is known of a failure, for its hint. */
export interface HintFacts {
  sdk: SdkError;
  code: string | undefined;
  status: number | undefined;
  network: string | undefined;
  settings: StorageSettings | undefined;
  where: StorageOperation;
}

const from = (value: Sourced<string> | undefined) => (value ? ` (from ${value.source})` : "");

/** What to do about a failure of this kind: names the settings in use and where each came from, never a secret. */
export function hint(kind: StorageErrorKind, facts: HintFacts): string {
  const { sdk, settings, where } = facts;
  const endpoint = settings?.endpoint;
  const store = endpoint ? `${endpoint.value}${from(endpoint)}` : "AWS S3 (no endpoint set)";
  const region = settings?.region;
  const bucket =
    settings?.bucket?.value === where.bucket
      ? `bucket ${where.bucket}${from(settings.bucket)}`
      : `bucket ${where.bucket}`;
  const credentials = settings ? ` (credentials from ${settings.credentialsSource})` : "";
  const fromEnv = settings?.credentialsSource.startsWith("AWS_ACCESS_KEY_ID") ?? false;
  switch (kind) {
    case "unreachable":
      if (endpoint && facts.network === "ENOTFOUND" && settings?.addressingStyle.value === "virtual")
        return `Cannot resolve the bucket's host name: virtual-hosted addressing${from(settings.addressingStyle)} puts the bucket in the host name of ${store}; use path-style addressing (storage.forcePathStyle true)`;
      return endpoint
        ? `Cannot connect to ${store}: check the endpoint and that the store is running`
        : "No S3 endpoint is set, so this went to AWS S3 itself: for S3-compatible storage set storage.endpoint, AWS_ENDPOINT_URL_S3 or AWS_S3_ENDPOINT";
    case "no-credentials":
      return NO_CREDENTIALS;
    case "wrong-region":
    case "redirect":
      return regionHint(kind, sdk, region, store);
    case "no-such-bucket":
      return `${cap(bucket)} does not exist at ${store}: create it, or choose another bucket`;
    case "checksum-unsupported":
      return checksumHint(sdk, settings);
    case "not-implemented":
      return `The store at ${store} does not implement this request`;
    case "invalid-access-key":
      return `The store does not know this access key id${credentials}: check ${fromEnv ? "AWS_ACCESS_KEY_ID" : "the access key id"}`;
    case "signature-mismatch":
      return `The secret key does not match the access key${credentials}: check ${fromEnv ? "AWS_SECRET_ACCESS_KEY" : "the secret key"}`;
    case "clock-skew":
      return "This machine's clock is too far from the store's: set the clock right (e.g. with NTP)";
    case "expired-token":
      return `The session token has expired or is invalid${credentials}: get new credentials`;
    case "access-denied":
      return `The credentials${credentials} may not do this in ${bucket}: check them and their permissions`;
    case "throttled":
      return "The store is throttling requests: retry later, or lower the concurrency option";
    case "unavailable":
      return `The store at ${store} failed or is unavailable: retry later`;
    case "integrity":
      return "The bytes did not arrive intact (a checksum or digest differs): retry; if it persists, check the store and any proxy in between";
    case "not-found":
      return where.key ? `${where.key} is not in ${bucket}` : `${cap(bucket)} was not found at ${store}`;
    default:
      return `Check the storage settings: endpoint ${store}, region ${region?.value ?? "us-east-1"}`;
  }
}

/** What to do about a wrong region or a redirect to another endpoint: the region or endpoint the store names. */
function regionHint(
  kind: "wrong-region" | "redirect",
  sdk: HintFacts["sdk"],
  region: Sourced<string> | undefined,
  store: string,
): string {
  const expected = regionOf(sdk);
  if (kind === "redirect") {
    if (sdk.Endpoint)
      return `The bucket must be reached at ${sdk.Endpoint}, not ${store}: set the endpoint (or the region) it lives in`;
    return expected
      ? `The bucket is in region ${expected}, not ${region?.value ?? "the one set"}${from(region)}: set the region to ${expected}`
      : `The store redirects elsewhere: check the endpoint ${store} and the region`;
  }
  const now = region ? ` not ${region.value}${from(region)}` : "";
  const change = region?.source === "default" ? "set the region" : "change the region there";
  return expected
    ? `The store expects region ${expected},${now}: ${change} to ${expected}`
    : `The region is wrong for this store${now ? ` (${now.trim()})` : ""}: ${change} to the store's`;
}

/** The checksum switches still at WHEN_SUPPORTED, each named (the rejected header's side first), and where a mode
 * came from when that was not the environment or a profile (a context, a flag, an option). */
function checksumHint(sdk: SdkError, settings: StorageSettings | undefined): string {
  const request = { mode: settings?.requestChecksums, name: "AWS_REQUEST_CHECKSUM_CALCULATION" };
  const response = { mode: settings?.responseChecksums, name: "AWS_RESPONSE_CHECKSUM_VALIDATION" };
  const sides = /x-amz-checksum-mode/i.test(sdk.message ?? "") ? [response, request] : [request, response];
  const open = sides.filter((side) => side.mode?.value !== "when-required");
  const given = open
    .map((side) => side.mode?.source)
    .find((source) => source && source !== "default" && !/^(AWS_|profile )/.test(source));
  if (given)
    return `The store rejects the AWS SDK's checksum headers, and the checksum mode is when-supported in ${given}: set it to when-required there (or pass storage.checksums "when-required")`;
  const switches = open.map((side) => `${side.name}=WHEN_REQUIRED`).join(" and ");
  return `The store rejects the AWS SDK's checksum headers: set ${switches} (or storage.checksums "when-required")`;
}

/** The region the store says the bucket is in: the error's `Region`, the `x-amz-bucket-region` header, or the
 * `expecting "<region>"` wording of AuthorizationHeaderMalformed. */
function regionOf(sdk: SdkError): string | undefined {
  return (
    sdk.Region ??
    sdk.$response?.headers?.["x-amz-bucket-region"] ??
    /expecting ['"]([a-z0-9-]+)['"]/i.exec(sdk.message ?? "")?.[1]
  );
}

const cap = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
