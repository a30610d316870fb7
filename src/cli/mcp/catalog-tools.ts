// mr-cli mcp's tools that read the model catalog: its sources, a search of its models, and one model with its
// artifacts, as `mr-cli catalog sources|models|get` give them with -o json.
import { z } from "zod";
import { firstPage, paging, readTool, type Tool } from "./mcp-tool.js";

const ORDER = { id: "ID", name: "NAME", created: "CREATE_TIME", updated: "LAST_UPDATE_TIME" } as const;
const source = z.string().min(1).describe("the catalog source's id (see catalog_sources)");

/** The tools that read the model catalog. */
export const catalogTools: Tool[] = [
  readTool({
    name: "catalog_sources",
    title: "List the catalog's sources",
    description: "Lists the model catalog's sources (their ids, names, labels), one page at a time.",
    input: z.object({ ...paging }),
    example: {},
    run: async (args, env) =>
      firstPage(
        (await env.catalog()).sources.list({
          pageSize: args.pageSize ?? 50,
          ...(args.pageToken ? { nextPageToken: args.pageToken } : {}),
          signal: env.signal,
        }),
      ),
  }),
  readTool({
    name: "catalog_search",
    title: "Search the model catalog",
    description:
      "Searches the model catalog's models (pre-trained models an organisation offers), one page at a time: a keyword over name, description, provider and tasks, sources, source labels, and the catalog's filter query.",
    input: z.object({
      search: z.string().min(1).optional().describe("keyword in name, description, provider or tasks"),
      source: z.array(z.string().min(1)).optional().describe("only these source ids"),
      label: z.array(z.string().min(1)).optional().describe("only sources with these labels"),
      filter: z
        .string()
        .min(1)
        .optional()
        .describe("the catalog's filter query, e.g. \"license='MIT' AND tasks='text-generation'\""),
      orderBy: z.enum(["id", "name", "created", "updated"]).optional().describe("sort key (default id)"),
      desc: z.boolean().optional().describe("reverse order"),
      ...paging,
    }),
    example: { search: "digits", label: ["Demo"] },
    run: async (args, env) =>
      firstPage(
        (await env.catalog()).models.list({
          pageSize: args.pageSize ?? 50,
          ...(args.pageToken ? { nextPageToken: args.pageToken } : {}),
          orderBy: ORDER[args.orderBy ?? "id"],
          sortOrder: args.desc ? "DESC" : "ASC",
          q: args.search,
          source: args.source,
          sourceLabel: args.label,
          filterQuery: args.filter,
          signal: env.signal,
        }),
      ),
  }),
  readTool({
    name: "catalog_get",
    title: "Get a catalog model",
    description:
      "One catalog model (description, provider, licence, tasks, readme); with artifacts: true, also its artifacts (their URIs and metrics) as { model, artifacts }.",
    input: z.object({
      source,
      model: z.string().min(1).describe("the catalog model's name, e.g. acme/digits-onnx"),
      artifacts: z.boolean().optional().describe("also its artifacts, with their URIs and metrics"),
    }),
    example: { source: "stack_demo", model: "acme/digits-onnx", artifacts: true },
    run: async (args, env) => {
      const models = (await env.catalog()).models;
      const call = { signal: env.signal };
      return args.artifacts
        ? models.describe(args.source, args.model, call)
        : models.get(args.source, args.model, call);
    },
  }),
];
