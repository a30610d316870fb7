// registerModel to the stack's OCI registries (CNCF distribution): a folder model becomes a KServe modelcar, checked
// with an independent client (crane, from go-containerregistry): the manifest validates, and `crane export` yields
// the model's files under models/, byte-identical. Both auth flows (htpasswd Basic; the bearer-token flow, with
// credentials from a container auth file); a new version sharing all files but one sends only that layer; a re-run
// sends nothing; other content for the version, or for a tag, is refused with nothing pushed.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { VersionConflictError } from "../../src/errors.js";
import { ModelRegistry } from "../../src/model-registry.js";
import { bigFile, nestedModel, tempDir, writeTree } from "../support/model-files.js";
import { stackEnv, stackSetting } from "../support/stack-env.js";
import { uniqueName } from "../support/unique.js";

const ROOT = new URL("../..", import.meta.url).pathname;
let crane: string;
let craneConfig: string;

/** Every file under `root`, relative path → SHA-256. */
async function digests(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else
        out[relative(root, path)] = createHash("sha256")
          .update(await readFile(path))
          .digest("hex");
    }
  };
  await walk(root);
  return out;
}

const craneRun = (args: string[]) =>
  execFileSync(crane, args, { encoding: "utf8", env: { ...process.env, DOCKER_CONFIG: craneConfig } });

/** The image's filesystem as `crane export` flattens it, unpacked into a fresh folder. */
function exported(reference: string): string {
  const dir = mkdtempSync(join(tmpdir(), "crane-export-"));
  const tar = join(dir, "fs.tar");
  craneRun(["export", reference, tar]);
  execFileSync("tar", ["-xf", tar, "-C", dir]);
  return join(dir, "models");
}

const registry = (name: string, url = stackSetting("MODEL_REGISTRY_URL")) =>
  new ModelRegistry({ url, author: "oci-test", env: { HOME: mkdtempSync(join(tmpdir(), `home-${name}-`)) } });
const credentials = () => ({
  username: stackSetting("OCI_USERNAME"),
  password: stackSetting("OCI_PASSWORD"),
});

describe.runIf(stackEnv().OCI_REGISTRY !== undefined)("registerModel to an OCI registry", () => {
  beforeAll(() => {
    crane = execFileSync("bash", [join(ROOT, "stack/build.sh"), "crane"], { encoding: "utf8" }).trim();
    craneConfig = mkdtempSync(join(tmpdir(), "crane-config-"));
    for (const host of [stackSetting("OCI_REGISTRY"), stackSetting("OCI_TOKEN_REGISTRY")])
      craneRun([
        "auth",
        "login",
        host,
        "-u",
        stackSetting("OCI_USERNAME"),
        "-p",
        stackSetting("OCI_PASSWORD"),
      ]);
  }, 300_000);

  it("pushes a folder model as a modelcar (htpasswd auth) that crane validates and exports byte-identical", async () => {
    const mr = registry("basic");
    const name = uniqueName("oci-folder");
    const model = await nestedModel(name);
    const to = `oci://${stackSetting("OCI_REGISTRY")}/models/${name}`;
    const result = await mr.registerModel({
      name,
      version: "v1",
      path: model,
      to,
      oci: { credentials: credentials() },
    });
    expect(result.status).toBe("created");
    expect(result.uri).toBe(`${to}:v1`);
    // 60 small files: one packed layer (and the config).
    expect(result.image).toMatchObject({ layers: 1, blobsSent: 2 });
    const reference = result.uri.replace(/^oci:\/\//, "");
    // crane's full validate reads every layer as gzip; ours are plain tar (the OCI media type says so), so it checks
    // that every blob exists, and the config's diff ids and each blob's bytes are checked here.
    expect(craneRun(["validate", "--fast", "--remote", reference])).toMatch(/PASS/);
    expect(craneRun(["digest", reference]).trim()).toBe(result.image?.digest);
    const manifest = JSON.parse(craneRun(["manifest", reference]));
    expect(manifest.mediaType).toBe("application/vnd.oci.image.manifest.v1+json");
    expect(manifest.layers).toHaveLength(1);
    expect(manifest.layers[0].annotations).toMatchObject({ "olot.layer.content.type": "directory" });
    const config = JSON.parse(craneRun(["config", reference]));
    expect(config.rootfs.diff_ids).toEqual(manifest.layers.map((l: { digest: string }) => l.digest));
    for (const layer of manifest.layers.slice(0, 5)) {
      const bytes = execFileSync(crane, ["blob", `${reference.split(":v1")[0]}@${layer.digest}`], {
        env: { ...process.env, DOCKER_CONFIG: craneConfig },
        maxBuffer: 64 * 1024 * 1024,
      });
      expect(`sha256:${createHash("sha256").update(bytes).digest("hex")}`).toBe(layer.digest);
      expect(layer.mediaType).toBe("application/vnd.oci.image.layer.v1.tar");
    }
    expect(await digests(exported(reference))).toEqual(await digests(model));
    expect(result.modelArtifact.customProperties).toMatchObject({
      oci_manifest_digest: result.image?.digest,
      model_file_count: 60,
    });
    // Our own pull: downloadModel checks every layer's digest and writes the files; verifyModel only reads them.
    const target = await tempDir("oci-download-");
    const downloaded = await mr.downloadModel({
      name,
      version: "v1",
      path: target,
      oci: { credentials: credentials() },
    });
    expect(downloaded).toMatchObject({ ok: true, recorded: true, mismatches: [] });
    expect(downloaded.manifest.fileCount).toBe(60);
    expect(await digests(target)).toEqual(await digests(model));
    const verified = await mr.verifyModel({ name, version: "v1", oci: { credentials: credentials() } });
    expect(verified).toMatchObject({ ok: true, mismatches: [] });
  });

  it("uses the bearer-token flow with credentials from a container auth file; a new version sends only what changed", async () => {
    const home = await tempDir("oci-auth-home-");
    const auth = Buffer.from(`${stackSetting("OCI_USERNAME")}:${stackSetting("OCI_PASSWORD")}`).toString(
      "base64",
    );
    writeFileSync(
      join(home, "auth.json"),
      JSON.stringify({ auths: { [stackSetting("OCI_TOKEN_REGISTRY")]: { auth } } }),
    );
    const mr = new ModelRegistry({
      url: stackSetting("MODEL_REGISTRY_URL"),
      env: { HOME: home, REGISTRY_AUTH_FILE: join(home, "auth.json") },
    });
    const name = uniqueName("oci-token");
    const to = `oci://${stackSetting("OCI_TOKEN_REGISTRY")}/models/${name}`;
    const model = await tempDir();
    const MiB = 1024 * 1024;
    await bigFile(join(model, "weights-1.bin"), 16 * MiB);
    await bigFile(join(model, "weights-2.bin"), 17 * MiB);
    await writeTree(model, { "config.json": '{"v":1}', "tokenizer/vocab.txt": "a b c" });
    const v1 = await mr.registerModel({ name, version: "v1", path: model, to });
    // Each large file alone; the two small ones packed; and the config.
    expect(v1.image).toMatchObject({ layers: 3, blobsSent: 4 });
    await writeTree(model, { "config.json": '{"v":2}' });
    const v2 = await mr.registerModel({ name, version: "v2", path: model, to });
    // A small file changed: only its pack and the new config blob.
    expect(v2.image?.blobsSent).toBe(2);
    expect(v2.image?.bytesSent).toBeLessThan(8192);
    await bigFile(join(model, "weights-2.bin"), 17 * MiB);
    const v3 = await mr.registerModel({ name, version: "v3", path: model, to });
    // A large file changed: only its layer and the new config blob.
    expect(v3.image?.blobsSent).toBe(2);
    expect(v3.image?.bytesSent).toBeGreaterThan(17 * MiB);
    expect(v3.image?.bytesSent).toBeLessThan(17 * MiB + 8192);
    const again = await mr.registerModel({ name, version: "v3", path: model, to });
    expect(again).toMatchObject({ status: "unchanged", image: { blobsSent: 0, bytesSent: 0 } });
    expect(await digests(exported(v3.uri.replace(/^oci:\/\//, "")))).toEqual(await digests(model));
  });

  it("refuses other content for a registered version, and for a tag, before pushing anything", async () => {
    const mr = registry("conflict");
    const name = uniqueName("oci-conflict");
    const host = stackSetting("OCI_REGISTRY");
    const model = await tempDir();
    await writeTree(model, { "model.bin": "one" });
    const oci = { credentials: credentials() };
    const first = await mr.registerModel({
      name,
      version: "v1",
      path: model,
      to: `oci://${host}/models/${name}`,
      oci,
    });
    await writeTree(model, { "model.bin": "two" });
    const changed = await mr
      .registerModel({ name, version: "v1", path: model, to: `oci://${host}/models/${name}`, oci })
      .catch((e: unknown) => e);
    expect(changed).toBeInstanceOf(VersionConflictError);
    // A new version whose tag already names the first image: the tag is not moved.
    const tag = await mr
      .registerModel({ name, version: "v2", path: model, to: `oci://${host}/models/${name}:v1`, oci })
      .catch((e: unknown) => e);
    expect(tag).toBeInstanceOf(VersionConflictError);
    expect(String(tag)).toMatch(/a tag is never moved/);
    expect(craneRun(["digest", `${host}/models/${name}:v1`]).trim()).toBe(first.image?.digest);
    expect(await mr.getModelVersion(name, "v2")).toBeNull();
  });

  it("says which credentials were refused, and never shows the password", async () => {
    const mr = registry("denied");
    const model = await tempDir();
    await writeTree(model, { "model.bin": "x" });
    const wrong = { username: stackSetting("OCI_USERNAME"), password: "wrong-password-123" };
    const error = await mr
      .registerModel({
        name: uniqueName("oci-denied"),
        version: "v1",
        path: model,
        to: `oci://${stackSetting("OCI_REGISTRY")}/models/denied`,
        oci: { credentials: wrong },
      })
      .catch((e: unknown) => e);
    expect(String(error)).toMatch(/401.*credentials from option were refused/);
    expect(String(error)).not.toContain("wrong-password-123");
  });

  it("builds on a base image (Debian's static busybox): its layers mounted, the model under /models beside its shell", async () => {
    const mr = registry("base");
    const host = stackSetting("OCI_REGISTRY");
    const base = execFileSync(
      "bash",
      [join(ROOT, "stack/oci/busybox-base.sh"), `${host}/library/busybox:1.35`],
      {
        encoding: "utf8",
        env: { ...process.env, DOCKER_CONFIG: craneConfig },
      },
    ).trim();
    const name = uniqueName("oci-base");
    const model = await tempDir();
    await writeTree(model, { "model.onnx": "onnx bytes", "1/config.pbtxt": "name: 'x'" });
    const result = await mr.registerModel({
      name,
      version: "v1",
      path: model,
      to: `oci://${host}/models/${name}`,
      oci: { credentials: credentials(), baseImage: `oci://${base}` },
    });
    const reference = result.uri.replace(/^oci:\/\//, "");
    const manifest = JSON.parse(craneRun(["manifest", reference]));
    const baseManifest = JSON.parse(craneRun(["manifest", base]));
    expect(manifest.layers[0]).toEqual(baseManifest.layers[0]); // reused as it is, first
    expect(manifest.layers).toHaveLength(2);
    expect(result.image?.blobsSent).toBe(2); // the model's packed layer and the config; the base layer was mounted
    const dir = mkdtempSync(join(tmpdir(), "crane-export-"));
    craneRun(["export", reference, join(dir, "fs.tar")]);
    const listing = execFileSync("tar", ["-tf", join(dir, "fs.tar")], { encoding: "utf8" });
    expect(listing).toMatch(/^bin\/busybox$/m);
    expect(listing).toMatch(/^models\/1\/config\.pbtxt$/m);
    const config = JSON.parse(craneRun(["config", reference]));
    expect(config).toMatchObject({ os: "linux", architecture: "amd64" });
    // Our pull reads the gzip base layer too, and takes only the files under models/.
    const target = await tempDir("oci-base-download-");
    const downloaded = await mr.downloadModel({
      name,
      version: "v1",
      path: target,
      oci: { credentials: credentials() },
    });
    expect(downloaded.ok).toBe(true);
    expect(await digests(target)).toEqual(await digests(model));
  });

  it("sends a large layer in chunks (PATCH by PATCH) that crane reads back whole", async () => {
    const mr = registry("chunks");
    const host = stackSetting("OCI_REGISTRY");
    const name = uniqueName("oci-chunks");
    const model = await tempDir();
    await bigFile(join(model, "weights.bin"), 3 * 1024 * 1024 + 12345);
    const result = await mr.registerModel({
      name,
      version: "v1",
      path: model,
      to: `oci://${host}/models/${name}`,
      oci: { credentials: credentials(), chunkSize: 256 * 1024 },
    });
    expect(result.image?.bytesSent).toBeGreaterThan(3 * 1024 * 1024);
    expect(await digests(exported(result.uri.replace(/^oci:\/\//, "")))).toEqual(await digests(model));
  });

  it("pushes a 1 GiB file with auth in one call; crane and our download read it back identical", async () => {
    const mr = registry("gib");
    const host = stackSetting("OCI_REGISTRY");
    const name = uniqueName("oci-gib");
    const model = await tempDir();
    await bigFile(join(model, "weights.bin"), 1024 * 1024 * 1024);
    const result = await mr.registerModel({
      name,
      version: "v1",
      path: model,
      to: `oci://${host}/models/${name}`,
      oci: { credentials: credentials() },
    });
    expect(result.image).toMatchObject({ layers: 1, blobsSent: 2 });
    expect(result.image?.bytesSent).toBeGreaterThan(1024 * 1024 * 1024);
    const expected = await digests(model);
    const reference = result.uri.replace(/^oci:\/\//, "");
    const fromCrane = exported(reference);
    expect(await digests(fromCrane)).toEqual(expected);
    await rm(dirname(fromCrane), { recursive: true, force: true });
    const target = await tempDir("oci-gib-download-");
    const downloaded = await mr.downloadModel({
      name,
      version: "v1",
      path: target,
      oci: { credentials: credentials() },
    });
    expect(downloaded).toMatchObject({ ok: true, mismatches: [] });
    expect(await digests(target)).toEqual(expected);
    await Promise.all([
      rm(target, { recursive: true, force: true }),
      rm(model, { recursive: true, force: true }),
    ]);
  }, 300_000);

  it("completes a push cut short when run again, sending only the blobs that were missing", async () => {
    const mr = registry("resume");
    const host = stackSetting("OCI_REGISTRY");
    const name = uniqueName("oci-resume");
    const model = await tempDir();
    // Shards of 16 MiB: a layer each.
    for (let i = 0; i < 4; i++) await bigFile(join(model, `shard-${i}.bin`), 16 * 1024 * 1024);
    const params = {
      name,
      version: "v1",
      path: model,
      to: `oci://${host}/models/${name}`,
      oci: { credentials: credentials(), concurrency: 1 },
    };
    const controller = new AbortController();
    const cut = await mr
      .registerModel({
        ...params,
        signal: controller.signal,
        onProgress: (event) => {
          if (event.type === "upload" && event.overall.filesDone >= 2) controller.abort(new Error("cut"));
        },
      })
      .catch((e: unknown) => e);
    expect(String(cut)).toMatch(/cut/);
    expect(await mr.getModelArtifact(name, "v1")).toBeNull();
    const done = await mr.registerModel(params);
    expect(done.status).toBe("completed");
    expect(done.image?.blobsSent).toBeLessThan(5); // 4 layers and the config: those pushed before the cut are skipped
    expect(done.image?.blobsSent).toBeGreaterThan(0);
    expect(await digests(exported(done.uri.replace(/^oci:\/\//, "")))).toEqual(await digests(model));
  });

  it("verify notices a tag moved to other content behind the registry's back", async () => {
    const mr = registry("moved");
    const host = stackSetting("OCI_REGISTRY");
    const name = uniqueName("oci-moved");
    const model = await tempDir();
    await writeTree(model, { "model.bin": "first" });
    const oci = { credentials: credentials() };
    await mr.registerModel({ name, version: "v1", path: model, to: `oci://${host}/models/${name}`, oci });
    await writeTree(model, { "model.bin": "second" });
    const other = await mr.registerModel({
      name,
      version: "v2",
      path: model,
      to: `oci://${host}/models/${name}`,
      oci,
    });
    expect((await mr.verifyModel({ name, version: "v1", oci })).ok).toBe(true);
    craneRun(["tag", `${host}/models/${name}:v2`, "v1"]); // v1 now names v2's image
    const verified = await mr.verifyModel({ name, version: "v1", oci });
    expect(verified.ok).toBe(false);
    expect(verified.mismatches).toEqual([
      expect.objectContaining({ path: "tag v1", problem: "manifest", actual: other.image?.digest }),
    ]);
  });

  it("lets one of two concurrent runs with different content take the tag, and the registry record what it names", async () => {
    const host = stackSetting("OCI_REGISTRY");
    const name = uniqueName("oci-race");
    const [a, b] = [await tempDir(), await tempDir()];
    await bigFile(join(a, "weights.bin"), 4 * 1024 * 1024);
    await bigFile(join(b, "weights.bin"), 4 * 1024 * 1024);
    const run = (path: string) =>
      registry(`race-${path.slice(-4)}`)
        .registerModel({
          name,
          version: "v1",
          path,
          to: `oci://${host}/models/${name}`,
          oci: { credentials: credentials() },
        })
        .catch((e: unknown) => e);
    const results = await Promise.all([run(a), run(b)]);
    const won = results.filter((r) => !(r instanceof Error));
    expect(won).toHaveLength(1);
    const lost = results.filter((r) => r instanceof VersionConflictError);
    expect(lost).toHaveLength(1);
    expect(String(lost[0])).toMatch(/this run's image was pushed but not tagged/);
    const recorded = (await registry("race-check").getModelArtifact(name, "v1"))?.customProperties
      .oci_manifest_digest;
    expect(craneRun(["digest", `${host}/models/${name}:v1`]).trim()).toBe(recorded);
  });

  it("pushes a deleted image again on a re-run; refuses storage keys, other schemes and a missing base image", async () => {
    const mr = registry("restore");
    const host = stackSetting("OCI_REGISTRY");
    const name = uniqueName("oci-restore");
    const model = await tempDir();
    await writeTree(model, { "model.bin": "restore me" });
    const params = {
      name,
      version: "v1",
      path: model,
      to: `oci://${host}/models/${name}`,
      oci: { credentials: credentials() },
    };
    const first = await mr.registerModel(params);
    craneRun(["delete", `${host}/models/${name}@${first.image?.digest}`]);
    const again = await mr.registerModel(params);
    expect(again.status).toBe("completed");
    expect(craneRun(["digest", `${host}/models/${name}:v1`]).trim()).toBe(first.image?.digest);
    await expect(mr.registerModel({ ...params, version: "v2", storageKey: "conn" })).rejects.toThrow(
      /storageKey and storagePath/,
    );
    await expect(mr.registerModel({ ...params, version: "v2", to: "s3://models/x" })).rejects.toThrow(
      /oci:\/\/ image reference/,
    );
    await expect(
      mr.registerModel({
        ...params,
        version: "v2",
        oci: { ...params.oci, baseImage: `oci://${host}/library/nope:1` },
      }),
    ).rejects.toThrow(/the base image oci:\/\/.*nope:1 does not exist/);
    expect(await mr.getModelVersion(name, "v2")).toBeNull();
  });

  it("reads an image whose base has files under /models: the later layer's file wins", async () => {
    const mr = registry("overlay");
    const host = stackSetting("OCI_REGISTRY");
    const base = await tempDir();
    await writeTree(base, { "config.json": '{"from":"base"}', "extra.txt": "kept" });
    const baseName = uniqueName("oci-overlay-base");
    const baseImage = await mr.registerModel({
      name: baseName,
      version: "v1",
      path: base,
      to: `oci://${host}/models/${baseName}`,
      oci: { credentials: credentials() },
    });
    const model = await tempDir();
    await writeTree(model, { "config.json": '{"from":"model"}' });
    const name = uniqueName("oci-overlay");
    await mr.registerModel({
      name,
      version: "v1",
      path: model,
      to: `oci://${host}/models/${name}`,
      oci: { credentials: credentials(), baseImage: baseImage.uri },
    });
    const target = await tempDir("oci-overlay-download-");
    const downloaded = await mr.downloadModel({
      name,
      version: "v1",
      path: target,
      oci: { credentials: credentials() },
    });
    expect(downloaded.ok).toBe(true);
    expect(await readFile(join(target, "config.json"), "utf8")).toBe('{"from":"model"}');
    expect(await readFile(join(target, "extra.txt"), "utf8")).toBe("kept");
  });

  it("copies a base image's layers from another registry, in chunks, when they cannot be mounted", async () => {
    // The explicit credentials are the target's alone; the base image's registry gets its own from an auth file.
    const home = await tempDir("oci-base-copy-home-");
    const auth = Buffer.from(`${stackSetting("OCI_USERNAME")}:${stackSetting("OCI_PASSWORD")}`).toString(
      "base64",
    );
    writeFileSync(
      join(home, "auth.json"),
      JSON.stringify({ auths: { [stackSetting("OCI_REGISTRY")]: { auth } } }),
    );
    const mr = new ModelRegistry({
      url: stackSetting("MODEL_REGISTRY_URL"),
      env: { HOME: home, REGISTRY_AUTH_FILE: join(home, "auth.json") },
    });
    const base = execFileSync(
      "bash",
      [join(ROOT, "stack/oci/busybox-base.sh"), `${stackSetting("OCI_REGISTRY")}/library/busybox:1.35`],
      { encoding: "utf8", env: { ...process.env, DOCKER_CONFIG: craneConfig } },
    ).trim();
    const name = uniqueName("oci-base-copy");
    const model = await tempDir();
    await writeTree(model, { "model.onnx": "onnx bytes" });
    const result = await mr.registerModel({
      name,
      version: "v1",
      path: model,
      to: `oci://${stackSetting("OCI_TOKEN_REGISTRY")}/models/${name}`,
      // Small chunks: the base layer (about 1.1 MB) goes up in several PATCH requests.
      oci: { credentials: credentials(), baseImage: `oci://${base}`, chunkSize: 256 * 1024 },
    });
    expect(result.image?.blobsSent).toBe(3); // the copied base layer, the model layer and the config
    const reference = result.uri.replace(/^oci:\/\//, "");
    const baseManifest = JSON.parse(craneRun(["manifest", base]));
    expect(JSON.parse(craneRun(["manifest", reference])).layers[0]).toEqual(baseManifest.layers[0]);
    const dir = mkdtempSync(join(tmpdir(), "crane-export-"));
    craneRun(["export", reference, join(dir, "fs.tar")]);
    expect(execFileSync("tar", ["-tf", join(dir, "fs.tar")], { encoding: "utf8" })).toMatch(
      /^bin\/busybox$/m,
    );
  });
});
