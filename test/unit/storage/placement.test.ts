// placementOf: where a registration puts files so they land at a URI, the store told by the URI's scheme here (the
// copy workflow never looks at it).
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../../src/index.js";
import { placementOf } from "../../../src/storage/model-stores.js";

describe("placementOf", () => {
  it("an s3:// folder is a bucket and prefix, with the endpoint and region of its query", () => {
    expect(placementOf("s3://prod-models/mnist/v3/")).toEqual({
      storage: { bucket: "prod-models", prefix: "mnist/v3" },
    });
    expect(placementOf("s3://bkt/?endpoint=http://127.0.0.1:28333&defaultRegion=eu-west-1")).toEqual({
      storage: { bucket: "bkt", endpoint: "http://127.0.0.1:28333", region: "eu-west-1" },
    });
  });

  it("an oci:// reference is pushed to as it is", () => {
    expect(placementOf(" oci://quay.io/acme/mnist ")).toEqual({ to: "oci://quay.io/acme/mnist" });
  });

  it("anything else is no place to store a model", () => {
    expect(() => placementOf("https://example.com/model")).toThrow(ConfigError);
    expect(() => placementOf("hf://acme/mnist")).toThrow(/give s3:\/\/bucket\/prefix\/ or oci:\/\//);
  });
});
