// The store lookup: the one place a URI's scheme picks a ModelStore, and the per-scheme check of a URI registered as
// is.
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../../src/errors.js";
import {
  checkStoreUri,
  isDestinationUri,
  isStoreUri,
  modelStoreFor,
  plainForm,
  recordsPlace,
  schemeOf,
} from "../../../src/storage/model-stores.js";

describe("the store lookup", () => {
  it("reads a URI's scheme, lowercased, and nothing from a string without one", () => {
    expect(schemeOf("s3://bucket/key")).toBe("s3");
    expect(schemeOf("OCI://quay.io/acme/mnist:v1")).toBe("oci");
    expect(schemeOf("hf://acme/mnist")).toBe("hf");
    expect(schemeOf("bucket/key")).toBeUndefined();
    expect(schemeOf("s3:bucket")).toBeUndefined();
  });

  it("picks the S3 store for s3:// and the OCI store for oci://", async () => {
    expect((await modelStoreFor("s3://models/mnist/v1/")).scheme).toBe("s3");
    expect((await modelStoreFor("oci://127.0.0.1:5000/models/mnist:v1")).scheme).toBe("oci");
    expect(isStoreUri("s3://models/x")).toBe(true);
    expect(isStoreUri("https://example.com/model.onnx")).toBe(false);
    expect(isStoreUri(undefined)).toBe(false);
  });

  it("refuses a scheme no store serves, naming what carried it and the schemes it knows", async () => {
    const refused = modelStoreFor("hf://acme/mnist", "the artifact's URI");
    await expect(refused).rejects.toBeInstanceOf(ConfigError);
    await expect(modelStoreFor("hf://acme/mnist", "the artifact's URI")).rejects.toThrow(
      /the artifact's URI "hf:\/\/acme\/mnist" is not in a store this client reads or writes: s3:\/\/ or oci:\/\//,
    );
  });

  it("lets a registration's to name an image, never S3 (S3 is where files go without to)", () => {
    expect(isDestinationUri("oci://quay.io/acme/mnist:v1")).toBe(true);
    expect(isDestinationUri("s3://models/mnist")).toBe(false);
    expect(isDestinationUri("quay.io/acme/mnist")).toBe(false);
  });

  it("checks a URI registered as is by its store's rules: S3's bucket names; an image reference as given", () => {
    expect(() => checkStoreUri("s3://Not_A_Bucket/key")).toThrow(ConfigError);
    expect(() => checkStoreUri("s3://models/mnist/v1/")).not.toThrow();
    expect(() => checkStoreUri("oci://registry/repo:tag")).not.toThrow();
    expect(() => checkStoreUri("https://example.com/model.onnx")).not.toThrow();
  });

  it("tells that an artifact records the place a URI names, however the store's address is spelled", () => {
    const recorded = {
      uri: "s3://models/mnist/v1/",
      customProperties: { s3_endpoint: "http://minio:9000", s3_region: "eu-west-1" },
    };
    expect(recordsPlace(recorded, "s3://models/mnist/v1/")).toBe(true); // the same text
    expect(
      recordsPlace(recorded, "s3://models/mnist/v1/?endpoint=http://minio:9000&defaultRegion=eu-west-1"),
    ).toBe(true);
    expect(
      recordsPlace(recorded, "S3://models/mnist/v1/?defaultRegion=eu-west-1&endpoint=http://minio:9000"),
    ).toBe(true);
    expect(
      recordsPlace(recorded, "s3://models/mnist/v1/?endpoint=http://minio:9001&defaultRegion=eu-west-1"),
    ).toBe(false);
    expect(recordsPlace(recorded, "s3://models/mnist/v1/?endpoint=http://minio:9000")).toBe(false);
    expect(
      recordsPlace(recorded, "s3://models/mnist/v2/?endpoint=http://minio:9000&defaultRegion=eu-west-1"),
    ).toBe(false);
    // An artifact that records its address in the URI itself (an earlier release's, the Python client's).
    const queried = {
      uri: "s3://models/m/?endpoint=http://minio:9000&defaultRegion=r1",
      customProperties: {},
    };
    expect(recordsPlace(queried, "s3://models/m/?endpoint=http%3A%2F%2Fminio%3A9000&defaultRegion=r1")).toBe(
      true,
    );
    expect(recordsPlace(queried, "s3://models/m/")).toBe(false);
    // Other stores: the same text only; an unreadable URI names no place.
    expect(recordsPlace({ uri: "oci://r/m:v1", customProperties: {} }, "oci://r/m:v1")).toBe(true);
    expect(recordsPlace({ uri: "oci://r/m:v1", customProperties: {} }, "oci://r/m:v2")).toBe(false);
    expect(
      recordsPlace({ uri: "s3://Bad_Bucket/k", customProperties: {} }, "s3://Bad_Bucket/k?endpoint=x"),
    ).toBe(false);
  });

  it("writes an S3 URI with the ?endpoint= query as registerModel records it now: plain, the address as properties", () => {
    expect(plainForm("s3://models/mnist/v1/?endpoint=http://minio:9000&defaultRegion=us-east-1")).toEqual({
      uri: "s3://models/mnist/v1/",
      properties: { s3_endpoint: "http://minio:9000", s3_region: "us-east-1" },
    });
    expect(plainForm("s3://models/m.onnx?endpoint=http://minio:9000")).toEqual({
      uri: "s3://models/m.onnx",
      properties: { s3_endpoint: "http://minio:9000" },
    });
    expect(plainForm("s3://models/mnist/v1/")).toBeUndefined();
    expect(plainForm("s3://models/a?b=c")).toBeUndefined(); // a query that is part of the key
    expect(plainForm("https://example.com/m?endpoint=x")).toBeUndefined();
  });
});
