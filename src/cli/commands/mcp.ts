// `mr-cli mcp`: the registry and the model catalog as tools for AI agents (a Model Context Protocol server). The MCP
// SDK is loaded only here, when the command runs: the library and the other commands never load it.
import { Command, InvalidArgumentError } from "commander";
import type { CliContext } from "../context.js";
import type { McpFlags } from "../mcp/serve-mcp.js";
import { collect } from "../parse-values.js";

/** `--http [port]`: a port from 0 (any free one) to 65535. */
function port(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n > 65535) throw new InvalidArgumentError("expected a port from 0 to 65535");
  return n;
}

/** `mr-cli mcp` */
export function mcpCommand(ctx: CliContext): Command {
  return new Command("mcp")
    .description(
      "serve the registry and the model catalog to AI agents as Model Context Protocol tools (stdio; read-only unless --allow-writes)",
    )
    .option(
      "--allow-writes",
      "offer the writes too (register, update, archive, restore, deploy, undeploy); each one runs only when called again with the confirmation of its plan",
    )
    .option(
      "--allow-path <folder>",
      "a folder register_model may upload models from (repeatable; default: none, only URIs are registered)",
      collect,
    )
    .option(
      "--http [port]",
      "serve streamable HTTP on 127.0.0.1 instead of stdio (default port: any free one)",
      port,
    )
    .option(
      "--http-token-file <path>",
      "with --http: the file holding the bearer token clients must send; made (mode 0600) with a random token when missing (default: mcp-token beside the config file)",
    )
    .addHelpText(
      "after",
      `
The tools use the same settings as every command (--url, --token-file, --context, the storage settings, --catalog-url).
Every tool, with an example call: docs/mcp.md.

Examples:
  mr-cli mcp                                   # read-only, over stdio (what an MCP client starts)
  mr-cli mcp --context prod --allow-writes     # with writes, each confirmed by its plan
  mr-cli mcp --http 8765                       # http://127.0.0.1:8765/mcp, token in ~/.config/mr-cli/mcp-token`,
    )
    .action(async (flags: McpFlags) => {
      const { serveMcp } = await import("../mcp/serve-mcp.js");
      await serveMcp(ctx, flags);
    });
}
