// Where an upload's files go and how that is recorded: the plain URI, and the store's address as properties; and
// where a registered version's are, from its URI's query or else its properties.
import { describe, expect, it } from "vitest";
import { modelUri, recordedStore, storeProperties } from "../../../../src/storage/s3/model-location.js";
import { parseS3Uri } from "../../../../src/storage/s3/s3-uri.js";

const folder = { kind: "directory" as const, files: [] };
const file = { kind: "file" as const, files: [{ relativePath: "model.onnx" }] } as unknown as Parameters<
  typeof modelUri
>[2];

describe("the URI and properties an upload records", () => {
  it("is the plain folder or file URI, whatever the store", () => {
    expect(modelUri("models", "mnist/v1", folder)).toBe("s3://models/mnist/v1/");
    expect(modelUri("models", "mnist/v1", file)).toBe("s3://models/mnist/v1/model.onnx");
  });

  it("records a custom endpoint and its region as properties; nothing on AWS itself", () => {
    expect(storeProperties({ endpoint: "http://minio:9000", region: "us-east-1" })).toEqual({
      s3_endpoint: "http://minio:9000",
      s3_region: "us-east-1",
    });
    expect(storeProperties({ endpoint: "http://minio:9000" })).toEqual({ s3_endpoint: "http://minio:9000" });
    expect(storeProperties({ region: "eu-west-1" })).toEqual({});
    expect(storeProperties(undefined)).toEqual({});
  });
});

describe("where a registered version's store is", () => {
  const properties = { s3_endpoint: "http://props:9000", s3_region: "eu-west-1" };

  it("is its URI's own ?endpoint=…&defaultRegion=… when it has one (earlier releases, the Python client)", () => {
    const location = parseS3Uri("s3://models/m/?endpoint=http://query:9000&defaultRegion=us-east-1");
    expect(recordedStore(location, properties)).toEqual({
      endpoint: "http://query:9000",
      region: "us-east-1",
      from: "query",
    });
  });

  it("else its s3_endpoint and s3_region properties, else nothing (the settings decide)", () => {
    const location = parseS3Uri("s3://models/m/");
    expect(recordedStore(location, properties)).toEqual({
      endpoint: "http://props:9000",
      region: "eu-west-1",
      from: "properties",
    });
    expect(recordedStore(location, { s3_endpoint: "http://props:9000" })).toEqual({
      endpoint: "http://props:9000",
      region: undefined,
      from: "properties",
    });
    expect(recordedStore(location, { s3_endpoint: "", other: 1 })).toEqual({ from: "none" });
    expect(recordedStore(location)).toEqual({ from: "none" });
  });
});
