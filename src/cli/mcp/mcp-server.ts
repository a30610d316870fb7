// The MCP server of mr-cli mcp: every tool registered with its schema and description, reads run as they are, writes
// through plan and confirmation (and refused on a read-only server), every result and failure scrubbed of secrets.
import { McpServer } from "@modelcontextprotocol/server";
import { z } from "zod";
import { VERSION } from "../../version.js";
import { catalogTools } from "./catalog-tools.js";
import { changeTools } from "./change-tools.js";
import { deployTools } from "./deploy-tools.js";
import { deploymentTools } from "./deployment-tools.js";
import type { McpServerState, Tool, ToolEnv, WriteTool } from "./mcp-tool.js";
import { registerModelCards } from "./model-cards.js";
import { modelTools } from "./model-tools.js";
import { registerTools } from "./register-tools.js";
import { toolError, toolResult } from "./tool-result.js";
import { WriteRefusedError } from "./write-refused-error.js";

/** Every tool of mr-cli mcp, reads first. */
export const TOOLS: readonly Tool[] = [
  ...modelTools,
  ...deploymentTools,
  ...catalogTools,
  ...registerTools,
  ...changeTools,
  ...deployTools,
].sort((a, b) => Number(a.kind === "write") - Number(b.kind === "write"));

const CONFIRM = z
  .string()
  .optional()
  .describe(
    "leave out to get the plan of this write and its confirmation; to carry the plan out, call again with the same arguments and confirm set to that confirmation",
  );

const INSTRUCTIONS = `Tools for a Kubeflow Model Registry and its model catalog. Reads (list_*, get_*, compare_versions, catalog_*, plan_*) change nothing. Every write (register_model, register_from_catalog, update_*, archive, restore, deploy, undeploy) is done in two calls: without confirm it returns { confirmationRequired, plan, confirm }; show the plan to the user, then call again with the same arguments and that confirm. A write whose plan changed meanwhile is refused with the new plan.`;

/** Runs a write: its plan and a confirmation, or (with a confirmation of this very plan) the write itself. */
async function write(tool: WriteTool, args: Record<string, unknown>, env: ToolEnv, state: McpServerState) {
  if (!state.allowWrites) throw new WriteRefusedError("read-only", tool.name);
  const { confirm, ...rest } = args;
  const plan = await tool.plan(rest, env);
  // What the confirmation binds beside the plan shown: e.g. the files' sizes and times of an upload from a path.
  const bound = { plan, unseen: (await tool.binding?.(rest, env)) ?? null };
  if (typeof confirm !== "string") {
    const issued = state.confirmations.issue(tool.name, rest, bound);
    return { confirmationRequired: true, tool: tool.name, plan, confirm: issued };
  }
  const checked = state.confirmations.check(confirm, tool.name, rest, bound);
  if (!checked.ok)
    throw new WriteRefusedError(checked.reason, tool.name, {
      plan,
      // Only a plan that changed (or aged) comes with a new confirmation: a made-up or reused one gets none.
      ...(checked.reason === "changed" || checked.reason === "expired"
        ? { confirm: state.confirmations.issue(tool.name, rest, bound) }
        : {}),
    });
  return tool.apply(rest, env, plan);
}

function describeTool(tool: Tool, state: McpServerState): string {
  if (tool.kind === "read") return tool.description;
  const how = state.allowWrites
    ? "Writes: call without confirm for the plan, then again with its confirm."
    : "Refused: this server is read-only (started without --allow-writes).";
  return `${tool.description} ${how}`;
}

/** A new MCP server with every tool and the model cards as resources (one per connection, or per HTTP request: `state` is what they share). */
export function createMcpServer(state: McpServerState): McpServer {
  const server = new McpServer({ name: "mr-cli", version: VERSION }, { instructions: INSTRUCTIONS });
  for (const tool of TOOLS) {
    // Strict: an argument the tool does not take is refused, not dropped (a misnamed filter would list everything).
    const input = (tool.kind === "write" ? tool.input.extend({ confirm: CONFIRM }) : tool.input).strict();
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: describeTool(tool, state),
        inputSchema: input,
        annotations: {
          readOnlyHint: tool.kind === "read",
          destructiveHint: tool.name === "archive" || tool.name === "undeploy",
          idempotentHint: true,
          openWorldHint: false,
        },
      },
      async (args: Record<string, unknown>, ctx) => {
        const env: ToolEnv = { ...state.env, signal: ctx.mcpReq.signal };
        try {
          const value =
            tool.kind === "read" ? await tool.run(args, env) : await write(tool, args, env, state);
          return toolResult(value, state.scrub);
        } catch (error) {
          return toolError(error, state.scrub, Object.keys(tool.input.shape));
        }
      },
    );
  }
  registerModelCards(server, state);
  return server;
}
