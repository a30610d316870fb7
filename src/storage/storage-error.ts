// The one mapping from any S3 failure to a StorageError: the status, the S3 error code, the request id, what was being
// done and where, the cause and the fix. Hints name only the settings in use and where each came from; never a secret.
// Error codes and their meaning: the Amazon S3 API reference, "Error responses" (list of error codes).
import type { S3Client } from "@aws-sdk/client-s3";
import { networkCode } from "../client/network-code.js";
import type { Sourced, StorageSettings } from "../config/storage-settings.js";
import { StorageError, type StorageErrorKind } from "../errors.js";
import { settingsOf } from "./s3-client.js";

/** What was being done, where. */
export interface StorageOperation {
  operation: string;
  bucket: string;
  key?: string | undefined;
}

interface SdkError {
  name?: string;
  message?: string;
  Code?: string;
  Region?: string;
  Endpoint?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string; extendedRequestId?: string };
  $response?: { headers?: Record<string, string | undefined> };
}

const UNREACHABLE = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);
const BY_CODE: Record<string, StorageErrorKind> = {
  NoSuchBucket: "no-such-bucket",
  AuthorizationHeaderMalformed: "wrong-region",
  IllegalLocationConstraintException: "wrong-region",
  InvalidRegion: "wrong-region",
  PermanentRedirect: "redirect",
  TemporaryRedirect: "redirect",
  Redirect: "redirect",
  InvalidAccessKeyId: "invalid-access-key",
  XAdminUserNotFound: "invalid-access-key", // versitygw's 404 for an access key it does not know
  SignatureDoesNotMatch: "signature-mismatch",
  RequestTimeTooSkewed: "clock-skew",
  ExpiredToken: "expired-token",
  TokenRefreshRequired: "expired-token",
  InvalidToken: "expired-token",
  AccessDenied: "access-denied",
  AllAccessDisabled: "access-denied",
  SlowDown: "throttled",
  Throttling: "throttled",
  ThrottlingException: "throttled",
  TooManyRequests: "throttled",
  InternalError: "unavailable",
  ServiceUnavailable: "unavailable",
  RequestTimeout: "unavailable",
  TimeoutError: "unavailable",
  BadDigest: "integrity",
  InvalidDigest: "integrity",
  XAmzContentSHA256Mismatch: "integrity",
  InvalidChecksum: "integrity",
  NoSuchKey: "not-found",
  NoSuchUpload: "not-found",
  NotImplemented: "not-implemented",
};
// Headers the AWS SDK adds for its default checksums; stores that reject them name one of them (or "checksum").
/** What to do when no credentials are found anywhere (also used before the first request, by checkBucket). */
export const NO_CREDENTIALS =
  "No S3 credentials were found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or use an AWS profile that holds credentials (AWS_PROFILE or --profile; in the library, storage.credentials or storage.profile)";
const CHECKSUM_WORDS = /checksum|crc32|x-amz-sdk-checksum|x-amz-trailer|streaming-unsigned-payload-trailer/i;

/** A StorageError for a failed S3 operation of `client` (whose settings, when it was built by `s3ClientFor`, are
 * named in the hint). */
export function storageError(
  client: S3Client | undefined,
  where: StorageOperation,
  error: unknown,
): StorageError {
  if (error instanceof StorageError) return error;
  const sdk = (error ?? {}) as SdkError;
  const settings = client ? settingsOf(client) : undefined;
  const status = sdk.$metadata?.httpStatusCode;
  const code = errorCode(sdk);
  const network = networkCode(error);
  const kind = classify(sdk, code, status, network, settings, where.key !== undefined);
  const requestId = sdk.$metadata?.requestId;
  const place = `s3://${where.bucket}${where.key ? `/${where.key}` : ""}`;
  const answer =
    status !== undefined
      ? `${status}${code ? ` ${code}` : " (no S3 error code in the reply)"}`
      : (network ?? sdk.name ?? "Error");
  const message = sdk.message?.trim().replace(/\.+$/, "");
  // Without an S3 error code the SDK's message is about its own parsing (a bodiless or non-XML reply): not shown.
  const said =
    message && code && message !== code ? `: ${message}` : network && message ? `: ${message}` : "";
  const fix = hint(kind, { sdk, code, status, network, settings, where });
  const id = requestId ? ` (request id ${requestId})` : "";
  return new StorageError(
    `${where.operation} ${place} failed: ${answer}${said}. ${fix}${id}`,
    { kind, ...where, status, code, requestId },
    error,
  );
}

/** The S3 error code, or undefined when the reply had no body (the SDK then says `Unknown`/`NotFound`/…). */
function errorCode(sdk: SdkError): string | undefined {
  const code = sdk.Code ?? sdk.name;
  if (!code || code === "Unknown" || code === "UnknownError" || code === "Error") return undefined;
  if (sdk.message === "UnknownError") return undefined; // a bodiless reply: the SDK made the name up from the status
  if (/^\d+$/.test(code)) return undefined;
  return code;
}

function classify(
  sdk: SdkError,
  code: string | undefined,
  status: number | undefined,
  network: string | undefined,
  settings: StorageSettings | undefined,
  hasKey: boolean,
): StorageErrorKind {
  if (status === undefined && network && UNREACHABLE.has(network)) return "unreachable";
  if (sdk.name === "CredentialsProviderError") return "no-credentials";
  const checksums =
    settings?.requestChecksums.value !== "when-required" ||
    settings?.responseChecksums.value !== "when-required";
  const text = `${code ?? ""} ${sdk.message ?? ""}`;
  if ((status === 501 || status === 400) && checksums && CHECKSUM_WORDS.test(text))
    return "checksum-unsupported";
  if (code && BY_CODE[code]) return BY_CODE[code];
  if (status === undefined) {
    if (/checksum/i.test(sdk.message ?? "")) return "integrity"; // the SDK's own response validation
    const lost = network !== undefined && /^(E(CONN|PIPE|TIMEDOUT|AI_)|UND_ERR_)/.test(network);
    return lost || sdk.name === "TimeoutError" ? "unavailable" : "other";
  }
  if (status === 301 || status === 307) return "redirect";
  if (status === 400 && sdk.$response?.headers?.["x-amz-bucket-region"]) return "wrong-region";
  if (status === 403) return "access-denied";
  if (status === 404) return hasKey ? "not-found" : "no-such-bucket";
  if (status === 429) return "throttled";
  if (status === 501) return "not-implemented";
  if (status >= 500 || status === 408) return "unavailable";
  return "other";
}

interface HintFacts {
  sdk: SdkError;
  code: string | undefined;
  status: number | undefined;
  network: string | undefined;
  settings: StorageSettings | undefined;
  where: StorageOperation;
}

const from = (value: Sourced<string> | undefined) => (value ? ` (from ${value.source})` : "");

function hint(kind: StorageErrorKind, facts: HintFacts): string {
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
        return `Cannot resolve the bucket's host name: virtual-hosted addressing${from(settings.addressingStyle)} puts the bucket in the host name of ${store}; use path-style addressing (--addressing-style path)`;
      return endpoint
        ? `Cannot connect to ${store}: check the endpoint and that the store is running`
        : "No S3 endpoint is set, so this went to AWS S3 itself: for S3-compatible storage set --endpoint, AWS_ENDPOINT_URL_S3 or AWS_S3_ENDPOINT";
    case "no-credentials":
      return NO_CREDENTIALS;
    case "wrong-region": {
      const expected = regionOf(sdk);
      const now = region ? ` not ${region.value}${from(region)}` : "";
      const change = region?.source === "default" ? "set the region" : "change the region there";
      return expected
        ? `The store expects region ${expected},${now}: ${change} to ${expected}`
        : `The region is wrong for this store${now ? ` (${now.trim()})` : ""}: ${change} to the store's`;
    }
    case "redirect": {
      const expected = regionOf(sdk);
      if (sdk.Endpoint)
        return `The bucket must be reached at ${sdk.Endpoint}, not ${store}: set the endpoint (or the region) it lives in`;
      return expected
        ? `The bucket is in region ${expected}, not ${region?.value ?? "the one set"}${from(region)}: set the region to ${expected}`
        : `The store redirects elsewhere: check the endpoint ${store} and the region`;
    }
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
      return "The store is throttling requests: retry later, or lower --concurrency";
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
    return `The store rejects the AWS SDK's checksum headers, and the checksum mode is when-supported in ${given}: set it to when-required there (or pass --checksums when-required)`;
  const switches = open.map((side) => `${side.name}=WHEN_REQUIRED`).join(" and ");
  return `The store rejects the AWS SDK's checksum headers: set ${switches} (or --checksums when-required)`;
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
