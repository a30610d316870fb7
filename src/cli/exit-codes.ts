// The one place that turns a failure into an exit code and a one-line message.
import {
  ApiError,
  AuthError,
  BadRequestError,
  ClusterError,
  type ClusterErrorKind,
  ConcurrentChangeError,
  ConfigError,
  ConflictError,
  ConnectionError,
  EntityNotFoundError,
  GoneError,
  InferenceServiceConflictError,
  ModelRegistryError,
  NotFoundError,
  OciError,
  ServerError,
  SignatureError,
  StorageError,
  type StorageErrorKind,
  TokenError,
  UploadError,
  UploadInProgressError,
  VersionConflictError,
} from "../errors.js";
import { nameFlags } from "./setting-flags.js";

/** mr-cli's exit codes. */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  notFound: 3,
  conflict: 4,
  auth: 5,
  unreachable: 6,
  upload: 7,
  signature: 8,
} as const;

/** A usage mistake found by a command (not by commander): exits with 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** A failure a command reports itself, with its exit code. */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

// Storage failures by kind: a wrong setting 2, credentials 5, unavailable 6, integrity (and anything else) 7.
const STORAGE_EXIT: Partial<Record<StorageErrorKind, number>> = {
  "wrong-region": EXIT.usage,
  "no-credentials": EXIT.usage,
  "no-such-bucket": EXIT.usage,
  redirect: EXIT.usage,
  "checksum-unsupported": EXIT.usage,
  "not-implemented": EXIT.usage,
  "invalid-access-key": EXIT.auth,
  "signature-mismatch": EXIT.auth,
  "clock-skew": EXIT.auth,
  "expired-token": EXIT.auth,
  "access-denied": EXIT.auth,
  unreachable: EXIT.unreachable,
  throttled: EXIT.unreachable,
  unavailable: EXIT.unreachable,
  "incomplete-listing": EXIT.unreachable,
};

// Kubernetes failures by kind: what to fix in the kubeconfig or the manifest 2, credentials 5, the cluster or its
// controller not answering (in time) 6.
const CLUSTER_EXIT: Record<ClusterErrorKind, number> = {
  unreachable: EXIT.unreachable,
  auth: EXIT.auth,
  "not-found": EXIT.notFound,
  conflict: EXIT.conflict,
  invalid: EXIT.usage,
  "not-installed": EXIT.usage,
  timeout: EXIT.unreachable,
  other: EXIT.failure,
};

export function exitCodeFor(error: unknown): number {
  if (error instanceof CliFailure) return error.exitCode;
  // A signature that is missing, made by another key, or not of these files: its own code, apart from integrity.
  if (error instanceof SignatureError) return EXIT.signature;
  if (error instanceof StorageError) return STORAGE_EXIT[error.kind] ?? EXIT.upload;
  if (error instanceof ClusterError) return CLUSTER_EXIT[error.kind];
  if (error instanceof UsageError) return EXIT.usage;
  if (error instanceof TokenError || error instanceof AuthError) return EXIT.auth;
  if (error instanceof ConfigError || error instanceof BadRequestError) return EXIT.usage;
  if (error instanceof NotFoundError || error instanceof EntityNotFoundError) return EXIT.notFound;
  if (error instanceof ServerError) return EXIT.unreachable;
  if (error instanceof GoneError) return EXIT.usage; // the API generation was retired: choose another // the server failed or is not ready: not our bug
  if (error instanceof ApiError && error.status === 404) return EXIT.usage; // a path the server lacks: a wrong URL
  if (
    error instanceof ConflictError ||
    error instanceof ConcurrentChangeError ||
    error instanceof InferenceServiceConflictError ||
    error instanceof VersionConflictError ||
    error instanceof UploadInProgressError
  )
    return EXIT.conflict;
  if (error instanceof ConnectionError) return EXIT.unreachable;
  // An OCI registry's 5xx or 429 is the registry failing (as the S3 store's is), not the upload.
  if (error instanceof OciError && error.transient) return EXIT.unreachable;
  if (error instanceof UploadError)
    return error.unreachable ? EXIT.unreachable : error.denied ? EXIT.auth : EXIT.upload;
  return EXIT.failure;
}

/** One line for stderr, naming the settings a library error's fix names as mr-cli's flags; with `verbose`, the causes
 * and the stack as well. Library errors never carry secrets. */
export function describeError(error: unknown, verbose: boolean): string {
  const text = error instanceof Error ? error.message : String(error);
  const message = error instanceof ModelRegistryError ? nameFlags(text, error.fix) : text;
  const known =
    error instanceof ModelRegistryError || error instanceof UsageError || error instanceof CliFailure;
  const line = `mr-cli: ${known ? "" : "unexpected error: "}${message.replace(/\s*\n\s*/g, " ")}`;
  if (!verbose || !(error instanceof Error)) return line;
  const details: string[] = [line];
  let cause: unknown = error.cause;
  while (cause instanceof Error) {
    details.push(`  caused by ${cause.name}: ${cause.message}`);
    cause = cause.cause;
  }
  if (error.stack) details.push(error.stack);
  return details.join("\n");
}
