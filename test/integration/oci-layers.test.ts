// The modelcar's layer plan against the stack's registry, read back by an independent client (crane): a folder of
// 1,000 files is an image of few layers, byte-identical; the bound holds with a base image; a base image that leaves
// no room is refused before anything is pushed or registered; and an image pushed one layer per file (as releases
// before the plan did) is recognised by tag and by record, so re-runs stay unchanged.
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.js";
import { ModelRegistry } from "../../src/model-registry.js";
import { DEFAULT_MAX_LAYERS } from "../../src/storage/oci/layer-plan.js";
import {
  buildModelcar,
  oneLayerPerFile,
  pushModelcar,
  tagImage,
} from "../../src/storage/oci/modelcar-push.js";
import { connectRegistry } from "../../src/storage/oci/oci-options.js";
import { walkFiles } from "../../src/storage/walk-files.js";
import { craneClient, fileDigests } from "../support/crane.js";
import { bigFile, tempDir, writeTree } from "../support/model-files.js";
import { stackEnv, stackSetting } from "../support/stack-env.js";
import { uniqueName } from "../support/unique.js";

const ROOT = new URL("../..", import.meta.url).pathname;
const MiB = 1024 * 1024;
let crane: ReturnType<typeof craneClient>;
const craneRun = (args: string[]) => crane.run(args);
const digests = fileDigests;
const exported = (reference: string) => crane.exported(reference);

const credentials = () => ({
  username: stackSetting("OCI_USERNAME"),
  password: stackSetting("OCI_PASSWORD"),
});
const registry = () =>
  new ModelRegistry({
    url: stackSetting("MODEL_REGISTRY_URL"),
    author: "oci-layers",
    env: { HOME: mkdtempSync(join(tmpdir(), "home-layers-")) },
  });

describe.runIf(stackEnv().OCI_REGISTRY !== undefined)("modelcar layers within a bound", () => {
  beforeAll(() => {
    crane = craneClient([stackSetting("OCI_REGISTRY")]);
  }, 300_000);

  it("pushes a folder of 1,000 files as an image within the default bound, exported byte-identical", async () => {
    const mr = registry();
    const name = uniqueName("oci-1000");
    const model = await tempDir();
    const files: Record<string, string> = {};
    for (let i = 0; i < 1000; i++)
      files[`part-${i % 10}/file-${i}.txt`] = `${name} ${i} ${"y".repeat(i % 97)}`;
    await writeTree(model, files);
    const result = await mr.registerModel({
      name,
      version: "v1",
      path: model,
      to: `oci://${stackSetting("OCI_REGISTRY")}/models/${name}`,
      oci: { credentials: credentials() },
    });
    const reference = result.uri.replace(/^oci:\/\//, "");
    const manifest = JSON.parse(craneRun(["manifest", reference]));
    expect(manifest.layers.length).toBeLessThanOrEqual(DEFAULT_MAX_LAYERS);
    expect(manifest.layers).toHaveLength(1);
    expect(result.modelArtifact.customProperties).toMatchObject({ model_file_count: 1000 });
    expect(await digests(exported(reference))).toEqual(await digests(model));
    const verified = await mr.verifyModel({ name, version: "v1", oci: { credentials: credentials() } });
    expect(verified).toMatchObject({ ok: true, mismatches: [] });
  });

  it("holds a bound of 4 layers with a base image: the largest files alone, the rest packed; crane reads it whole", async () => {
    const mr = registry();
    const host = stackSetting("OCI_REGISTRY");
    const base = execFileSync(
      "bash",
      [join(ROOT, "stack/oci/busybox-base.sh"), `${host}/library/busybox:1.35`],
      {
        encoding: "utf8",
        env: crane.env,
      },
    ).trim();
    const name = uniqueName("oci-bound");
    const model = await tempDir();
    for (let i = 0; i < 5; i++) await bigFile(join(model, `shard-${i}.bin`), (16 + i) * MiB);
    await writeTree(model, { "config.json": "{}", "tokenizer/vocab.txt": "a b c" });
    const result = await mr.registerModel({
      name,
      version: "v1",
      path: model,
      to: `oci://${host}/models/${name}`,
      oci: { credentials: credentials(), baseImage: `oci://${base}`, maxLayers: 4 },
    });
    const reference = result.uri.replace(/^oci:\/\//, "");
    const manifest = JSON.parse(craneRun(["manifest", reference]));
    expect(manifest.layers).toHaveLength(4);
    const kinds = manifest.layers.map(
      (l: { annotations?: Record<string, string> }) =>
        `${l.annotations?.["olot.layer.content.type"] ?? "base"} ${l.annotations?.["olot.layer.content.name"] ?? ""}`,
    );
    expect(kinds).toEqual(["base ", "directory models", "file shard-3.bin", "file shard-4.bin"]);
    expect(await digests(exported(reference))).toEqual(await digests(model));
    // Run again without a bound: the one it was pushed under is used, so the same files are the same image.
    const again = await mr.registerModel({
      name,
      version: "v1",
      path: model,
      to: `oci://${host}/models/${name}`,
      oci: { credentials: credentials(), baseImage: `oci://${base}` },
    });
    expect(again).toMatchObject({
      status: "unchanged",
      image: { digest: result.image?.digest, blobsSent: 0 },
    });
    // Another bound asked for: another image of the same files, refused with the bound named.
    const other = await mr
      .registerModel({
        name,
        version: "v1",
        path: model,
        to: `oci://${host}/models/${name}`,
        oci: { credentials: credentials(), baseImage: `oci://${base}`, maxLayers: 5 },
      })
      .catch((e: unknown) => e);
    expect(String(other)).toMatch(/pushed with at most 4 layers and this run allows 5.*oci.maxLayers 4/);
    // A bound the base image fills: refused before anything is pushed or registered.
    const refused = await mr
      .registerModel({
        name,
        version: "v2",
        path: model,
        to: `oci://${host}/models/${name}`,
        oci: { credentials: credentials(), baseImage: `oci://${base}`, maxLayers: 1 },
      })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConfigError);
    expect(String(refused)).toMatch(/base image has 1 layer, .*no room.*bound of 1 layer;/);
    expect(await mr.getModelVersion(name, "v2")).toBeNull();
    expect(() => craneRun(["digest", `${host}/models/${name}:v2`])).toThrow();
  }, 120_000);

  it("recognises an image pushed one layer per file, by its tag and by the version's record", async () => {
    const mr = registry();
    const host = stackSetting("OCI_REGISTRY");
    const name = uniqueName("oci-earlier");
    const model = await tempDir();
    await writeTree(model, { "model.onnx": "onnx", "labels.txt": "0 1", "sub/extra.bin": "x" });
    // As a release before the layer plan pushed it: every file a layer of its own, tagged v1.
    const oci = await connectRegistry(host, { credentials: credentials() }, { env: {} });
    const earlier = await oneLayerPerFile(await buildModelcar((await walkFiles(model)).files, undefined));
    const ref = { registry: host, repository: `models/${name}`, tag: "v1" };
    await pushModelcar(oci, ref, earlier);
    await tagImage(oci, ref, earlier);
    const params = {
      name,
      version: "v1",
      path: model,
      to: `oci://${host}/models/${name}`,
      oci: { credentials: credentials() },
    };
    const first = await mr.registerModel(params);
    expect(first).toMatchObject({ status: "created", image: { digest: earlier.digest, blobsSent: 0 } });
    expect(first.modelArtifact.customProperties).toMatchObject({ oci_manifest_digest: earlier.digest });
    const again = await mr.registerModel(params);
    expect(again).toMatchObject({ status: "unchanged", image: { digest: earlier.digest, blobsSent: 0 } });
    expect(craneRun(["digest", `${host}/models/${name}:v1`]).trim()).toBe(earlier.digest);
    expect(await mr.verifyModel({ name, version: "v1", oci: { credentials: credentials() } })).toMatchObject({
      ok: true,
    });
  });
});
