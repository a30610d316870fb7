// `mr-cli catalog …`: browse a model catalog (sources, labels, model search, one model, its artifacts, the filter
// options) and register one of its models in the registry (catalog-register.ts).
import { Command, Option } from "commander";
import type { CatalogArtifact } from "../../catalog/catalog-types.js";
import type { Paginated } from "../../client/paginate.js";
import {
  ORDER,
  type PageFlags,
  pageOptions,
  type RecommendedFlags,
  recommended,
  withPaging,
  withRecommended,
} from "../catalog-flags.js";
import { artifactColumns, labelColumns, modelCard, modelColumns, sourceColumns } from "../catalog-views.js";
import type { CliContext } from "../context.js";
import { UsageError } from "../exit-codes.js";
import { type Column, print, renderTable } from "../output.js";
import { collect } from "../parse-values.js";
import { catalogRegisterCommand } from "./catalog-register.js";

async function show<T>(ctx: CliContext, listing: Paginated<T>, columns: Column<T>[]): Promise<void> {
  const rows = await listing.toArray();
  await print(ctx, rows, () => renderTable(rows, columns, ctx.color()));
}

/** `mr-cli catalog …` */
export function catalogCommand(ctx: CliContext): Command {
  const catalog = new Command("catalog").description(
    "browse the model catalog (--catalog-url, MODEL_CATALOG_URL or the context's catalogUrl) and register its models",
  );

  withPaging(catalog.command("sources").description("list the catalog's sources"))
    .addHelpText(
      "after",
      "\nExamples:\n  mr-cli catalog sources\n  mr-cli catalog sources --name Community -o json",
    )
    .addOption(new Option("--order-by <field>", "sort key").choices(["id", "name"]).default("id"))
    .option("--name <text>", "only sources whose name contains this")
    .action(async (flags: PageFlags & { orderBy: "id" | "name"; name?: string }) => {
      const listing = (await ctx.catalog()).sources.list({
        ...pageOptions(ctx, flags),
        orderBy: ORDER[flags.orderBy],
        name: flags.name,
      });
      await show(ctx, listing, sourceColumns);
    });

  withPaging(catalog.command("labels").description("list the labels the catalog defines"))
    .addHelpText("after", "\nExample:\n  mr-cli catalog labels --desc")
    .option("--order-by <field>", "a label field to sort by", "name")
    .action(async (flags: PageFlags & { orderBy: string }) => {
      const listing = (await ctx.catalog()).labels.list({
        ...pageOptions(ctx, flags),
        orderBy: flags.orderBy,
      });
      await show(ctx, listing, labelColumns);
    });

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
        await show(ctx, listing, modelColumns);
      },
    );

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

  withRecommended(
    withPaging(
      catalog
        .command("artifacts")
        .description("list a catalog model's artifacts (model artifacts with URIs, metrics artifacts)")
        .argument("<source>", "source id")
        .argument("<model>", "model name")
        .addOption(new Option("--type <kind>", "only this kind").choices(["model", "metrics"]))
        .option("--performance", "performance artifacts, with replicas computed for --target-rps")
        .option("--recommendations", "with --performance: only the Pareto-optimal configurations")
        .option(
          "--filter <query>",
          "a filterQuery over properties, e.g. \"hardware_type.string_value='GPU'\"",
        )
        .option("--order-by <key>", "ID, CREATE_TIME, LAST_UPDATE_TIME or a property name"),
    ),
  )
    .addHelpText(
      "after",
      `
Examples:
  mr-cli catalog artifacts stack_demo acme/digits-onnx --type model
  mr-cli catalog artifacts stack_community community/tiny-llm-1b --filter "hardware_type.string_value='GPU'"
  mr-cli catalog artifacts stack_community community/tiny-llm-1b --performance --target-rps 40 --recommendations`,
    )
    .action(async (source: string, model: string, flags: ArtifactFlags) => {
      await show(ctx, await artifactListing(ctx, source, model, flags), artifactColumns);
    });

  catalog
    .command("filter-options")
    .description("the fields models can be filtered on, with their values or ranges, and the named queries")
    .addHelpText("after", "\nExample:\n  mr-cli catalog filter-options -o json")
    .action(async () => {
      const options = await (await ctx.catalog()).models.filterOptions({ signal: ctx.io.signal });
      const rows = Object.entries(options.filters ?? {}).map(([field, o]) => ({ field, ...o }));
      const named = Object.entries(options.namedQueries ?? {}).map(
        ([name, fields]) =>
          `named query ${name}: ${Object.entries(fields)
            .map(([field, f]) => `${field} ${f.operator} ${JSON.stringify(f.value)}`)
            .join(" AND ")}`,
      );
      await print(ctx, options, () =>
        [
          renderTable(
            rows,
            [
              { header: "FIELD", value: (r) => r.field },
              { header: "TYPE", value: (r) => r.type },
              {
                header: "VALUES",
                value: (r) => (r.range ? `${r.range.min} … ${r.range.max}` : (r.values ?? []).join(", ")),
              },
            ],
            ctx.color(),
          ),
          ...named,
        ].join("\n"),
      );
    });

  catalog.addCommand(catalogRegisterCommand(ctx));
  return catalog;
}

type ArtifactFlags = PageFlags &
  RecommendedFlags & {
    type?: "model" | "metrics";
    performance?: boolean;
    recommendations?: boolean;
    filter?: string;
    orderBy?: string;
  };

async function artifactListing(
  ctx: CliContext,
  source: string,
  model: string,
  flags: ArtifactFlags,
): Promise<Paginated<CatalogArtifact>> {
  const tuning = Object.entries(recommended(flags)).filter(([, value]) => value !== undefined);
  if (!flags.performance && (flags.recommendations || tuning.length > 0))
    throw new UsageError("--recommendations and the tuning flags (--target-rps, …) need --performance");
  if (flags.performance && flags.type)
    throw new UsageError("--performance lists metrics artifacts only; leave out --type");
  const models = (await ctx.catalog()).models;
  const common = { ...pageOptions(ctx, flags), orderBy: flags.orderBy, filterQuery: flags.filter };
  if (flags.performance)
    return models.performanceArtifacts(source, model, {
      ...common,
      ...recommended(flags),
      recommendations: flags.recommendations,
    });
  return models.artifacts(source, model, {
    ...common,
    artifactType: flags.type && (flags.type === "model" ? "model-artifact" : "metrics-artifact"),
  });
}
