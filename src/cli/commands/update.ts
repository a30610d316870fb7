import { Command } from "commander";
import type { CustomPropertiesInput } from "../../client/entity.js";
import type { CliContext } from "../context.js";
import { UsageError } from "../exit-codes.js";
import { requireModel, requireVersion } from "../lookup.js";
import { mergedUpdate } from "../merged-update.js";
import { print, properties, renderCard } from "../output.js";
import { collect, keyValues } from "../parse-values.js";

interface UpdateFlags {
  description?: string;
  owner?: string;
  author?: string;
  set?: string[];
  unset?: string[];
}

/** The metadata changes of --set/--unset (null removes a key), or undefined when there are none. */
function metadataChanges(flags: UpdateFlags): CustomPropertiesInput | undefined {
  const changes: CustomPropertiesInput = keyValues(flags.set);
  for (const key of flags.unset ?? []) changes[key] = null;
  return Object.keys(changes).length > 0 ? changes : undefined;
}

function nothingToDo(flags: UpdateFlags, fields: (keyof UpdateFlags)[]): boolean {
  return fields.every((field) => flags[field] === undefined);
}

const metadataOptions = (command: Command) =>
  command
    .option("--description <text>", "new description")
    .option(
      "--set <key=value>",
      "set a custom property (repeatable; numbers and true/false are typed)",
      collect,
    )
    .option("--unset <key>", "remove a custom property (repeatable)", collect);

/** `mr-cli update model|version …`: changes only what is given; state and other properties are kept. */
export function updateCommand(ctx: CliContext): Command {
  const update = new Command("update").description(
    "change a model's or version's description, owner/author or metadata",
  );

  metadataOptions(update.command("model").argument("<name>"))
    .option("--owner <owner>", "new owner")
    .addHelpText(
      "after",
      "\nExample:\n  mr-cli update model mnist --description 'CNN on MNIST' --set team=vision --unset draft",
    )
    .action((name: string, flags: UpdateFlags) => updateModel(ctx, name, flags));

  metadataOptions(update.command("version").argument("<model>").argument("<version>"))
    .option("--author <author>", "new author")
    .action((model: string, version: string, flags: UpdateFlags) =>
      updateVersion(ctx, model, version, flags),
    );

  return update;
}

/** `mr-cli update model <name>`: description, owner and metadata (merged), state kept. */
async function updateModel(ctx: CliContext, name: string, flags: UpdateFlags): Promise<void> {
  if (nothingToDo(flags, ["description", "owner", "set", "unset"]))
    throw new UsageError("nothing to change: give --description, --owner, --set or --unset");
  const mr = await ctx.registry();
  const model = await requireModel(mr, name);
  const customProperties = metadataChanges(flags);
  const updated = await mergedUpdate(
    mr.registeredModels,
    model.id,
    { description: flags.description, owner: flags.owner },
    customProperties,
    ctx.io.signal,
  );
  await print(ctx, updated, () =>
    renderCard([
      ["updated model", updated.name],
      ["description", updated.description],
      ["owner", updated.owner],
      ["properties", properties(updated.customProperties)],
    ]),
  );
}

/** `mr-cli update version <model> <version>`: description, author and metadata (merged), state kept. */
async function updateVersion(
  ctx: CliContext,
  model: string,
  version: string,
  flags: UpdateFlags,
): Promise<void> {
  if (nothingToDo(flags, ["description", "author", "set", "unset"]))
    throw new UsageError("nothing to change: give --description, --author, --set or --unset");
  const mr = await ctx.registry();
  const found = await requireVersion(mr, model, version);
  const customProperties = metadataChanges(flags);
  const updated = await mergedUpdate(
    mr.modelVersions,
    found.version.id,
    { description: flags.description, author: flags.author },
    customProperties,
    ctx.io.signal,
  );
  await print(ctx, updated, () =>
    renderCard([
      ["updated version", `${model} ${updated.name}`],
      ["description", updated.description],
      ["author", updated.author],
      ["properties", properties(updated.customProperties)],
    ]),
  );
}
