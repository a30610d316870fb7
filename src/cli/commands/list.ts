import { Command, Option } from "commander";
import type {
  Artifact,
  Experiment,
  InferenceService,
  ModelVersion,
  RegisteredModel,
  ServingEnvironment,
} from "../../client/entities.js";
import type { PageOptions, Paginated } from "../../client/paginate.js";
import type { ModelRegistry } from "../../model-registry.js";
import type { CliContext } from "../context.js";
import { requireEnvironment, requireModel, requireVersion } from "../lookup.js";
import { type Column, print, properties, renderTable, time } from "../output.js";
import { positiveInt } from "../parse-values.js";

interface ListFlags {
  orderBy?: "id" | "created" | "updated";
  desc?: boolean;
  limit?: number;
  pageSize?: number;
  filter?: string;
  env?: string;
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

async function show<T>(ctx: CliContext, listing: Paginated<T>, columns: Column<T>[]): Promise<void> {
  const rows = await listing.toArray();
  await print(ctx, rows, () => renderTable(rows, columns, ctx.color()));
}

const modelColumns: Column<RegisteredModel>[] = [
  { header: "ID", value: (m) => m.id },
  { header: "NAME", value: (m) => m.name },
  { header: "STATE", value: (m) => m.state },
  { header: "OWNER", value: (m) => m.owner },
  { header: "UPDATED", value: (m) => time(m.lastUpdateTimeSinceEpoch) },
  { header: "DESCRIPTION", value: (m) => m.description },
];

const versionColumns: Column<ModelVersion>[] = [
  { header: "ID", value: (v) => v.id },
  { header: "NAME", value: (v) => v.name },
  { header: "STATE", value: (v) => v.state },
  { header: "AUTHOR", value: (v) => v.author },
  { header: "CREATED", value: (v) => time(v.createTimeSinceEpoch) },
  { header: "PROPERTIES", value: (v) => properties(v.customProperties) },
];

const deploymentColumns: Column<InferenceService>[] = [
  { header: "ID", value: (s) => s.id },
  { header: "NAME", value: (s) => s.name },
  { header: "ENV", value: (s) => s.servingEnvironmentId },
  { header: "MODEL", value: (s) => s.registeredModelId },
  { header: "VERSION", value: (s) => s.modelVersionId },
  { header: "DESIRED", value: (s) => s.desiredState },
  { header: "RUNTIME", value: (s) => s.runtime },
];

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
  columns: Column<T>[];
  listing: (
    mr: ModelRegistry,
    args: string[],
    options: PageOptions & { filter?: string },
    flags: ListFlags,
  ) => Promise<Paginated<T>>;
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
    const mr = await ctx.registry();
    const options = {
      ...pageOptions(flags),
      signal: ctx.io.signal,
      ...(spec.filterable ? { filter: flags.filter } : {}),
    };
    await show(ctx, await spec.listing(mr, args, options, flags), spec.columns);
  });
}

const artifactColumns: Column<Artifact>[] = [
  { header: "ID", value: (a) => a.id },
  { header: "TYPE", value: (a) => a.artifactType },
  { header: "NAME", value: (a) => a.name },
  { header: "URI", value: (a) => ("uri" in a ? a.uri : undefined) },
  {
    header: "FORMAT",
    value: (a) =>
      a.artifactType === "model-artifact"
        ? [a.modelFormatName, a.modelFormatVersion].filter(Boolean).join(" ")
        : "",
  },
  { header: "STATE", value: (a) => a.state },
];

const environmentColumns: Column<ServingEnvironment>[] = [
  { header: "ID", value: (e) => e.id },
  { header: "NAME", value: (e) => e.name },
  { header: "DESCRIPTION", value: (e) => e.description },
];

const experimentColumns: Column<Experiment>[] = [
  { header: "ID", value: (e) => e.id },
  { header: "NAME", value: (e) => e.name },
  { header: "STATE", value: (e) => e.state },
  { header: "OWNER", value: (e) => e.owner },
  { header: "CREATED", value: (e) => time(e.createTimeSinceEpoch) },
];

/** `mr-cli list …` */
export function listCommand(ctx: CliContext): Command {
  const list = new Command("list").description(
    "list models, versions, artifacts, environments, deployments, experiments",
  );
  addListing(ctx, list, {
    name: "models",
    description: "registered models",
    filterable: true,
    columns: modelColumns,
    listing: async (mr, _args, options) => mr.registeredModels.list(options),
  });
  addListing(ctx, list, {
    name: "versions",
    description: "versions of a model",
    args: [["<model>", "registered model name"]],
    filterable: true,
    columns: versionColumns,
    listing: async (mr, [model = ""], options) =>
      mr.registeredModels.versions((await requireModel(mr, model)).id).list(options),
  });
  addListing(ctx, list, {
    name: "artifacts",
    description: "artifacts of a model version",
    args: [["<model>"], ["<version>"]],
    filterable: true,
    columns: artifactColumns,
    listing: async (mr, [model = "", version = ""], options) =>
      mr.modelVersions.artifacts((await requireVersion(mr, model, version)).version.id).list(options),
  });
  addListing(ctx, list, {
    name: "environments",
    alias: "serving-environments",
    description: "serving environments",
    filterable: false,
    columns: environmentColumns,
    listing: async (mr, _args, options) => mr.servingEnvironments.list(options),
  });
  addListing(ctx, list, {
    name: "deployments",
    description: "inference services, optionally of one serving environment",
    filterable: false,
    options: [["--env <serving-environment>", "only this serving environment"]],
    columns: deploymentColumns,
    listing: async (mr, _args, options, flags) =>
      flags.env
        ? mr.servingEnvironments.inferenceServices((await requireEnvironment(mr, flags.env)).id).list(options)
        : mr.inferenceServices.list(options),
  });
  addListing(ctx, list, {
    name: "experiments",
    description: "experiments",
    filterable: true,
    columns: experimentColumns,
    listing: async (mr, _args, options) => mr.experiments.list(options),
  });
  return list;
}
