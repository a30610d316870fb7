// The shapes of S3 storage settings: what a source may give, what the resolver settles on, and where each value came
// from. Kept apart from the resolver so that credentials and errors can use them without importing it.
import type { Env } from "./default-env.js";
import type { Layer, Sourced } from "./settings-layer.js";

export type { Sourced } from "./settings-layer.js";

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

/** One layer of storage settings, e.g. named `"context dev"` or `{ endpoint: "the endpoint flag" }`; a field
 * without a name is `"storage.<field> option"`. */
export type StorageLayer = Layer<StorageSettingsInput>;

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
  /** The access key id (`AWS_ACCESS_KEY_ID`). */
  accessKeyId: string;
  /** The secret access key (`AWS_SECRET_ACCESS_KEY`); scrubbed from every error. */
  secretAccessKey: string;
  /** The session token of temporary credentials (`AWS_SESSION_TOKEN`). */
  sessionToken?: string;
}

/** A profile that holds credentials of its own, and the files to read them from. */
export interface ProfileCredentials {
  /** The profile's name. */
  profile: string;
  /** The shared config file (`AWS_CONFIG_FILE`, default `~/.aws/config`). */
  configFilepath: string;
  /** The shared credentials file (`AWS_SHARED_CREDENTIALS_FILE`, default `~/.aws/credentials`). */
  filepath: string;
}
