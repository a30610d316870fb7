// An S3 client for S3-compatible storage (AWS, Ceph, SeaweedFS, versitygw, moto, R2, B2), built from resolved storage
// settings: path-style addressing for custom endpoints, the checksum modes the settings name, and the settings kept
// beside the client so that its errors can name the endpoint, region and bucket in use and where each came from.
import { S3Client } from "@aws-sdk/client-s3";
import { fromIni } from "@aws-sdk/credential-provider-ini";
import { credentialsOf, type StorageLayer, type StorageSettings } from "../../config/storage-settings.js";

/** How to reach the storage. Every field is optional; an injected `client` wins over the rest. Absent fields come
 * from the AWS standard configuration and the data-connection variables (see `resolveStorageSettings`). */
export interface S3ConnectionOptions {
  /** An S3Client you built yourself. */
  client?: S3Client | undefined;
  /** Endpoint of S3-compatible storage, e.g. `http://127.0.0.1:9000`. Default: `AWS_ENDPOINT_URL_S3`,
   * `AWS_ENDPOINT_URL`, the profile's `endpoint_url`, `AWS_S3_ENDPOINT`, else AWS itself. */
  endpoint?: string | undefined;
  /** Default: `AWS_REGION`, `AWS_DEFAULT_REGION`, the profile's `region`, else `us-east-1`. */
  region?: string | undefined;
  /** Default: `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`, else the AWS SDK's credential chain (profiles, web
   * identity, container and instance roles). */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } | undefined;
  /** The AWS profile to read settings and credentials from. Default `AWS_PROFILE`, else `default`. */
  profile?: string | undefined;
  /** Path-style URLs (`endpoint/bucket/key`). Default: true whenever an endpoint is set, however it was given. */
  forcePathStyle?: boolean | undefined;
  /**
   * `"when-supported"` (the SDK's default) sends CRC32 checksums with every upload and asks for them on downloads.
   * Cloudflare R2, Backblaze B2, older MinIO and Ceph reject them: use `"when-required"` there. Default:
   * `AWS_REQUEST_CHECKSUM_CALCULATION` / `AWS_RESPONSE_CHECKSUM_VALIDATION`, the profile's
   * `request_checksum_calculation` / `response_checksum_validation`, else `"when-supported"`.
   */
  checksums?: "when-supported" | "when-required" | undefined;
  /** How to name where these settings came from in messages, e.g. `"context dev"` or `{ endpoint: "the endpoint flag" }`.
   * Default: `storage.<field> option`. */
  source?: StorageLayer["source"];
}

const SETTINGS = new WeakMap<S3Client, StorageSettings>();

/** The settings a client was built from by {@link s3ClientFor}; undefined for a client built elsewhere. */
export function settingsOf(client: S3Client): StorageSettings | undefined {
  return SETTINGS.get(client);
}

/** The client for these settings (or `injected`, as is). Static credentials: `credentials`, else the settings'. */
export function s3ClientFor(
  settings: StorageSettings,
  options: { client?: S3Client | undefined; credentials?: S3ConnectionOptions["credentials"] } = {},
): S3Client {
  if (options.client) return options.client;
  const endpoint = settings.endpoint?.value;
  const mode = (value: "when-supported" | "when-required") =>
    value === "when-required" ? "WHEN_REQUIRED" : "WHEN_SUPPORTED";
  const resolved = credentialsOf(settings);
  const credentials =
    options.credentials ??
    (resolved && "profile" in resolved ? fromIni({ ...resolved, ignoreCache: true }) : resolved);
  const client = new S3Client({
    region: settings.region.value,
    ...(endpoint ? { endpoint } : {}),
    ...(credentials ? { credentials } : {}),
    forcePathStyle: settings.addressingStyle.value === "path",
    requestChecksumCalculation: mode(settings.requestChecksums.value),
    responseChecksumValidation: mode(settings.responseChecksums.value),
  });
  SETTINGS.set(client, settings);
  return client;
}

/** Whether the client sends checksums with uploads (so multipart uploads must declare and complete them). */
export async function sendsChecksums(client: S3Client): Promise<boolean> {
  const setting = client.config.requestChecksumCalculation;
  const value = typeof setting === "function" ? await setting() : setting;
  return value !== "WHEN_REQUIRED";
}
