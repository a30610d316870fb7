// The MCP-server, agent and skill catalogs against the stack's catalog (stack/catalog/: four MCP servers in two
// sources, three agents, three skills cloned from the stack's git daemon), on both generations of the catalog's API:
// listed, searched, filtered, ordered, paged and shown, by id and by name, with typed errors for what is missing; the
// requests counted in auto mode; and each difference between the generations checked against the server's answers.
import { describe, expect, it } from "vitest";
import { ModelCatalog } from "../../src/catalog/model-catalog.js";
import type { CatalogApiVersion } from "../../src/client/api-version.js";
import { ConfigError, NotFoundError } from "../../src/errors.js";
import { json, mrCli } from "../support/cli.js";
import { stackEnv, stackSetting } from "../support/stack-env.js";

/** A fetch that records every path (and query) it sends; with `hideV1`, a catalog without API v1. */
function counting(hideV1 = false) {
  const paths: string[] = [];
  const fetch = async (request: Request) => {
    const url = new URL(request.url);
    paths.push(`${url.pathname}${url.search}`);
    if (hideV1 && /^\/api\/\w+_catalog\/v1\//.test(url.pathname))
      return new Response("404 page not found\n", { status: 404, headers: { "content-type": "text/plain" } });
    return globalThis.fetch(request);
  };
  return { fetch, paths };
}

const names = (items: { name: string }[]) => items.map((i) => i.name);

describe.runIf(stackEnv().MODEL_CATALOG_URL !== undefined)(
  "the catalogs beside the models, on the stack",
  () => {
    const url = () => stackSetting("MODEL_CATALOG_URL");

    describe.each(["v1", "v1alpha1"] as const)("API %s", (apiVersion: CatalogApiVersion) => {
      const catalog = () => new ModelCatalog({ url: url(), apiVersion });

      it("lists, searches, filters, orders and pages the MCP servers", async () => {
        const servers = catalog().mcpServers;
        const all = await servers.list({ orderBy: "NAME" }).toArray();
        expect(names(all)).toEqual(["bucket-tools", "notebook-runner", "registry-browser", "weather-lookup"]);
        for (const server of all) {
          expect(server.sourceId).toMatch(/^stack_mcp/);
          expect(server.source_id).toBe(server.sourceId);
          expect(server.tools).toBeUndefined();
        }
        expect(names(await servers.list({ orderBy: "NAME", sortOrder: "DESC", limit: 2 }).toArray())).toEqual(
          ["weather-lookup", "registry-browser"],
        );
        expect(names(await servers.list({ sourceLabel: "Community" }).toArray())).toEqual(["weather-lookup"]);
        expect(names(await servers.list({ source: "stack_mcp", orderBy: "NAME" }).toArray())).toEqual([
          "bucket-tools",
          "notebook-runner",
          "registry-browser",
        ]);
        expect(
          names(await servers.list({ filterQuery: "license='MIT'", orderBy: "NAME" }).toArray()),
        ).toEqual(["bucket-tools", "weather-lookup"]);
        expect(
          names(await servers.list({ source: "stack_mcp", filterQuery: "license='MIT'" }).toArray()),
        ).toEqual(["bucket-tools"]);
        expect(names(await servers.list({ q: "bucket" }).toArray())).toEqual(["bucket-tools"]);
        const pages = [];
        for await (const page of servers.list({ pageSize: 1, orderBy: "NAME" }).pages())
          pages.push(names(page.items));
        expect(pages.flat()).toEqual(names(all));
        expect(pages.length).toBeGreaterThanOrEqual(4);
        const withTools = await servers
          .list({ name: "registry-browser", includeTools: true, toolLimit: 2 })
          .toArray();
        expect(withTools[0]?.tools?.map((t) => t.name)).toHaveLength(2);
      });

      it("shows an MCP server by name or id, its tools and one tool; what is missing is a NotFoundError", async () => {
        const servers = catalog().mcpServers;
        const server = await servers.get("registry-browser");
        expect(server).toMatchObject({
          name: "registry-browser",
          sourceId: "stack_mcp",
          toolCount: 3,
          licenseLink: "https://www.apache.org/licenses/LICENSE-2.0.txt",
          license_link: "https://www.apache.org/licenses/LICENSE-2.0.txt",
          transports: ["http"],
          securityIndicators: { readOnlyTools: true },
        });
        expect(server.tools?.map((t) => t.name).sort()).toEqual([
          "get_model",
          "list_models",
          "list_versions",
        ]);
        expect((await servers.get(server.id, { includeTools: false })).tools).toBeUndefined();
        expect((await servers.get("registry-browser", { source: "stack_mcp" })).id).toBe(server.id);
        const tools = await servers.tools("bucket-tools", { orderBy: "NAME" }).toArray();
        expect(tools.map((t) => [t.name, t.accessType])).toEqual([
          ["list_objects", "read_only"],
          ["put_object", "read_write"],
        ]);
        expect(
          names(await servers.tools("bucket-tools", { filterQuery: "accessType='read_write'" }).toArray()),
        ).toEqual(["put_object"]);
        const tool = await servers.tool("bucket-tools", "put_object");
        expect(tool.parameters?.map((p) => [p.name, p.required])).toEqual([
          ["key", true],
          ["body", true],
        ]);
        await expect(servers.get("no-such-server")).rejects.toThrow(NotFoundError);
        await expect(servers.get("registry-browser", { source: "stack_mcp_community" })).rejects.toThrow(
          /no MCP server has this name in source "stack_mcp_community"/,
        );
        await expect(servers.get("999999")).rejects.toThrow(NotFoundError);
        await expect(servers.tools("no-such-server").toArray()).rejects.toThrow(NotFoundError);
        await expect(servers.tool("bucket-tools", "no_such_tool")).rejects.toThrow(NotFoundError);
        await expect(servers.get("")).rejects.toThrow(ConfigError);
        const options = await servers.filterOptions();
        expect(options.filters?.deploymentMode?.values?.sort()).toEqual(["local", "remote"]);
      });

      it("lists and shows the agents and their templates", async () => {
        const agents = catalog().agents;
        const all = await agents.list({ orderBy: "NAME" }).toArray();
        expect(names(all)).toEqual(["drift-watcher", "model-card-writer", "release-notes"]);
        expect(
          names(await agents.list({ filterQuery: "framework='langgraph'", orderBy: "NAME" }).toArray()),
        ).toEqual(["model-card-writer", "release-notes"]);
        expect(names(await agents.list({ q: "drift" }).toArray())).toEqual(["drift-watcher"]);
        expect(await agents.list({ source: "stack_mcp" }).toArray()).toEqual([]);
        expect(await agents.list({ sourceLabel: "Demo", pageSize: 1 }).toArray()).toHaveLength(3);
        const writer = await agents.get("model-card-writer");
        expect(writer).toMatchObject({
          sourceId: "stack_agents",
          source_id: "stack_agents",
          framework: "langgraph",
        });
        // The catalog sends the images' artifactType empty; the client gives the spec's value.
        expect(writer.artifacts).toEqual([
          { artifactType: "image-artifact", uri: "oci://quay.io/acme/model-card-writer:0.3.0" },
        ]);
        expect(writer.env?.map((e) => [e.name, e.required])).toEqual([
          ["MODEL_REGISTRY_URL", true],
          ["OPENAI_BASE_URL", false],
        ]);
        const templates = await agents.artifacts("model-card-writer", { orderBy: "NAME" }).toArray();
        expect(templates.map((t) => [t.name, t.artifactType])).toEqual([
          ["card", "template-artifact"],
          ["summary", "template-artifact"],
        ]);
        expect((await agents.get(writer.id)).name).toBe("model-card-writer");
        await expect(agents.get("no-such-agent")).rejects.toThrow(NotFoundError);
        await expect(agents.artifacts("999999").toArray()).rejects.toThrow(NotFoundError);
        expect(Object.keys((await agents.filterOptions()).filters ?? {})).toContain("framework");
      });

      it("lists and shows the skills read from the stack's git repository", async () => {
        const skills = catalog().skills;
        const all = await skills.list({ orderBy: "NAME" }).toArray();
        expect(names(all)).toEqual(["compare-versions", "deploy-model", "register-model"]);
        const skill = await skills.get("compare-versions");
        expect(skill).toMatchObject({
          sourceId: "stack_skills",
          source_id: "stack_skills",
          version: "v1.0.0",
          path: "skills/compare-versions",
          license: "MIT",
          trustTier: "communityContributed",
          supportingFiles: ["skills/compare-versions/scripts/compare.sh"],
        });
        expect(skill.resolvedCommit).toMatch(/^[0-9a-f]{40}$/);
        expect(names(await skills.list({ q: "deploys" }).toArray())).toEqual(["deploy-model"]);
        expect(names(await skills.list({ filterQuery: "license='MIT'" }).toArray())).toEqual([
          "compare-versions",
        ]);
        expect(await skills.list({ sourceLabel: "Community" }).toArray()).toEqual([]);
        expect((await skills.get(skill.id)).name).toBe("compare-versions");
        await expect(skills.get("no-such-skill")).rejects.toThrow(NotFoundError);
        expect(Object.keys((await skills.filterOptions()).filters ?? {})).toContain("license");
      });

      it("lists each catalog's sources by asset type", async () => {
        const sources = catalog().sources;
        const of = async (assetType: "models" | "mcp_servers" | "agents" | "skills") =>
          (await sources.list({ assetType }).toArray()).map((s) => [s.id, s.status]);
        expect(await of("mcp_servers")).toEqual([
          ["stack_mcp", "available"],
          ["stack_mcp_community", "available"],
        ]);
        expect(await of("agents")).toEqual([["stack_agents", "available"]]);
        expect(await of("skills")).toEqual([["stack_skills", "available"]]);
        expect((await of("models")).map(([id]) => id)).toEqual(["stack_community", "stack_demo"]);
      });
    });

    it("auto: one question, then each catalog's v1 only", async () => {
      const { fetch, paths } = counting();
      const catalog = new ModelCatalog({ url: url(), fetch });
      await catalog.mcpServers.list().toArray();
      await catalog.mcpServers.tools("registry-browser").toArray();
      await catalog.agents.get("drift-watcher");
      await catalog.skills.list().toArray();
      expect(paths.map((p) => p.split("?")[0])).toEqual([
        "/api/model_catalog/v1/sources", // the question
        "/api/mcp_catalog/v1/mcp_servers",
        "/api/mcp_catalog/v1/mcp_servers", // registry-browser's id, by name
        expect.stringMatching(/^\/api\/mcp_catalog\/v1\/mcp_servers\/\d+\/tools$/),
        "/api/agent_catalog/v1/agents", // by name: one listing, no second request
        "/api/skill_catalog/v1/skills",
      ]);
      expect(paths[2]).toContain("name=registry-browser");
    });

    it("auto: v1alpha1 for every catalog, after one question, on a catalog without v1", async () => {
      const { fetch, paths } = counting(true);
      const catalog = new ModelCatalog({ url: url(), fetch });
      expect(names(await catalog.agents.list({ orderBy: "NAME" }).toArray())).toHaveLength(3);
      expect((await catalog.mcpServers.get("bucket-tools")).source_id).toBe("stack_mcp");
      expect(paths.map((p) => p.split("/")[3])).toEqual(["v1", "v1alpha1", "v1alpha1"]);
    });

    it("the generations' differences, as the server answers them", async () => {
      const base = url();
      const get = async (path: string) => {
        const response = await fetch(`${base}${path}`);
        return { status: response.status, body: (await response.json()) as Record<string, unknown> };
      };
      const first = async (path: string) =>
        ((await get(path)).body.items as Record<string, unknown>[])[0] ?? {};
      const query = "?name=registry-browser";
      // An MCP server's source and licence link: sourceId and licenseLink on v1, source_id and license_link on v1alpha1.
      const v1 = await first(`/api/mcp_catalog/v1/mcp_servers${query}`);
      const alpha = await first(`/api/mcp_catalog/v1alpha1/mcp_servers${query}`);
      expect([v1.sourceId, v1.source_id, v1.licenseLink, v1.license_link]).toEqual([
        "stack_mcp",
        undefined,
        "https://www.apache.org/licenses/LICENSE-2.0.txt",
        undefined,
      ]);
      expect([alpha.source_id, alpha.sourceId, alpha.license_link, alpha.licenseLink]).toEqual([
        "stack_mcp",
        undefined,
        "https://www.apache.org/licenses/LICENSE-2.0.txt",
        undefined,
      ]);
      // Agents and skills: sourceId on v1, source_id on v1alpha1.
      expect((await first("/api/agent_catalog/v1/agents?name=drift-watcher")).sourceId).toBe("stack_agents");
      expect((await first("/api/agent_catalog/v1alpha1/agents?name=drift-watcher")).source_id).toBe(
        "stack_agents",
      );
      expect((await first("/api/skill_catalog/v1/skills?name=deploy-model")).sourceId).toBe("stack_skills");
      expect((await first("/api/skill_catalog/v1alpha1/skills?name=deploy-model")).source_id).toBe(
        "stack_skills",
      );
      // Entries are reached by their numeric id only: a name is refused (400), an unknown id is a 404.
      expect((await get("/api/mcp_catalog/v1/mcp_servers/registry-browser")).status).toBe(400);
      expect((await get("/api/agent_catalog/v1/agents/drift-watcher")).status).toBe(400);
      expect((await get("/api/mcp_catalog/v1/mcp_servers/999999")).status).toBe(404);
      // One tool: v1's spec says { serverId, serverName, tool }, but both generations answer the tool itself (the client
      // reads either).
      const id = v1.id as string;
      for (const generation of ["v1", "v1alpha1"]) {
        const tool = (await get(`/api/mcp_catalog/${generation}/mcp_servers/${id}/tools/get_model`)).body;
        expect([tool.name, tool.accessType, tool.tool]).toEqual(["get_model", "read_only", undefined]);
      }
      // The images of an agent come with an empty artifactType in both generations (the spec's default is
      // image-artifact); a template's is template-artifact.
      const agent = await first("/api/agent_catalog/v1/agents?name=drift-watcher");
      expect(agent.artifacts).toEqual([{ artifactType: "", uri: "oci://quay.io/acme/drift-watcher:1.0.0" }]);
    });

    describe.each(["v1", "v1alpha1"] as const)("mr-cli, API %s", (apiVersion) => {
      const cli = (args: string[]) =>
        mrCli(args, { MODEL_CATALOG_URL: url(), MODEL_CATALOG_API_VERSION: apiVersion });

      it("lists and shows the MCP servers and their tools", async () => {
        const servers = json<{ name: string }[]>(
          await cli(["catalog", "mcp-servers", "--label", "Demo", "--json"]),
        );
        expect(names(servers).sort()).toEqual(["bucket-tools", "notebook-runner", "registry-browser"]);
        const table = await cli(["catalog", "mcp-servers", "--order-by", "name", "--desc", "--limit", "2"]);
        expect(table.stdout.split("\n").map((l) => l.split(/\s+/)[1])).toEqual([
          "NAME",
          "weather-lookup",
          "registry-browser",
          undefined,
        ]);
        const card = await cli(["catalog", "mcp-servers", "get", "registry-browser"]);
        expect(card.stdout).toMatch(
          /^license link:\s+https:\/\/www\.apache\.org\/licenses\/LICENSE-2\.0\.txt$/m,
        );
        expect(card.stdout).toMatch(/^get_model\s+read_only\s+name\*: string/m);
        const tool = json<{ name: string; accessType: string }>(
          await cli(["catalog", "mcp-tools", "bucket-tools", "put_object", "-o", "json"]),
        );
        expect(tool).toMatchObject({ name: "put_object", accessType: "read_write" });
        const tools = await cli([
          "catalog",
          "mcp-tools",
          "bucket-tools",
          "--filter",
          "accessType='read_only'",
        ]);
        expect(tools.stdout).toMatch(/list_objects/);
        expect(tools.stdout).not.toMatch(/put_object/);
      });

      it("shows agents with their templates, skills, sources by asset type and filter options", async () => {
        const shown = json<{ agent: { name: string }; templates: { name: string }[] }>(
          await cli(["catalog", "agents", "get", "model-card-writer", "--templates", "-o", "json"]),
        );
        expect([shown.agent.name, names(shown.templates).sort()]).toEqual([
          "model-card-writer",
          ["card", "summary"],
        ]);
        const skills = await cli(["catalog", "skills", "list", "--search", "register"]);
        expect(skills.stdout).toMatch(/^\d+\s+register-model\s+stack_skills\s+v1\.0\.0/m);
        const sources = json<{ id: string }[]>(
          await cli(["catalog", "sources", "--asset-type", "agents", "--json"]),
        );
        expect(sources.map((s) => s.id)).toEqual(["stack_agents"]);
        const options = await cli(["catalog", "agents", "filter-options"]);
        expect(options.stdout).toMatch(/^framework\s+string\s+crewai, langgraph$/m);
      });

      it("exits 3 with a NotFoundError for a missing entry, a name only like one, an id of another source", async () => {
        const agent = json<{ id: string }>(
          await cli(["catalog", "agents", "get", "drift-watcher", "--json"]),
        );
        for (const args of [
          ["catalog", "skills", "get", "no-such-skill"],
          ["catalog", "mcp-servers", "get", "registry_browser"], // the catalog's LIKE matches registry-browser
          ["catalog", "skills", "get", "%model"],
          ["catalog", "agents", "get", agent.id, "--source", "stack_mcp"],
          ["catalog", "mcp-tools", "registry-browser", "no_such_tool"],
          ["catalog", "agents", "get", "no-such-agent", "--json"],
        ]) {
          const result = await cli(args);
          expect(result.code).toBe(3);
          expect(result.stderr).toMatch(/404 Not Found/);
          expect(result.stderr).toContain(`_catalog/${apiVersion}/`);
        }
      });

      it("lists several MCP sources, and refuses a source with a label (exit 2)", async () => {
        const both = json<{ name: string }[]>(
          await cli([
            "catalog",
            "mcp-servers",
            "--source",
            "stack_mcp",
            "--source",
            "stack_mcp_community",
            "--json",
          ]),
        );
        expect(both).toHaveLength(4);
        const refused = await cli(["catalog", "agents", "--source", "stack_agents", "--label", "Community"]);
        expect(refused.code).toBe(2);
        expect(refused.stderr).toMatch(/source or sourceLabel, not both/);
      });
    });
  },
);
