// The one mapping from any S3 failure to a StorageError: the status, the S3 error code, the request id, what was being
// done and where, the cause and the fix. Hints name only the settings in use and where each came from; never a secret.
// Error codes and their meaning: the Amazon S3 API reference, "Error responses" (list of error codes).
import type { S3Client } from "@aws-sdk/client-s3";
import { networkCode } from "../../client/network-code.js";
import type { StorageSettings } from "../../config/storage-settings.js";
import { StorageError, type StorageErrorKind } from "../../errors.js";
import { settingsOf } from "./s3-client.js";
import { storageFix } from "./storage-fix.js";
import { hint, NO_CREDENTIALS, type SdkError, type StorageOperation } from "./storage-hints.js";

export { NO_CREDENTIALS, type StorageOperation };

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
    { kind, ...where, status, code, requestId, fix: storageFix(kind, settings) },
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
