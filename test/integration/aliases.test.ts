// Aliases on both of the stack's registries: set, moved and resolved everywhere a version is named (library and
// mr-cli: get, download, verify, deploy, --emit kserve), read back by the official Python client, and a race of
// concurrent moves and edits that ends with one holder and every property kept.
import { describe, expect, it } from "vitest";
import { ModelRegistry } from "../../src/index.js";
import { serviceName } from "../../src/workflows/deploy/deploy.js";
import { json, mrCli } from "../support/cli.js";
import { tempDir, writeTree } from "../support/model-files.js";
import { installPythonClient, pythonClient } from "../support/python-client.js";
import { STACK_REGISTRIES } from "../support/registry.js";
import { S3_SERVERS, storageOf } from "../support/s3.js";
import { uniqueName } from "../support/unique.js";

const s3 = storageOf(S3_SERVERS[0]); // moto
const PYTHON = { "release (v1alpha3)": "0.3.14", "v1 server": "0.3.18" } as Record<string, string>;

/** A model with `count` versions registered by URI (no bytes), v1 … vN. */
async function modelWithVersions(mr: ModelRegistry, prefix: string, count: number): Promise<string> {
  const name = uniqueName(prefix);
  for (let i = 1; i <= count; i++)
    await mr.registerModel({
      name,
      version: `v${i}`,
      uri: `s3://${s3.bucket}/${name}/v${i}/`,
      modelFormat: { name: "onnx", version: "1" },
      metadata: { i },
    });
  return name;
}

describe.each(STACK_REGISTRIES)("aliases on the $label", ({ label, url }) => {
  const mr = new ModelRegistry({ url, author: "alias-test", storage: s3 });
  const cli = (args: string[]) => mrCli([...args, "--url", url]);

  it("are set, moved and resolved by the library, and stored as alias.<name> = the version's name", async () => {
    const name = await modelWithVersions(mr, "alias", 3);
    expect(await mr.setAlias({ name, alias: "champion", version: "v1" })).toMatchObject({ status: "set" });
    expect(await mr.setAlias({ name, alias: "champion", version: "v3" })).toMatchObject({
      status: "moved",
      previous: "v1",
      version: "v3",
    });
    expect(await mr.getModelVersion(name, "@champion")).toMatchObject({ name: "v3" });
    expect((await mr.getModelArtifact(name, "@champion"))?.uri).toBe(`s3://${s3.bucket}/${name}/v3/`);
    expect(await mr.getModelVersion(name, "@latest")).toMatchObject({ name: "v3" });
    const model = await mr.registeredModels.find({ name });
    expect(model?.customProperties).toMatchObject({ "alias.champion": "v3" });
    expect(Object.keys(model?.customProperties ?? {}).filter((key) => key.startsWith("alias."))).toEqual([
      "alias.champion",
    ]);
  });

  it("name a version everywhere in mr-cli: alias set|ls|rm, get version, deploy and --emit kserve", async () => {
    const name = await modelWithVersions(mr, "alias-cli", 2);
    expect(json(await cli(["alias", "set", name, "champion", "v1", "-o", "json"]))).toEqual({
      model: name,
      alias: "champion",
      version: "v1",
      previous: null,
      status: "set",
    });
    const moved = await cli(["alias", "set", name, "champion", "v2"]);
    expect(moved.stdout.trim()).toBe(`${name}@champion → v2 (moved from v1)`);
    expect(json(await cli(["alias", "ls", name, "-o", "json"]))).toEqual({ champion: "v2" });
    expect(json(await cli(["get", "version", name, "@champion", "-o", "json"]))).toMatchObject({
      name: "v2",
    });
    const card = await cli(["get", "version", name, "@champion"]);
    expect(card.stdout).toMatch(/aliases:\s+champion/);
    const table = await cli(["list", "versions", name]);
    expect(table.stdout).toMatch(/v2\s+LIVE\s+champion\s/);
    const env = uniqueName("alias-env");
    const deployed = json<{ action: string; inferenceService: { name: string; modelVersionId: string } }>(
      await cli(["deploy", name, "@champion", "--env", env, "--create-env", "-o", "json"]),
    );
    const v2 = await mr.getModelVersion(name, "v2");
    expect(deployed).toMatchObject({
      action: "created",
      inferenceService: { name: serviceName(name, "@champion"), modelVersionId: v2?.id },
    });
    await mr.setAlias({ name, alias: "champion", version: "v1" });
    const again = json<{ action: string; inferenceService: { modelVersionId: string } }>(
      await cli(["deploy", name, "@champion", "--env", env, "-o", "json"]),
    );
    const v1 = await mr.getModelVersion(name, "v1");
    expect(again).toMatchObject({ action: "updated", inferenceService: { modelVersionId: v1?.id } });
    const manifest = await cli(["deploy", name, "@champion", "--env", env, "--emit", "kserve"]);
    expect(manifest.code).toBe(0);
    expect(manifest.stdout).toContain(`storageUri: s3://${s3.bucket}/${name}/v1/`);
    expect(json(await cli(["alias", "rm", name, "champion", "-o", "json"]))).toMatchObject({
      status: "removed",
    });
    const gone = await cli(["get", "version", name, "@champion"]);
    expect(gone.code).toBe(3);
    expect(gone.stderr).toContain(`alias "champion" of model "${name}" does not exist`);
  });

  it("download and verify a version named by its alias", async () => {
    const name = uniqueName("alias-files");
    const dir = await tempDir();
    await writeTree(dir, { "model.onnx": "champion weights" });
    await mr.registerModel({ name, version: "v1", path: dir });
    await mr.setAlias({ name, alias: "prod", version: "v1" });
    const out = await tempDir();
    expect(json(await cli(["download", name, "@prod", out, "-o", "json"]))).toMatchObject({ ok: true });
    expect(json(await cli(["verify", name, "@prod", "-o", "json"]))).toMatchObject({ ok: true });
  });

  it("are read by the official Python client as the model's custom properties", async () => {
    const python = PYTHON[label] ?? "0.3.14";
    await installPythonClient(python);
    const name = await modelWithVersions(mr, "alias-py", 2);
    await mr.setAlias({ name, alias: "champion", version: "v2" });
    const before = await pythonClient(python)(["read", url, name, "v2"]);
    const named = before.model.custom_properties["alias.champion"];
    expect(named).toBe("v2");
    // The value is a version name, which the Python client's get_model_version takes as it is.
    expect(before.versions[String(named)]?.version).toMatchObject({ name: "v2" });
  }, 300_000);

  it("a race of 10 concurrent moves, with other aliases and metadata changed meanwhile, ends with one holder and every property kept", async () => {
    const name = await modelWithVersions(mr, "alias-race", 10);
    const model = await mr.registeredModels.find({ name });
    await mr.registeredModels.update(
      model?.id ?? "",
      { customProperties: { note: "before" } },
      { mergeCustomProperties: true },
    );
    const writers = Array.from({ length: 10 }, (_, i) =>
      new ModelRegistry({ url, author: `writer-${i}` }).setAlias({
        name,
        alias: "champion",
        version: `v${i + 1}`,
      }),
    );
    const others = [
      mr.setAlias({ name, alias: "challenger", version: "v2" }),
      mr.setAlias({ name, alias: "staging", version: "v3" }),
      mr.registeredModels.changeCustomProperties(model?.id ?? "", { team: "vision", reviewed: true }),
    ];
    const results = await Promise.all(writers);
    await Promise.all(others);
    const after = await mr.registeredModels.find({ name });
    const props = after?.customProperties ?? {};
    // Exactly one holder, one of the ten, and the writer that set it says so.
    const holder = props["alias.champion"];
    expect(Array.from({ length: 10 }, (_, i) => `v${i + 1}`)).toContain(holder);
    expect(Object.keys(props).filter((key) => key.startsWith("alias.champion"))).toEqual(["alias.champion"]);
    const winner = results.find((result) => result.status !== "superseded" && result.version === holder);
    expect(winner).toBeDefined();
    for (const result of results)
      expect(result.status === "superseded" || result.version !== undefined).toBe(true);
    // Nothing lost: the earlier property, the other aliases and the concurrent metadata edit.
    expect(props).toMatchObject({
      note: "before",
      "alias.challenger": "v2",
      "alias.staging": "v3",
      team: "vision",
      reviewed: true,
    });
    expect(await mr.listAliases({ name })).toEqual({ challenger: "v2", champion: holder, staging: "v3" });
  }, 60_000);

  it("mr-cli update --set beside concurrent alias moves loses neither (each command a process of its own)", async () => {
    const name = await modelWithVersions(mr, "alias-update-race", 5);
    const runs = await Promise.all([
      ...Array.from({ length: 5 }, (_, i) => cli(["alias", "set", name, `a${i}`, `v${i + 1}`])),
      ...Array.from({ length: 5 }, (_, i) => cli(["update", "model", name, "--set", `k${i}=${i}`])),
      cli(["update", "version", name, "v1", "--set", "checked=true", "--description", "first"]),
    ]);
    expect(runs.map((run) => run.code)).toEqual(runs.map(() => 0));
    const props = (await mr.registeredModels.find({ name }))?.customProperties ?? {};
    for (let i = 0; i < 5; i++) expect(props).toMatchObject({ [`alias.a${i}`]: `v${i + 1}`, [`k${i}`]: i });
    expect(await mr.getModelVersion(name, "v1")).toMatchObject({
      description: "first",
      customProperties: { i: 1, checked: true },
    });
  }, 60_000);
});
