// exportModels and importBundle against registries in memory: what a bundle holds, an import that creates, a re-run
// that is unchanged, an interrupted import completed by the next run, a conflict reported and left alone.
import { describe, expect, it } from "vitest";
import { ConfigError, double, int, ModelRegistry } from "../../../../src/index.js";
import { fakeRegistry } from "../../../support/fake-registry.js";

const registry = () => {
  const fake = fakeRegistry();
  const mr = new ModelRegistry({
    url: "http://registry.test",
    fetch: fake.fetch,
    retry: { attempts: 3, baseDelayMs: 1 },
    apiVersion: "v1alpha3",
    env: {},
    lineage: {},
  });
  return { fake, mr };
};

async function source() {
  const { mr } = registry();
  for (const version of ["v1", "v2", "v3"])
    await mr.registerModel({
      name: "mnist",
      version,
      uri: `s3://models/mnist/${version}/`,
      metadata: { accuracy: double(1), epochs: int(10), layers: { hidden: 64 } },
      modelFormat: { name: "onnx", version: "1" },
    });
  await mr.setAlias({ name: "mnist", alias: "champion", version: "v2", settleMs: 0 });
  await mr.setAlias({ name: "mnist", alias: "old", version: "v1", settleMs: 0 });
  return mr;
}

describe("exportModels", () => {
  it("writes every version with its artifact and wire-typed properties, and the aliases apart", async () => {
    const bundle = await (await source()).exportModels({ names: ["mnist"] });
    expect(bundle).toMatchObject({ format: "kubeflow-model-registry-bundle", formatVersion: 1 });
    const [model] = bundle.models;
    expect(model?.aliases).toEqual({ champion: "v2", old: "v1" });
    expect(Object.keys(model?.customProperties ?? {}).some((k) => k.startsWith("alias."))).toBe(false);
    expect(model?.versions.map((v) => v.fields.name)).toEqual(["v1", "v2", "v3"]);
    expect(model?.versions[0]?.customProperties.accuracy).toEqual({
      metadataType: "MetadataDoubleValue",
      double_value: 1,
    });
    expect(model?.versions[0]?.artifact?.fields).toMatchObject({
      uri: "s3://models/mnist/v1/",
      modelFormatName: "onnx",
    });
  });

  it("exports only the versions named (an alias too), and only the aliases of those", async () => {
    const bundle = await (await source()).exportModels({ names: ["mnist"], versions: ["@champion", "v3"] });
    expect(bundle.models[0]?.versions.map((v) => v.fields.name)).toEqual(["v2", "v3"]);
    expect(bundle.models[0]?.aliases).toEqual({ champion: "v2" });
  });

  it("exports @latest, the newest version not archived, as get and verify find it", async () => {
    const { fake, mr } = registry();
    for (const version of ["v1", "v2", "v3"])
      await mr.registerModel({ name: "mnist", version, uri: `s3://models/mnist/${version}/` });
    for (const archived of fake.versions.slice(1)) archived.state = "ARCHIVED";
    const bundle = await mr.exportModels({ names: ["mnist"], versions: ["@latest", "v3"] });
    expect(bundle.models[0]?.versions.map((v) => v.fields.name)).toEqual(["v1", "v3"]);
    expect((await mr.getModelVersion("mnist", "@latest"))?.name).toBe("v1");
    expect(bundle.models[0]?.aliases).toEqual({});
    for (const version of fake.versions) version.state = "ARCHIVED";
    await expect(mr.exportModels({ names: ["mnist"], versions: ["@latest"] })).rejects.toThrow(
      /alias "latest" of model "mnist"/,
    );
  });
});

describe("importBundle", () => {
  it("creates the model, versions, artifacts and aliases, types kept; a re-run is unchanged and writes nothing", async () => {
    const bundle = await (await source()).exportModels({ names: ["mnist"] });
    const { fake, mr } = registry();
    const first = await mr.importBundle({ bundle, settleMs: 0 });
    expect(first).toMatchObject({ status: "imported", counts: { created: 3 } });
    expect(first.aliases.map((a) => a.status)).toEqual(["set", "set"]);
    expect(await mr.listAliases({ name: "mnist" })).toEqual({ champion: "v2", old: "v1" });
    const v1 = await mr.getModelVersion("mnist", "v1");
    expect(v1?.customProperties).toMatchObject({ accuracy: 1, epochs: 10, layers: { hidden: 64 } });
    expect(fake.versions[0]?.customProperties).toMatchObject({
      accuracy: { metadataType: "MetadataDoubleValue" },
    });
    const writes = fake.log.length;
    const again = await mr.importBundle({ bundle, settleMs: 0 });
    expect(again).toMatchObject({ status: "unchanged", counts: { unchanged: 3 } });
    expect(fake.log.slice(writes).filter((line) => !line.startsWith("GET"))).toEqual([]);
  });

  it("completes an import cut short: a version without its artifact gets it", async () => {
    const bundle = await (await source()).exportModels({ names: ["mnist"] });
    const { fake, mr } = registry();
    await mr.importBundle({ bundle, settleMs: 0, aliases: false });
    fake.artifacts.splice(1, 1); // as if the run had stopped after creating v2
    const resumed = await mr.importBundle({ bundle, settleMs: 0 });
    expect(resumed.counts).toEqual({ unchanged: 2, completed: 1 });
    expect(await mr.getModelArtifact("mnist", "v2")).toMatchObject({ uri: "s3://models/mnist/v2/" });
  });

  it("reports a version that exists with another URI as a conflict and changes nothing; keeps the target's aliases", async () => {
    const bundle = await (await source()).exportModels({ names: ["mnist"] });
    const { mr } = registry();
    await mr.registerModel({ name: "mnist", version: "v1", uri: "s3://elsewhere/v1/" });
    await mr.registerModel({ name: "mnist", version: "v3", uri: "s3://models/mnist/v3/" });
    await mr.setAlias({ name: "mnist", alias: "champion", version: "v3", settleMs: 0 });
    const result = await mr.importBundle({ bundle, settleMs: 0 });
    expect(result.status).toBe("conflict");
    expect(result.versions.find((v) => v.version === "v1")).toMatchObject({ status: "conflict" });
    expect(await mr.getModelArtifact("mnist", "v1")).toMatchObject({ uri: "s3://elsewhere/v1/" });
    expect(result.aliases).toContainEqual({
      model: "mnist",
      alias: "champion",
      version: "v3",
      requested: "v2",
      status: "kept",
    });
    expect(result.aliases).toContainEqual({
      model: "mnist",
      alias: "old",
      version: "v1",
      status: "skipped",
      message: 'version "v1" is a conflict here: the alias was not set',
    });
    expect(await mr.listAliases({ name: "mnist" })).toEqual({ champion: "v3" });
  });

  it("refuses what is not a bundle, or a newer format, before any request", async () => {
    const { fake, mr } = registry();
    await expect(mr.importBundle({ bundle: { models: [] } as never })).rejects.toBeInstanceOf(ConfigError);
    await expect(
      mr.importBundle({
        bundle: { format: "kubeflow-model-registry-bundle", formatVersion: 2, models: [] } as never,
      }),
    ).rejects.toThrow(/format version 2; this release reads version 1/);
    expect(fake.log).toEqual([]);
  });
});
