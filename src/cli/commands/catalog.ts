// `mr-cli catalog …`: browse a model catalog (sources, labels, model search, one model, its artifacts, the filter
// options) and register one of its models in the registry (catalog-register.ts); artifacts in catalog-artifacts.ts;
// the MCP-server, agent and skill catalogs in catalog-assets.ts.
import { Command, Option } from "commander";
import type { CatalogAssetType } from "../../catalog/catalog-types.js";
import {
  ORDER,
  type PageFlags,
  pageOptions,
  type RecommendedFlags,
  recommended,
  withPaging,
  withRecommended,
} from "../catalog-flags.js";
import { labelColumns, modelCard, modelColumns, sourceColumns } from "../catalog-views.js";
import type { CliContext } from "../context.js";
import { UsageError } from "../exit-codes.js";
import { print, printListing } from "../output.js";
import { collect } from "../parse-values.js";
import { addArtifacts } from "./catalog-artifacts.js";
import { agentsCommand, skillsCommand } from "./catalog-assets.js";
import { printFilterOptions } from "./catalog-filter-options.js";
import { mcpServersCommand, mcpToolsCommand } from "./catalog-mcp.js";
import { catalogRegisterCommand } from "./catalog-register.js";

/** `mr-cli catalog …` */
export function catalogCommand(ctx: CliContext): Command {
  const catalog = new Command("catalog").description(
    "browse the catalog (--catalog-url, MODEL_CATALOG_URL or the context's catalogUrl): models (and register them), MCP servers, agents, skills",
  );
  addSources(catalog, ctx);
  addLabels(catalog, ctx);
  addModels(catalog, ctx);
  addGet(catalog, ctx);
  addArtifacts(catalog, ctx);
  addFilterOptions(catalog, ctx);
  catalog.addCommand(catalogRegisterCommand(ctx));
  for (const command of [mcpServersCommand, mcpToolsCommand, agentsCommand, skillsCommand])
    catalog.addCommand(command(ctx));
  return catalog;
}

/** `catalog sources`: the catalog's sources. */
function addSources(catalog: Command, ctx: CliContext): void {
  withPaging(catalog.command("sources").description("list the catalog's sources"))
    .addHelpText(
      "after",
      "\nExamples:\n  mr-cli catalog sources\n  mr-cli catalog sources --name Community -o json\n  mr-cli catalog sources --asset-type skills",
    )
    .addOption(new Option("--order-by <field>", "sort key").choices(["id", "name"]).default("id"))
    .option("--name <text>", "only sources whose name contains this")
    .addOption(
      new Option(
        "--asset-type <catalog>",
        "the sources of this catalog, by the catalog's name (default models)",
      ).choices(["models", "mcp_servers", "agents", "skills"]),
    )
    .action(
      async (flags: PageFlags & { orderBy: "id" | "name"; name?: string; assetType?: CatalogAssetType }) => {
        const listing = (await ctx.catalog()).sources.list({
          ...pageOptions(ctx, flags),
          orderBy: ORDER[flags.orderBy],
          name: flags.name,
          assetType: flags.assetType,
        });
        await printListing(ctx, listing, sourceColumns);
      },
    );
}

/** `catalog labels`: the labels the catalog defines. */
function addLabels(catalog: Command, ctx: CliContext): void {
  withPaging(catalog.command("labels").description("list the labels the catalog defines"))
    .addHelpText("after", "\nExample:\n  mr-cli catalog labels --desc")
    .option("--order-by <field>", "a label field to sort by", "name")
    .action(async (flags: PageFlags & { orderBy: string }) => {
      const listing = (await ctx.catalog()).labels.list({
        ...pageOptions(ctx, flags),
        orderBy: flags.orderBy,
      });
      await printListing(ctx, listing, labelColumns);
    });
}

/** `catalog models`: search the models, in any order, RECOMMENDED with its tuning. */
function addModels(catalog: Command, ctx: CliContext): void {
  withRecommended(
    withPaging(
      catalog
        .command("models")
        .description("search the catalog's models")
        .option("--search <keyword>", "keyword in name, description, provider or tasks")
        .option("--source <id>", "only this source (repeatable)", collect)
        .option("--label <label>", "only sources with this label (repeatable)", collect)
        .option("--filter <query>", "a filterQuery, e.g. \"license='MIT' AND tasks='text-generation'\"")
        .addOption(new Option("--order-by <field>", "sort key").choices(Object.keys(ORDER)).default("id")),
    ),
  )
    .addHelpText(
      "after",
      `
Examples:
  mr-cli catalog models --search tiny --label Community
  mr-cli catalog models --order-by recommended --target-rps 10 -o json`,
    )
    .action(
      async (
        flags: PageFlags &
          RecommendedFlags & {
            search?: string;
            source?: string[];
            label?: string[];
            filter?: string;
            orderBy: keyof typeof ORDER;
          },
      ) => {
        const tuned = Object.values(recommended(flags)).some((value) => value !== undefined);
        if (tuned && flags.orderBy !== "recommended")
          throw new UsageError("--target-rps and the other tuning flags need --order-by recommended");
        const listing = (await ctx.catalog()).models.list({
          ...pageOptions(ctx, flags),
          ...recommended(flags),
          orderBy: ORDER[flags.orderBy],
          q: flags.search,
          source: flags.source,
          sourceLabel: flags.label,
          filterQuery: flags.filter,
        });
        await printListing(ctx, listing, modelColumns);
      },
    );
}

/** `catalog get`: one model, with its artifacts on request. */
function addGet(catalog: Command, ctx: CliContext): void {
  catalog
    .command("get")
    .description("show one catalog model")
    .argument("<source>", "source id (mr-cli catalog sources)")
    .argument("<model>", "model name, e.g. acme/digits-onnx")
    .option("--artifacts", "with its artifacts: their URIs and metrics (JSON: { model, artifacts })")
    .addHelpText(
      "after",
      "\nExamples:\n  mr-cli catalog get stack_demo acme/digits-onnx --artifacts\n  mr-cli catalog get stack_demo acme/digits-onnx -o json",
    )
    .action(async (source: string, model: string, flags: { artifacts?: boolean }) => {
      const models = (await ctx.catalog()).models;
      const call = { signal: ctx.io.signal };
      if (flags.artifacts) {
        const described = await models.describe(source, model, call);
        await print(ctx, described, () => modelCard(described.model, described.artifacts));
        return;
      }
      const found = await models.get(source, model, call);
      await print(ctx, found, () => modelCard(found));
    });
}

/** `catalog filter-options`: the fields models can be filtered on, and the named queries. */
function addFilterOptions(catalog: Command, ctx: CliContext): void {
  catalog
    .command("filter-options")
    .description("the fields models can be filtered on, with their values or ranges, and the named queries")
    .addHelpText("after", "\nExample:\n  mr-cli catalog filter-options -o json")
    .action(async () => {
      await printFilterOptions(
        ctx,
        await (await ctx.catalog()).models.filterOptions({ signal: ctx.io.signal }),
      );
    });
}
