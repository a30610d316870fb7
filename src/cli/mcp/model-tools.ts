// mr-cli mcp's tools that read the registry's models, versions and artifacts, each as `mr-cli list …` and
// `mr-cli get …` give them with -o json, and compare two versions.
import { z } from "zod";
import { filter as filters } from "../../client/filter.js";
import { requireArtifact, requireModel, requireVersion } from "../lookup.js";
import { compareVersions } from "./compare-versions.js";
import { firstPage, order, pageOptions, paging, readTool, type Tool } from "./mcp-tool.js";

const model = z.string().min(1).describe("the registered model's name");
const version = z.string().min(1).describe("the version's name, e.g. v3");
const search = z
  .string()
  .min(1)
  .optional()
  .describe(
    "only those whose name contains this text (case-insensitive; % and _ match any text and any one character)",
  );
const filter = z
  .string()
  .min(1)
  .optional()
  .describe(`a filterQuery on fields and custom properties, e.g. 'state = "LIVE" AND accuracy > 0.9'`);

/** `search` and `filter` as one filterQuery (both must hold). */
function query(args: { search?: string | undefined; filter?: string | undefined }): string | undefined {
  const parts = [
    ...(args.search ? [filters.ilike("name", `%${args.search}%`)] : []),
    ...(args.filter ? [filters.raw(args.filter)] : []),
  ];
  return parts.length === 0 ? undefined : String(filters.and(...parts));
}

/** The tools that read the registry's models, versions and artifacts. */
export const modelTools: Tool[] = [
  readTool({
    name: "list_models",
    title: "List registered models",
    description:
      "Lists the registered models, one page at a time; search finds names containing a text, filter takes a filterQuery.",
    input: z.object({ search, filter, ...order, ...paging }),
    example: { search: "mnist" },
    run: async (args, env) =>
      firstPage(
        (await env.registry()).registeredModels.list({ ...pageOptions(args, env), filter: query(args) }),
      ),
  }),
  readTool({
    name: "get_model",
    title: "Get a registered model",
    description: "One registered model by its exact name: description, owner, state, custom properties.",
    input: z.object({ name: model }),
    example: { name: "mnist" },
    run: async (args, env) => requireModel(await env.registry(), args.name),
  }),
  readTool({
    name: "list_versions",
    title: "List the versions of a model",
    description:
      "Lists the versions of a registered model, one page at a time, with their authors, states and custom properties (metrics such as accuracy).",
    input: z.object({ model, search, filter, ...order, ...paging }),
    example: { model: "mnist", orderBy: "created", desc: true },
    run: async (args, env) => {
      const mr = await env.registry();
      const found = await requireModel(mr, args.model);
      return firstPage(
        mr.registeredModels.versions(found.id).list({ ...pageOptions(args, env), filter: query(args) }),
      );
    },
  }),
  readTool({
    name: "get_version",
    title: "Get a model version",
    description: "One version of a registered model, by the model's and the version's names.",
    input: z.object({ model, version }),
    example: { model: "mnist", version: "v3" },
    run: async (args, env) => (await requireVersion(await env.registry(), args.model, args.version)).version,
  }),
  readTool({
    name: "list_artifacts",
    title: "List the artifacts of a version",
    description:
      "Lists every artifact of a model version (model artifacts with their URIs and formats, metrics, parameters, documents).",
    input: z.object({ model, version, ...order, ...paging }),
    example: { model: "mnist", version: "v3" },
    run: async (args, env) => {
      const mr = await env.registry();
      const found = await requireVersion(mr, args.model, args.version);
      return firstPage(mr.modelVersions.artifacts(found.version.id).list(pageOptions(args, env)));
    },
  }),
  readTool({
    name: "get_artifact",
    title: "Get the model artifact of a version",
    description:
      "The model artifact of a version: where its files are (URI), its format, and the size, file count and digest recorded when it was uploaded.",
    input: z.object({ model, version }),
    example: { model: "mnist", version: "v3" },
    run: async (args, env) =>
      (await requireArtifact(await env.registry(), args.model, args.version)).artifact,
  }),
  readTool({
    name: "compare_versions",
    title: "Compare two model versions",
    description:
      "Two versions side by side (of one model, or of two): their fields, custom properties (metrics such as accuracy, with B − A for numbers), model artifacts (URI, format, size, file count, digest) and metric artifacts. Each row says whether A and B are the same.",
    input: z.object({
      model,
      versionA: version.describe("the first version's name"),
      versionB: version.describe("the second version's name"),
      modelB: model.optional().describe("the second version's model, when it is another model"),
    }),
    example: { model: "mnist", versionA: "v2", versionB: "v3" },
    run: async (args, env) =>
      compareVersions(
        await env.registry(),
        { model: args.model, version: args.versionA },
        { model: args.modelB ?? args.model, version: args.versionB },
        env.signal,
      ),
  }),
];
