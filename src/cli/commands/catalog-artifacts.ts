// `mr-cli catalog artifacts`: a catalog model's artifacts, by kind or filter, or its performance artifacts with the
// replicas computed for a target load and, on request, only the recommended configurations.
import { type Command, Option } from "commander";
import type { CatalogArtifact } from "../../catalog/catalog-types.js";
import type { Paginated } from "../../client/paginate.js";
import {
  type PageFlags,
  pageOptions,
  type RecommendedFlags,
  recommended,
  withPaging,
  withRecommended,
} from "../catalog-flags.js";
import { artifactColumns } from "../catalog-views.js";
import type { CliContext } from "../context.js";
import { UsageError } from "../exit-codes.js";
import { printListing } from "../output.js";

/** `catalog artifacts`: a model's artifacts, by kind, filter or performance. */
export function addArtifacts(catalog: Command, ctx: CliContext): void {
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
      await printListing(ctx, await artifactListing(ctx, source, model, flags), artifactColumns);
    });
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
