// `mr-cli catalog …`: browse a model catalog (sources, labels, model search, one model, its artifacts, the filter
// options) and register one of its models in the registry (catalog-register.ts).
import { Command, Option } from "commander";
import type {
  CatalogArtifact,
  CatalogLabel,
  CatalogModel,
  CatalogModelOrderBy,
  CatalogSource,
  RecommendedOptions,
} from "../../catalog/catalog-types.js";
import type { Paginated } from "../../client/paginate.js";
import { artifactColumns, labelColumns, modelCard, modelColumns, sourceColumns } from "../catalog-views.js";
import type { CliContext } from "../context.js";
import { type Column, print, renderTable } from "../output.js";
import { collect, positiveInt } from "../parse-values.js";
import { catalogRegisterCommand } from "./catalog-register.js";

interface PageFlags {
  desc?: boolean;
  limit?: number;
  pageSize?: number;
}

interface RecommendedFlags {
  targetRps?: number;
  latencyProperty?: string;
  rpsProperty?: string;
  hardwareCountProperty?: string;
  hardwareTypeProperty?: string;
}

const ORDER = {
  id: "ID",
  name: "NAME",
  created: "CREATE_TIME",
  updated: "LAST_UPDATE_TIME",
  recommended: "RECOMMENDED",
} as const satisfies Record<string, CatalogModelOrderBy>;

function pageOptions(ctx: CliContext, flags: PageFlags) {
  return {
    sortOrder: flags.desc ? ("DESC" as const) : ("ASC" as const),
    ...(flags.limit ? { limit: flags.limit } : {}),
    ...(flags.pageSize ? { pageSize: flags.pageSize } : {}),
    signal: ctx.io.signal,
  };
}

function withPaging(command: Command): Command {
  return command
    .option("--desc", "reverse order")
    .option("--limit <n>", "show at most n items", positiveInt)
    .option("--page-size <n>", "items per request (default 100)", positiveInt);
}

/** The RECOMMENDED order's and the performance artifacts' tuning flags. */
function withRecommended(command: Command): Command {
  return command
    .option("--target-rps <n>", "requests per second to plan replicas for (default 1)", positiveInt)
    .option("--latency-property <name>", "latency property to minimise (default ttft_p90)")
    .option("--rps-property <name>", "throughput property (default requests_per_second)")
    .option("--hardware-count-property <name>", "accelerator count property (default hardware_count)")
    .option("--hardware-type-property <name>", "accelerator type property (default hardware_type)");
}

function recommended(flags: RecommendedFlags): RecommendedOptions {
  return {
    targetRPS: flags.targetRps,
    latencyProperty: flags.latencyProperty,
    rpsProperty: flags.rpsProperty,
    hardwareCountProperty: flags.hardwareCountProperty,
    hardwareTypeProperty: flags.hardwareTypeProperty,
  };
}

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

  withPaging(catalog.command("labels").description("list the labels the catalog defines")).action(
    async (flags: PageFlags) => {
      await show(ctx, (await ctx.catalog()).labels.list(pageOptions(ctx, flags)), labelColumns);
    },
  );

  withRecommended(
    withPaging(
      catalog
        .command("models")
        .description("search the catalog's models")
        .option("--search <keyword>", "keyword in name, description, provider, library or tasks")
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
  mr-cli catalog models --search granite --label Community
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
    .action(async (source: string, model: string) => {
      const found = await (await ctx.catalog()).models.get(source, model, { signal: ctx.io.signal });
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
  ).action(async (source: string, model: string, flags: ArtifactFlags) => {
    await show(ctx, await artifactListing(ctx, source, model, flags), artifactColumns);
  });

  catalog
    .command("filter-options")
    .description("the fields models can be filtered on, with their values or ranges")
    .action(async () => {
      const options = await (await ctx.catalog()).models.filterOptions({ signal: ctx.io.signal });
      const rows = Object.entries(options.filters ?? {}).map(([field, o]) => ({ field, ...o }));
      await print(ctx, options, () =>
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
