// An S3 client for S3-compatible storage (MinIO, Ceph, versitygw, moto, AWS): path-style addressing for custom
// endpoints, and an escape hatch for servers that reject the SDK's default request checksums.
import { S3Client } from "@aws-sdk/client-s3";
import { checkS3Endpoint } from "./s3-uri.js";

/** How to reach the storage. Every field is optional; an injected `client` wins over the rest. */
export interface S3ConnectionOptions {
  /** An S3Client you built yourself. */
  client?: S3Client | undefined;
  /** Endpoint of S3-compatible storage, e.g. `http://127.0.0.1:9000`. Default: AWS. */
  endpoint?: string | undefined;
  /** Default `us-east-1`. */
  region?: string | undefined;
  /** Default: the AWS SDK's credential chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, profiles, web identity…). */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } | undefined;
  /** Path-style URLs (`endpoint/bucket/key`). Default: true when `endpoint` is set. */
  forcePathStyle?: boolean | undefined;
  /**
   * `"when-supported"` (the SDK's default) sends CRC32 checksums with every upload. Older MinIO, Ceph, Cloudflare R2
   * and Backblaze B2 reject them: use `"when-required"` there. Default `"when-supported"`.
   */
  checksums?: "when-supported" | "when-required" | undefined;
}

/** The client to use for these options. */
export function s3ClientFor(options: S3ConnectionOptions): S3Client {
  if (options.client) return options.client;
  if (options.endpoint !== undefined) checkS3Endpoint(options.endpoint, "the S3 endpoint");
  const checksum = options.checksums === "when-required" ? "WHEN_REQUIRED" : "WHEN_SUPPORTED";
  return new S3Client({
    region: options.region ?? "us-east-1",
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    forcePathStyle: options.forcePathStyle ?? Boolean(options.endpoint),
    requestChecksumCalculation: checksum,
    responseChecksumValidation: checksum,
  });
}

/** Whether the client sends checksums with uploads (so multipart uploads must declare and complete them). */
export async function sendsChecksums(client: S3Client): Promise<boolean> {
  const setting = client.config.requestChecksumCalculation;
  const value = typeof setting === "function" ? await setting() : setting;
  return value !== "WHEN_REQUIRED";
}
