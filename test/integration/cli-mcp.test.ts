// mr-cli mcp driven through the MCP SDK's own client over stdio, against the stack's registry, S3 (moto) and catalog:
// the tools it lists, every read tool, a registration (by URI and from a folder) and a deployment through plan and
// confirmation seen in the registry, writes without a confirmation or on a read-only server that change nothing, and
// no output that holds the token it was started with. Then the same tools over streamable HTTP, with its token.
import { randomUUID } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, MR_CLI, mrCli } from "../support/cli.js";
import { tempDir, writeTree } from "../support/model-files.js";
import { STACK_REGISTRIES, stackRegistry } from "../support/registry.js";
import { stackEnv } from "../support/stack-env.js";
import { uniqueName } from "../support/unique.js";

// The stack's server takes any bearer token; mr-cli sends this one and must never show it.
const TOKEN = `mcp-token-${randomUUID()}`;
const mr = stackRegistry();
const catalogUrl = stackEnv().MODEL_CATALOG_URL;
let home: string;
let models: string;
const outputs: string[] = [];
const clients: Client[] = [];

type Result = {
  isError?: boolean;
  structuredContent: Record<string, unknown> & { error?: Record<string, unknown> };
};

function env(extra: Record<string, string> = {}): Record<string, string> {
  const merged: Record<string, string> = {};
  const all = {
    ...process.env,
    ...stackEnv(),
    HOME: home,
    MR_CLI_CONFIG: join(home, "mr-cli.yaml"),
    ...extra,
  };
  for (const [key, value] of Object.entries(all)) if (value !== undefined) merged[key] = value;
  merged.MODEL_REGISTRY_TOKEN = TOKEN;
  return merged;
}

/** An MCP client of `mr-cli mcp <args>` over stdio; `call` returns a tool's result and keeps what it saw. */
async function server(args: string[] = []) {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [MR_CLI, "mcp", "--allow-path", models, ...args],
    env: env(),
    stderr: "pipe",
  });
  transport.stderr?.on("data", (chunk: Buffer) => outputs.push(chunk.toString()));
  const client = new Client({ name: "cli-mcp-test", version: "1" });
  await client.connect(transport);
  clients.push(client);
  const call = async (name: string, args: Record<string, unknown> = {}): Promise<Result> => {
    const result = await client.callTool({ name, arguments: args });
    outputs.push(JSON.stringify(result));
    return result as Result;
  };
  return { client, call };
}

/** A tool's result that must not be an error. */
function ok(result: Result): Record<string, unknown> {
  if (result.isError) throw new Error(`tool error: ${JSON.stringify(result.structuredContent)}`);
  return result.structuredContent;
}

const cliJson = async <T>(args: string[]) => json<T>(await mrCli(args, env()));

let model: string;
beforeAll(async () => {
  home = await tempDir("mr-cli-mcp-home-");
  models = await tempDir("mr-cli-mcp-models-");
  model = uniqueName("mcp");
  for (const [version, accuracy] of [
    ["v1", 0.91],
    ["v2", 0.97],
  ] as const)
    await mr.registerModel({
      name: model,
      version,
      uri: `s3://models/${model}/${version}/`,
      modelFormat: { name: "onnx", version: "1" },
      metadata: { accuracy, epochs: 10 },
    });
  await mr.deploy({
    name: model,
    version: "v1",
    servingEnvironment: `${model}-env`,
    createEnvironment: true,
  });
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  // Nothing mr-cli mcp printed or answered, on stdout or stderr, holds the token it was given.
  expect(outputs.length).toBeGreaterThan(20);
  expect(outputs.join("\n")).not.toContain(TOKEN);
});

describe("mr-cli mcp over stdio", () => {
  it("lists every tool with a description and a JSON schema; writes take a confirmation", async () => {
    const { client } = await server();
    const { tools } = await client.listTools();
    outputs.push(JSON.stringify(tools));
    expect(tools.map((tool) => tool.name)).toEqual(
      expect.arrayContaining(["list_models", "compare_versions", "catalog_search", "plan_deploy", "deploy"]),
    );
    expect(tools).toHaveLength(23);
    for (const tool of tools) {
      expect(tool.description?.length, tool.name).toBeGreaterThan(40);
      expect(tool.inputSchema.type).toBe("object");
      expect("confirm" in (tool.inputSchema.properties ?? {}), tool.name).toBe(
        tool.annotations?.readOnlyHint === false,
      );
    }
  });

  it("answers every read tool with what -o json prints for the same data, and a model's card", async () => {
    const { client, call } = await server();
    const listed = ok(await call("list_models", { search: model }));
    expect((listed.items as { name: string }[]).map((m) => m.name)).toEqual([model]);
    expect(ok(await call("get_model", { name: model }))).toEqual(
      await cliJson(["get", "model", model, "-o", "json"]),
    );
    expect(ok(await call("list_versions", { model }))).toEqual({
      items: await cliJson(["list", "versions", model, "-o", "json"]),
    });
    const filtered = ok(await call("list_versions", { model, filter: "accuracy > 0.95" }));
    expect((filtered.items as { name: string }[]).map((v) => v.name)).toEqual(["v2"]);
    expect(ok(await call("get_version", { model, version: "v2" }))).toEqual(
      await cliJson(["get", "version", model, "v2", "-o", "json"]),
    );
    expect(ok(await call("get_artifact", { model, version: "v1" }))).toEqual(
      await cliJson(["get", "artifact", model, "v1", "-o", "json"]),
    );
    expect(ok(await call("list_artifacts", { model, version: "v1" })).items).toHaveLength(1);
    const compared = ok(await call("compare_versions", { model, versionA: "v1", versionB: "v2" }));
    expect(compared.properties).toEqual(
      expect.arrayContaining([
        { name: "accuracy", a: 0.91, b: 0.97, same: false, delta: expect.closeTo(0.06, 6) },
        { name: "epochs", a: 10, b: 10, same: true, delta: 0 },
      ]),
    );
    expect(compared.modelArtifact).toEqual(
      expect.arrayContaining([{ name: "modelFormatName", a: "onnx", b: "onnx", same: true }]),
    );
    const environments = ok(await call("list_serving_environments", { pageSize: 500 })).items as {
      name: string;
    }[];
    expect(environments.map((e) => e.name)).toContain(`${model}-env`);
    const deployments = ok(await call("list_deployments", { servingEnvironment: `${model}-env` }));
    expect(deployments.items).toEqual([
      expect.objectContaining({ name: `${model}-v1`, desiredState: "DEPLOYED" }),
    ]);
    const service = { inferenceService: `${model}-v1`, servingEnvironment: `${model}-env` };
    expect(ok(await call("get_deployment", service))).toMatchObject({ name: `${model}-v1` });
    const plan = ok(await call("plan_register", { name: model, version: "v3", uri: "s3://models/x/" }));
    expect(plan).toMatchObject({
      dryRun: true,
      status: "created",
      registeredModel: expect.stringMatching(/^reuse /),
    });
    const deployPlan = {
      model,
      version: "v2",
      servingEnvironment: `${model}-env`,
      inferenceService: `${model}-v1`,
    };
    expect(ok(await call("plan_deploy", deployPlan))).toMatchObject({ dryRun: true, action: "update" });
    const card = await client.readResource({ uri: `model-registry://models/${model}` });
    outputs.push(JSON.stringify(card));
    expect(card.contents[0]).toMatchObject({
      mimeType: "text/markdown",
      text: expect.stringContaining(`# ${model}`),
    });
    expect((card.contents[0] as { text: string }).text).toMatch(/\| v2 \| LIVE \| .* \| .*accuracy=0\.97/);
    // The plans changed nothing.
    expect(await mr.getModelVersion(model, "v3")).toBeNull();
    expect(await mr.getModelVersion(model, "v2")).toMatchObject({ name: "v2" });
  });

  it("answers the catalog's read tools, and a catalog model's README", async () => {
    const { client, call } = await server(catalogUrl ? ["--catalog-url", catalogUrl] : []);
    const sources = await call("catalog_sources");
    if (!catalogUrl) {
      expect(sources.structuredContent.error).toMatchObject({ class: "ConfigError" });
      return;
    }
    // The model catalog's sources (the MCP, agent and skill sources are listed by asset type only).
    expect((ok(sources).items as { id: string }[]).map((s) => s.id)).toEqual([
      "stack_community",
      "stack_demo",
    ]);
    const found = ok(await call("catalog_search", { search: "digit" })).items as { name: string }[];
    expect(found.map((m) => m.name)).toEqual(["acme/digits-onnx"]);
    const described = ok(
      await call("catalog_get", { source: "stack_demo", model: "acme/digits-onnx", artifacts: true }),
    );
    const readme = await client.readResource({ uri: "model-catalog://stack_demo/acme%2Fdigits-onnx" });
    outputs.push(JSON.stringify(readme));
    expect((readme.contents[0] as { text: string }).text).toContain("digits");
    expect(described).toEqual(
      await cliJson([
        "catalog",
        "get",
        "stack_demo",
        "acme/digits-onnx",
        "--artifacts",
        "--catalog-url",
        catalogUrl,
        "-o",
        "json",
      ]),
    );
  });

  it("registers (by URI and from a folder) and deploys through plan and confirmation, as the registry then shows", async () => {
    const { call } = await server(["--allow-writes"]);
    const name = uniqueName("mcp-write");
    const byUri = {
      name,
      version: "v1",
      uri: `s3://models/${name}/v1/`,
      format: { name: "onnx" },
      metadata: { accuracy: 0.9 },
    };
    const planned = ok(await call("register_model", byUri));
    expect(planned).toMatchObject({
      confirmationRequired: true,
      plan: { status: "created", uri: byUri.uri },
    });
    expect(await mr.registeredModels.find({ name })).toBeNull();
    expect(ok(await call("register_model", { ...byUri, confirm: planned.confirm }))).toMatchObject({
      status: "created",
    });
    const folder = join(models, name);
    await mkdir(folder);
    await writeTree(folder, { "model.onnx": "onnx bytes", "config/labels.json": '["0","1"]' });
    const byPath = { name, version: "v2", path: folder };
    const upload = ok(await call("register_model", byPath));
    expect(upload.plan).toMatchObject({ files: { count: 2 }, modelVersion: "create" });
    expect(ok(await call("register_model", { ...byPath, confirm: upload.confirm }))).toMatchObject({
      status: "created",
      manifest: { fileCount: 2 },
    });
    const deploy = { model: name, version: "v2", servingEnvironment: `${name}-env`, createEnvironment: true };
    const deployPlan = ok(await call("deploy", deploy));
    expect(deployPlan.plan).toMatchObject({ action: "create", servingEnvironment: "create" });
    expect(ok(await call("deploy", { ...deploy, confirm: deployPlan.confirm }))).toMatchObject({
      action: "created",
    });
    const update = { model: name, version: "v1", set: { validated: true } };
    const updatePlan = ok(await call("update_version", update));
    expect(updatePlan.plan).toMatchObject({
      changes: [{ field: "customProperties.validated", from: null, to: true }],
    });
    ok(await call("update_version", { ...update, confirm: updatePlan.confirm }));

    expect((await mr.getModelArtifact(name, "v2"))?.uri).toMatch(/^s3:\/\/models\//);
    const version = await mr.getModelVersion(name, "v2");
    const environment = await mr.servingEnvironments.find({ name: `${name}-env` });
    const services = await mr.servingEnvironments
      .inferenceServices(environment?.id ?? "")
      .list()
      .toArray();
    expect(services).toEqual([
      expect.objectContaining({ modelVersionId: version?.id, name: `${name}-v2`, desiredState: "DEPLOYED" }),
    ]);
    expect((await mr.getModelVersion(name, "v1"))?.customProperties).toMatchObject({
      accuracy: 0.9,
      validated: true,
    });
  });

  it.each(STACK_REGISTRIES)(
    "registers and deploys on the $label, by the API generation it serves",
    async ({ url }) => {
      const { call } = await server(["--allow-writes", "--url", url]);
      const name = uniqueName("mcp-generation");
      const confirmed = async (tool: string, args: Record<string, unknown>) => {
        const { confirm } = ok(await call(tool, args));
        return ok(await call(tool, { ...args, confirm }));
      };
      await confirmed("register_model", { name, version: "v1", uri: `s3://models/${name}/v1/` });
      const deploy = {
        model: name,
        version: "v1",
        servingEnvironment: `${name}-env`,
        createEnvironment: true,
      };
      expect(await confirmed("deploy", deploy)).toMatchObject({ action: "created" });
      const other = stackRegistry(url);
      expect(await other.getModelVersion(name, "v1")).toMatchObject({ name: "v1" });
      expect(ok(await call("list_deployments", { servingEnvironment: `${name}-env` })).items).toEqual([
        expect.objectContaining({ name: `${name}-v1`, desiredState: "DEPLOYED" }),
      ]);
    },
  );

  it("changes nothing for a write without its confirmation, with another's, or with one whose plan changed", async () => {
    const { call } = await server(["--allow-writes"]);
    const name = uniqueName("mcp-unconfirmed");
    const args = { name, version: "v1", uri: `s3://models/${name}/v1/` };
    const { confirm } = ok(await call("register_model", args));
    const other = await call("register_model", { ...args, version: "v2", confirm });
    expect(other.structuredContent.error).toMatchObject({ class: "WriteRefusedError" });
    expect(await mr.registeredModels.find({ name })).toBeNull();
    // Another client registers it meanwhile: the plan shown (created) is no longer what would happen.
    await mr.registerModel({ ...args, metadata: { by: "someone else" } });
    const stale = await call("register_model", { ...args, confirm });
    expect(stale.structuredContent.error).toMatchObject({
      class: "WriteRefusedError",
      plan: { status: "unchanged" },
    });
    const archive = { model: name, version: "v1" };
    const archiving = ok(await call("archive", archive));
    expect((await mr.getModelVersion(name, "v1"))?.state).toBe("LIVE");
    ok(await call("archive", { ...archive, confirm: archiving.confirm }));
    ok(await call("restore", { ...archive, confirm: ok(await call("restore", archive)).confirm }));
    // The same confirmation a second time: used up, nothing archived again, and no new confirmation handed out.
    const again = await call("archive", { ...archive, confirm: archiving.confirm });
    expect(again.structuredContent.error).toMatchObject({ class: "WriteRefusedError" });
    expect((again.structuredContent.error as { confirm?: string }).confirm).toBeUndefined();
    expect((await mr.getModelVersion(name, "v1"))?.state).toBe("LIVE");
    // An argument the tool does not take is refused, not dropped.
    const misnamed = await call("list_versions", { model: name, filterQuery: "accuracy > 0.97" });
    expect(misnamed.isError).toBe(true);
  });

  it("uploads nothing a link in an allowed folder points outside it; files changed after the plan are a new plan", async () => {
    const outside = await mkdtemp(join(tmpdir(), "mcp-outside-"));
    await writeFile(join(outside, "secret.bin"), "secret");
    const { call } = await server(["--allow-writes"]);
    const name = uniqueName("mcp-links");
    const folder = join(models, name);
    await mkdir(folder);
    await writeFile(join(folder, "model.onnx"), "onnx bytes");
    await symlink(join(outside, "secret.bin"), join(folder, "weights.bin"));
    const args = { name, version: "v1", path: folder };
    const refused = await call("plan_register", args);
    expect(refused.structuredContent.error).toMatchObject({ class: "UsageError" });
    expect(String((refused.structuredContent.error as { message: string }).message)).toContain(
      "weights.bin is a link to a file outside",
    );
    expect(
      (await call("plan_register", { ...args, path: join(outside, "nope") })).structuredContent.error,
    ).toMatchObject({ message: expect.stringContaining("is outside the folders") });
    await rm(join(folder, "weights.bin"));
    const planned = ok(await call("register_model", args));
    await writeFile(join(folder, "model.onnx"), "other byte"); // same size, new content and time
    const stale = await call("register_model", { ...args, confirm: planned.confirm });
    expect(stale.structuredContent.error).toMatchObject({ class: "WriteRefusedError" });
    expect(await mr.registeredModels.find({ name })).toBeNull();
  });

  it("refuses every write on a read-only server, and says how to allow them", async () => {
    const { call } = await server();
    const refused = await call("deploy", {
      model,
      version: "v2",
      servingEnvironment: `${model}-env`,
      confirm: "c1.x.y",
    });
    expect(refused.isError).toBe(true);
    expect(refused.structuredContent.error).toMatchObject({
      class: "WriteRefusedError",
      hint: expect.stringContaining("--allow-writes"),
    });
    const services = await mr.inferenceServices.list().toArray();
    expect(services.filter((s) => s.name === `${model}-v2`)).toEqual([]);
  });

  it("answers failures as tool errors with the error's class, scrubbed of the token, and keeps serving", async () => {
    const { call } = await server();
    const missing = await call("get_model", { name: TOKEN });
    expect(missing.isError).toBe(true);
    expect(missing.structuredContent.error).toMatchObject({
      class: "EntityNotFoundError",
      message: expect.stringContaining('registered model "[REDACTED]" does not exist'),
    });
    const outside = await call("plan_register", { name: model, version: "v9", path: "/etc" });
    expect(outside.structuredContent.error).toMatchObject({
      class: "UsageError",
      message: expect.stringContaining("--allow-path"),
    });
    expect(ok(await call("get_model", { name: model }))).toMatchObject({ name: model });
  });
});

describe("mr-cli mcp over HTTP", () => {
  it("serves the tools on loopback to a client with the token from its 0600 file, and refuses others", async () => {
    const { spawn } = await import("node:child_process");
    const tokenFile = join(home, "http", "token");
    const child = spawn(process.execPath, [MR_CLI, "mcp", "--http", "--http-token-file", tokenFile], {
      env: env(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stderr.on("data", (chunk: Buffer) => {
          stderr += chunk.toString();
          const found = /(http:\/\/127\.0\.0\.1:\d+\/mcp)/.exec(stderr);
          if (found?.[1]) resolve(found[1]);
        });
        child.on("exit", (code) => reject(new Error(`mr-cli mcp --http exited ${code}: ${stderr}`)));
      });
      expect(((await stat(tokenFile)).mode & 0o777).toString(8)).toBe("600");
      const token = (await readFile(tokenFile, "utf8")).trim();
      expect(stderr).toContain(tokenFile);
      expect(stderr).not.toContain(token);
      expect((await fetch(url, { method: "POST", body: "{}" })).status).toBe(401);
      const wrongHost = await new Promise<number>((resolve) => {
        const req = request(
          url,
          { method: "POST", headers: { host: "attacker.example", authorization: `Bearer ${token}` } },
          (res) => resolve(res.statusCode ?? 0),
        );
        req.end("{}");
      });
      expect(wrongHost).toBe(403);
      const client = new Client({ name: "cli-mcp-http-test", version: "1" });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(url), {
          requestInit: { headers: { authorization: `Bearer ${token}` } },
        }),
      );
      expect((await client.listTools()).tools).toHaveLength(23);
      const result = (await client.callTool({ name: "get_model", arguments: { name: model } })) as Result;
      expect(ok(result)).toMatchObject({ name: model });
      // No stdout to scrub here: the tool's result itself is scrubbed of the registry's token.
      const missing = (await client.callTool({ name: "get_model", arguments: { name: TOKEN } })) as Result;
      outputs.push(JSON.stringify(missing));
      expect(missing.structuredContent.error).toMatchObject({
        message: expect.stringContaining("[REDACTED]"),
      });
      await client.close();
    } finally {
      child.kill("SIGINT");
      outputs.push(stderr);
    }
  });
});
