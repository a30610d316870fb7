import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { TOOLS } from "../../../../src/cli/mcp/mcp-server.js";

const doc = readFileSync(new URL("../../../../docs/mcp.md", import.meta.url), "utf8");

describe("mr-cli mcp's tools", () => {
  it("each have a unique name, and an example call their own schema accepts", () => {
    expect(new Set(TOOLS.map((tool) => tool.name)).size).toBe(TOOLS.length);
    for (const tool of TOOLS) expect(tool.input.safeParse(tool.example).success, tool.name).toBe(true);
  });

  it("are each listed in docs/mcp.md with their kind and that example call", () => {
    for (const tool of TOOLS) {
      const row = doc.split("\n").find((line) => line.startsWith(`| \`${tool.name}\` | ${tool.kind} |`));
      expect(row, tool.name).toBeDefined();
      expect(row).toContain(`\`${JSON.stringify(tool.example)}\``);
    }
  });
});
