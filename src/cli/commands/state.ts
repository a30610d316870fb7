import { Command } from "commander";
import type { CliContext } from "../context.js";
import { requireModel, requireVersion } from "../lookup.js";
import { print } from "../output.js";

/** `mr-cli archive …` and `mr-cli restore …`: set a model's or version's state to ARCHIVED or LIVE. */
export function stateCommand(ctx: CliContext, verb: "archive" | "restore"): Command {
  const command = new Command(verb).description(
    verb === "archive"
      ? "archive a model or a version (nothing is deleted)"
      : "make an archived model or version LIVE again",
  );
  const change = <T extends { id: string; name: string; state?: string }>(
    resource: { archive(id: string): Promise<T>; restore(id: string): Promise<T> },
    entity: { id: string },
  ) => (verb === "archive" ? resource.archive(entity.id) : resource.restore(entity.id));

  command
    .command("model")
    .argument("<name>")
    .action(async (name: string) => {
      const mr = await ctx.registry();
      const updated = await change(mr.registeredModels, await requireModel(mr, name));
      await print(ctx, updated, () => `model ${updated.name} is ${updated.state}`);
    });

  command
    .command("version")
    .argument("<model>")
    .argument("<version>")
    .action(async (model: string, version: string) => {
      const mr = await ctx.registry();
      const updated = await change(mr.modelVersions, (await requireVersion(mr, model, version)).version);
      await print(ctx, updated, () => `version ${model} ${updated.name} is ${updated.state}`);
    });

  return command;
}
