// Every error the library throws. One class per kind of failure. An ApiError comes only from a response, its class
// chosen by HTTP status in one place (`apiErrorFor`); what the client finds itself (a name that does not exist,
// a conflict it detects) has its own class under the same base. Messages say what failed and what to do, and never
// carry a secret, and name settings in the library's own words (`storage.bucket`, `apiVersion "v1"`); each error
// lists those settings in `fix`, so that an edge (a CLI) can name them its own way. This module imports nothing, so
// every layer (client, storage, config, workflows) can use it.

/** A setting an error names as what to change, in the library's words, and what is known of it. */
export interface SettingRef {
  /** The option's name, or its path inside an option: `apiVersion`, `storage.bucket`, `oci.plainHttp`. Messages
   * write it as is, followed by a quoted value (`apiVersion "v1"`) or a boolean when they suggest one. */
  setting: string;
  /** The value in effect, when there is one and it is no secret. */
  value?: string | undefined;
  /** Where the value in effect came from, e.g. `AWS_S3_BUCKET`, `default` or `context lab`. */
  source?: string | undefined;
}

/** Options of every error of this library: the cause, and the settings to change. */
export interface ModelRegistryErrorOptions {
  /** What led to this error. */
  cause?: unknown;
  /** The settings the message names as the fix. Default: none. */
  fix?: readonly SettingRef[] | undefined;
}

/** The base of every error this library throws. */
export class ModelRegistryError extends Error {
  override name = "ModelRegistryError";
  /** The settings the message names as what to change (empty when the fix is no setting). */
  readonly fix: readonly SettingRef[];

  constructor(message?: string, options: ModelRegistryErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.fix = options.fix ?? [];
  }
}

/** What an {@link ApiError} is built from. */
export interface ApiErrorDetails {
  /** HTTP status of the response. */
  status: number;
  /** The server's `code` (the HTTP status text, e.g. `"Not Found"`), or the status text when the body was not JSON. */
  code: string;
  /** The server's message, or the start of a non-JSON body. */
  serverMessage: string;
  /** HTTP method of the request. */
  method: string;
  /** The request URL, with credentials and query secrets removed. */
  url: string;
  /** What the request was about, e.g. `registered model "mnist"`. */
  subject?: string | undefined;
  /** Which server answered, for hints: `registry` (the default) or `catalog`. */
  service?: "registry" | "catalog" | undefined;
}

/** The server answered with an error status. */
export class ApiError extends ModelRegistryError {
  override name = "ApiError";
  /** The response's HTTP status, e.g. 404. */
  readonly status: number;
  /** The server's error code (its JSON `code`), else the status text, e.g. `Not Found`. */
  readonly code: string;
  /** The server's own message (its JSON `message`, or the start of a non-JSON body, at most 200 characters). */
  readonly serverMessage: string;
  /** The request's method, e.g. `GET`. */
  readonly method: string;
  /** The request's URL, with any credentials in it redacted. */
  readonly url: string;

  constructor(details: ApiErrorDetails, hint?: string, fix?: readonly SettingRef[]) {
    const about = details.subject ? `: ${details.subject}` : "";
    const said = details.serverMessage ? `: ${details.serverMessage}` : "";
    super(
      `${details.status} ${details.code}${about} (${details.method} ${details.url})${said}${hint ? `. ${hint}` : ""}`,
      { fix },
    );
    this.status = details.status;
    this.code = details.code;
    this.serverMessage = details.serverMessage;
    this.method = details.method;
    this.url = details.url;
  }
}

/** 404: the entity does not exist (or a find matched more than one). */
export class NotFoundError extends ApiError {
  override name = "NotFoundError";
}

/** 409: an entity with that name (or externalId) already exists. */
export class ConflictError extends ApiError {
  override name = "ConflictError";
}

/** 400 or 422: the request was malformed or missed a required field. */
export class BadRequestError extends ApiError {
  override name = "BadRequestError";
}

/** 401 or 403: the token is missing, wrong, expired, or lacks permission. */
export class AuthError extends ApiError {
  override name = "AuthError";
}

/** 5xx: the server failed or is not ready. */
export class ServerError extends ApiError {
  override name = "ServerError";
}

/** The server (or storage) could not be reached at all: DNS, refused connection, TLS failure or timeout. */
export class ConnectionError extends ModelRegistryError {
  override name = "ConnectionError";
}

/** Settings are missing or invalid; nothing was sent. */
export class ConfigError extends ModelRegistryError {
  override name = "ConfigError";
}

/** The call needs what the registry's API generation lacks (experiment tracking on API v1); nothing was sent. */
export class ApiVersionError extends ConfigError {
  override name = "ApiVersionError";
}

/** 410: the registry retired the API generation this client used (API v1alpha3 after its sunset). */
export class GoneError extends ApiError {
  override name = "GoneError";
}

/** The token cannot be obtained: its file is missing, unreadable or empty, or its variable is unset. */
export class TokenError extends ConfigError {
  override name = "TokenError";
}

/** Options of an {@link UploadError}: what kind of failure it is. */
export interface UploadErrorOptions extends ModelRegistryErrorOptions {
  /** The storage could not be reached at all. Default false. */
  unreachable?: boolean;
  /** The storage refused the credentials or the permission. Default false. */
  denied?: boolean;
  /** The same operation may well succeed if tried again. Default: `unreachable`. */
  transient?: boolean;
}

/** Uploading, downloading or verifying model files failed. */
export class UploadError extends ModelRegistryError {
  override name = "UploadError";
  /** True when the storage could not be reached at all (refused, unknown host, timed out). */
  readonly unreachable: boolean;
  /** True when the storage refused the credentials or the permission. */
  readonly denied: boolean;
  /** True when the same operation may well succeed if tried again: a lost connection, a 5xx, throttling. */
  readonly transient: boolean;

  constructor(message: string, options: UploadErrorOptions = {}) {
    super(message, options);
    this.unreachable = options.unreachable ?? false;
    this.denied = options.denied ?? false;
    this.transient = options.transient ?? this.unreachable;
  }
}

/** An OCI registry answered an error (or could not be reached) while pushing or pulling a model image. The message
 * names the operation, the image reference, the status and the registry's error code (e.g. `BLOB_UNKNOWN`). */
export class OciError extends UploadError {
  override name = "OciError";
  constructor(
    message: string,
    /** The HTTP status, when the registry answered. */
    readonly status: number | undefined,
    /** The registry's first error code (distribution spec: `MANIFEST_UNKNOWN`, `DENIED`, …), when it sent one. */
    readonly code: string | undefined,
    options: UploadErrorOptions = {},
  ) {
    super(message, options);
  }
}

/** What kind of S3 failure a {@link StorageError} is; each kind has its own fix (see the S3 error table in
 * docs/storage-s3.md). */
export type StorageErrorKind =
  | "unreachable"
  | "no-credentials"
  | "wrong-region"
  | "no-such-bucket"
  | "redirect"
  | "checksum-unsupported"
  | "not-implemented"
  | "invalid-access-key"
  | "signature-mismatch"
  | "clock-skew"
  | "expired-token"
  | "access-denied"
  | "throttled"
  | "unavailable"
  | "integrity"
  | "incomplete-listing"
  | "not-found"
  | "other";

/** Where a storage operation failed and what the store answered. */
export interface StorageErrorDetails {
  /** Why it failed, in the terms of the fix (see {@link StorageErrorKind}). */
  kind: StorageErrorKind;
  /** What was being done, e.g. `"checking the bucket"`. */
  operation: string;
  /** The bucket the operation addressed. */
  bucket: string;
  /** The object key, for operations on one object. */
  key?: string | undefined;
  /** HTTP status of the store's reply; absent when no reply came. */
  status?: number | undefined;
  /** The S3 error code (`NoSuchBucket`, `SignatureDoesNotMatch`…); absent when the reply had no body (HEAD). */
  code?: string | undefined;
  /** The store's request id (`x-amz-request-id`), for its operators. */
  requestId?: string | undefined;
  /** The settings the message names as the fix, with their values and sources. */
  fix?: readonly SettingRef[] | undefined;
}

/** An S3 operation failed. `kind` says why; the message names the status, the S3 error code, the cause and the fix
 * (which settings to check, and where each came from). */
export class StorageError extends UploadError {
  override name = "StorageError";
  /** Why it failed, in the terms of the fix (see {@link StorageErrorKind}). */
  readonly kind: StorageErrorKind;
  /** What was being done, e.g. `"checking the bucket"`. */
  readonly operation: string;
  /** The bucket the operation addressed. */
  readonly bucket: string;
  /** The object key, for operations on one object. */
  readonly key: string | undefined;
  /** HTTP status of the store's reply; undefined when no reply came. */
  readonly status: number | undefined;
  /** The S3 error code (`NoSuchBucket`, `SignatureDoesNotMatch`…); undefined when the reply had no body (HEAD). */
  readonly code: string | undefined;
  /** The store's request id (`x-amz-request-id`), for its operators. */
  readonly requestId: string | undefined;

  constructor(message: string, details: StorageErrorDetails, cause?: unknown) {
    const credentials = [
      "invalid-access-key",
      "signature-mismatch",
      "clock-skew",
      "expired-token",
      "access-denied",
    ];
    super(message, {
      cause,
      fix: details.fix,
      unreachable: details.kind === "unreachable",
      denied: credentials.includes(details.kind),
      transient: ["unreachable", "throttled", "unavailable"].includes(details.kind),
    });
    this.kind = details.kind;
    this.operation = details.operation;
    this.bucket = details.bucket;
    this.key = details.key;
    this.status = details.status;
    this.code = details.code;
    this.requestId = details.requestId;
  }
}

/** Another run is uploading the same version right now. */
export class UploadInProgressError extends ModelRegistryError {
  override name = "UploadInProgressError";
}

/** The version already exists with different content. */
export class VersionConflictError extends ModelRegistryError {
  override name = "VersionConflictError";
  constructor(
    message: string,
    readonly existingDigest: string | undefined,
    readonly newDigest: string,
  ) {
    super(message);
  }
}

/** Found by the client: a change of custom properties was undone by concurrent writers as often as it was written
 * (each of them replaced the whole map with one read before the change). Nothing is left half-done: the entity holds
 * either the change or what was there before it, and running the same call again is safe. */
export class ConcurrentChangeError extends ModelRegistryError {
  override name = "ConcurrentChangeError";
  constructor(
    /** The custom property keys whose change did not hold. */
    readonly keys: readonly string[],
    /** How many times the change was written. */
    readonly writes: number,
  ) {
    super(
      `the change of ${keys.map((key) => JSON.stringify(key)).join(", ")} was undone by concurrent writers ${writes} times; nothing else was changed, and running the same call again is safe`,
    );
  }
}

/** The error class for an HTTP error status, with a hint on what to do. `fromServer`: the body was the registry's
 * own JSON error. */
export function apiErrorFor(details: ApiErrorDetails, fromServer = true): ApiError {
  const { status } = details;
  const catalog = details.service === "catalog";
  // A 404 without the server's JSON error body comes from a path the server does not have: a wrong base URL.
  if (status === 404 && !fromServer)
    return new ApiError(
      details,
      `This path does not exist there: check that the URL is the ${catalog ? "model catalog" : "registry"}'s base address`,
    );
  if (status === 404) return new NotFoundError(details);
  if (status === 409) return new ConflictError(details, "Use another name, or find the existing entity");
  if (status === 400 || status === 422) return new BadRequestError(details);
  if (status === 410)
    return new GoneError(
      details,
      'The registry retired this API generation (v1alpha3 after its sunset): use API v1 (apiVersion "v1"; apiVersion "auto" follows the server)',
      [{ setting: "apiVersion" }],
    );
  if (status === 401 || status === 403)
    return new AuthError(
      details,
      catalog
        ? "Check the token (MODEL_CATALOG_TOKEN, else the registry's token) and its permissions"
        : "Check the token (MODEL_REGISTRY_TOKEN or the token file) and its permissions",
    );
  if (status >= 500)
    return new ServerError(details, status === 503 ? "The server is not ready; retry shortly" : undefined);
  return new ApiError(details);
}

/** Found by the client, not answered by the server: a lookup by name (registered model, version, its model artifact,
 * serving environment, inference service) found no such entity. Every request it sent succeeded; a 404 response is a
 * {@link NotFoundError}. */
export class EntityNotFoundError extends ModelRegistryError {
  override name = "EntityNotFoundError";
  constructor(
    /** What was looked for, e.g. `version "v3" of model "mnist"`. */
    readonly subject: string,
    /** The API the lookup asked. */
    readonly apiUrl: string,
    hint?: string,
    /** What was asked, for the message. Default `the registry`. */
    place = "the registry",
    /** The settings the hint names. Default: none. */
    fix?: readonly SettingRef[],
  ) {
    super(`${subject} does not exist in ${place} at ${apiUrl}${hint ? `; ${hint}` : ""}`, { fix });
  }
}

/** Found by the client, not answered by the server: deploy found an InferenceService of the name it would use that
 * serves another registered model, and changed nothing. */
export class InferenceServiceConflictError extends ModelRegistryError {
  override name = "InferenceServiceConflictError";
}

/** Why a model's signature does not check: `wrong-key` (another key signed it), `bad-signature` (the signature does
 * not hold over the statement), `mismatch` (the files are not the ones signed), `malformed` (not a model-signing
 * bundle), `unsupported-key` (not an EC key on P-256, P-384 or P-521), `unsigned` (no signature is recorded),
 * `other-signer` (re-signing a version another key signed, unless asked). */
export type SignatureErrorKind =
  | "wrong-key"
  | "bad-signature"
  | "mismatch"
  | "malformed"
  | "unsupported-key"
  | "unsigned"
  | "other-signer";

/** A model's signature (OpenSSF model signing) is missing, does not hold, or does not match the files. */
export class SignatureError extends ModelRegistryError {
  override name = "SignatureError";
  /** For `mismatch`: every file that differs from what was signed (`changed`, `missing`: signed but absent,
   * `extra`: there but not signed), with the signed and actual SHA-256 where known. */
  readonly mismatches: readonly {
    path: string;
    problem: "missing" | "extra" | "changed";
    signed?: string | undefined;
    actual?: string | undefined;
  }[];
  constructor(
    message: string,
    /** Why (see {@link SignatureErrorKind}). */
    readonly kind: SignatureErrorKind,
    options: ModelRegistryErrorOptions & { mismatches?: SignatureError["mismatches"] } = {},
  ) {
    super(message, options);
    this.mismatches = options.mismatches ?? [];
  }
}

/** Why a Kubernetes request failed: `unreachable` (no connection, TLS), `auth` (401/403: the kubeconfig's credentials),
 * `not-found` (404), `conflict` (409: another field manager owns a field, or the object changed), `invalid` (422: the
 * API server or a CRD's schema refused the object), `not-installed` (the cluster does not serve the resource, e.g.
 * KServe's CRDs are missing), `timeout` (a wait ran out), `other`. */
export type ClusterErrorKind =
  | "unreachable"
  | "auth"
  | "not-found"
  | "conflict"
  | "invalid"
  | "not-installed"
  | "timeout"
  | "other";

/** A Kubernetes API server refused a request, could not be reached, or a wait on the cluster ran out. The message
 * gives the server's own `Status` message and reason; never a token or a key. */
export class ClusterError extends ModelRegistryError {
  override name = "ClusterError";
  constructor(
    message: string,
    /** Why (see {@link ClusterErrorKind}). */
    readonly kind: ClusterErrorKind,
    options: ModelRegistryErrorOptions & {
      /** The HTTP status, when the API server answered. */
      status?: number | undefined;
      /** The `reason` of the API server's `Status` (e.g. `NotFound`, `Invalid`, `Conflict`). */
      reason?: string | undefined;
    } = {},
  ) {
    super(message, options);
    this.status = options.status;
    this.reason = options.reason;
  }
  /** The HTTP status, when the API server answered. */
  readonly status: number | undefined;
  /** The `reason` of the API server's `Status`, when it gave one. */
  readonly reason: string | undefined;
}

/** A value as an error message shows it: a string in quotes, so that `"5000"` is not mistaken for the number 5000. */
export function shown(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}
