// Interoperability with the official Python client, both directions: 0.3.18 (API v1) against the v1 server, 0.3.14
// (API v1alpha3) against the release. What one writes, the other reads back the same, field by field; the table of
// fields compared is kept under .cache/interop/.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ModelRegistry, UploadError } from "../../src/index.js";
import { json, mrCli } from "../support/cli.js";
import { compareEntity, type InteropRow, writeInteropTable } from "../support/interop-table.js";
import { tempDir, writeTree } from "../support/model-files.js";
import { installPythonClient, pythonClient } from "../support/python-client.js";
import { S3_SERVERS, storageOf } from "../support/s3.js";
import { stackEnv, stackSetting } from "../support/stack-env.js";
import { uniqueName } from "../support/unique.js";

const PAIRS = [
  { python: "0.3.18", server: "the v1 server", url: stackEnv().MODEL_REGISTRY_V1_URL },
  { python: "0.3.14", server: "the release", url: stackSetting("MODEL_REGISTRY_URL") },
].filter((pair): pair is { python: string; server: string; url: string } => pair.url !== undefined);

const s3 = storageOf(S3_SERVERS[0]); // moto
const s3Env = {
  AWS_ACCESS_KEY_ID: s3.credentials.accessKeyId,
  AWS_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
  AWS_DEFAULT_REGION: "us-east-1",
};
const METADATA = { accuracy: 0.98, epochs: 10, framework: "onnx", validated: true };

const ARTIFACT_FIELDS = [
  "uri",
  "modelFormatName",
  "modelFormatVersion",
  "storageKey",
  "storagePath",
  "serviceAccountName",
  "modelSourceKind",
  "modelSourceClass",
  "modelSourceGroup",
  "modelSourceId",
  "modelSourceName",
].map((field) => `ModelArtifact.${field}`);
const METADATA_FIELDS = Object.keys(METADATA).map((key) => `ModelVersion.customProperties.${key}`);
const compared = (rows: InteropRow[]) => rows.map((row) => `${row.entity}.${row.field}`);

describe.each(PAIRS)("Python client $python and ours on $server", ({ python, server, url }) => {
  const py = pythonClient(python);
  beforeAll(() => installPythonClient(python), 300_000);
  const mr = new ModelRegistry({ url, author: "ts-interop", storage: s3 });
  const table: InteropRow[] = [];
  afterAll(() => {
    writeInteropTable(`python-${python}-${server.replaceAll(" ", "-")}`, table);
  });

  it("what we write (upload, every artifact field, custom properties, archived state) Python reads the same", async () => {
    const name = uniqueName("ts-to-py");
    const dir = await tempDir();
    await writeTree(dir, { "model.onnx": "weights", "config.json": "{}" });
    const result = await mr.registerModel({
      name,
      version: "v1",
      path: dir,
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
    const seen = await py(["read", url, name, "v1"], s3Env);
    const { version, artifact, files } = seen.versions.v1 ?? expect.fail("Python read no version v1");
    const direction = { writtenBy: "TypeScript", readBy: `Python ${python}` };
    const rows = [
      ...compareEntity("RegisteredModel", direction, seen.model, result.registeredModel),
      ...compareEntity(
        "ModelVersion",
        direction,
        version,
        await mr.modelVersions.get(result.modelVersion.id),
      ),
      ...compareEntity("ModelArtifact", direction, artifact, result.modelArtifact),
    ];
    table.push(...rows);
    expect(rows.filter((row) => !row.equal)).toEqual([]);
    expect(compared(rows)).toEqual(
      expect.arrayContaining([
        "RegisteredModel.name",
        "RegisteredModel.owner",
        "RegisteredModel.description",
        "ModelVersion.author",
        "ModelVersion.description",
        "ModelVersion.state",
        "ModelVersion.customProperties.layers",
        "ModelArtifact.customProperties.model_manifest_sha256",
        ...METADATA_FIELDS,
        ...ARTIFACT_FIELDS,
      ]),
    );
    // Equal on both sides, and what was written.
    expect(version).toMatchObject({
      state: "ARCHIVED",
      author: "ts-interop",
      description: "written by TypeScript",
    });
    // The plain URI, and the store as custom properties, which Python reads as it reads any.
    expect(result.uri).toBe(`s3://${s3.bucket}/${name}/v1/`);
    expect(artifact).toMatchObject({
      uri: result.uri,
      storage_key: "connection",
      model_source_name: "train",
      custom_properties: expect.objectContaining({ s3_endpoint: s3.endpoint, s3_region: "us-east-1" }),
    });
    // The uploaded files, listed by Python's boto3 at the endpoint the s3_endpoint property records.
    expect(files).toMatchObject({ "model.onnx": 7, "config.json": 2 });
  });

  it("what Python writes (register_model, an S3 upload, update with archive and description) we read the same; verify says it has no manifest", async () => {
    const name = uniqueName("py-to-ts");
    const dir = await tempDir();
    await writeTree(dir, { "model.onnx": "python weights" });
    const written = await py(["write", url, name, "v1", dir, s3.bucket, s3.endpoint], s3Env);
    const direction = { writtenBy: `Python ${python}`, readBy: "TypeScript" };
    const model = await mr.registeredModels.find({ name });
    const rows = compareEntity("RegisteredModel", direction, written.model, model ?? {});
    for (const [versionName, seen] of Object.entries(written.versions)) {
      const version = await mr.modelVersions.find({ name: versionName, registeredModelId: model?.id ?? "" });
      const artifacts = await mr.modelVersions
        .artifacts(version?.id ?? "")
        .list()
        .toArray();
      rows.push(
        ...compareEntity("ModelVersion", direction, seen.version, version ?? {}),
        ...compareEntity("ModelArtifact", direction, seen.artifact, artifacts[0] ?? {}),
      );
    }
    table.push(...rows);
    expect(rows.filter((row) => !row.equal)).toEqual([]);
    expect(compared(rows)).toEqual(
      expect.arrayContaining([
        "RegisteredModel.owner",
        "RegisteredModel.description",
        "ModelVersion.state",
        "ModelVersion.description",
        "ModelVersion.author",
        ...METADATA_FIELDS,
        ...ARTIFACT_FIELDS,
      ]),
    );
    expect(written.model).toMatchObject({ owner: "py-owner", description: "written by Python" });
    expect(written.versions["v1-uri"]?.version).toMatchObject({ state: "ARCHIVED", description: "by uri" });
    expect(written.versions["v1-uri"]?.artifact).toMatchObject({ service_account_name: "sa-python" });
    // Python's upload, recorded in its own form (the store in the URI's query): we download the bytes it stored, at
    // the endpoint that query names, and verify says plainly that there is nothing to check.
    const pythonUri = String(written.versions.v1?.artifact.uri);
    expect(pythonUri.startsWith(`s3://${s3.bucket}/${name}/v1`)).toBe(true);
    expect(pythonUri).toContain(`?endpoint=${s3.endpoint}`);
    expect(written.versions.v1?.files).toEqual({ "model.onnx": 14 });
    const out = await tempDir();
    const downloaded = await mr.downloadModel({ name, version: "v1", path: out });
    expect(await readFile(join(out, "model.onnx"), "utf8")).toBe("python weights");
    expect(downloaded).toMatchObject({
      ok: true,
      recorded: false,
      manifest: { fileCount: 1, totalBytes: 14 },
    });
    expect(downloaded.manifest.files[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
    const cli = await mrCli(["download", name, "v1", await tempDir(), "-o", "json"], {
      MODEL_REGISTRY_URL: url,
    });
    expect(json(cli)).toMatchObject({ ok: true, recorded: false, fileCount: 1 });
    const verify = mr.verifyModel({ name, version: "v1" });
    await expect(verify).rejects.toBeInstanceOf(UploadError);
    await expect(verify).rejects.toThrow(
      /was not uploaded by registerModel: it has no manifest to check against/,
    );
  });
});
