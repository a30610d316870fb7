import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ModelRegistry, UploadError, VersionConflictError } from "../../../../src/index.js";
import { loadWorkflows, MODEL, memoryWorkflow, modelFolder } from "../../../support/memory-workflow.js";

let registry: ReturnType<typeof memoryWorkflow>["registry"];
let s3: ReturnType<typeof memoryWorkflow>["s3"];
let client: ReturnType<typeof memoryWorkflow>["client"];
let mr: ModelRegistry;

beforeAll(loadWorkflows);

beforeEach(() => {
  ({ registry, s3, client } = memoryWorkflow());
  mr = client();
});

const folder = modelFolder;
const puts = () =>
  s3.writes().filter((line) => line.startsWith("PUT") && !line.includes(".model-upload-claim"));

describe("registerModel uploading a folder", () => {
  it("uploads every file and a manifest under <name>/<version>, then creates the three entities", async () => {
    const result = await mr.registerModel({ name: "mnist", version: "v1", path: folder(MODEL) });
    expect(result.status).toBe("created");
    // The plain URI (KServe's S3 provider reads it as it is); where the store is, in the artifact's properties.
    expect(result.uri).toBe("s3://models/mnist/v1/");
    expect(puts().sort()).toEqual([
      "PUT /models/mnist/v1/.model-manifest.json",
      "PUT /models/mnist/v1/config/labels.txt",
      "PUT /models/mnist/v1/model.onnx",
    ]);
    expect(s3.objects.get("mnist/v1/model.onnx")?.body.toString()).toBe("weights-v1");
    expect(result.manifest).toMatchObject({ fileCount: 2, totalBytes: 16 });
    expect(result.modelArtifact.customProperties).toMatchObject({
      model_file_count: 2,
      model_size_bytes: 16,
      model_manifest_sha256: result.manifest?.digest,
      model_manifest_uri: "s3://models/mnist/v1/.model-manifest.json",
      s3_endpoint: "http://s3.test",
      s3_region: "us-east-1",
    });
    expect(result.modelArtifact.uri).toBe(result.uri);
    expect([...s3.objects.keys()]).not.toContain("mnist/v1/.model-upload-claim"); // released once registered
    expect(registry.models).toHaveLength(1);
    expect(registry.artifacts).toHaveLength(1);
  });

  it("is unchanged when run again with the same content: no upload, no create", async () => {
    const dir = folder(MODEL);
    await mr.registerModel({ name: "mnist", version: "v1", path: dir });
    s3.log.length = 0;
    registry.log.length = 0;
    const again = await mr.registerModel({ name: "mnist", version: "v1", path: dir });
    expect(again.status).toBe("unchanged");
    expect(s3.writes()).toEqual([]);
    expect(registry.log.every((line) => line.startsWith("GET"))).toBe(true);
  });

  it("refuses other content for a registered version before writing anything, naming both digests", async () => {
    await mr.registerModel({ name: "mnist", version: "v1", path: folder(MODEL) });
    s3.log.length = 0;
    const failure = mr.registerModel({
      name: "mnist",
      version: "v1",
      path: folder({ "model.onnx": "weights-v2" }),
    });
    await expect(failure).rejects.toBeInstanceOf(VersionConflictError);
    const error = (await failure.catch((e: unknown) => e)) as VersionConflictError;
    expect(error.existingDigest).not.toBe(error.newDigest);
    expect(s3.writes()).toEqual([]);
    expect(s3.objects.get("mnist/v1/model.onnx")?.body.toString()).toBe("weights-v1");
  });

  it("completes a version an interrupted run left without its artifact, without uploading stored files again", async () => {
    const dir = folder(MODEL);
    // The first run stores the files, then the artifact's create fails on every attempt.
    registry.fail(4);
    registry.fail(5);
    registry.fail(6);
    await expect(mr.registerModel({ name: "mnist", version: "v1", path: dir })).rejects.toThrow();
    expect(registry.versions).toHaveLength(1);
    expect(registry.artifacts).toHaveLength(0);
    s3.log.length = 0;
    const rerun = await mr.registerModel({ name: "mnist", version: "v1", path: dir });
    expect(rerun.status).toBe("completed");
    expect(puts()).toEqual([]); // the files and the manifest were stored already
    expect(registry.artifacts).toHaveLength(1);
  });

  it("refuses a new version whose prefix already holds other files, writing nothing", async () => {
    s3.objects.set("mnist/v1/someone-else.bin", {
      body: Buffer.from("x"),
      etag: '"x"',
      lastModified: new Date(),
    });
    await expect(mr.registerModel({ name: "mnist", version: "v1", path: folder(MODEL) })).rejects.toThrow(
      /already holds/,
    );
    expect(puts()).toEqual([]);
    expect(registry.versions).toHaveLength(0);
  });

  it("uploads a file larger than a part in parts, and the stored object is the whole file", async () => {
    const big = Buffer.alloc(6 * 1024 * 1024 + 123, 7);
    const result = await mr.registerModel({
      name: "big",
      version: "v1",
      path: folder({ "weights.bin": big }),
      storage: { partSize: 5 * 1024 * 1024, concurrency: 2 },
    });
    expect(result.status).toBe("created");
    expect(s3.log.filter((l) => l.includes("weights.bin?partNumber"))).toHaveLength(2);
    expect(s3.objects.get("big/v1/weights.bin")?.body.equals(big)).toBe(true);
    expect(s3.uploads.size).toBe(0);
  });

  it("aborts the open multipart upload when a part fails for good, and leaves no entity", async () => {
    s3.failWhen((line) => line.startsWith("PUT") && line.includes("partNumber"));
    // No retries: one failed upload, then the abort (which waits 250 ms before checking the storage let it go).
    const failure = client(false).registerModel({
      name: "big",
      version: "v1",
      path: folder({ "weights.bin": Buffer.alloc(6 * 1024 * 1024, 1) }),
      storage: { partSize: 5 * 1024 * 1024 },
    });
    await expect(failure).rejects.toBeInstanceOf(UploadError);
    expect(s3.log.some((l) => l.startsWith("DELETE") && l.includes("uploadId"))).toBe(true);
    expect(s3.uploads.size).toBe(0);
    expect(registry.artifacts).toHaveLength(0);
  });
});

describe("storage options and paths that cannot work are refused before anything is sent", () => {
  it.each([
    [
      "partSize NaN",
      { partSize: Number.NaN },
      /partSize in this call's storage must be a whole number of at least 1 \(bytes\), not NaN/,
    ],
    ["partSize as text", { partSize: "8MiB" as unknown as number }, /partSize .* not "8MiB"/],
    [
      "concurrency 0",
      { concurrency: 0 },
      /concurrency in this call's storage must be a whole number of at least 1, not 0/,
    ],
    ["concurrency 1.5", { concurrency: 1.5 }, /not 1\.5/],
  ])("registerModel with %s", async (_name, storage, message) => {
    await expect(
      mr.registerModel({ name: "mnist", version: "v1", path: folder(MODEL), storage }),
    ).rejects.toThrow(message);
    expect(registry.log).toEqual([]);
    expect(s3.log).toEqual([]);
  });

  it("a client with a storage concurrency of 0 is refused when it is made", () => {
    expect(() => new ModelRegistry({ url: "http://registry.test", storage: { concurrency: 0 } })).toThrow(
      /concurrency in the storage option must be a whole number of at least 1, not 0/,
    );
  });

  it("verifyModel refuses a bad concurrency; downloadModel refuses an empty path instead of only verifying", async () => {
    await expect(
      mr.verifyModel({ name: "mnist", version: "v1", storage: { concurrency: -1 } }),
    ).rejects.toThrow(/concurrency in this call's storage/);
    await expect(mr.downloadModel({ name: "mnist", version: "v1", path: "" })).rejects.toThrow(
      /downloadModel needs path: the local folder to download into/,
    );
    expect(registry.log).toEqual([]);
  });
});

describe("planRegisterModel (mr-cli register --dry-run)", () => {
  it("says created for a new version, unchanged once it is registered, and writes nothing either time", async () => {
    const dir = folder(MODEL);
    const first = await mr.planRegisterModel({ name: "mnist", version: "v1", path: dir });
    expect(first).toMatchObject({
      status: "created",
      registeredModel: "create",
      files: { count: 2, bytes: 16 },
    });
    expect(first.uri).toBe("s3://models/mnist/v1/");
    expect(first.storage?.endpoint).toBe("http://s3.test (the storage.client option)"); // where, beside the URI
    expect(s3.writes()).toEqual([]);
    expect(registry.log.every((line) => line.startsWith("GET"))).toBe(true);
    await mr.registerModel({ name: "mnist", version: "v1", path: dir });
    s3.log.length = 0;
    registry.log.length = 0;
    expect((await mr.planRegisterModel({ name: "mnist", version: "v1", path: dir })).status).toBe(
      "unchanged",
    );
    expect(s3.writes()).toEqual([]);
    expect(registry.log.every((line) => line.startsWith("GET"))).toBe(true);
  });

  it("refuses what the real run refuses: other content for a registered version, a folder holding other files", async () => {
    await mr.registerModel({ name: "mnist", version: "v1", path: folder(MODEL) });
    await expect(
      mr.planRegisterModel({ name: "mnist", version: "v1", path: folder({ "model.onnx": "other" }) }),
    ).rejects.toBeInstanceOf(VersionConflictError);
    s3.objects.set("mnist/v2/someone-else.bin", {
      body: Buffer.from("x"),
      etag: '"x"',
      lastModified: new Date(),
    });
    await expect(mr.planRegisterModel({ name: "mnist", version: "v2", path: folder(MODEL) })).rejects.toThrow(
      /already holds other files/,
    );
  });
});
