import { Command, Option } from "commander";
import type { InferenceService, ModelVersion, RegisteredModel } from "../../client/entities.js";
import type { Paginated } from "../../client/paginate.js";
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

/** `mr-cli list …` */
export function listCommand(ctx: CliContext): Command {
  const list = new Command("list").description(
    "list models, versions, artifacts, environments, deployments, experiments",
  );

  withListOptions(list.command("models").description("registered models"), true).action(
    async (flags: ListFlags) => {
      const mr = await ctx.registry();
      await show(
        ctx,
        mr.registeredModels.list({ ...pageOptions(flags), filter: flags.filter }),
        modelColumns,
      );
    },
  );

  withListOptions(
    list.command("versions").argument("<model>", "registered model name").description("versions of a model"),
    true,
  ).action(async (model: string, flags: ListFlags) => {
    const mr = await ctx.registry();
    const parent = await requireModel(mr, model);
    await show(
      ctx,
      mr.registeredModels.versions(parent.id).list({ ...pageOptions(flags), filter: flags.filter }),
      versionColumns,
    );
  });

  withListOptions(
    list
      .command("artifacts")
      .argument("<model>")
      .argument("<version>")
      .description("artifacts of a model version"),
    true,
  ).action(async (model: string, version: string, flags: ListFlags) => {
    const mr = await ctx.registry();
    const found = await requireVersion(mr, model, version);
    await show(
      ctx,
      mr.modelVersions.artifacts(found.version.id).list({ ...pageOptions(flags), filter: flags.filter }),
      [
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
      ],
    );
  });

  withListOptions(
    list.command("environments").alias("serving-environments").description("serving environments"),
    false,
  ).action(async (flags: ListFlags) => {
    const mr = await ctx.registry();
    await show(ctx, mr.servingEnvironments.list(pageOptions(flags)), [
      { header: "ID", value: (e) => e.id },
      { header: "NAME", value: (e) => e.name },
      { header: "DESCRIPTION", value: (e) => e.description },
    ]);
  });

  withListOptions(
    list.command("deployments").description("inference services, optionally of one serving environment"),
    false,
  )
    .option("--env <serving-environment>", "only this serving environment")
    .action(async (flags: ListFlags) => {
      const mr = await ctx.registry();
      const listing = flags.env
        ? mr.servingEnvironments
            .inferenceServices((await requireEnvironment(mr, flags.env)).id)
            .list(pageOptions(flags))
        : mr.inferenceServices.list(pageOptions(flags));
      await show(ctx, listing, deploymentColumns);
    });

  withListOptions(list.command("experiments").description("experiments"), true).action(
    async (flags: ListFlags) => {
      const mr = await ctx.registry();
      await show(ctx, mr.experiments.list({ ...pageOptions(flags), filter: flags.filter }), [
        { header: "ID", value: (e) => e.id },
        { header: "NAME", value: (e) => e.name },
        { header: "STATE", value: (e) => e.state },
        { header: "OWNER", value: (e) => e.owner },
        { header: "CREATED", value: (e) => time(e.createTimeSinceEpoch) },
      ]);
    },
  );

  return list;
}
