import { Client, InMemoryTransport } from "@modelcontextprotocol/client";
import { describe, expect, it } from "vitest";
import { Confirmations } from "../../../../src/cli/mcp/confirmations.js";
import { createMcpServer } from "../../../../src/cli/mcp/mcp-server.js";
import { Secrets } from "../../../../src/client/secrets.js";
import type { ModelRegistry } from "../../../../src/index.js";
import { memoryWorkflow } from "../../../support/memory-workflow.js";

/** An MCP client of a server over the registry in memory; `allowWrites` as the server is started. */
async function connected(allowWrites: boolean) {
  const { registry, client } = memoryWorkflow();
  const mr = client(false);
  const secrets = new Secrets();
  secrets.add("s3cr3t-registry-token");
  const server = createMcpServer({
    env: {
      registry: async () => mr,
      catalog: () => Promise.reject(new Error("no catalog here")),
      pathRoots: [],
    },
    allowWrites,
    confirmations: new Confirmations(),
    scrub: (text) => secrets.scrub(text),
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const mcp = new Client({ name: "unit", version: "0" });
  await mcp.connect(clientSide);
  const call = async (name: string, args: Record<string, unknown>) => {
    const result = await mcp.callTool({ name, arguments: args });
    return result as {
      isError?: boolean;
      structuredContent: Record<string, unknown> & { error?: Record<string, unknown> };
    };
  };
  return { registry, mr, call };
}

const register = { name: "mnist", version: "v1", uri: "s3://models/mnist/v1/", format: { name: "onnx" } };
const posts = (log: string[]) => log.filter((line) => line.startsWith("POST"));

describe("mr-cli mcp's writes", () => {
  it("return the plan and its confirmation first, and write only when called again with it", async () => {
    const { registry, call } = await connected(true);
    const first = await call("register_model", register);
    expect(first.isError).toBeFalsy();
    expect(first.structuredContent).toMatchObject({
      confirmationRequired: true,
      tool: "register_model",
      plan: { dryRun: true, status: "created", registeredModel: "create", uri: register.uri },
      confirm: expect.stringMatching(/^c1\./),
    });
    expect(posts(registry.log)).toEqual([]);
    const done = await call("register_model", { ...register, confirm: first.structuredContent.confirm });
    expect(done.structuredContent).toMatchObject({ status: "created", uri: register.uri });
    expect(posts(registry.log)).toHaveLength(3);
  });

  it("refuse a confirmation for other arguments, or for a plan that changed since, and change nothing", async () => {
    const { registry, mr, call } = await connected(true);
    const { confirm } = (await call("register_model", register)).structuredContent;
    const other = await call("register_model", { ...register, metadata: { accuracy: 0.9 }, confirm });
    expect(other.isError).toBe(true);
    expect(other.structuredContent.error).toMatchObject({ class: "WriteRefusedError" });
    expect(posts(registry.log)).toEqual([]);
    // Meanwhile someone else registers the same version: the plan becomes "unchanged".
    await (mr as ModelRegistry).registerModel({ ...register, modelFormat: register.format });
    const before = posts(registry.log).length;
    const stale = await call("register_model", { ...register, confirm });
    expect(stale.isError).toBe(true);
    expect(stale.structuredContent.error).toMatchObject({
      class: "WriteRefusedError",
      plan: { status: "unchanged" },
      confirm: expect.stringMatching(/^c1\./),
    });
    expect(posts(registry.log)).toHaveLength(before);
  });

  it("are refused on a read-only server before anything is read or written", async () => {
    const { registry, call } = await connected(false);
    const refused = await call("register_model", register);
    expect(refused.isError).toBe(true);
    expect(refused.structuredContent.error).toMatchObject({
      class: "WriteRefusedError",
      hint: expect.stringContaining("--allow-writes"),
    });
    expect(registry.log).toEqual([]);
  });
});

describe("mr-cli mcp's failures", () => {
  it("come back as tool errors with the error's class, and the server goes on answering", async () => {
    const { mr, call } = await connected(false);
    const missing = await call("get_model", { name: "no-such-model" });
    expect(missing.isError).toBe(true);
    expect(missing.structuredContent.error).toMatchObject({
      class: "EntityNotFoundError",
      message: expect.stringContaining('registered model "no-such-model" does not exist'),
    });
    const catalog = await call("catalog_sources", {});
    expect(catalog.structuredContent.error).toMatchObject({ class: "Error", message: "no catalog here" });
    const upload = await call("plan_register", { name: "mnist", version: "v2", path: "." });
    expect(upload.structuredContent.error).toMatchObject({
      class: "UsageError",
      message: expect.stringContaining("uploads from no folder"),
    });
    await mr.registerModel({ ...register, modelFormat: register.format });
    expect((await call("get_model", { name: "mnist" })).structuredContent).toMatchObject({ name: "mnist" });
  });
});
