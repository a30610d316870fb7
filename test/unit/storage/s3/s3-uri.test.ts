import { describe, expect, it } from "vitest";
import { ConfigError } from "../../../../src/errors.js";
import { formatS3Uri, joinKey, parseS3Uri, type S3Location } from "../../../../src/storage/s3/s3-uri.js";

describe("parseS3Uri", () => {
  it("splits a plain URI into bucket and key", () => {
    expect(parseS3Uri("s3://models/mnist/v1/model.onnx")).toEqual({
      bucket: "models",
      key: "mnist/v1/model.onnx",
    });
  });

  it("reads the bucket root as an empty key, with or without the slash", () => {
    expect(parseS3Uri("s3://models")).toEqual({ bucket: "models", key: "" });
    expect(parseS3Uri("s3://models/")).toEqual({ bucket: "models", key: "" });
  });

  it("keeps a trailing slash on a prefix", () => {
    expect(parseS3Uri("s3://models/mnist/").key).toBe("mnist/");
  });

  it("keeps the key exactly as written: no percent-decoding, doubled slashes, '#' and non-ASCII kept", () => {
    expect(parseS3Uri("s3://models/a%20b/c+d").key).toBe("a%20b/c+d");
    expect(parseS3Uri("s3://models//abs//x").key).toBe("/abs//x");
    expect(parseS3Uri("s3://models/run#3/données/模型.onnx").key).toBe("run#3/données/模型.onnx");
  });

  it("reads the Python client's endpoint and defaultRegion query", () => {
    expect(
      parseS3Uri("s3://my-bucket/path/to/model?endpoint=http://minio:9000&defaultRegion=us-east-1"),
    ).toEqual({
      bucket: "my-bucket",
      key: "path/to/model",
      endpoint: "http://minio:9000",
      region: "us-east-1",
    });
  });

  it("URL-decodes the query values", () => {
    const location = parseS3Uri(
      "s3://b-1/k?endpoint=https%3A%2F%2Fs3.example.com%3A8443%2Fbase&defaultRegion=eu-west-1",
    );
    expect(location.endpoint).toBe("https://s3.example.com:8443/base");
    expect(location.region).toBe("eu-west-1");
  });

  it("accepts the query on the bucket root and with only one of the two parameters", () => {
    expect(parseS3Uri("s3://models?endpoint=http://minio:9000")).toEqual({
      bucket: "models",
      key: "",
      endpoint: "http://minio:9000",
    });
    expect(parseS3Uri("s3://models/k/?defaultRegion=us-west-2")).toEqual({
      bucket: "models",
      key: "k/",
      region: "us-west-2",
    });
  });

  it("ignores unknown parameters in an endpoint query", () => {
    expect(parseS3Uri("s3://models/k?endpoint=http://minio:9000&versionId=7&defaultRegion=r1")).toEqual({
      bucket: "models",
      key: "k",
      endpoint: "http://minio:9000",
      region: "r1",
    });
  });

  it("keeps a '?' that does not start an endpoint query as part of the key", () => {
    expect(parseS3Uri("s3://models/what?.bin").key).toBe("what?.bin");
    expect(parseS3Uri("s3://models/k?versionId=7").key).toBe("k?versionId=7");
    expect(parseS3Uri("s3://models/a?b/c?endpoint=http://minio:9000")).toMatchObject({
      key: "a?b/c",
      endpoint: "http://minio:9000",
    });
  });

  it("ignores surrounding whitespace and the case of the scheme", () => {
    expect(parseS3Uri("  S3://models/k\n")).toEqual({ bucket: "models", key: "k" });
  });

  it.each([
    ["http://models/k", /must start with s3:\/\//],
    ["models/k", /must start with s3:\/\//],
    ["", /must start with s3:\/\//],
    ["s3://", /has no bucket/],
    ["s3:///k", /has no bucket/],
  ])("rejects %j with a ConfigError", (uri, message) => {
    expect(() => parseS3Uri(uri)).toThrow(ConfigError);
    expect(() => parseS3Uri(uri)).toThrow(message);
  });

  it.each([
    ["ab", /3 to 63 characters/],
    ["a".repeat(64), /3 to 63 characters/],
    ["My-Bucket", /lowercase/],
    ["my_bucket", /only lowercase letters, digits/],
    ["-bucket", /start and end with a letter or digit/],
    ["bucket.", /start and end with a letter or digit/],
    ["my..bucket", /two adjacent periods/],
    ["192.168.1.10", /IP address/],
    ["user@bucket", /only lowercase letters, digits/],
  ])("rejects the invalid bucket name %j and says why", (bucket, reason) => {
    expect(() => parseS3Uri(`s3://${bucket}/k`)).toThrow(ConfigError);
    expect(() => parseS3Uri(`s3://${bucket}/k`)).toThrow(reason);
  });

  it("accepts bucket names at the limits of the rules", () => {
    for (const bucket of ["abc", "a".repeat(63), "my.bucket-1", "0bucket9"]) {
      expect(parseS3Uri(`s3://${bucket}/k`).bucket).toBe(bucket);
    }
  });

  it("rejects an endpoint that is not an http(s) URL, a repeated parameter and an empty one", () => {
    expect(() => parseS3Uri("s3://models/k?endpoint=minio:9000")).toThrow(
      /not an http:\/\/ or https:\/\/ URL/,
    );
    expect(() => parseS3Uri("s3://models/k?endpoint=ftp://x")).toThrow(ConfigError);
    expect(() => parseS3Uri("s3://models/k?endpoint=http://a&endpoint=http://b")).toThrow(/more than once/);
    expect(() => parseS3Uri("s3://models/k?endpoint=&defaultRegion=r")).toThrow(/empty endpoint/);
  });
});

describe("formatS3Uri", () => {
  it("writes bucket and key, and the bucket root with a slash", () => {
    expect(formatS3Uri({ bucket: "models", key: "mnist/v1/" })).toBe("s3://models/mnist/v1/");
    expect(formatS3Uri({ bucket: "models", key: "" })).toBe("s3://models/");
  });

  it("adds endpoint and defaultRegion only when present, written as the Python client writes them", () => {
    expect(formatS3Uri({ bucket: "models", key: "k", endpoint: "http://minio:9000" })).toBe(
      "s3://models/k?endpoint=http://minio:9000",
    );
    expect(formatS3Uri({ bucket: "models", key: "k", region: "us-east-1" })).toBe(
      "s3://models/k?defaultRegion=us-east-1",
    );
    expect(formatS3Uri({ bucket: "models", key: "k", endpoint: "http://m:9000/a?b=c", region: "r 1" })).toBe(
      "s3://models/k?endpoint=http://m:9000/a%3Fb%3Dc&defaultRegion=r%201",
    );
  });

  it.each<S3Location>([
    { bucket: "models", key: "" },
    { bucket: "models", key: "mnist/" },
    { bucket: "models", key: "a%20b/c+d/#x/données/模型.onnx" },
    { bucket: "models", key: "what?.bin" },
    { bucket: "models", key: "k?versionId=1" },
    { bucket: "models", key: "odd?endpoint=x", endpoint: "http://minio:9000" },
    { bucket: "models", key: "k/", endpoint: "https://s3.example.com/base?x=1&y=2", region: "eu-west-1" },
    { bucket: "models", key: "k", region: "us-east-1" },
  ])("round-trips %j through parseS3Uri", (location) => {
    expect(parseS3Uri(formatS3Uri(location))).toEqual(location);
  });

  it("round-trips the Python client's URIs to an equal location", () => {
    const uri = "s3://my-bucket/path/to/model?endpoint=http://minio:9000&defaultRegion=us-east-1";
    expect(parseS3Uri(formatS3Uri(parseS3Uri(uri)))).toEqual(parseS3Uri(uri));
  });

  it("refuses a key that would read back as an endpoint query when there is no endpoint or region", () => {
    expect(() => formatS3Uri({ bucket: "models", key: "odd?endpoint=x" })).toThrow(ConfigError);
  });

  it("refuses an invalid bucket name", () => {
    expect(() => formatS3Uri({ bucket: "Models", key: "k" })).toThrow(/invalid S3 bucket name "Models"/);
  });
});

describe("joinKey", () => {
  it("joins segments with single slashes and no leading slash", () => {
    expect(joinKey("models/", "/mnist/", "/v1", "model.onnx")).toBe("models/mnist/v1/model.onnx");
    expect(joinKey("/models", "v1")).toBe("models/v1");
    expect(joinKey("models//", "//v1")).toBe("models/v1");
  });

  it("keeps a trailing slash only when the last part has one", () => {
    expect(joinKey("models", "v1/")).toBe("models/v1/");
    expect(joinKey("models/", "v1")).toBe("models/v1");
    expect(joinKey("models", "/")).toBe("models/");
  });

  it("skips empty parts, including a trailing one", () => {
    expect(joinKey("", "models", "", "v1")).toBe("models/v1");
    expect(joinKey("models/", "")).toBe("models/");
    expect(joinKey()).toBe("");
    expect(joinKey("", "/", "")).toBe("");
  });

  it("keeps slashes inside a part, since keys are not file paths", () => {
    expect(joinKey("a//b", "c")).toBe("a//b/c");
  });
});
