// Copy and promote from the release ("dev") to the v1 server ("prod"): the record alone, then with the files from
// versitygw to SeaweedFS (another endpoint), from S3 to the OCI registry and from one OCI registry to the other, each
// verified there and unchanged when run again; the copy's model-source fields say where it came from.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ModelRegistry, VersionConflictError } from "../../src/index.js";
import { json, mrCli } from "../support/cli.js";
import { tempDir, writeTree } from "../support/model-files.js";
import { S3_SERVERS, storageOf } from "../support/s3.js";
import { stackEnv, stackSetting } from "../support/stack-env.js";
import { uniqueName } from "../support/unique.js";

const devUrl = stackSetting("MODEL_REGISTRY_URL");
const prodUrl = stackEnv().MODEL_REGISTRY_V1_URL ?? devUrl;
const versitygw = storageOf(S3_SERVERS[1]);
const seaweedfs = storageOf(S3_SERVERS[2]);
const dev = new ModelRegistry({ url: devUrl, author: "copy-test", storage: versitygw });
const prod = new ModelRegistry({ url: prodUrl, author: "copy-test" });

/** A version uploaded to versitygw through dev, with an alias. */
async function devVersion(): Promise<string> {
  const name = uniqueName("copy");
  const dir = await tempDir();
  await writeTree(dir, { "model.onnx": "weights to promote", "config/labels.txt": "0\n1\n" });
  await dev.registerModel({
    name,
    version: "v1",
    path: dir,
    modelFormat: { name: "onnx", version: "1" },
    description: "the candidate",
    metadata: { accuracy: 0.97, epochs: 12 },
    lineage: false,
  });
  await dev.setAlias({ name, alias: "champion", version: "v1" });
  return name;
}

// The v1 server is built from upstream source (../shared/upstream/); without it there is no second registry.
describe.runIf(stackEnv().MODEL_REGISTRY_V1_URL !== undefined)(
  "copyModelVersion from the release to the v1 server",
  () => {
    it("copies the record alone (the same URI), its origin recorded; again: unchanged", async () => {
      const name = await devVersion();
      const copied = await dev.copyModelVersion({ name, version: "@champion", to: prod });
      const source = await dev.getModelVersion(name, "v1");
      expect(copied).toMatchObject({ status: "created", uri: `s3://${versitygw.bucket}/${name}/v1/` });
      expect(copied.modelArtifact).toMatchObject({
        modelSourceKind: "model-registry",
        modelSourceClass: devUrl,
        modelSourceGroup: name,
        modelSourceName: "v1",
        modelSourceId: source?.id,
      });
      expect(copied.modelVersion).toMatchObject({
        description: "the candidate",
        customProperties: { accuracy: 0.97, epochs: 12 },
      });
      // prod reads the files where dev stored them: the artifact keeps the store's endpoint.
      expect(
        await prod.verifyModel({ name, version: "v1", storage: { credentials: versitygw.credentials } }),
      ).toMatchObject({ ok: true });
      expect((await dev.copyModelVersion({ name, version: "v1", to: prod })).status).toBe("unchanged");
      // Files asked for where the copy there keeps them elsewhere: refused, not a silent "unchanged".
      await expect(
        dev.copyModelVersion({
          name,
          version: "v1",
          to: prod,
          storage: { uri: `s3://${seaweedfs.bucket}/${name}-elsewhere/v1/` },
        }),
      ).rejects.toThrow(/already a copy at .* with its files at .* not at s3:/);
      // The same registry on both sides: refused before anything is read.
      await expect(dev.copyModelVersion({ name, version: "v1", to: dev })).rejects.toThrow(
        /the source and destination registries are the same/,
      );
    });

    it("copies the files from versitygw to SeaweedFS, digests checked at both ends; again: unchanged", async () => {
      const name = await devVersion();
      const storage = {
        uri: `s3://${seaweedfs.bucket}/promoted/${name}/v1/?endpoint=${seaweedfs.endpoint}`,
        s3: { credentials: seaweedfs.credentials },
      };
      const copied = await dev.copyModelVersion({ name, version: "@champion", to: prod, storage });
      expect(copied).toMatchObject({
        status: "created",
        uri: `s3://${seaweedfs.bucket}/promoted/${name}/v1/`,
        files: { count: 2 },
      });
      expect(copied.modelArtifact.customProperties).toMatchObject({ s3_endpoint: seaweedfs.endpoint });
      const sourceDigest = (await dev.getModelArtifact(name, "v1"))?.customProperties.model_manifest_sha256;
      expect(copied.modelArtifact.customProperties.model_manifest_sha256).toBe(sourceDigest);
      const out = await tempDir();
      const downloaded = await prod.downloadModel({
        name,
        version: "v1",
        path: out,
        storage: { credentials: seaweedfs.credentials },
      });
      expect(downloaded.ok).toBe(true);
      expect(await readFile(join(out, "model.onnx"), "utf8")).toBe("weights to promote");
      expect((await dev.copyModelVersion({ name, version: "v1", to: prod, storage })).status).toBe(
        "unchanged",
      );
    });

    it.runIf(stackEnv().OCI_REGISTRY !== undefined)(
      "copies the files from S3 into an OCI image, verified there",
      async () => {
        const name = await devVersion();
        const oci = {
          credentials: { username: stackSetting("OCI_USERNAME"), password: stackSetting("OCI_PASSWORD") },
        };
        const storage = { uri: `oci://${stackSetting("OCI_REGISTRY")}/promoted/${name}`, oci };
        const copied = await dev.copyModelVersion({ name, version: "v1", to: prod, storage });
        expect(copied.status).toBe("created");
        expect(copied.uri).toMatch(new RegExp(`^oci://${stackSetting("OCI_REGISTRY")}/promoted/${name}:v1`));
        expect(await prod.verifyModel({ name, version: "v1", oci })).toMatchObject({ ok: true });
        expect((await dev.copyModelVersion({ name, version: "v1", to: prod, storage })).status).toBe(
          "unchanged",
        );
      },
    );

    it.runIf(stackEnv().OCI_TOKEN_REGISTRY !== undefined)(
      "copies an OCI image to another OCI registry (htpasswd to bearer tokens), verified there; again: unchanged",
      async () => {
        const name = uniqueName("copy-oci");
        const oci = {
          credentials: { username: stackSetting("OCI_USERNAME"), password: stackSetting("OCI_PASSWORD") },
        };
        const source = new ModelRegistry({ url: devUrl, author: "copy-test", oci });
        const dir = await tempDir();
        await writeTree(dir, { "model.onnx": "weights in an image", "config/labels.txt": "0\n1\n" });
        const registered = await source.registerModel({
          name,
          version: "v1",
          path: dir,
          to: `oci://${stackSetting("OCI_REGISTRY")}/models/${name}`,
          modelFormat: { name: "onnx", version: "1" },
          lineage: false,
        });
        const storage = { uri: `oci://${stackSetting("OCI_TOKEN_REGISTRY")}/promoted/${name}`, oci };
        const copied = await source.copyModelVersion({ name, version: "v1", to: prod, storage });
        expect(copied).toMatchObject({ status: "created", files: { count: 2 } });
        expect(copied.uri).toMatch(
          new RegExp(`^oci://${stackSetting("OCI_TOKEN_REGISTRY")}/promoted/${name}:v1`),
        );
        expect(copied.modelArtifact.customProperties.model_manifest_sha256).toBe(
          registered.modelArtifact.customProperties.model_manifest_sha256,
        );
        expect(copied.modelArtifact).toMatchObject({ modelSourceGroup: name, modelSourceName: "v1" });
        expect(await prod.verifyModel({ name, version: "v1", oci })).toMatchObject({ ok: true });
        expect((await source.copyModelVersion({ name, version: "v1", to: prod, storage })).status).toBe(
          "unchanged",
        );
      },
    );

    it("refuses to overwrite a version there that is not a copy of this one", async () => {
      const name = await devVersion();
      await prod.registerModel({ name, version: "v1", uri: "s3://elsewhere/v1/" });
      await expect(dev.copyModelVersion({ name, version: "v1", to: prod })).rejects.toBeInstanceOf(
        VersionConflictError,
      );
    });

    it("mr-cli copy --to-url promotes @champion; a second run says unchanged", async () => {
      const name = await devVersion();
      const env = { AWS_S3_ENDPOINT: versitygw.endpoint, MODEL_REGISTRY_URL: devUrl };
      const first = json<{ status: string; modelArtifact: { modelSourceGroup: string } }>(
        await mrCli(["copy", name, "@champion", "--to-url", prodUrl, "-o", "json"], env),
      );
      expect(first).toMatchObject({ status: "created", modelArtifact: { modelSourceGroup: name } });
      const again = await mrCli(["copy", name, "@champion", "--to-url", prodUrl], env);
      expect(again.stdout).toMatch(/copied \(unchanged\):\s+\S+ v1/);
    });
  },
);
