// Every input of a registration is checked here, before the first request: names, the URI, metadata and the lengths
// the server can store. A refused input is a ConfigError that names the field and the rule; nothing is sent.
import { encodeCustomProperties } from "../../client/custom-properties.js";
import type { CustomPropertiesInput } from "../../client/entity.js";
import { checkLength, findUnstorable, SERVER_LIMITS, unstorable } from "../../client/server-limits.js";
import { ConfigError, type SettingRef } from "../../errors.js";
import { checkStoreUri, isDestinationUri } from "../../storage/model-stores.js";

// C0 and C1 control characters, and DEL.
const hasControl = (text: string) =>
  [...text].some((c) => {
    const code = c.charCodeAt(0);
    return code < 0x20 || (code >= 0x7f && code <= 0x9f);
  });

/** ConfigError unless `value` is a non-empty string without control characters or surrounding spaces, within
 * `limit` characters. `label`: `the model name`; `fix`: the setting the label names, for the error's `fix`. */
export function checkName(label: string, value: unknown, limit: number, fix?: SettingRef[]): string {
  try {
    return checkNameText(label, value, limit);
  } catch (error) {
    if (fix && error instanceof ConfigError) throw new ConfigError(error.message, { fix });
    throw error;
  }
}

function checkNameText(label: string, value: unknown, limit: number): string {
  if (typeof value !== "string" || value.trim() === "")
    throw new ConfigError(`${label} must be a non-empty string`);
  if (hasControl(value))
    throw new ConfigError(`${label} must not contain control characters (such as a newline)`);
  const problem = unstorable(value);
  if (problem) throw new ConfigError(`${label} ${problem}`);
  if (value.trim() !== value)
    throw new ConfigError(
      `${label} ${JSON.stringify(value)} starts or ends with spaces; names are matched exactly, so remove them`,
    );
  checkLength(label, value, limit);
  return value;
}

/**
 * ConfigError unless `uri` can address a model: `scheme://authority/…` (or `file:///path`), no control characters,
 * no surrounding spaces, at most {@link SERVER_LIMITS.uri} characters; an `s3://` URI must name a valid bucket.
 */
export function checkModelUri(uri: unknown): string {
  if (typeof uri !== "string" || uri.trim() === "") throw new ConfigError("uri must be a non-empty string");
  if (hasControl(uri)) throw new ConfigError("uri must not contain control characters (such as a newline)");
  const problem = unstorable(uri);
  if (problem) throw new ConfigError(`uri ${problem}`);
  if (uri.trim() !== uri) throw new ConfigError("uri must not start or end with spaces");
  checkLength("uri", uri, SERVER_LIMITS.uri);
  const form = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)(.*)$/i.exec(uri);
  const example = "s3://bucket/models/mnist/v1/ or oci://registry/repo:tag";
  if (!form)
    throw new ConfigError(`uri ${JSON.stringify(uri)} is not a URI of the form scheme://…, e.g. ${example}`);
  const [, scheme = "", authority = "", rest = ""] = form;
  if (scheme.toLowerCase() === "file") {
    if (authority !== "" || rest.length < 2)
      throw new ConfigError(`uri ${JSON.stringify(uri)} must be file:///path`);
    return uri;
  }
  if (authority === "")
    throw new ConfigError(`uri ${JSON.stringify(uri)} names no host or bucket, e.g. ${example}`);
  checkStoreUri(uri); // e.g. S3's bucket naming rules and endpoint query
  return uri;
}

/** The string fields of a registration that must be strings when given. */
const TEXT_FIELDS = [
  "description",
  "modelDescription",
  "author",
  "owner",
  "storageKey",
  "storagePath",
  "serviceAccountName",
  "modelSourceKind",
  "modelSourceClass",
  "modelSourceGroup",
  "modelSourceId",
  "modelSourceName",
] as const;

/** What {@link checkRegistration} looks at. */
export interface RegistrationInput {
  name: unknown;
  version: unknown;
  path?: unknown;
  uri?: unknown;
  artifactName?: unknown;
  modelFormat?: { name?: unknown; version?: unknown } | undefined;
  metadata?: unknown;
  modelMetadata?: unknown;
  [field: string]: unknown;
}

/**
 * Checks a registration before anything is sent: the names (model ≤ 255 characters; version and artifact name
 * ≤ 244, see {@link SERVER_LIMITS}), exactly one of `path`/`uri`, the URI, the text fields, and every custom
 * property (lineage and metadata: finite numbers, plain JSON values, non-empty keys ≤ 255 characters, no cycles).
 * @throws ConfigError naming the first problem.
 */
export function checkRegistration(params: RegistrationInput, lineage: CustomPropertiesInput = {}): void {
  if (typeof params !== "object" || params === null) throw new ConfigError("registerModel takes an object");
  const name = checkName("the model name", params.name, SERVER_LIMITS.name);
  const version = checkName("the version name", params.version, SERVER_LIMITS.ownedName);
  if (version.startsWith("@"))
    throw new ConfigError(
      `the version name ${JSON.stringify(version)} starts with "@", which names an alias wherever a version is named; choose a name without it`,
    );
  checkName(
    params.artifactName === undefined
      ? "the artifact name (by default the model name; pass artifactName)"
      : "the artifact name",
    params.artifactName ?? name,
    SERVER_LIMITS.ownedName,
    [{ setting: "artifactName" }],
  );
  const hasPath = params.path !== undefined && params.path !== "";
  const hasUri = params.uri !== undefined && params.uri !== "";
  if (hasPath === hasUri)
    throw new ConfigError(
      "pass either path (a local file or directory to upload) or uri (an existing location to register), exactly one",
    );
  if (hasPath && typeof params.path !== "string")
    throw new ConfigError("path must be the path of a file or directory");
  if (params.to !== undefined && !hasPath)
    throw new ConfigError(
      "to (an OCI image to push to) needs path, the model's file or folder; with uri nothing is pushed",
    );
  if (params.to !== undefined && (typeof params.to !== "string" || !isDestinationUri(params.to)))
    throw new ConfigError(
      `to must be an oci:// image reference, e.g. oci://registry.example.com/models/mnist:v3 (S3 is the default: leave out to)`,
      { fix: [{ setting: "to", value: typeof params.to === "string" ? params.to : undefined }] },
    );
  if (params.to !== undefined && (params.storageKey !== undefined || params.storagePath !== undefined))
    throw new ConfigError(
      "storageKey and storagePath name an S3 data connection; an image pushed with to is served from its oci:// URI",
      { fix: [{ setting: "storageKey" }, { setting: "storagePath" }, { setting: "to" }] },
    );
  if (hasUri) checkModelUri(params.uri);
  for (const field of TEXT_FIELDS) {
    const value = params[field];
    if (value !== undefined && typeof value !== "string") throw new ConfigError(`${field} must be a string`);
  }
  const format = params.modelFormat;
  if (format !== undefined) {
    if (typeof format?.name !== "string" || format.name === "")
      throw new ConfigError("modelFormat.name must be a non-empty string, e.g. onnx");
    if (format.version !== undefined && typeof format.version !== "string")
      throw new ConfigError("modelFormat.version must be a string, e.g. 1");
  }
  const metadata = params.metadata;
  if (
    metadata !== undefined &&
    (typeof metadata !== "object" || metadata === null || Array.isArray(metadata))
  )
    throw new ConfigError("metadata must be an object of custom properties, e.g. { accuracy: 0.98 }");
  encodeCustomProperties({ ...lineage, ...(metadata as CustomPropertiesInput | undefined) });
  const modelMetadata = params.modelMetadata;
  if (
    modelMetadata !== undefined &&
    (typeof modelMetadata !== "object" || modelMetadata === null || Array.isArray(modelMetadata))
  )
    throw new ConfigError('modelMetadata must be an object of custom properties, e.g. { license: "MIT" }');
  encodeCustomProperties(modelMetadata as CustomPropertiesInput | undefined);
  const bad = findUnstorable({ ...params, metadata, modelMetadata, lineage }, "");
  if (bad) throw new ConfigError(`${bad.path || "a value"} ${bad.problem}`);
}
