// `mr-cli catalog mcp-servers | mcp-tools | agents | skills`: the catalogs beside the models. Each has a listing (the
// default: search, name, source, label, filter, order, paging), `get` by id or name, and `filter-options`; an agent's
// templates come with `get --templates`. The MCP servers' commands, with their tools, are in catalog-mcp.ts,
// built on the same pieces.
import { Command, Option } from "commander";
import type { CatalogAgent, CatalogAssetOrderBy } from "../../catalog/asset-types.js";
import type { CatalogFilterOptions } from "../../catalog/catalog-types.js";
import type { ModelCatalog } from "../../catalog/model-catalog.js";
import type { Paginated } from "../../client/paginate.js";
import { cardFields, terminalFields, type ViewKind } from "../../views/view-of.js";
import { type PageFlags, pageOptions, withPaging } from "../catalog-flags.js";
import type { CliContext } from "../context.js";
import { print, printListing, renderCard, renderTable, viewCard, viewColumns } from "../output.js";
import { collect } from "../parse-values.js";
import { printFilterOptions } from "./catalog-filter-options.js";

/** `--order-by` of these listings, as the catalog's sort keys. */
export const ASSET_ORDER = {
  id: "ID",
  name: "NAME",
  created: "CREATE_TIME",
  updated: "LAST_UPDATE_TIME",
} as const satisfies Record<string, CatalogAssetOrderBy>;

/** The flags of a listing. */
type AssetListFlags = PageFlags & {
  search?: string;
  name?: string;
  source?: string[];
  label?: string[];
  filter?: string;
  orderBy: keyof typeof ASSET_ORDER;
};

/** The listing flags as the SDK's options (`source` as the list the agent and skill listings take). */
function listOptions(ctx: CliContext, flags: AssetListFlags) {
  return {
    ...pageOptions(ctx, flags),
    orderBy: ASSET_ORDER[flags.orderBy],
    q: flags.search,
    name: flags.name,
    source: flags.source,
    sourceLabel: flags.label,
    filterQuery: flags.filter,
  };
}

/** Adds the listing flags a catalog's listing takes. */
function withListFlags(command: Command, source = "only this source (repeatable)"): Command {
  return withPaging(
    command
      .option("--search <keyword>", "keyword in name, description and the like")
      .option(
        "--name <pattern>",
        "only entries of this name (the catalog's LIKE pattern: _ and % match any character)",
      )
      .option("--source <id>", source, collect)
      .option("--label <label>", "only sources with this label (repeatable; not with --source)", collect)
      .option("--filter <query>", "a filterQuery, e.g. \"license='MIT'\"")
      .addOption(
        new Option("--order-by <field>", "sort key").choices(Object.keys(ASSET_ORDER)).default("id"),
      ),
  );
}

/** A card of one entry, as its kind's view shows it; with `rows`, a table of them below (a server's tools, an
 * agent's templates). */
export function assetCard(
  kind: ViewKind,
  entry: object,
  rows?: { kind: ViewKind; items: object[]; color: boolean },
): string {
  const card = renderCard(viewCard(cardFields(kind), entry));
  if (!rows) return card;
  return `${card}\n\n${renderTable(rows.items, viewColumns(terminalFields(rows.kind)), rows.color)}`;
}

/** One catalog's commands: what they list and get, and how they show it. */
export interface AssetCatalog<T> {
  command: string;
  what: string;
  kind: ViewKind;
  examples: string;
  list: (catalog: ModelCatalog, options: ReturnType<typeof listOptions>) => Paginated<T>;
  get: (
    catalog: ModelCatalog,
    ref: string,
    options: { source?: string; signal?: AbortSignal | undefined },
  ) => Promise<T>;
  filterOptions: (
    catalog: ModelCatalog,
    options: { signal?: AbortSignal | undefined },
  ) => Promise<CatalogFilterOptions>;
  /** How `get` prints what it found; default the entry's card. */
  show?: (found: T, flags: Record<string, unknown>) => Promise<void>;
  /** Flags of `get` beside `--source`. */
  getFlags?: [flags: string, description: string][];
}

/** `catalog <command>`: list (the default), get, filter-options. */
export function assetCommand<T extends object>(ctx: CliContext, spec: AssetCatalog<T>): Command {
  const group = new Command(spec.command)
    .description(`browse the catalog's ${spec.what}s (list, the default; get; filter-options)`)
    .addHelpText(
      "after",
      `\nWithout a subcommand, lists: mr-cli catalog ${spec.command} list --help shows its flags.\nExamples:\n${spec.examples}`,
    );
  withListFlags(
    group.command("list", { isDefault: true }).description(`list or search the catalog's ${spec.what}s`),
  )
    .addHelpText("after", `\nExamples:\n${spec.examples}`)
    .action(async (flags: AssetListFlags) => {
      const listing = spec.list(await ctx.catalog(), listOptions(ctx, flags));
      await printListing(ctx, listing, viewColumns<T>(terminalFields(spec.kind)));
    });
  const get = group
    .command("get")
    .description(`show one ${spec.what}, by id or name`)
    .argument("<ref>", `${spec.what} id or name`)
    .option("--source <id>", "the source of the name, when several sources have it");
  for (const [flags, description] of spec.getFlags ?? []) get.option(flags, description);
  get.action(async (ref: string, flags: { source?: string }) => {
    const found = await spec.get(await ctx.catalog(), ref, { source: flags.source, signal: ctx.io.signal });
    if (spec.show) await spec.show(found, flags);
    else await print(ctx, found, () => assetCard(spec.kind, found));
  });
  group
    .command("filter-options")
    .description(`the fields ${spec.what}s can be filtered on, with their values`)
    .action(async () => {
      await printFilterOptions(ctx, await spec.filterOptions(await ctx.catalog(), { signal: ctx.io.signal }));
    });
  return group;
}

/** `catalog skills`: list (the default), get, filter-options. */
export function skillsCommand(ctx: CliContext): Command {
  return assetCommand(ctx, {
    command: "skills",
    what: "skill",
    kind: "catalog skill",
    examples: "  mr-cli catalog skills --search deploy\n  mr-cli catalog skills get register-model -o json",
    list: (catalog, options) => catalog.skills.list(options),
    get: (catalog, ref, options) => catalog.skills.get(ref, options),
    filterOptions: (catalog, options) => catalog.skills.filterOptions(options),
  });
}

/** `catalog agents`: list (the default), get (with its templates on request), filter-options. */
export function agentsCommand(ctx: CliContext): Command {
  return assetCommand<CatalogAgent>(ctx, {
    command: "agents",
    what: "agent",
    kind: "catalog agent",
    examples:
      "  mr-cli catalog agents --filter \"framework='langgraph'\"\n  mr-cli catalog agents get model-card-writer --templates",
    list: (catalog, options) => catalog.agents.list(options),
    get: (catalog, ref, options) => catalog.agents.get(ref, options),
    filterOptions: (catalog, options) => catalog.agents.filterOptions(options),
    getFlags: [["--templates", "with its templates (JSON: { agent, templates })"]],
    // An agent's card, with its templates on request.
    show: async (agent, flags) => {
      if (!flags.templates) return print(ctx, agent, () => assetCard("catalog agent", agent));
      const catalog = await ctx.catalog();
      const templates = await catalog.agents.artifacts(agent.id, { signal: ctx.io.signal }).toArray();
      await print(ctx, { agent, templates }, () =>
        assetCard("catalog agent", agent, {
          kind: "catalog agent artifact",
          items: templates,
          color: ctx.color(),
        }),
      );
    },
  });
}
