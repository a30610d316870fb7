// The one resolver of S3 storage settings, used by `new ModelRegistry`, `ModelRegistry.fromEnv()` and mr-cli alike.
// Each setting is taken from the first layer that gives it: explicit options (mr-cli flags), the client's storage
// option (mr-cli: the config context), the AWS SDK's standard configuration (environment variables, then the shared
// config/credentials files of the active profile), then the Kubeflow / Open Data Hub data-connection variables.
// Every resolved value says where it came from, so that --verbose and error hints name only what was consulted.
//
// Reading the environment here is what the AWS SDK itself does for credentials; the AWS names and their meaning come
// from the AWS SDKs and Tools reference guide ("Service-specific endpoints", "Data integrity protections",
// "Shared config and credentials files").

import { ConfigError } from "../errors.js";
import { checkS3Endpoint } from "../storage/s3-uri.js";
import { type ProfileSettings, readProfile } from "./aws-profile.js";
import { defaultEnv, type Env } from "./default-env.js";

/** `when-supported` (the AWS SDK default) sends CRC32 checksums with every upload and validates them on download;
 * `when-required` only where an operation requires one (stores that reject the headers: R2, B2, older Ceph/MinIO). */
export type ChecksumMode = "when-supported" | "when-required";

/** `path`: `endpoint/bucket/key`; `virtual`: `bucket.endpoint/key` (AWS's default). */
export type AddressingStyle = "path" | "virtual";

/** The settings a layer may give. */
export interface StorageSettingsInput {
  /** The S3 endpoint URL, e.g. `http://127.0.0.1:45123`; none means AWS S3 itself. */
  endpoint?: string | undefined;
  /** The region requests are signed for, e.g. `us-east-1`. */
  region?: string | undefined;
  /** The bucket models are stored in. */
  bucket?: string | undefined;
  /** Sets both request and response checksum modes. */
  checksums?: ChecksumMode | undefined;
  /** Path-style (true) or virtual-hosted (false) addressing. */
  forcePathStyle?: boolean | undefined;
  /** The AWS profile whose shared-config settings and credentials to use. */
  profile?: string | undefined;
}

/** The fields of {@link StorageSettingsInput}. */
export type StorageSettingName = keyof StorageSettingsInput;

/** One layer of settings and how to name where they came from: one name for all, or one per field. */
export interface StorageLayer {
  /** The settings this source gives (undefined fields: it gives none). */
  values: StorageSettingsInput;
  /** E.g. `"context dev"`, or `{ endpoint: "--endpoint" }`; a field without a name is `"storage.<field> option"`. */
  source?: string | Partial<Record<StorageSettingName, string>> | undefined;
}

/** A resolved value and where it came from (`"--endpoint"`, `"AWS_ENDPOINT_URL_S3"`, `"profile dev in
 * ~/.aws/config"`, `"default"`…). */
export interface Sourced<T> {
  /** The value in effect. */
  value: T;
  /** Where it came from, in words a user can look up. */
  source: string;
}

/** The storage settings in effect. Absent `endpoint`: AWS S3 itself; absent `bucket`: none was given. */
export interface StorageSettings {
  /** The S3 endpoint URL; undefined means AWS S3 itself. */
  endpoint?: Sourced<string> | undefined;
  /** The signing region (default `us-east-1`). */
  region: Sourced<string>;
  /** The bucket; undefined when no source gave one. */
  bucket?: Sourced<string> | undefined;
  /** `path` (`http://host/bucket/key`) or `virtual` (`http://bucket.host/key`); path by default for a custom
   * endpoint, as S3-compatible stores expect. */
  addressingStyle: Sourced<AddressingStyle>;
  /** The AWS SDK's `requestChecksumCalculation`, as a mode. */
  requestChecksums: Sourced<ChecksumMode>;
  /** The AWS SDK's `responseChecksumValidation`, as a mode. */
  responseChecksums: Sourced<ChecksumMode>;
  /** The profile whose shared-config settings apply; it provides the credentials only when it holds some itself. */
  profile?: Sourced<string> | undefined;
  /** Where the credentials come from, e.g. `"AWS_ACCESS_KEY_ID"` or `"the AWS SDK's credential chain"`. */
  credentialsSource: string;
}

/** Inputs of {@link resolveStorageSettings}. */
export interface ResolveStorageOptions {
  /** Highest priority first: explicit options, then the client's defaults. */
  layers?: StorageLayer[] | undefined;
  /** The environment to read. Default: the process environment (nothing when it cannot be read, as in Deno
   * without --allow-env). */
  env?: Env | undefined;
}

/** Static credentials read from the environment, kept beside the settings (never in them, so that settings can be
 * printed or serialised without a secret). */
export interface StaticCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}
/** A profile that holds credentials of its own, and the files to read them from. */
export interface ProfileCredentials {
  profile: string;
  configFilepath: string;
  filepath: string;
}
const CREDENTIALS = new WeakMap<StorageSettings, StaticCredentials | ProfileCredentials>();

/** Where the credentials for these settings come from, when the resolver decided: static keys from the environment,
 * or a profile holding credentials; undefined leaves them to the AWS SDK's chain. */
export function credentialsOf(settings: StorageSettings): StaticCredentials | ProfileCredentials | undefined {
  return CREDENTIALS.get(settings);
}

// Keys by which a profile holds credentials of its own (AWS SDKs and Tools reference guide, "Config file settings").
const PROFILE_CREDENTIAL_KEYS = [
  "aws_access_key_id",
  "role_arn",
  "sso_session",
  "sso_start_url",
  "credential_process",
  "web_identity_token_file",
  "login_session",
];

const CHECKSUM_VALUES: Record<string, ChecksumMode> = {
  when_supported: "when-supported",
  when_required: "when-required",
};

/**
 * Resolves the storage settings, each from the first source that gives it:
 * 1. the layers, in order (options and flags, then the client's storage option or mr-cli's context);
 * 2. the AWS standard configuration: `AWS_ENDPOINT_URL_S3`, `AWS_ENDPOINT_URL` (both ignored when
 *    `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true`), `AWS_REGION`, `AWS_DEFAULT_REGION`,
 *    `AWS_REQUEST_CHECKSUM_CALCULATION`, `AWS_RESPONSE_CHECKSUM_VALIDATION`, then the profile (`AWS_PROFILE`, else
 *    `default`) in `AWS_CONFIG_FILE` (default `~/.aws/config`): its `services` section's `s3.endpoint_url`,
 *    `endpoint_url`, `region`, `request_checksum_calculation`, `response_checksum_validation`, `s3.addressing_style`;
 * 3. the data-connection variables of Kubeflow / Open Data Hub workbenches: `AWS_S3_ENDPOINT`, `AWS_S3_BUCKET`;
 * 4. defaults: AWS itself, region `us-east-1`, checksums `when-supported`.
 * Addressing is path-style whenever an endpoint is set, however it was given, unless a layer sets `forcePathStyle:
 * false` or the profile's `s3.addressing_style` says `virtual`; virtual-hosted for AWS itself.
 *
 * @throws ConfigError when the shared config file cannot be parsed (its own error, re-thrown by the SDK's loader).
 */
export async function resolveStorageSettings(options: ResolveStorageOptions = {}): Promise<StorageSettings> {
  const env = options.env ?? readableEnv();
  const layers = options.layers ?? [];
  const fromLayers = <K extends StorageSettingName>(
    field: K,
  ): Sourced<NonNullable<StorageSettingsInput[K]>> | undefined => {
    for (const layer of layers) {
      const value = layer.values[field];
      if (value === undefined || value === "") continue;
      return { value: value as NonNullable<StorageSettingsInput[K]>, source: sourceName(layer, field) };
    }
    return undefined;
  };
  const fromEnv = (...names: string[]): Sourced<string> | undefined => {
    for (const name of names) {
      const value = env[name]?.trim();
      if (value) return { value, source: name };
    }
    return undefined;
  };

  const profile = fromLayers("profile") ?? fromEnv("AWS_PROFILE");
  const shared: ProfileSettings = await readProfile(env, profile?.value);
  const fromProfile = (key: string): Sourced<string> | undefined => {
    const value = shared.values[key];
    return value ? { value, source: `${shared.name} in ${shared.file}` } : undefined;
  };
  const ignoreEndpoints = env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS?.trim().toLowerCase() === "true";
  const standardEndpoint = ignoreEndpoints
    ? undefined
    : (fromEnv("AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL") ??
      fromProfile("services:s3.endpoint_url") ??
      fromProfile("endpoint_url"));
  const endpoint = fromLayers("endpoint") ?? standardEndpoint ?? fromEnv("AWS_S3_ENDPOINT");
  const region = fromLayers("region") ??
    fromEnv("AWS_REGION", "AWS_DEFAULT_REGION") ??
    fromProfile("region") ?? { value: "us-east-1", source: "default" };
  const bucket = fromLayers("bucket") ?? fromEnv("AWS_S3_BUCKET");

  const checksum = (envName: string, key: string): Sourced<ChecksumMode> => {
    const given = fromLayers("checksums");
    if (given) return given;
    const standard = fromEnv(envName) ?? fromProfile(key);
    if (!standard) return { value: "when-supported", source: "default" };
    const mode = CHECKSUM_VALUES[standard.value.toLowerCase()];
    if (!mode)
      throw new ConfigError(
        `${envName === standard.source ? envName : `${key} of ${standard.source}`} must be WHEN_SUPPORTED or WHEN_REQUIRED, not ${JSON.stringify(standard.value)}`,
      );
    return { value: mode, source: standard.source };
  };
  if (endpoint) checkS3Endpoint(endpoint.value, `the S3 endpoint (from ${endpoint.source})`);
  if (!/^[a-z0-9-]+$/i.test(region.value))
    throw new ConfigError(
      `the S3 region ${JSON.stringify(region.value)} (from ${region.source}) is not a region name, e.g. us-east-1`,
    );
  if (profile && profile.value !== "default" && !shared.found)
    throw new ConfigError(
      `the AWS profile ${JSON.stringify(profile.value)} (from ${profile.source}) is not in ${shared.file} or the shared credentials file`,
    );

  const pathStyle = fromLayers("forcePathStyle");
  const profileStyle = fromProfile("s3.addressing_style");
  const addressingStyle: Sourced<AddressingStyle> = pathStyle
    ? { value: pathStyle.value ? "path" : "virtual", source: pathStyle.source }
    : profileStyle && (profileStyle.value === "path" || profileStyle.value === "virtual")
      ? { value: profileStyle.value, source: profileStyle.source }
      : endpoint
        ? { value: "path", source: "default with a custom endpoint" }
        : { value: "virtual", source: "default" };

  const settings: StorageSettings = {
    endpoint,
    region,
    bucket,
    addressingStyle,
    requestChecksums: checksum("AWS_REQUEST_CHECKSUM_CALCULATION", "request_checksum_calculation"),
    responseChecksums: checksum("AWS_RESPONSE_CHECKSUM_VALIDATION", "response_checksum_validation"),
    profile: profile ?? (shared.found ? { value: "default", source: "default" } : undefined),
    credentialsSource: "the AWS SDK's credential chain",
  };
  // A named profile (option, flag, context or AWS_PROFILE) provides the credentials when it holds some, as the AWS
  // SDK's chain prefers it; otherwise keys in the environment come first. The profile is read on its own (not through
  // the SDK's whole chain), so that keys also present in the environment are neither used nor warned about.
  const profileHasCredentials =
    PROFILE_CREDENTIAL_KEYS.some((key) => shared.values[key]) || shared.hasCredentials;
  const keys = env.AWS_ACCESS_KEY_ID?.trim() && env.AWS_SECRET_ACCESS_KEY?.trim();
  if (profile && profileHasCredentials) {
    CREDENTIALS.set(settings, { profile: profile.value, ...shared.paths });
    settings.credentialsSource = `profile ${profile.value} (from ${profile.source})`;
  } else if (keys) {
    const session = env.AWS_SESSION_TOKEN?.trim();
    CREDENTIALS.set(settings, {
      accessKeyId: (env.AWS_ACCESS_KEY_ID ?? "").trim(),
      secretAccessKey: (env.AWS_SECRET_ACCESS_KEY ?? "").trim(),
      ...(session ? { sessionToken: session } : {}),
    });
    settings.credentialsSource = "AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY";
  } else if (profile) settings.credentialsSource = `profile ${profile.value}`;
  return settings;
}

/** One line per setting, for --verbose and --dry-run: `endpoint http://… (AWS_ENDPOINT_URL_S3)`. */
export function describeStorageSettings(settings: StorageSettings): Record<string, string> {
  const shown = (value: Sourced<string> | undefined, none: string) =>
    value ? `${value.value} (${value.source})` : none;
  return {
    endpoint: shown(settings.endpoint, "AWS S3 (no endpoint set)"),
    region: shown(settings.region, ""),
    bucket: shown(settings.bucket, "none set"),
    addressing: shown(settings.addressingStyle, ""),
    checksums:
      settings.requestChecksums.value === settings.responseChecksums.value &&
      settings.requestChecksums.source === settings.responseChecksums.source
        ? shown(settings.requestChecksums, "")
        : `requests ${shown(settings.requestChecksums, "")}, responses ${shown(settings.responseChecksums, "")}`,
    credentials: settings.credentialsSource,
  };
}

function sourceName(layer: StorageLayer, field: string): string {
  const { source } = layer;
  if (typeof source === "string") return source;
  return source?.[field as StorageSettingName] ?? `storage.${field} option`;
}

function readableEnv(): Env {
  try {
    return defaultEnv();
  } catch {
    return {}; // Deno without --allow-env: only explicit settings apply
  }
}
