// `mr-cli catalog mcp-servers` and `mr-cli catalog mcp-tools`: the MCP-server catalog, its servers (by id or name) and
// their tools.
import { Command, Option } from "commander";
import type { CatalogMcpServer } from "../../catalog/asset-types.js";
import { terminalFields } from "../../views/view-of.js";
import { type PageFlags, pageOptions, withPaging } from "../catalog-flags.js";
import type { CliContext } from "../context.js";
import { print, printListing, viewColumns } from "../output.js";
import { ASSET_ORDER, assetCard, assetCommand } from "./catalog-assets.js";

/** `catalog mcp-servers`: list (the default), get (a card with its tools), filter-options. */
export function mcpServersCommand(ctx: CliContext): Command {
  return assetCommand<CatalogMcpServer>(ctx, {
    command: "mcp-servers",
    what: "MCP server",
    kind: "catalog mcp server",
    examples:
      "  mr-cli catalog mcp-servers --label Demo --order-by name\n  mr-cli catalog mcp-servers get registry-browser",
    list: (catalog, options) => catalog.mcpServers.list(options),
    get: (catalog, ref, options) => catalog.mcpServers.get(ref, options),
    filterOptions: (catalog, options) => catalog.mcpServers.filterOptions(options),
    // A server's card lists its tools below it.
    show: (server) =>
      print(ctx, server, () =>
        assetCard("catalog mcp server", server, {
          kind: "catalog mcp tool",
          items: server.tools ?? [],
          color: ctx.color(),
        }),
      ),
  });
}

/** `catalog mcp-tools <server> [tool]`: a server's tools, or one tool. */
export function mcpToolsCommand(ctx: CliContext): Command {
  return withPaging(
    new Command("mcp-tools")
      .description("list an MCP server's tools (by server id or name), or show one")
      .argument("<server>", "MCP server id or name")
      .argument("[tool]", "a tool's name: show that tool")
      .option("--source <id>", "the source of the server's name, when several sources have it")
      .option("--filter <query>", "a filterQuery over the tools, e.g. \"accessType='read_only'\"")
      .addOption(
        new Option("--order-by <field>", "sort key").choices(Object.keys(ASSET_ORDER)).default("id"),
      ),
  )
    .addHelpText(
      "after",
      "\nExamples:\n  mr-cli catalog mcp-tools registry-browser\n  mr-cli catalog mcp-tools registry-browser get_model -o json",
    )
    .action(
      async (
        server: string,
        tool: string | undefined,
        flags: PageFlags & { source?: string; filter?: string; orderBy: keyof typeof ASSET_ORDER },
      ) => {
        const servers = (await ctx.catalog()).mcpServers;
        if (tool !== undefined) {
          const found = await servers.tool(server, tool, { source: flags.source, signal: ctx.io.signal });
          await print(ctx, found, () => assetCard("catalog mcp tool", found));
          return;
        }
        const listing = servers.tools(server, {
          ...pageOptions(ctx, flags),
          orderBy: ASSET_ORDER[flags.orderBy],
          source: flags.source,
          filterQuery: flags.filter,
        });
        await printListing(ctx, listing, viewColumns(terminalFields("catalog mcp tool")));
      },
    );
}
