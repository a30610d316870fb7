import { Command, Option } from "commander";
import type { ModelVersion } from "../../client/entities.js";
import type { PageOptions, Paginated } from "../../client/paginate.js";
import type { ModelRegistry } from "../../model-registry.js";
import { terminalFields, type ViewKind } from "../../views/view-of.js";
import { aliasesNaming } from "../../workflows/aliases/alias-names.js";
import { tagVersionAliases } from "../../workflows/aliases/version-aliases.js";
import type { CliContext } from "../context.js";
import { requireEnvironment, requireModel, requireVersion } from "../lookup.js";
import { print, renderTable, viewColumns } from "../output.js";
import { positiveInt } from "../parse-values.js";
import { listClusterDeployments } from "./deploy-cluster.js";

interface ListFlags {
  orderBy?: "id" | "created" | "updated";
  desc?: boolean;
  limit?: number;
  pageSize?: number;
  filter?: string;
  env?: string;
  cluster?: boolean;
  kubeconfig?: string;
  kubeContext?: string;
}

const ORDER = { id: "ID", created: "CREATE_TIME", updated: "LAST_UPDATE_TIME" } as const;

function pageOptions(flags: ListFlags) {
  return {
    orderBy: ORDER[flags.orderBy ?? "id"],
    sortOrder: flags.desc ? ("DESC" as const) : ("ASC" as const),
    ...(flags.limit ? { limit: flags.limit } : {}),
    ...(flags.pageSize ? { pageSize: flags.pageSize } : {}),
  };
}

/** What a listing gives: every item (a Paginated, or one whose items were decorated for the view). */
type Listing<T> = Pick<Paginated<T>, "toArray">;

/** Prints a listing as a table of its kind's columns, or as JSON or YAML. */
async function show<T>(ctx: CliContext, listing: Listing<T>, kind: ViewKind): Promise<void> {
  const rows = await listing.toArray();
  await print(ctx, rows, () => renderTable(rows, viewColumns<T>(terminalFields(kind)), ctx.color()));
}

function withListOptions(command: Command, filterable: boolean): Command {
  command
    .addOption(
      new Option("--order-by <field>", "sort key").choices(["id", "created", "updated"]).default("id"),
    )
    .option("--desc", "newest (highest) first")
    .option("--limit <n>", "show at most n items", positiveInt)
    .option("--page-size <n>", "items per request (default 100)", positiveInt);
  if (filterable)
    command.option("--filter <query>", `a filterQuery, e.g. 'state = "LIVE" AND accuracy > 0.9'`);
  return command;
}

/** One `mr-cli list <what>`: its arguments, whether it filters, its columns, and the listing it shows. */
interface ListSpec<T> {
  name: string;
  alias?: string;
  description: string;
  /** Positional arguments, e.g. `["<model>", "registered model name"]`. */
  args?: [string, string?][];
  /** Whether the endpoint honours filterQuery (adds --filter). */
  filterable: boolean;
  /** Extra options, e.g. deployments' --env. */
  options?: [string, string][];
  /** The kind of what it lists, whose view gives the table's columns. */
  kind: ViewKind;
  listing: (
    mr: ModelRegistry,
    args: string[],
    options: PageOptions & { filter?: string },
    flags: ListFlags,
  ) => Promise<Listing<T>>;
}

/** Adds `mr-cli list <spec.name>` to `list`: parses the options, looks up the parents, prints the table or JSON. */
function addListing<T>(ctx: CliContext, list: Command, spec: ListSpec<T>): void {
  const command = list.command(spec.name).description(spec.description);
  if (spec.alias) command.alias(spec.alias);
  for (const [arg, description] of spec.args ?? []) command.argument(arg, description);
  for (const [flag, description] of spec.options ?? []) command.option(flag, description);
  withListOptions(command, spec.filterable).action(async (...received: unknown[]) => {
    const args = received.slice(0, spec.args?.length ?? 0) as string[];
    const flags = received[args.length] as ListFlags;
    if (spec.name === "deployments" && flags.cluster) return listClusterDeployments(ctx, flags);
    const mr = await ctx.registry();
    const options = {
      ...pageOptions(flags),
      signal: ctx.io.signal,
      ...(spec.filterable ? { filter: flags.filter } : {}),
    };
    await show(ctx, await spec.listing(mr, args, options, flags), spec.kind);
  });
}

/** `mr-cli list …` */
export function listCommand(ctx: CliContext): Command {
  const list = new Command("list").description(
    "list models, versions, artifacts, environments, deployments, experiments",
  );
  addListing(ctx, list, {
    name: "models",
    description: "registered models",
    filterable: true,
    kind: "registered model",
    listing: async (mr, _args, options) => mr.registeredModels.list(options),
  });
  addListing(ctx, list, {
    name: "versions",
    description: "versions of a model",
    args: [["<model>", "registered model name"]],
    filterable: true,
    kind: "model version",
    listing: async (mr, [model = ""], options) => {
      const found = await requireModel(mr, model);
      const versions = mr.registeredModels.versions(found.id).list(options);
      // Each version with the aliases that name it, from the model just read: the table's ALIASES column.
      const tag = (version: ModelVersion) => tagVersionAliases(version, aliasesNaming(found, version.name));
      return { toArray: async () => (await versions.toArray()).map(tag) };
    },
  });
  addListing(ctx, list, {
    name: "artifacts",
    description: "artifacts of a model version",
    args: [["<model>"], ["<version>"]],
    filterable: true,
    kind: "artifact",
    listing: async (mr, [model = "", version = ""], options) =>
      mr.modelVersions.artifacts((await requireVersion(mr, model, version)).version.id).list(options),
  });
  addListing(ctx, list, {
    name: "environments",
    alias: "serving-environments",
    description: "serving environments",
    filterable: false,
    kind: "serving environment",
    listing: async (mr, _args, options) => mr.servingEnvironments.list(options),
  });
  addListing(ctx, list, {
    name: "deployments",
    description: "inference services, optionally of one serving environment",
    filterable: false,
    options: [
      ["--env <serving-environment>", "only this serving environment"],
      ["--cluster", "beside what the cluster of your kubeconfig has, and where they disagree"],
      ["--kubeconfig <path>", "with --cluster: kubeconfig file (default KUBECONFIG, ~/.kube/config)"],
      ["--kube-context <name>", "with --cluster: kubeconfig context"],
    ],
    kind: "inference service",
    listing: async (mr, _args, options, flags) =>
      flags.env
        ? mr.servingEnvironments.inferenceServices((await requireEnvironment(mr, flags.env)).id).list(options)
        : mr.inferenceServices.list(options),
  });
  addListing(ctx, list, {
    name: "experiments",
    description: "experiments",
    filterable: true,
    kind: "experiment",
    listing: async (mr, _args, options) => mr.experiments.list(options),
  });
  return list;
}
