import { describe, expect, it } from "vitest";
import { describeError, exitCodeFor } from "../../../../src/cli/exit-codes.js";
import { resolveStorageSettings } from "../../../../src/config/storage-settings.js";
import { StorageError } from "../../../../src/errors.js";
import { s3ClientFor } from "../../../../src/storage/s3/s3-client.js";
import { storageError } from "../../../../src/storage/s3/storage-error.js";

// Errors shaped as the AWS SDK throws them: `name`/`Code` from the XML body, `$metadata` from the reply.
function sdkError(status: number | undefined, code?: string, message?: string, extra: object = {}) {
  const error = new Error(message ?? "UnknownError") as Error & Record<string, unknown>;
  error.name = code ?? (status === 404 ? "NotFound" : "Unknown");
  if (code) error.Code = code;
  if (status !== undefined) error.$metadata = { httpStatusCode: status, requestId: "REQ1" };
  return Object.assign(error, extra);
}

const client = s3ClientFor(
  await resolveStorageSettings({
    env: { HOME: "/nonexistent", AWS_S3_ENDPOINT: "http://127.0.0.1:9000", AWS_S3_BUCKET: "models" },
    layers: [{ values: { region: "eu-west-3" }, source: { region: "--region" } }],
  }),
);
const at = { operation: "checking the bucket", bucket: "models" };
const map = (error: unknown, where: { operation: string; bucket: string; key?: string } = at) =>
  storageError(client, where, error);

describe("storageError", () => {
  it.each([
    // [what the store answered, kind, exit code, words the message must hold]
    [
      sdkError(404, "NoSuchBucket", "The specified bucket does not exist"),
      "no-such-bucket",
      2,
      /404 NoSuchBucket.*Bucket models \(from AWS_S3_BUCKET\) does not exist at http:\/\/127.0.0.1:9000 \(from AWS_S3_ENDPOINT\)/,
    ],
    [sdkError(404), "no-such-bucket", 2, /404 \(no S3 error code in the reply\)\. Bucket models/],
    [
      sdkError(400, "AuthorizationHeaderMalformed", 'the region "eu-west-3" is wrong; expecting "us-east-1"'),
      "wrong-region",
      2,
      /expects region us-east-1, not eu-west-3 \(from --region\): change the region there to us-east-1/,
    ],
    [
      sdkError(301, "PermanentRedirect", "redirect", { Region: "eu-central-1" }),
      "redirect",
      2,
      /region eu-central-1/,
    ],
    [
      sdkError(301, undefined, undefined, {
        $response: { headers: { "x-amz-bucket-region": "ap-south-1" } },
      }),
      "redirect",
      2,
      /ap-south-1/,
    ],
    [
      sdkError(501, "NotImplemented", "Header 'x-amz-checksum-crc32' with value 'CRC32' not implemented"),
      "checksum-unsupported",
      2,
      /AWS_REQUEST_CHECKSUM_CALCULATION=WHEN_REQUIRED/,
    ],
    [
      sdkError(400, "InvalidArgument", "Unsupported header 'x-amz-sdk-checksum-algorithm' received"),
      "checksum-unsupported",
      2,
      /AWS_RESPONSE_CHECKSUM_VALIDATION=WHEN_REQUIRED/,
    ],
    [
      sdkError(403, "SignatureDoesNotMatch", "bad signature"),
      "signature-mismatch",
      5,
      /secret key does not match.*check the secret key/,
    ],
    [
      sdkError(403, "InvalidAccessKeyId", "unknown key"),
      "invalid-access-key",
      5,
      /does not know this access key id/,
    ],
    [sdkError(404, "XAdminUserNotFound", "No user exists"), "invalid-access-key", 5, /access key id/],
    [sdkError(403, "RequestTimeTooSkewed", "skewed"), "clock-skew", 5, /clock/],
    [
      sdkError(403),
      "access-denied",
      5,
      /403 \(no S3 error code in the reply\).*may not do this in bucket models/,
    ],
    [sdkError(503, "SlowDown", "slow down"), "throttled", 6, /throttling/],
    [sdkError(503), "unavailable", 6, /503 .*failed or is unavailable: retry later/],
    [
      sdkError(500, "InternalError", "We encountered an internal error"),
      "unavailable",
      6,
      /500 InternalError/,
    ],
    [sdkError(400, "BadDigest", "digest"), "integrity", 7, /did not arrive intact/],
    [
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9000"), { code: "ECONNREFUSED" }),
      "unreachable",
      6,
      /Cannot connect to http:\/\/127.0.0.1:9000 \(from AWS_S3_ENDPOINT\)/,
    ],
  ])("%#: maps to its kind, exit code and hint", (error, kind, exit, words) => {
    const mapped = map(error);
    expect(mapped).toBeInstanceOf(StorageError);
    expect(mapped.kind).toBe(kind);
    expect(exitCodeFor(mapped)).toBe(exit);
    expect(mapped.message).toMatch(words);
    expect(mapped.message).not.toMatch(/UnknownError|\.\./);
    expect(mapped.message).not.toContain("\n");
  });

  it("carries status, code, request id, operation, bucket and key", () => {
    const mapped = map(sdkError(404, "NoSuchKey", "gone"), {
      operation: "reading",
      bucket: "models",
      key: "a/b",
    });
    expect(mapped).toMatchObject({
      status: 404,
      code: "NoSuchKey",
      requestId: "REQ1",
      operation: "reading",
      bucket: "models",
      key: "a/b",
      kind: "not-found",
    });
    expect(mapped.message).toMatch(
      /^reading s3:\/\/models\/a\/b failed: 404 NoSuchKey: gone\. .*\(request id REQ1\)$/,
    );
  });

  it("names only the checksum switch still on, and none once both are when-required", async () => {
    const resolve = (env: Record<string, string>) =>
      resolveStorageSettings({ env: { HOME: "/nonexistent", ...env } }).then((settings) =>
        s3ClientFor(settings),
      );
    const halfway = await resolve({ AWS_REQUEST_CHECKSUM_CALCULATION: "WHEN_REQUIRED" });
    const download = sdkError(400, "InvalidArgument", "Unsupported header 'x-amz-checksum-mode' received");
    const mapped = storageError(halfway, at, download);
    expect(mapped.kind).toBe("checksum-unsupported");
    expect(mapped.message).toMatch(/set AWS_RESPONSE_CHECKSUM_VALIDATION=WHEN_REQUIRED \(or/);
    expect(mapped.message).not.toContain("AWS_REQUEST_CHECKSUM_CALCULATION");
    const both = await resolve({
      AWS_REQUEST_CHECKSUM_CALCULATION: "WHEN_REQUIRED",
      AWS_RESPONSE_CHECKSUM_VALIDATION: "WHEN_REQUIRED",
    });
    const other = storageError(
      both,
      at,
      sdkError(501, "NotImplemented", "x-amz-checksum-crc32 not implemented"),
    );
    expect(other.kind).toBe("not-implemented");
  });

  it("says where a checksum mode came from when it was not the environment", async () => {
    const settings = await resolveStorageSettings({
      env: { HOME: "/nonexistent", AWS_REQUEST_CHECKSUM_CALCULATION: "WHEN_REQUIRED" },
      layers: [{ values: { checksums: "when-supported" }, source: "context lab" }],
    });
    const mapped = storageError(
      s3ClientFor(settings),
      at,
      sdkError(501, "NotImplemented", "Header 'x-amz-checksum-crc32' not implemented"),
    );
    expect(mapped.message).toMatch(
      /the checksum mode is when-supported in context lab: set it to when-required there \(or pass storage.checksums "when-required"\)/,
    );
    expect(mapped.fix).toEqual([
      { setting: "storage.checksums", value: "when-supported", source: "context lab" },
    ]);
    expect(describeError(mapped, false)).toContain("(or pass --checksums when-required)");
    expect(mapped.message).not.toContain("AWS_REQUEST_CHECKSUM_CALCULATION"); // set already, and overridden
  });

  it("no credentials at all is a setting to fix (exit 2), not an upload failure", () => {
    const error = Object.assign(new Error("Could not load credentials from any providers"), {
      name: "CredentialsProviderError",
    });
    const mapped = map(error);
    expect(mapped.kind).toBe("no-credentials");
    expect(exitCodeFor(mapped)).toBe(2);
    expect(mapped.message).toMatch(/No S3 credentials were found/);
  });

  it("without an endpoint, an unknown host says the request went to AWS itself", () => {
    const aws = s3ClientFor({
      region: { value: "us-east-1", source: "default" },
      addressingStyle: { value: "virtual", source: "default" },
      requestChecksums: { value: "when-supported", source: "default" },
      responseChecksums: { value: "when-supported", source: "default" },
      credentialsSource: "chain",
    });
    const mapped = storageError(
      aws,
      at,
      Object.assign(new Error("getaddrinfo ENOTFOUND models.s3.us-east-1.amazonaws.com"), {
        code: "ENOTFOUND",
      }),
    );
    expect(mapped.message).toMatch(/No S3 endpoint is set, so this went to AWS S3 itself/);
    expect(exitCodeFor(mapped)).toBe(6);
  });
});
