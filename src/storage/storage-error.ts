// S3 failures as UploadError: what was being done, where, and the storage's own words; never a credential.
import { UploadError } from "../client/errors.js";
import { networkCode } from "../client/network-code.js";

// S3 error codes that mean "try again" (AWS's list of retryable errors, plus what a cut-off reply looks like).
const TRANSIENT_NAMES = new Set([
  "SlowDown",
  "Throttling",
  "ThrottlingException",
  "RequestTimeout",
  "InternalError",
  "ServiceUnavailable",
  "TimeoutError",
]);

/** An UploadError for a failed storage operation. `unreachable` is set when no connection could be made. */
export function storageError(doing: string, bucket: string, error: unknown): UploadError {
  const code = networkCode(error);
  const name = (error as { name?: string }).name ?? "Error";
  const message = error instanceof Error ? error.message : String(error);
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  let hint = "";
  const unreachable =
    code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "ETIMEDOUT" || code === "ECONNRESET";
  if (unreachable)
    hint = "; cannot reach the S3 storage: check AWS_S3_ENDPOINT and that the storage is running";
  else if (name === "NoSuchBucket") hint = `; create bucket ${bucket} or choose another with AWS_S3_BUCKET`;
  const denied =
    name === "AccessDenied" ||
    name === "InvalidAccessKeyId" ||
    name === "SignatureDoesNotMatch" ||
    status === 403;
  if (!unreachable && denied)
    hint = "; check the S3 credentials (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY) and their permissions";
  const detail = code && !message.includes(code) ? `${message} (${code})` : message;
  const transient =
    (code !== undefined && /^(E[A-Z]+|UND_ERR_[A-Z_]+)$/.test(code)) ||
    (status !== undefined && (status >= 500 || status === 408 || status === 429)) ||
    TRANSIENT_NAMES.has(name);
  return new UploadError(`${doing} in bucket ${bucket} failed: ${name}: ${detail}${hint}`, {
    cause: error,
    unreachable,
    denied,
    transient,
  });
}
