// kserveManifest with storage model-registry: the registry's storage initializer hands the artifact's URI to KServe's
// S3 provider as it is stored, so a version uploaded now (a plain URI) is served, and one an earlier release recorded
// with ?endpoint=… is refused with how to fix it.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ConfigError, type ModelRegistry } from "../../../../src/index.js";
import {
  loadWorkflows,
  MODEL,
  memoryWorkflow,
  modelFolder,
  recordAsEarlierRelease,
} from "../../../support/memory-workflow.js";

let registry: ReturnType<typeof memoryWorkflow>["registry"];
let mr: ModelRegistry;

beforeAll(loadWorkflows);

beforeEach(async () => {
  const made = memoryWorkflow();
  registry = made.registry;
  mr = made.client();
  await mr.registerModel({
    name: "mnist",
    version: "v1",
    path: modelFolder(MODEL),
    modelFormat: { name: "onnx", version: "1" },
  });
});

describe("kserveManifest({ storage: 'model-registry' })", () => {
  it("accepts a version uploaded now: its plain URI is what KServe's S3 provider reads", async () => {
    const manifest = await mr.kserveManifest({ name: "mnist", version: "v1", storage: "model-registry" });
    expect(manifest.spec.predictor.model.storageUri).toBe("model-registry://mnist/v1");
    expect(registry.artifacts[0]?.uri).toBe("s3://models/mnist/v1/");
  });

  it("refuses a version an earlier release recorded with ?endpoint=…, naming the form and both fixes", async () => {
    const artifact = registry.artifacts[0] as Record<string, unknown>;
    recordAsEarlierRelease(artifact);
    const refused = mr.kserveManifest({ name: "mnist", version: "v1", storage: "model-registry" });
    await expect(refused).rejects.toBeInstanceOf(ConfigError);
    await expect(refused).rejects.toThrow(
      `the registry's storage initializer would not serve version "v1": the artifact's URI s3://models/mnist/v1/?endpoint=http://s3.test&defaultRegion=us-east-1 carries a query (the ?endpoint=… form older releases of this client and the Python client record), which KServe's S3 provider would take as part of the key: register the files again as a new version (registerModel now records the plain URI, and the store's address as custom properties), or update model artifact ${artifact.id} to the URI s3://models/mnist/v1/ with the custom properties s3_endpoint=http://s3.test, s3_region=us-east-1; or use storage style auto or uri`,
    );
    // The other styles still serve it: the URI without its registry-only query.
    const uri = await mr.kserveManifest({ name: "mnist", version: "v1", storage: "uri" });
    expect(uri.spec.predictor.model.storageUri).toBe("s3://models/mnist/v1/");
  });

  it("refuses any other query too, which KServe would read as part of the key", async () => {
    (registry.artifacts[0] as Record<string, unknown>).uri = "https://example.com/model.onnx?sig=abc";
    await expect(
      mr.kserveManifest({ name: "mnist", version: "v1", storage: "model-registry" }),
    ).rejects.toThrow(
      /carries a query, which KServe's S3 provider would take as part of the key: use storage style auto or uri$/,
    );
  });
});
