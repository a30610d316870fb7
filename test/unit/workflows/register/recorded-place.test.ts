// Where an S3 upload is recorded: the plain URI KServe reads, with the store's address as the artifact's s3_endpoint
// and s3_region properties; and versions earlier releases recorded with that address in the URI's ?endpoint= query,
// which re-runs must still find unchanged.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ModelArtifact } from "../../../../src/client/entities.js";
import { type ModelRegistry, VersionConflictError } from "../../../../src/index.js";
import { s3SignaturePlace } from "../../../../src/storage/s3/s3-signature.js";
import {
  loadWorkflows,
  MODEL,
  memoryWorkflow,
  modelFolder,
  recordAsEarlierRelease,
} from "../../../support/memory-workflow.js";

let registry: ReturnType<typeof memoryWorkflow>["registry"];
let s3: ReturnType<typeof memoryWorkflow>["s3"];
let mr: ModelRegistry;

beforeAll(loadWorkflows);

beforeEach(() => {
  const made = memoryWorkflow();
  ({ registry, s3 } = made);
  mr = made.client();
});

const OLD_URI = "s3://models/mnist/v1/?endpoint=http://s3.test&defaultRegion=us-east-1";

describe("the place an S3 upload records", () => {
  it("a single file: the plain URI of the file, its manifest's plain URI, and the store as properties", async () => {
    const dir = modelFolder({ "model.onnx": "weights" });
    const result = await mr.registerModel({ name: "one", version: "v1", path: `${dir}/model.onnx` });
    expect(result.uri).toBe("s3://models/one/v1/model.onnx");
    expect(result.modelArtifact.customProperties).toMatchObject({
      model_manifest_uri: "s3://models/one/v1/.model-manifest.json",
      s3_endpoint: "http://s3.test",
      s3_region: "us-east-1",
    });
  });
});

describe("a version an earlier release recorded with ?endpoint=… in its URI", () => {
  it("re-running registerModel with the same files is unchanged: nothing written, the URI it recorded kept", async () => {
    const dir = modelFolder(MODEL);
    await mr.registerModel({ name: "mnist", version: "v1", path: dir });
    const [artifact] = registry.artifacts;
    recordAsEarlierRelease(artifact as Record<string, unknown>);
    s3.log.length = 0;
    registry.log.length = 0;
    const again = await mr.registerModel({ name: "mnist", version: "v1", path: dir });
    expect(again).toMatchObject({ status: "unchanged", uri: OLD_URI });
    expect(again.modelArtifact.customProperties).not.toHaveProperty("s3_endpoint");
    expect(s3.writes()).toEqual([]);
    expect(registry.log.every((line) => line.startsWith("GET"))).toBe(true);
    const plan = await mr.planRegisterModel({ name: "mnist", version: "v1", path: dir });
    expect(plan).toMatchObject({
      status: "unchanged",
      uri: OLD_URI,
      modelArtifact: `exists ${artifact?.id}`,
    });
    // Other content is still a conflict, whatever form the URI has.
    await expect(
      mr.registerModel({ name: "mnist", version: "v1", path: modelFolder({ "model.onnx": "other" }) }),
    ).rejects.toBeInstanceOf(VersionConflictError);
    expect(s3.writes()).toEqual([]);
  });
});

describe("where a version's signature goes: beside its manifest, in the form of the manifest's URI", () => {
  const placeOf = async (artifact: ModelArtifact) =>
    (
      await s3SignaturePlace(
        {
          env: {},
          storage: { client: s3.client, bucket: s3.bucket },
          addSecret: () => {},
          step: (step) => step(1),
        },
        { artifact, what: 'version "v1" of model "mnist"' },
      )
    ).uri;

  it("plain for a version registered now; with the query for one an earlier release registered", async () => {
    const dir = modelFolder(MODEL);
    const now = await mr.registerModel({ name: "mnist", version: "v1", path: dir });
    expect(await placeOf(now.modelArtifact)).toBe("s3://models/mnist/v1/model.sig");
    recordAsEarlierRelease(registry.artifacts[0] as Record<string, unknown>);
    const before = await mr.registerModel({ name: "mnist", version: "v1", path: dir });
    expect(await placeOf(before.modelArtifact)).toBe(
      "s3://models/mnist/v1/model.sig?endpoint=http://s3.test&defaultRegion=us-east-1",
    );
  });
});

describe("registering a URI as is: one place, however its store's address is spelled", () => {
  it("the ?endpoint=…&defaultRegion=… spelling of an upload recorded plain with the properties is unchanged", async () => {
    const uploaded = await mr.registerModel({ name: "mnist", version: "v1", path: modelFolder(MODEL) });
    registry.log.length = 0;
    const again = await mr.registerModel({ name: "mnist", version: "v1", uri: OLD_URI });
    expect(again).toMatchObject({ status: "unchanged", uri: "s3://models/mnist/v1/" });
    expect(again.modelArtifact.id).toBe(uploaded.modelArtifact.id);
    expect(registry.log.every((line) => line.startsWith("GET"))).toBe(true);
    // The plain URI it recorded, as is: the same text.
    expect((await mr.registerModel({ name: "mnist", version: "v1", uri: uploaded.uri })).status).toBe(
      "unchanged",
    );
  });

  it("another endpoint, region, bucket or key is another place: a VersionConflictError naming both", async () => {
    await mr.registerModel({ name: "mnist", version: "v1", path: modelFolder(MODEL) });
    for (const uri of [
      "s3://models/mnist/v1/?endpoint=http://other.test&defaultRegion=us-east-1",
      "s3://models/mnist/v1/?endpoint=http://s3.test&defaultRegion=eu-west-1",
      "s3://models/mnist/v1/?endpoint=http://s3.test",
      "s3://models/mnist/v2/?endpoint=http://s3.test&defaultRegion=us-east-1",
      "s3://other/mnist/v1/?endpoint=http://s3.test&defaultRegion=us-east-1",
    ]) {
      const failure = mr.registerModel({ name: "mnist", version: "v1", uri });
      await expect(failure, uri).rejects.toBeInstanceOf(VersionConflictError);
      await expect(failure, uri).rejects.toThrow(`already registered at s3://models/mnist/v1/, not ${uri}`);
    }
  });

  it("a version an earlier release recorded with the query is unchanged for the same text, a conflict for the plain URI", async () => {
    await mr.registerModel({ name: "mnist", version: "v1", path: modelFolder(MODEL) });
    recordAsEarlierRelease(registry.artifacts[0] as Record<string, unknown>);
    expect((await mr.registerModel({ name: "mnist", version: "v1", uri: OLD_URI })).status).toBe("unchanged");
    // The plain URI says nothing of the store: it is not what the version recorded (as before).
    await expect(
      mr.registerModel({ name: "mnist", version: "v1", uri: "s3://models/mnist/v1/" }),
    ).rejects.toBeInstanceOf(VersionConflictError);
  });
});
