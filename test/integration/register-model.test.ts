import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import {
  ConfigError,
  ConnectionError,
  ModelRegistry,
  type ProgressEvent,
  UploadError,
  VersionConflictError,
} from "../../src/index.js";
import { buildManifest, hashFile, manifestDigest, serializeManifest } from "../../src/storage/manifest.js";
import { walkFiles } from "../../src/storage/walk-files.js";
import { bigFile, nestedModel, tempDir, writeTree } from "../support/model-files.js";
import { STACK_REGISTRIES, stackRegistry } from "../support/registry.js";
import { countingClient, keysUnder, openMultipartUploads, S3_SERVERS, writes } from "../support/s3.js";
import { stackSetting } from "../support/stack-env.js";
import { uniqueName } from "../support/unique.js";

describe.each(STACK_REGISTRIES)("on the $label", ({ url }) => {
  const mr = stackRegistry(url);

  describe.each(S3_SERVERS)("registerModel on $label", (server) => {
    const storage = () => {
      const counted = countingClient(server);
      return { ...counted, options: { client: counted.client, bucket: counted.bucket } };
    };

    it("uploads a single file and registers model, version and artifact with its manifest", async () => {
      const dir = await tempDir();
      await writeTree(dir, { "model.onnx": "onnx-bytes" });
      const name = uniqueName("single");
      const s3 = storage();
      const events: ProgressEvent[] = [];
      const result = await mr.registerModel({
        name,
        version: "v1",
        path: join(dir, "model.onnx"),
        storage: s3.options,
        modelFormat: { name: "onnx", version: "1" },
        description: "first",
        metadata: { accuracy: 0.91 },
        lineage: { source_commit: "abc123" },
        onProgress: (event) => events.push(event),
      });
      expect(result.status).toBe("created");
      // The plain URI, which KServe's S3 provider reads as it is; where the store is, as the artifact's properties,
      // so that anyone can reach the files from the registry.
      expect(result.uri).toBe(`s3://${s3.bucket}/${name}/v1/model.onnx`);
      expect(result.registeredModel.name).toBe(name);
      expect(result.modelVersion).toMatchObject({
        name: "v1",
        description: "first",
        customProperties: { accuracy: 0.91, source_commit: "abc123" },
      });
      expect(result.modelArtifact).toMatchObject({
        uri: result.uri,
        modelFormatName: "onnx",
        modelFormatVersion: "1",
        state: "LIVE",
        name,
      });
      expect(result.modelArtifact.customProperties).toMatchObject({
        model_file_count: 1,
        model_size_bytes: 10,
        model_manifest_sha256: result.manifest?.digest,
        model_manifest_uri: `s3://${s3.bucket}/${name}/v1/.model-manifest.json`,
        s3_endpoint: s3.endpoint,
        s3_region: "us-east-1",
      });
      expect(await keysUnder(s3.client, s3.bucket, `${name}/`)).toEqual([
        `${name}/v1/.model-manifest.json`,
        `${name}/v1/model.onnx`,
      ]);
      expect(events.filter((e) => e.type === "phase").map((e) => (e as { phase: string }).phase)).toEqual([
        "checking",
        "uploading",
        "registering",
        "done",
      ]);
      expect(events.some((e) => e.type === "file" && e.file === "model.onnx")).toBe(true);
    });

    it("uploads a nested folder of 60 files (empty and non-ASCII names included), then downloads and verifies it", async () => {
      const dir = await nestedModel("tree");
      const name = uniqueName("tree");
      const s3 = storage();
      const result = await mr.registerModel({ name, version: "v1", path: dir, storage: s3.options });
      expect(result.uri).toBe(`s3://${s3.bucket}/${name}/v1/`);
      expect(result.manifest?.fileCount).toBe(60);
      const keys = await keysUnder(s3.client, s3.bucket, `${name}/v1/`);
      expect(keys).toHaveLength(61);
      expect(keys).toContain(`${name}/v1/données/été.txt`);
      expect(keys).toContain(`${name}/v1/模型/权重.bin`);

      const out = await tempDir("mr-download-");
      const downloaded = await mr.downloadModel({
        name,
        version: "v1",
        path: out,
        storage: { client: s3.client },
      });
      expect(downloaded).toMatchObject({ ok: true, mismatches: [] });
      expect(await readFile(join(out, "模型/权重.bin"), "utf8")).toBe("weights tree");
      expect(await readFile(join(out, "empty.bin"), "utf8")).toBe("");

      await s3.client.send(
        new PutObjectCommand({ Bucket: s3.bucket, Key: `${name}/v1/données/été.txt`, Body: "tampered" }),
      );
      const verified = await mr.verifyModel({ name, version: "v1", storage: { client: s3.client } });
      expect(verified.ok).toBe(false);
      expect(verified.mismatches).toEqual([
        { path: "données/été.txt", problem: "size", expected: 11, actual: 8 },
      ]);
    });

    it("re-running with the same content reports unchanged and writes nothing", async () => {
      const dir = await nestedModel("same");
      const name = uniqueName("rerun");
      await mr.registerModel({ name, version: "v1", path: dir, storage: storage().options });
      const s3 = storage();
      const again = await mr.registerModel({ name, version: "v1", path: dir, storage: s3.options });
      expect(again.status).toBe("unchanged");
      expect(writes(s3.commands)).toEqual([]);
      expect(again.modelArtifact.id).toBeDefined();
      expect((await mr.modelVersions.artifacts(again.modelVersion.id).list().toArray()).length).toBe(1);
    });

    it("re-running on a version an earlier release recorded with ?endpoint= in its URI is unchanged; its files are read where the query says", async () => {
      const dir = await nestedModel("earlier");
      const name = uniqueName("earlier");
      const s3 = storage();
      // What an earlier release stored and recorded: the files and their manifest, then the model, the version and the
      // artifact through the lower-level client, the store's address in the query of the URIs.
      const files = (await walkFiles(dir)).files;
      const entries = [];
      for (const file of files) {
        const key = `${name}/v1/${file.relativePath}`;
        await s3.client.send(
          new PutObjectCommand({ Bucket: s3.bucket, Key: key, Body: await readFile(file.path) }),
        );
        entries.push({
          path: file.relativePath,
          size: file.size,
          sha256: (await hashFile(file.path)).sha256,
        });
      }
      const manifest = buildManifest(entries);
      await s3.client.send(
        new PutObjectCommand({
          Bucket: s3.bucket,
          Key: `${name}/v1/.model-manifest.json`,
          Body: serializeManifest(manifest),
        }),
      );
      const query = `?endpoint=${s3.endpoint}&defaultRegion=us-east-1`;
      const uri = `s3://${s3.bucket}/${name}/v1/${query}`;
      const model = await mr.registeredModels.create({ name });
      const version = await mr.registeredModels.versions(model.id).create({ name: "v1" });
      await mr.modelVersions.artifacts(version.id).upsert({
        artifactType: "model-artifact",
        name,
        uri,
        customProperties: {
          model_manifest_sha256: manifestDigest(manifest),
          model_size_bytes: manifest.totalBytes,
          model_file_count: manifest.fileCount,
          model_manifest_uri: `s3://${s3.bucket}/${name}/v1/.model-manifest.json${query}`,
        },
      });

      const counted = storage();
      const again = await mr.registerModel({ name, version: "v1", path: dir, storage: counted.options });
      expect(again).toMatchObject({ status: "unchanged", uri });
      expect(writes(counted.commands)).toEqual([]);
      expect(again.modelArtifact.customProperties).not.toHaveProperty("s3_endpoint");
      expect((await mr.modelVersions.artifacts(version.id).list().toArray()).length).toBe(1);
      // Registering its URI as is agrees.
      expect((await mr.registerModel({ name, version: "v1", uri })).status).toBe("unchanged");
      // Verify and download reach the store the query names, from a client whose own settings name none.
      const bare = new ModelRegistry({
        url,
        storage: {
          credentials: {
            accessKeyId: stackSetting(server.key),
            secretAccessKey: stackSetting(server.secret),
          },
        },
        env: {},
      });
      expect(await bare.verifyModel({ name, version: "v1" })).toMatchObject({ ok: true, recorded: true });
      const out = await tempDir("mr-earlier-");
      expect((await bare.downloadModel({ name, version: "v1", path: out })).ok).toBe(true);
      expect(await readFile(join(out, "模型/权重.bin"), "utf8")).toBe("weights earlier");
      // A manifest for the registry's model-registry:// initializer is refused, saying how to fix the version.
      await expect(mr.kserveManifest({ name, version: "v1", storage: "model-registry" })).rejects.toThrow(
        `or update model artifact ${again.modelArtifact.id} to the URI s3://${s3.bucket}/${name}/v1/ with the custom properties s3_endpoint=${s3.endpoint}, s3_region=us-east-1`,
      );
    });

    it("refuses different content for an existing version with VersionConflictError before writing anything", async () => {
      const dir = await nestedModel("first");
      const name = uniqueName("conflict");
      const first = await mr.registerModel({
        name,
        version: "v1",
        path: dir,
        storage: storage().options,
      });
      await writeFile(join(dir, "empty.bin"), "no longer empty");
      const s3 = storage();
      const failure = mr.registerModel({ name, version: "v1", path: dir, storage: s3.options });
      await expect(failure).rejects.toBeInstanceOf(VersionConflictError);
      await expect(failure).rejects.toMatchObject({ existingDigest: first.manifest?.digest });
      expect(writes(s3.commands)).toEqual([]);
    });

    it("aborts part-way and leaves no multipart upload open", async () => {
      const dir = await tempDir();
      await bigFile(join(dir, "weights.bin"), 40 * 1024 * 1024);
      const name = uniqueName("abort");
      const s3 = storage();
      const controller = new AbortController();
      const failure = mr.registerModel({
        name,
        version: "v1",
        path: dir,
        storage: { ...s3.options, partSize: 5 * 1024 * 1024, concurrency: 2 },
        signal: controller.signal,
        onProgress: (event) => {
          if (event.type === "upload") controller.abort(new Error("stop now"));
        },
      });
      await expect(failure).rejects.toThrow("stop now");
      expect(s3.commands).toContain("AbortMultipartUploadCommand");
      expect(await openMultipartUploads(s3.client, s3.bucket, `${name}/`)).toBe(0);
      expect(
        await mr.modelVersions.find({
          name: "v1",
          registeredModelId: (await mr.registeredModels.find({ name }))?.id ?? "",
        }),
      ).not.toBeNull();
    });

    it("fails with UploadError and creates nothing in the registry when the storage is unreachable", async () => {
      const dir = await tempDir();
      await writeTree(dir, { "m.bin": "x" });
      const name = uniqueName("nos3");
      const failure = mr.registerModel({
        name,
        version: "v1",
        path: dir,
        storage: {
          endpoint: "http://127.0.0.1:9",
          bucket: "models",
          credentials: { accessKeyId: "a", secretAccessKey: "b" },
        },
      });
      await expect(failure).rejects.toBeInstanceOf(UploadError);
      await expect(failure).rejects.toThrow(
        /ECONNREFUSED.*Cannot connect to http:\/\/127.0.0.1:9 \(from storage.endpoint option\)/,
      );
      expect(await mr.registeredModels.find({ name })).toBeNull();
    });

    it("completes on a re-run when the registry went away after the upload, without uploading again", async () => {
      const dir = await nestedModel("outage");
      const name = uniqueName("outage");
      let registryDown = false;
      const flaky = new ModelRegistry({
        url: stackSetting("MODEL_REGISTRY_URL"),
        retry: false,
        fetch: (request) => {
          if (registryDown)
            throw new TypeError("fetch failed", {
              cause: Object.assign(new Error("refused"), { code: "ECONNRESET" }),
            });
          return fetch(request);
        },
      });
      const failure = flaky.registerModel({
        name,
        version: "v1",
        path: dir,
        storage: storage().options,
        onProgress: (event) => {
          if (event.type === "phase" && event.phase === "registering") registryDown = true;
        },
      });
      await expect(failure).rejects.toBeInstanceOf(ConnectionError);
      await expect(failure).rejects.toThrow(/running the same call again is safe/);

      registryDown = false;
      const s3 = storage();
      const rerun = await flaky.registerModel({ name, version: "v1", path: dir, storage: s3.options });
      expect(rerun.status).toBe("completed");
      expect(writes(s3.commands)).toEqual([]);
      expect(rerun.modelArtifact.customProperties.model_file_count).toBe(60);
    });

    it("registers 8 versions of one new model concurrently: one model, 8 versions, each with its artifact", async () => {
      const name = uniqueName("parallel");
      const dirs = await Promise.all(
        Array.from({ length: 8 }, async (_, i) => {
          const dir = await tempDir();
          await writeTree(dir, { "model.bin": `version ${i}` });
          return dir;
        }),
      );
      const results = await Promise.all(
        dirs.map((dir, i) =>
          mr.registerModel({ name, version: `v${i}`, path: dir, storage: storage().options }),
        ),
      );
      expect(new Set(results.map((r) => r.registeredModel.id)).size).toBe(1);
      const model = await mr.registeredModels.find({ name });
      const versions = await mr.registeredModels
        .versions(model?.id ?? "")
        .list()
        .toArray();
      expect(versions.map((v) => v.name).sort()).toEqual(["v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7"]);
      for (const version of versions) {
        expect(
          await mr.modelVersions.artifacts(version.id).list({ artifactType: "model-artifact" }).toArray(),
        ).toHaveLength(1);
      }
      await Promise.all(dirs.map((dir) => rm(dir, { recursive: true })));
    });
  });

  describe("registerModel", () => {
    it("uploads a 300 MiB file in parts and verifies it", async () => {
      const server = S3_SERVERS[1];
      const dir = await tempDir();
      await bigFile(join(dir, "big.bin"), 300 * 1024 * 1024);
      const name = uniqueName("big");
      const s3 = countingClient(server);
      const result = await mr.registerModel({
        name,
        version: "v1",
        path: dir,
        storage: { client: s3.client, bucket: s3.bucket },
      });
      expect(result.manifest?.totalBytes).toBe(300 * 1024 * 1024);
      expect(s3.commands.filter((c) => c === "UploadPartCommand").length).toBe(38);
      expect((await mr.verifyModel({ name, version: "v1", storage: { client: s3.client } })).ok).toBe(true);
      await rm(dir, { recursive: true });
    });

    it("registers an existing URI as is, and re-running it is unchanged while another URI conflicts", async () => {
      const name = uniqueName("uri");
      const uri = "s3://models/elsewhere/mnist/v1/";
      const first = await mr.registerModel({
        name,
        version: "v1",
        uri,
        modelFormat: { name: "onnx" },
        storageKey: "aws-connection",
        storagePath: "mnist/v1",
        serviceAccountName: "sa",
        modelSourceKind: "kfp",
        modelSourceId: "run-1",
      });
      expect(first.status).toBe("created");
      expect(first.modelArtifact).toMatchObject({
        uri,
        storageKey: "aws-connection",
        storagePath: "mnist/v1",
        serviceAccountName: "sa",
        modelSourceKind: "kfp",
        modelSourceId: "run-1",
      });
      expect((await mr.registerModel({ name, version: "v1", uri })).status).toBe("unchanged");
      await expect(
        mr.registerModel({ name, version: "v1", uri: "s3://models/other/" }),
      ).rejects.toBeInstanceOf(VersionConflictError);
    });

    it("checks its arguments before doing anything", async () => {
      await expect(mr.registerModel({ name: "x", version: "v1" })).rejects.toThrow(/either path .* or uri/);
      await expect(mr.registerModel({ name: "", version: "v1", uri: "s3://b/k" })).rejects.toThrow(
        /model name must be a non-empty string/,
      );
      await expect(
        mr.registerModel({
          name: uniqueName("nopath"),
          version: "v1",
          path: "/no/such/path",
          storage: { bucket: "models" },
        }),
      ).rejects.toBeInstanceOf(ConfigError);
    });
  });
});
