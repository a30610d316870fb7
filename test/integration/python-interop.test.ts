// Interoperability with the official Python client, both directions: 0.3.18 (API v1) against the v1 server, 0.3.14
// (API v1alpha3) against the release. What one writes, the other reads back the same.
import { beforeAll, describe, expect, it } from "vitest";
import { ModelRegistry, UploadError } from "../../src/index.js";
import { tempDir, writeTree } from "../support/model-files.js";
import { installPythonClient, pythonClient } from "../support/python-client.js";
import { stackEnv, stackSetting } from "../support/stack-env.js";
import { uniqueName } from "../support/unique.js";

const PAIRS = [
  { python: "0.3.18", server: "the v1 server", url: stackEnv().MODEL_REGISTRY_V1_URL },
  { python: "0.3.14", server: "the release", url: stackSetting("MODEL_REGISTRY_URL") },
].filter((pair): pair is { python: string; server: string; url: string } => pair.url !== undefined);

const s3 = {
  endpoint: stackSetting("AWS_S3_ENDPOINT"),
  bucket: stackSetting("AWS_S3_BUCKET"),
  credentials: {
    accessKeyId: stackSetting("AWS_ACCESS_KEY_ID"),
    secretAccessKey: stackSetting("AWS_SECRET_ACCESS_KEY"),
  },
};
const s3Env = {
  AWS_ACCESS_KEY_ID: s3.credentials.accessKeyId,
  AWS_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
  AWS_DEFAULT_REGION: "us-east-1",
};
const METADATA = { accuracy: 0.98, epochs: 10, framework: "onnx", validated: true };

describe.each(PAIRS)("Python client $python and ours on $server", ({ python, url }) => {
  const py = pythonClient(python);
  beforeAll(() => installPythonClient(python), 300_000);
  const mr = new ModelRegistry({ url, author: "ts-interop", storage: s3 });

  it("what we write (upload, every artifact field, custom properties, archived state) Python reads the same", async () => {
    const name = uniqueName("ts-to-py");
    const dir = await tempDir();
    await writeTree(dir, { "model.onnx": "weights", "config.json": "{}" });
    const result = await mr.registerModel({
      name,
      version: "v1",
      artifact: dir,
      modelFormat: { name: "onnx", version: "1" },
      description: "written by TypeScript",
      modelDescription: "the model",
      owner: "ts-owner",
      metadata: { ...METADATA, layers: { hidden: [64, 32], activation: "relu" } },
      lineage: false,
      storageKey: "connection",
      storagePath: "models/v1",
      serviceAccountName: "sa-ts",
      modelSourceKind: "kfp",
      modelSourceClass: "pipelinerun",
      modelSourceGroup: "ns",
      modelSourceId: "run-1",
      modelSourceName: "train",
    });
    await mr.modelVersions.archive(result.modelVersion.id);
    const seen = await py(["read", url, name, "v1"]);
    expect(seen.model).toMatchObject({ name, owner: "ts-owner", description: "the model", state: "LIVE" });
    expect(seen.version).toMatchObject({
      name: "v1",
      author: "ts-interop",
      description: "written by TypeScript",
      state: "ARCHIVED",
    });
    expect(seen.version.custom_properties).toMatchObject(METADATA);
    // Python returns a struct as the JSON text the server sends (see the README's Compatibility section).
    expect(JSON.parse(String(seen.version.custom_properties.layers))).toEqual({
      hidden: [64, 32],
      activation: "relu",
    });
    expect(seen.artifact).toMatchObject({
      uri: result.uri,
      model_format_name: "onnx",
      model_format_version: "1",
      storage_key: "connection",
      storage_path: "models/v1",
      service_account_name: "sa-ts",
      model_source_kind: "kfp",
      model_source_class: "pipelinerun",
      model_source_group: "ns",
      model_source_id: "run-1",
      model_source_name: "train",
    });
    expect(seen.artifact.custom_properties).toMatchObject({
      model_manifest_sha256: result.manifest?.digest,
      model_file_count: 2,
    });
  });

  it("what Python writes (register_model, an S3 upload, an archive) we read the same; verify says it has no manifest", async () => {
    const name = uniqueName("py-to-ts");
    const dir = await tempDir();
    await writeTree(dir, { "model.onnx": "python weights" });
    const written = await py(["write", url, name, "v1", dir, s3.bucket, s3.endpoint], s3Env);
    const model = await mr.registeredModels.find({ name });
    expect(model).toMatchObject({ name, owner: written.model.owner });
    const uploaded = await mr.modelVersions.find({ name: "v1", registeredModelId: model?.id ?? "" });
    expect(uploaded?.customProperties).toEqual(METADATA);
    const byUri = await mr.modelVersions.find({ name: "v1-uri", registeredModelId: model?.id ?? "" });
    expect(byUri).toMatchObject({ state: "ARCHIVED", description: "by uri" });
    const artifacts = await mr.modelVersions
      .artifacts(byUri?.id ?? "")
      .list()
      .toArray();
    expect(artifacts[0]).toMatchObject({
      uri: `s3://${s3.bucket}/${name}/by-uri/`,
      modelFormatName: "onnx",
      storageKey: "connection",
      storagePath: "models/by-uri",
      serviceAccountName: "sa-python",
      modelSourceKind: "kfp",
      modelSourceId: "run-1",
    });
    const uploadedArtifact = (
      await mr.modelVersions
        .artifacts(uploaded?.id ?? "")
        .list()
        .toArray()
    )[0] as { uri?: string } | undefined;
    expect(uploadedArtifact?.uri).toBe(written.artifact.uri);
    const verify = mr.verifyModel({ name, version: "v1" });
    await expect(verify).rejects.toBeInstanceOf(UploadError);
    await expect(verify).rejects.toThrow(
      /was not uploaded by registerModel: it has no manifest to check against/,
    );
  });
});
