// What one tool of mr-cli mcp is: its name, its description for an agent, its arguments (a zod schema, which the MCP
// SDK turns into the JSON schema it lists), and what it does; and the paging every listing tool shares.
import { z } from "zod";
import type { ModelCatalog } from "../../catalog/model-catalog.js";
import type { Paginated } from "../../client/paginate.js";
import type { ModelRegistry } from "../../model-registry.js";
import type { Confirmations } from "./confirmations.js";
import type { Scrub } from "./tool-result.js";

/** What a tool is given: the clients for the server's settings (built on first use, as every command's are), the
 * folders a model may be uploaded from, and the request's signal. */
export interface ToolEnv {
  registry(): Promise<ModelRegistry>;
  catalog(): Promise<ModelCatalog>;
  /** The folders (real paths) under which `register_model` may read a local path; none by default. */
  pathRoots: readonly string[];
  signal?: AbortSignal | undefined;
}

/** What every server instance of one process shares: its settings' clients, whether it writes, its confirmations
 * (one key per process, so a plan shown over one HTTP request is confirmed over another) and the scrubbing. */
export interface McpServerState {
  env: Omit<ToolEnv, "signal">;
  allowWrites: boolean;
  confirmations: Confirmations;
  scrub: Scrub;
}

/** A zod object schema: a tool's arguments. */
export type Args = z.ZodObject<z.ZodRawShape>;

/** A tool that reads: its result is what `-o json` prints for the same data (lists as `{ items, nextPageToken }`). */
export interface ReadTool<S extends Args = Args> {
  kind: "read";
  name: string;
  title: string;
  description: string;
  input: S;
  /** One example call's arguments, for the docs and the tests. */
  example: z.infer<S>;
  run(args: z.infer<S>, env: ToolEnv): Promise<unknown>;
}

/** A tool that writes: `plan` reads what the write would do and changes nothing; `apply` does it, once the call
 * carries the plan's confirmation. */
export interface WriteTool<S extends Args = Args, P = unknown> {
  kind: "write";
  name: string;
  title: string;
  description: string;
  input: S;
  /** One example call's arguments (without `confirm`), for the docs and the tests. */
  example: z.infer<S>;
  plan(args: z.infer<S>, env: ToolEnv): Promise<P>;
  /** What else the confirmation must bind that the plan does not show (default nothing). */
  binding?(args: z.infer<S>, env: ToolEnv): Promise<unknown>;
  apply(args: z.infer<S>, env: ToolEnv, plan: P): Promise<unknown>;
}

/** Any tool (its arguments' types erased, for the list of all tools). */
export type Tool = ReadTool<Args> | WriteTool<Args, unknown>;

/** A read tool, typed by its schema. */
export const readTool = <S extends Args>(tool: Omit<ReadTool<S>, "kind">): Tool =>
  ({ kind: "read", ...tool }) as unknown as Tool;

/** A write tool, typed by its schema and plan. */
export const writeTool = <S extends Args, P>(tool: Omit<WriteTool<S, P>, "kind">): Tool =>
  ({ kind: "write", ...tool }) as unknown as Tool;

/** The paging arguments of every listing tool. */
export const paging = {
  pageSize: z.number().int().min(1).max(500).optional().describe("items per page (default 50, at most 500)"),
  pageToken: z
    .string()
    .optional()
    .describe("the nextPageToken of the previous page of the same listing, to get the next page"),
};

/** The order arguments of the registry's listings. */
export const order = {
  orderBy: z.enum(["id", "created", "updated"]).optional().describe("sort key (default id)"),
  desc: z.boolean().optional().describe("newest (highest) first"),
};

const ORDER = { id: "ID", created: "CREATE_TIME", updated: "LAST_UPDATE_TIME" } as const;

/** The page options of a registry listing from the paging and order arguments. */
export function pageOptions(
  args: { pageSize?: number | undefined; pageToken?: string | undefined } & {
    orderBy?: keyof typeof ORDER | undefined;
    desc?: boolean | undefined;
  },
  env: ToolEnv,
) {
  return {
    pageSize: args.pageSize ?? 50,
    orderBy: ORDER[args.orderBy ?? "id"],
    sortOrder: args.desc ? ("DESC" as const) : ("ASC" as const),
    ...(args.pageToken ? { nextPageToken: args.pageToken } : {}),
    signal: env.signal,
  };
}

/** One page of a listing: its items (what `-o json` prints for them) and the token of the next page, if any. */
export async function firstPage<T>(
  listing: Paginated<T>,
): Promise<{ items: T[]; nextPageToken?: string | undefined }> {
  for await (const page of listing.pages()) return page.nextPageToken ? page : { items: page.items };
  return { items: [] };
}
