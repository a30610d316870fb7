// mr-cli mcp's resources: a registered model's card (its fields, its readme, its versions with their custom
// properties) and a catalog model's README, as Markdown an agent can read into its context.
import { type McpServer, ResourceTemplate } from "@modelcontextprotocol/server";
import { requireModel } from "../lookup.js";
import type { McpServerState } from "./mcp-tool.js";

const cell = (value: unknown) =>
  (typeof value === "object" && value !== null ? JSON.stringify(value) : String(value ?? ""))
    .replace(/\s+/g, " ")
    .replace(/\|/g, "\\|");

/** A registered model's card as Markdown: description, owner, state, its readme, and its newest 50 versions. */
async function modelCard(state: McpServerState, name: string, signal: AbortSignal): Promise<string> {
  const mr = await state.env.registry();
  const model = await requireModel(mr, name);
  const versions = await mr.registeredModels
    .versions(model.id)
    .list({ orderBy: "ID", sortOrder: "DESC", limit: 50, signal })
    .toArray();
  const lines = [
    `# ${model.name}`,
    "",
    ...(model.description ? [model.description, ""] : []),
    `- owner: ${model.owner ?? ""}`,
    `- state: ${model.state ?? ""}`,
    `- id: ${model.id}`,
    ...Object.entries(model.customProperties).map(([key, value]) => `- ${key}: ${cell(value)}`),
    "",
    ...(model.readme ? [model.readme, ""] : []),
    "## Versions (newest first)",
    "",
    "| version | state | author | custom properties |",
    "| --- | --- | --- | --- |",
    ...versions.map(
      (v) =>
        `| ${cell(v.name)} | ${cell(v.state)} | ${cell(v.author)} | ${cell(
          Object.entries(v.customProperties)
            .map(([key, value]) => `${key}=${cell(value)}`)
            .join(", "),
        )} |`,
    ),
  ];
  return `${lines.join("\n")}\n`;
}

/** A catalog model's README (or its description when it has none). */
async function catalogReadme(state: McpServerState, source: string, name: string, signal: AbortSignal) {
  const model = await (await state.env.catalog()).models.get(source, name, { signal });
  return model.readme ?? `# ${model.name}\n\n${model.description ?? ""}\n`;
}

/** Registers the model cards and catalog READMEs as resource templates; a failure is an error naming its class,
 * scrubbed of secrets. */
export function registerModelCards(server: McpServer, state: McpServerState): void {
  const read = async (uri: URL, text: () => Promise<string>) => {
    try {
      return { contents: [{ uri: uri.href, mimeType: "text/markdown", text: state.scrub(await text()) }] };
    } catch (error) {
      const { name, message } = error instanceof Error ? error : { name: "Error", message: String(error) };
      throw new Error(state.scrub(`${name}: ${message}`));
    }
  };
  const one = (value: string | string[] | undefined) => decodeURIComponent(String(value ?? ""));
  server.registerResource(
    "model-card",
    new ResourceTemplate("model-registry://models/{name}", { list: undefined }),
    {
      title: "Model card",
      description:
        "A registered model's card: its fields, readme and newest versions with their custom properties",
      mimeType: "text/markdown",
    },
    (uri, { name }, ctx) => read(uri, () => modelCard(state, one(name), ctx.mcpReq.signal)),
  );
  server.registerResource(
    "catalog-readme",
    new ResourceTemplate("model-catalog://{source}/{model}", { list: undefined }),
    {
      title: "Catalog model README",
      description: "A catalog model's README; the model's name is URL-encoded (acme%2Fdigits-onnx)",
      mimeType: "text/markdown",
    },
    (uri, { source, model }, ctx) =>
      read(uri, () => catalogReadme(state, one(source), one(model), ctx.mcpReq.signal)),
  );
}
