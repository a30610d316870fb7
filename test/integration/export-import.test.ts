// Export from the release ("dev") and import into the v1 server ("prod"): the bundle through mr-cli's files, the
// entities and their metadata as they were (types kept), re-runs unchanged, and an import cut short resumed.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { double, ModelRegistry, wireCustomProperties } from "../../src/index.js";
import { json, mrCli } from "../support/cli.js";
import { tempDir } from "../support/model-files.js";
import { stackEnv, stackSetting } from "../support/stack-env.js";
import { uniqueName } from "../support/unique.js";

const dev = stackSetting("MODEL_REGISTRY_URL");
const prod = stackEnv().MODEL_REGISTRY_V1_URL ?? dev;

async function devModel(versions: number): Promise<string> {
  const mr = new ModelRegistry({ url: dev });
  const name = uniqueName("bundle");
  for (let i = 1; i <= versions; i++)
    await mr.registerModel({
      name,
      version: `v${i}`,
      uri: `s3://models/${name}/v${i}/`,
      modelFormat: { name: "onnx", version: "1" },
      description: `version ${i}`,
      modelDescription: "exported",
      metadata: { accuracy: double(1), epochs: i, layers: { hidden: [64, 32] }, framework: "onnx" },
      lineage: false,
    });
  return name;
}

describe("mr-cli export | import, from the release into the v1 server", () => {
  it("copies the entities with their metadata and aliases; a second import is unchanged", async () => {
    const name = await devModel(3);
    await new ModelRegistry({ url: dev }).setAlias({ name, alias: "champion", version: "v2" });
    const file = join(await tempDir(), "bundle.json");
    const exported = await mrCli(["export", name, "--out", file, "--url", dev]);
    expect(exported.code).toBe(0);
    const bundle = JSON.parse(await readFile(file, "utf8"));
    expect(bundle).toMatchObject({ format: "kubeflow-model-registry-bundle", formatVersion: 1 });
    const first = json<{ status: string; counts: Record<string, number> }>(
      await mrCli(["import", file, "--url", prod, "-o", "json"]),
    );
    expect(first).toMatchObject({ status: "imported", counts: { created: 3 } });
    const there = new ModelRegistry({ url: prod });
    const v1 = await there.getModelVersion(name, "v1");
    expect(v1).toMatchObject({
      description: "version 1",
      customProperties: { epochs: 1, framework: "onnx" },
    });
    expect(wireCustomProperties(v1 ?? {}).accuracy).toEqual({
      metadataType: "MetadataDoubleValue",
      double_value: 1,
    });
    expect(v1?.customProperties.layers).toEqual({ hidden: [64, 32] });
    expect((await there.getModelArtifact(name, "@champion"))?.uri).toBe(`s3://models/${name}/v2/`);
    expect((await there.registeredModels.find({ name }))?.description).toBe("exported");
    const again = await mrCli(["import", file, "--url", prod]);
    expect(again.code).toBe(0);
    expect(again.stdout.trim()).toBe("unchanged: 3 unchanged");
  });

  it("exports chosen versions (by name, alias or @latest) only", async () => {
    const name = await devModel(3);
    await new ModelRegistry({ url: dev }).setAlias({ name, alias: "champion", version: "v3" });
    const bundle = json<{ models: { versions: { fields: { name: string } }[]; aliases: object }[] }>(
      await mrCli(["export", name, "--versions", "v1,@champion", "--url", dev]),
    );
    expect(bundle.models[0]?.versions.map((v) => v.fields.name)).toEqual(["v1", "v3"]);
    expect(bundle.models[0]?.aliases).toEqual({ champion: "v3" });
    const latest = json<{ models: { versions: { fields: { name: string } }[] }[] }>(
      await mrCli(["export", name, "--versions", "@latest,v1", "--url", dev]),
    );
    expect(latest.models[0]?.versions.map((v) => v.fields.name)).toEqual(["v3", "v1"]);
  });

  it("keeps the target's alias and says which version it keeps; skips the alias of a conflict", async () => {
    const name = await devModel(2);
    const source = new ModelRegistry({ url: dev });
    await source.setAlias({ name, alias: "champion", version: "v2" });
    await source.setAlias({ name, alias: "old", version: "v1" });
    const file = join(await tempDir(), "bundle.json");
    expect((await mrCli(["export", name, "--out", file, "--url", dev])).code).toBe(0);
    const there = new ModelRegistry({ url: prod });
    await there.registerModel({ name, version: "v1", uri: `s3://elsewhere/${name}/v1/`, lineage: false });
    await there.registerModel({ name, version: "v0", uri: `s3://elsewhere/${name}/v0/`, lineage: false });
    await there.setAlias({ name, alias: "champion", version: "v0" });
    const result = await mrCli(["import", file, "--url", prod, "-o", "json"]);
    expect(result.code).toBe(4);
    const { aliases } = JSON.parse(result.stdout) as { aliases: object[] };
    expect(aliases).toContainEqual({
      model: name,
      alias: "champion",
      version: "v0",
      requested: "v2",
      status: "kept",
    });
    expect(aliases).toContainEqual(
      expect.objectContaining({ alias: "old", version: "v1", status: "skipped" }),
    );
    expect(await there.listAliases({ name })).toEqual({ champion: "v0" });
    const text = await mrCli(["import", file, "--url", prod]);
    expect(text.stdout).toContain(`${name}@champion → v0: kept (the registry's; the bundle names v2`);
  });

  it("exits 2 naming a bundle file that does not exist", async () => {
    const missing = await mrCli(["import", "/nonexistent/bundle.json", "--url", prod]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("cannot read the bundle /nonexistent/bundle.json: it does not exist");
  });

  it("resumes an import cut short: the next run completes it, with what was done unchanged", async () => {
    const name = await devModel(20);
    const bundle = await new ModelRegistry({ url: dev }).exportModels({ names: [name] });
    const there = new ModelRegistry({ url: prod });
    const stop = new AbortController();
    const cut = there.importBundle({
      bundle,
      concurrency: 2,
      signal: stop.signal,
      onVersion: (_version, { done }) => {
        if (done === 6) stop.abort(new Error("interrupted"));
      },
    });
    await expect(cut).rejects.toThrow("interrupted");
    const before = await there.registeredModels
      .versions((await there.registeredModels.find({ name }))?.id ?? "")
      .list()
      .toArray();
    expect(before.length).toBeGreaterThanOrEqual(6);
    expect(before.length).toBeLessThan(20);
    const resumed = await there.importBundle({ bundle, concurrency: 8 });
    expect(resumed.status).toBe("imported");
    expect((resumed.counts.unchanged ?? 0) + (resumed.counts.completed ?? 0)).toBeGreaterThanOrEqual(6);
    expect(
      (resumed.counts.unchanged ?? 0) + (resumed.counts.completed ?? 0) + (resumed.counts.created ?? 0),
    ).toBe(20);
    for (const version of ["v1", "v10", "v20"])
      expect((await there.getModelArtifact(name, version))?.uri).toBe(`s3://models/${name}/${version}/`);
  }, 60_000);
});
