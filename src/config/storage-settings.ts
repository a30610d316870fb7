// The S3 storage settings, used by `new ModelRegistry`, `ModelRegistry.fromEnv()` and the CLI alike, picked from
// layers by the same rule as the registry's (settings-layer.ts): explicit options (or the CLI's flags), the client's
// storage option (or the CLI's config context), the AWS SDK's standard configuration (environment variables, then
// the shared config/credentials files of the active profile), then the Kubeflow / Open Data Hub variables.
// Every resolved value says where it came from, so that diagnostics and error hints name only what was consulted.
//
// Reading the environment here is what the AWS SDK itself does for credentials; the AWS names and their meaning come
// from the AWS SDKs and Tools reference guide ("Service-specific endpoints", "Data integrity protections",
// "Shared config and credentials files").

import { ConfigError } from "../errors.js";
import { type ProfileSettings, readProfile } from "./aws-profile.js";
import { defaultEnv, type Env } from "./default-env.js";
import { checkS3Endpoint } from "./s3-endpoint.js";
import { fromLayers as pickFromLayers } from "./settings-layer.js";
import { attachCredentials } from "./storage-credentials.js";
import type {
  AddressingStyle,
  ChecksumMode,
  ResolveStorageOptions,
  Sourced,
  StorageLayer,
  StorageSettingName,
  StorageSettings,
  StorageSettingsInput,
} from "./storage-types.js";

export { credentialsOf } from "./storage-credentials.js";
export type {
  AddressingStyle,
  ChecksumMode,
  ProfileCredentials,
  ResolveStorageOptions,
  Sourced,
  StaticCredentials,
  StorageLayer,
  StorageSettingName,
  StorageSettings,
  StorageSettingsInput,
} from "./storage-types.js";

const CHECKSUM_VALUES: Record<string, ChecksumMode> = {
  when_supported: "when-supported",
  when_required: "when-required",
};

/** The sources of one resolution, each a lookup that gives a value and where it came from. */
function sourcesOf(layers: StorageLayer[], env: Env) {
  const fromLayers = <K extends StorageSettingName>(
    field: K,
  ): Sourced<NonNullable<StorageSettingsInput[K]>> | undefined =>
    pickFromLayers(layers, field, (name) => `storage.${name} option`);
  const fromEnv = (...names: string[]): Sourced<string> | undefined => {
    for (const name of names) {
      const value = env[name]?.trim();
      if (value) return { value, source: name };
    }
    return undefined;
  };
  return { fromLayers, fromEnv };
}

/** A checksum mode: a layer's `checksums`, else the standard variable `envName`, else the profile's `key`, else
 * `when-supported`. @throws ConfigError for a standard value that is neither WHEN_SUPPORTED nor WHEN_REQUIRED. */
function checksumMode(
  given: Sourced<ChecksumMode> | undefined,
  standard: Sourced<string> | undefined,
  envName: string,
  key: string,
): Sourced<ChecksumMode> {
  if (given) return given;
  if (!standard) return { value: "when-supported", source: "default" };
  const mode = CHECKSUM_VALUES[standard.value.toLowerCase()];
  if (!mode)
    throw new ConfigError(
      `${envName === standard.source ? envName : `${key} of ${standard.source}`} must be WHEN_SUPPORTED or WHEN_REQUIRED, not ${JSON.stringify(standard.value)}`,
    );
  return { value: mode, source: standard.source };
}

/** Path-style when a layer says `forcePathStyle`, else as the profile's `s3.addressing_style` says, else path-style
 * for a custom endpoint and virtual-hosted for AWS itself. */
function addressingStyleOf(
  pathStyle: Sourced<boolean> | undefined,
  profileStyle: Sourced<string> | undefined,
  endpoint: Sourced<string> | undefined,
): Sourced<AddressingStyle> {
  if (pathStyle) return { value: pathStyle.value ? "path" : "virtual", source: pathStyle.source };
  if (profileStyle && (profileStyle.value === "path" || profileStyle.value === "virtual"))
    return { value: profileStyle.value, source: profileStyle.source };
  return endpoint
    ? { value: "path", source: "default with a custom endpoint" }
    : { value: "virtual", source: "default" };
}

/**
 * Resolves the storage settings, each from the first source that gives it:
 * 1. the layers, in order (options and flags, then the client's storage option or a config context);
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
  const { fromLayers, fromEnv } = sourcesOf(options.layers ?? [], env);
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
  if (endpoint)
    checkS3Endpoint(endpoint.value, `the S3 endpoint (from ${endpoint.source})`, [
      { setting: "storage.endpoint", source: endpoint.source },
    ]);
  if (!/^[a-z0-9-]+$/i.test(region.value))
    throw new ConfigError(
      `the S3 region ${JSON.stringify(region.value)} (from ${region.source}) is not a region name, e.g. us-east-1`,
    );
  if (profile && profile.value !== "default" && !shared.found)
    throw new ConfigError(
      `the AWS profile ${JSON.stringify(profile.value)} (from ${profile.source}) is not in ${shared.file} or the shared credentials file`,
    );
  const checksum = (envName: string, key: string) =>
    checksumMode(fromLayers("checksums"), fromEnv(envName) ?? fromProfile(key), envName, key);
  const settings: StorageSettings = {
    endpoint,
    region,
    bucket: fromLayers("bucket") ?? fromEnv("AWS_S3_BUCKET"),
    addressingStyle: addressingStyleOf(
      fromLayers("forcePathStyle"),
      fromProfile("s3.addressing_style"),
      endpoint,
    ),
    requestChecksums: checksum("AWS_REQUEST_CHECKSUM_CALCULATION", "request_checksum_calculation"),
    responseChecksums: checksum("AWS_RESPONSE_CHECKSUM_VALIDATION", "response_checksum_validation"),
    profile: profile ?? (shared.found ? { value: "default", source: "default" } : undefined),
    credentialsSource: "the AWS SDK's credential chain",
  };
  attachCredentials(settings, env, profile, shared);
  return settings;
}

/** One line per setting, for diagnostics and plans: `endpoint http://… (AWS_ENDPOINT_URL_S3)`. */
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

function readableEnv(): Env {
  try {
    return defaultEnv();
  } catch {
    return {}; // Deno without --allow-env: only explicit settings apply
  }
}
