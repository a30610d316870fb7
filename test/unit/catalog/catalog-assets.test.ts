// The MCP-server, agent and skill catalogs without a server: the paths and queries each generation is sent, how a
// name becomes an id (one listing; narrowed by source; refused when ambiguous), and how each generation's answer is
// read (both source names, both licence-link names, the agents' empty image artifactType, v1's wrapped tool).
import { describe, expect, it } from "vitest";
import { ModelCatalog } from "../../../src/catalog/model-catalog.js";
import { ConfigError, NotFoundError } from "../../../src/errors.js";

/** A catalog answering from `reply`, recording every request's path and query. */
function fakeCatalog(reply: (url: URL) => { status?: number; body: unknown }) {
  const sent: URL[] = [];
  const fetch = async (request: Request) => {
    const url = new URL(request.url);
    sent.push(url);
    const { status = 200, body } = reply(url);
    return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  };
  return { fetch, sent };
}

const page = (items: unknown[]) => ({ items, nextPageToken: "", size: items.length, pageSize: 100 });
const server = (id: string, sourceId: string, more: object = {}) => ({
  id,
  name: "browser",
  toolCount: 1,
  sourceId,
  customProperties: {},
  ...more,
});

describe("the MCP-server catalog", () => {
  it("sends the listing's search and filters; a source becomes a source_id filter ANDed with the caller's", async () => {
    const { fetch, sent } = fakeCatalog(() => ({ body: page([]) }));
    const catalog = new ModelCatalog({ url: "http://catalog.test", fetch, apiVersion: "v1" });
    await catalog.mcpServers
      .list({
        q: "browse",
        source: "stack_mcp",
        filterQuery: "license='MIT' OR license='Apache 2.0'",
        includeTools: true,
        toolLimit: 2,
        orderBy: "NAME",
      })
      .toArray();
    expect(sent[0]?.pathname).toBe("/api/mcp_catalog/v1/mcp_servers");
    expect(Object.fromEntries(sent[0]?.searchParams ?? [])).toEqual({
      q: "browse",
      filterQuery: "(license='MIT' OR license='Apache 2.0') AND source_id='stack_mcp'",
      includeTools: "true",
      toolLimit: "2",
      orderBy: "NAME",
      sortOrder: "ASC",
      pageSize: "100",
    });
    expect(() => catalog.mcpServers.list({ source: "x' OR '1'='1" })).toThrow(ConfigError);
    expect(() => catalog.mcpServers.list({ orderBy: "RECOMMENDED" as "NAME" })).toThrow(ConfigError);
  });

  it("finds a server by name with one listing, and by id with none", async () => {
    const { fetch, sent } = fakeCatalog((url) =>
      url.pathname.endsWith("/mcp_servers")
        ? { body: page([server("7", "a")]) }
        : url.pathname.endsWith("/tools")
          ? { body: page([{ id: "1", name: "t", accessType: "read_only" }]) }
          : { body: server("7", "a", { tools: [{ id: "1", name: "t", accessType: "read_only" }] }) },
    );
    const catalog = new ModelCatalog({ url: "http://catalog.test", fetch, apiVersion: "v1alpha1" });
    expect((await catalog.mcpServers.get("browser")).id).toBe("7");
    expect(sent.map((u) => `${u.pathname}?${u.searchParams.get("name")}`)).toEqual([
      "/api/mcp_catalog/v1alpha1/mcp_servers?browser",
    ]);
    sent.length = 0;
    await catalog.mcpServers.tools("7").toArray();
    expect(sent.map((u) => u.pathname)).toEqual(["/api/mcp_catalog/v1alpha1/mcp_servers/7/tools"]);
  });

  it("refuses a name two sources have unless the source is given, naming both", async () => {
    const { fetch } = fakeCatalog(() => ({ body: page([server("7", "a"), server("9", "b")]) }));
    const catalog = new ModelCatalog({ url: "http://catalog.test", fetch, apiVersion: "v1" });
    const refused = catalog.mcpServers.get("browser");
    await expect(refused).rejects.toThrow(NotFoundError);
    await expect(refused).rejects.toThrow(/2 MCP servers have this name, in sources a \(id 7\), b \(id 9\)/);
    expect((await catalog.mcpServers.get("browser", { source: "b" })).id).toBe("9");
    await expect(catalog.mcpServers.get("browser", { source: "c" })).rejects.toThrow(
      /no MCP server has this name in source "c"/,
    );
  });

  it("reads both generations' names of the source and the licence link, and v1's wrapped tool", async () => {
    const alpha = fakeCatalog((url) =>
      url.pathname.includes("/tools/")
        ? { body: { id: "1", name: "t", accessType: "execute" } }
        : { body: { id: "7", name: "s", toolCount: 0, source_id: "a", license_link: "https://l" } },
    );
    const v1 = fakeCatalog((url) =>
      url.pathname.includes("/tools/")
        ? { body: { serverId: "7", serverName: "s", tool: { id: "1", name: "t", accessType: "execute" } } }
        : { body: { id: "7", name: "s", toolCount: 0, sourceId: "a", licenseLink: "https://l" } },
    );
    for (const [apiVersion, { fetch }] of [
      ["v1alpha1", alpha],
      ["v1", v1],
    ] as const) {
      const catalog = new ModelCatalog({ url: "http://catalog.test", fetch, apiVersion });
      expect(await catalog.mcpServers.get("7")).toMatchObject({
        sourceId: "a",
        source_id: "a",
        licenseLink: "https://l",
        license_link: "https://l",
      });
      expect(await catalog.mcpServers.tool("7", "t")).toMatchObject({ name: "t", accessType: "execute" });
    }
  });

  it("tries a name made of digits when no server has that id", async () => {
    const { fetch, sent } = fakeCatalog((url) =>
      url.pathname.endsWith("/mcp_servers")
        ? { body: page([server("12", "a", { name: "2024" })]) }
        : { status: 404, body: { code: "Not Found", message: "server not found with ID 2024: not found" } },
    );
    const catalog = new ModelCatalog({ url: "http://catalog.test", fetch, apiVersion: "v1" });
    expect((await catalog.mcpServers.get("2024")).id).toBe("12");
    expect(sent.map((u) => u.pathname)).toEqual([
      "/api/mcp_catalog/v1/mcp_servers/2024",
      "/api/mcp_catalog/v1/mcp_servers",
    ]);
  });
});

describe("naming an entry, and what is refused before sending", () => {
  it("keeps only equal names from the catalog's LIKE match, and checks an id against its source", async () => {
    const { fetch } = fakeCatalog((url) =>
      url.pathname.endsWith("/skills")
        ? { body: page([{ id: "3", name: "my-skill", sourceId: "a" }]) }
        : { body: { id: "3", name: "my-skill", sourceId: "a" } },
    );
    const catalog = new ModelCatalog({ url: "http://catalog.test", fetch, apiVersion: "v1alpha1" });
    const refused = catalog.skills.get("my_skill"); // the catalog's `_` matches the `-`
    await expect(refused).rejects.toThrow(NotFoundError);
    await expect(refused).rejects.toThrow(/skills\?name=my_skill\): no skill has this name/);
    await expect(refused).rejects.toThrow(/\/api\/skill_catalog\/v1alpha1\//); // the generation in use
    expect((await catalog.skills.get("3", { source: "a" })).name).toBe("my-skill");
    await expect(catalog.skills.get("3", { source: "b" })).rejects.toThrow(NotFoundError);
  });

  it("refuses source with sourceLabel, and sends several MCP sources as ORed filters", async () => {
    const { fetch, sent } = fakeCatalog(() => ({ body: page([]) }));
    const catalog = new ModelCatalog({ url: "http://catalog.test", fetch, apiVersion: "v1" });
    for (const listing of [catalog.agents, catalog.skills, catalog.mcpServers])
      expect(() => listing.list({ source: "a", sourceLabel: "Demo" })).toThrow(
        /source or sourceLabel, not both/,
      );
    await catalog.mcpServers.list({ sourceLabel: ["Demo", "Community"] }).toArray();
    expect(sent[0]?.searchParams.get("sourceLabel")).toBe("Demo,Community");
    await catalog.mcpServers.list({ source: ["a", "b"], filterQuery: "license='MIT'" }).toArray();
    expect(sent[1]?.searchParams.get("filterQuery")).toBe(
      "(license='MIT') AND (source_id='a' OR source_id='b')",
    );
  });

  it("says so when the catalog server does not serve a catalog (a plain-text 404 under its path)", async () => {
    const fetch = async () => new Response("404 page not found\n", { status: 404 });
    const catalog = new ModelCatalog({ url: "http://catalog.test", fetch, apiVersion: "v1" });
    const refused = catalog.mcpServers.list().toArray();
    await expect(refused).rejects.toThrow(NotFoundError);
    await expect(refused).rejects.toThrow(/does not serve MCP servers \(\/api\/mcp_catalog\/v1\)/);
  });
});

describe("the agent and skill catalogs", () => {
  it("gives the agents' images the spec's artifactType, and sends sources as one comma-separated value", async () => {
    const { fetch, sent } = fakeCatalog(() => ({
      body: page([
        { id: "6", name: "writer", source_id: "a", artifacts: [{ artifactType: "", uri: "oci://q/w:1" }] },
      ]),
    }));
    const catalog = new ModelCatalog({ url: "http://catalog.test", fetch, apiVersion: "v1alpha1" });
    const [agent] = await catalog.agents.list({ source: ["a", "b"], q: "writer" }).toArray();
    expect(agent).toMatchObject({
      sourceId: "a",
      source_id: "a",
      artifacts: [{ artifactType: "image-artifact", uri: "oci://q/w:1" }],
    });
    expect(sent[0]?.pathname).toBe("/api/agent_catalog/v1alpha1/agents");
    expect(sent[0]?.searchParams.getAll("source")).toEqual(["a,b"]);
  });

  it("lists an agent's templates by its name, and a skill by its id", async () => {
    const { fetch, sent } = fakeCatalog((url) => {
      if (url.pathname.endsWith("/agents"))
        return { body: page([{ id: "6", name: "writer", sourceId: "a" }]) };
      if (url.pathname.endsWith("/artifacts"))
        return { body: page([{ id: "19", name: "card", artifactType: "template-artifact", content: "x" }]) };
      return { body: { id: "22", name: "register-model", sourceId: "s", version: "v1.0.0" } };
    });
    const catalog = new ModelCatalog({ url: "http://catalog.test", fetch, apiVersion: "v1" });
    const templates = await catalog.agents.artifacts("writer").toArray();
    expect(templates.map((t) => t.name)).toEqual(["card"]);
    expect((await catalog.skills.get("22")).source_id).toBe("s");
    expect(sent.map((u) => u.pathname)).toEqual([
      "/api/agent_catalog/v1/agents",
      "/api/agent_catalog/v1/agents/6/artifacts",
      "/api/skill_catalog/v1/skills/22",
    ]);
    await expect(catalog.skills.get(" ")).rejects.toThrow(ConfigError);
  });
});
