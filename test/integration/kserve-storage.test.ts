// A model we register is one KServe's storage initializer downloads: the manifest's storageUri is handed to KServe's
// own storage code (PyPI kserve-storage, pinned), run as the initializer runs it, with the environment the cluster's S3
// secret gives it, against the stack's versitygw (which checks signatures). Every file arrives byte-identical.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { ModelRegistry } from "../../src/index.js";
import { ROOT } from "../support/jupyter.js";
import { filesUnder } from "../support/model-files.js";
import { S3_SERVERS } from "../support/s3.js";
import { stackSetting } from "../support/stack-env.js";
import { uniqueName } from "../support/unique.js";

const run = promisify(execFile);
const KSERVE_STORAGE = "0.21.0";
const VENV = join(ROOT, ".cache", `py-kserve-storage-${KSERVE_STORAGE}`);
const PYTHON = join(VENV, "bin", "python");
const SCRIPT = join(ROOT, "test", "interop", "kserve_storage_download.py");
const MINUTE = 60_000;

beforeAll(async () => {
  if (existsSync(PYTHON)) return;
  await run(process.env.PYTHON ?? "python3", ["-m", "venv", VENV]);
  await run(
    PYTHON,
    ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", `kserve-storage==${KSERVE_STORAGE}`],
    {
      timeout: 10 * MINUTE,
    },
  );
}, 12 * MINUTE);
const server = S3_SERVERS[1]; // versitygw

/** A model folder of two files (one in a subfolder), registered on the stack's versitygw. */
async function registered(extra: { storageKey?: string; storagePath?: (name: string) => string } = {}) {
  const endpoint = stackSetting(server.endpoint);
  const bucket = stackSetting(server.bucket);
  const credentials = { accessKeyId: stackSetting(server.key), secretAccessKey: stackSetting(server.secret) };
  const mr = new ModelRegistry({
    url: stackSetting("MODEL_REGISTRY_URL"),
    storage: { endpoint, bucket, credentials },
    env: {},
  });
  const model = mkdtempSync(join(tmpdir(), "mr-kserve-model-"));
  mkdirSync(join(model, "1"));
  writeFileSync(
    join(model, "1", "model.onnx"),
    Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256)),
  );
  writeFileSync(join(model, "labels.txt"), "zero\none\ntwo\n");
  const name = uniqueName("kserve-storage");
  const result = await mr.registerModel({
    name,
    version: "v1",
    path: model,
    modelFormat: { name: "onnx", version: "1" },
    storageKey: extra.storageKey,
    storagePath: extra.storagePath?.(name),
  });
  return { mr, name, model, endpoint, bucket, credentials, result };
}

/** Runs KServe's storage code on `uri` with only `env` (what the cluster gives the initializer container); the files
 * it wrote, by relative path. */
async function kserveDownload(uri: string, env: Record<string, string>): Promise<Record<string, Buffer>> {
  const out = mkdtempSync(join(tmpdir(), "mr-kserve-out-"));
  const { stdout } = await run(PYTHON, [SCRIPT, uri, out], {
    env: { PATH: process.env.PATH ?? "", HOME: out, ...env },
    timeout: 3 * MINUTE,
  });
  return filesUnder(JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}").path);
}

/** Every file of the model arrived byte-identical, and besides them only the manifest we store next to them. */
function expectSameModel(downloaded: Record<string, Buffer>, model: string) {
  const uploaded = filesUnder(model);
  for (const [path, bytes] of Object.entries(uploaded))
    expect(downloaded[path]?.equals(bytes), path).toBe(true);
  expect(Object.keys(downloaded).sort()).toEqual([...Object.keys(uploaded), ".model-manifest.json"].sort());
}

describe("KServe's storage initializer (kserve-storage) downloads what we registered", () => {
  it(
    "from the manifest's storageUri, with the environment a cluster's S3 secret gives: byte-identical",
    async () => {
      const { mr, name, model, endpoint, credentials } = await registered();
      const uri = (await mr.kserveManifest({ name, version: "v1" })).spec.predictor.model.storageUri ?? "";
      expect(uri).toMatch(/^s3:\/\/[^?]+\/$/); // plain: no query for KServe to read as part of the key
      const downloaded = await kserveDownload(uri, {
        AWS_ACCESS_KEY_ID: credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
        AWS_ENDPOINT_URL: endpoint,
        AWS_DEFAULT_REGION: "us-east-1",
        S3_VERIFY_SSL: "0",
      });
      expectSameModel(downloaded, model);
    },
    5 * MINUTE,
  );

  it(
    "from the artifact's URI exactly as recorded, which the registry's model-registry:// initializer passes on: byte-identical",
    async () => {
      const { mr, name, model, endpoint, credentials, result } = await registered();
      // The upstream initializer (kubeflow/hub cmd/csi) resolves model-registry://<model>/<version> to the version's
      // newest artifact and passes its URI, exactly as stored, to KServe's Go S3 provider, which would keep a query in
      // the key prefix: the URI must be plain. KServe's Python storage code reads that same URI here.
      const manifest = await mr.kserveManifest({ name, version: "v1", storage: "model-registry" });
      expect(manifest.spec.predictor.model.storageUri).toBe(`model-registry://${name}/v1`);
      const [newest] = await mr.modelVersions
        .artifacts(result.modelVersion.id)
        .list({ orderBy: "CREATE_TIME", sortOrder: "DESC", limit: 1 })
        .toArray();
      expect(newest?.id).toBe(result.modelArtifact.id);
      expect(result.modelArtifact.customProperties).toMatchObject({ s3_endpoint: endpoint });
      const env = {
        AWS_ACCESS_KEY_ID: credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
        AWS_ENDPOINT_URL: endpoint,
        AWS_DEFAULT_REGION: "us-east-1",
        S3_VERIFY_SSL: "0",
      };
      expectSameModel(await kserveDownload(result.modelArtifact.uri ?? "", env), model);
    },
    5 * MINUTE,
  );

  it(
    "from the manifest's storage {key, path}, as KServe resolves it with the storage-config secret: byte-identical",
    async () => {
      const { mr, name, model, endpoint, bucket, credentials } = await registered({
        storageKey: "models-connection",
        storagePath: (n) => `${n}/v1`,
      });
      const storage = (await mr.kserveManifest({ name, version: "v1" })).spec.predictor.model.storage;
      expect(storage).toEqual({ key: "models-connection", path: `${name}/v1` });
      // KServe's webhook (pkg/credentials): the initializer gets STORAGE_CONFIG, the JSON under `key` in the
      // storage-config secret, and the URI <type>://<bucket>/<path>.
      const config = {
        type: "s3",
        access_key_id: credentials.accessKeyId,
        secret_access_key: credentials.secretAccessKey,
        endpoint_url: endpoint,
        bucket,
        region: "us-east-1",
        verify_ssl: "0",
      };
      const uri = `s3://${bucket}/${storage?.path}`;
      expectSameModel(await kserveDownload(uri, { STORAGE_CONFIG: JSON.stringify(config) }), model);
    },
    5 * MINUTE,
  );
});
