// A tool's value or failure as an MCP tool result: the JSON `-o json` would print, as structured content and as text,
// and a failure as a tool error (`isError`) naming the error's class, its message and what to do, never a crash of
// the server. Both are scrubbed of every secret the server's clients know.
import type { CallToolResult } from "@modelcontextprotocol/server";
import { ModelRegistryError } from "../../errors.js";
import { CliFailure, UsageError } from "../exit-codes.js";
import { SETTING_FLAGS } from "../setting-flags.js";
import { WriteRefusedError } from "./write-refused-error.js";

/** Replaces every known secret in a text. */
export type Scrub = (text: string) => string;

/** A tool's value as its result: structured content (an object: lists come as `{ items, nextPageToken }`) and the
 * same JSON as text, for clients that read only text. */
export function toolResult(value: unknown, scrub: Scrub): CallToolResult {
  const text = scrub(JSON.stringify(value ?? null));
  const structured: unknown = JSON.parse(text);
  const structuredContent =
    structured !== null && typeof structured === "object" && !Array.isArray(structured)
      ? (structured as Record<string, unknown>)
      : { value: structured };
  return { content: [{ type: "text", text }], structuredContent };
}

/** What to change for a library error: its settings, each with the flag mr-cli mcp is started with. */
function fixOf(error: unknown) {
  if (!(error instanceof ModelRegistryError)) return [];
  return error.fix.map(({ setting, value, source }) => ({
    setting,
    ...(SETTING_FLAGS[setting] ? { flag: SETTING_FLAGS[setting].flag } : {}),
    ...(value !== undefined ? { value } : {}),
    ...(source !== undefined ? { source } : {}),
  }));
}

function hintOf(error: unknown, fix: ReturnType<typeof fixOf>, args: readonly string[]): string | undefined {
  if (error instanceof WriteRefusedError) return error.hint;
  if (fix.length > 0) {
    // A setting the tool takes as an argument is changed there; any other where the server is started.
    const inCall = fix.filter((f) => args.includes(f.setting)).map((f) => f.setting);
    const atStart = fix.filter((f) => !args.includes(f.setting)).map((f) => f.flag ?? f.setting);
    return [
      inCall.length > 0 ? `change the argument ${inCall.join(", ")} of this call` : "",
      atStart.length > 0 ? `change ${atStart.join(", ")} where mr-cli mcp is started` : "",
    ]
      .filter(Boolean)
      .join("; or ");
  }
  if (error instanceof ModelRegistryError || error instanceof UsageError || error instanceof CliFailure)
    return undefined;
  return "an unexpected error: please report it";
}

/** A failure as a tool error: `{ error: { class, message, hint?, fix?, plan?, confirm? } }`; `args` are the tool's
 * argument names, for a hint that names the one to change. */
export function toolError(error: unknown, scrub: Scrub, args: readonly string[] = []): CallToolResult {
  const name = error instanceof Error ? error.name : "Error";
  const message = error instanceof Error ? error.message : String(error);
  const fix = fixOf(error);
  const hint = hintOf(error, fix, args);
  const details = error instanceof WriteRefusedError ? error.details : undefined;
  const body = {
    error: {
      class: name,
      message,
      ...(hint ? { hint } : {}),
      ...(fix.length > 0 ? { fix } : {}),
      ...(details ?? {}),
    },
  };
  const structuredContent = JSON.parse(scrub(JSON.stringify(body))) as Record<string, unknown>;
  const text = scrub(
    `${name}: ${message}${hint ? ` (${hint})` : ""}${details ? `\n${JSON.stringify(details)}` : ""}`,
  );
  return { isError: true, content: [{ type: "text", text }], structuredContent };
}
