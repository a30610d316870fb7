// The flags the catalog commands share: paging and order, and the RECOMMENDED order's tuning.
import type { Command } from "commander";
import type { CatalogModelOrderBy, RecommendedOptions } from "../catalog/catalog-types.js";
import type { CliContext } from "./context.js";
import { positiveInt } from "./parse-values.js";

export interface PageFlags {
  desc?: boolean;
  limit?: number;
  pageSize?: number;
}

export interface RecommendedFlags {
  targetRps?: number;
  latencyProperty?: string;
  rpsProperty?: string;
  hardwareCountProperty?: string;
  hardwareTypeProperty?: string;
}

/** `--order-by` of `catalog models`, as the catalog's sort keys. */
export const ORDER = {
  id: "ID",
  name: "NAME",
  created: "CREATE_TIME",
  updated: "LAST_UPDATE_TIME",
  recommended: "RECOMMENDED",
} as const satisfies Record<string, CatalogModelOrderBy>;

/** The paging flags as page options, with the CLI's signal. */
export function pageOptions(ctx: CliContext, flags: PageFlags) {
  return {
    sortOrder: flags.desc ? ("DESC" as const) : ("ASC" as const),
    ...(flags.limit ? { limit: flags.limit } : {}),
    ...(flags.pageSize ? { pageSize: flags.pageSize } : {}),
    signal: ctx.io.signal,
  };
}

/** Adds --desc, --limit and --page-size. */
export function withPaging(command: Command): Command {
  return command
    .option("--desc", "reverse order")
    .option("--limit <n>", "show at most n items", positiveInt)
    .option("--page-size <n>", "items per request (default 100)", positiveInt);
}

/** The RECOMMENDED order's and the performance artifacts' tuning flags. */
export function withRecommended(command: Command): Command {
  return command
    .option("--target-rps <n>", "requests per second to plan replicas for (default 1)", positiveInt)
    .option("--latency-property <name>", "latency property to minimise (default ttft_p90)")
    .option("--rps-property <name>", "throughput property (default requests_per_second)")
    .option("--hardware-count-property <name>", "accelerator count property (default hardware_count)")
    .option("--hardware-type-property <name>", "accelerator type property (default hardware_type)");
}

/** The tuning flags as the SDK's RecommendedOptions. */
export function recommended(flags: RecommendedFlags): RecommendedOptions {
  return {
    targetRPS: flags.targetRps,
    latencyProperty: flags.latencyProperty,
    rpsProperty: flags.rpsProperty,
    hardwareCountProperty: flags.hardwareCountProperty,
    hardwareTypeProperty: flags.hardwareTypeProperty,
  };
}
