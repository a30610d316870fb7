import { Command } from "commander";
import { cardFields, type ViewKind } from "../../views/view-of.js";
import type { CliContext } from "../context.js";
import { requireArtifact, requireModel, requireVersion } from "../lookup.js";
import { print, renderCard, viewCard } from "../output.js";

/** The card of an entity of `kind`, as `label: value` lines. */
const card = (kind: ViewKind, entity: object) => renderCard(viewCard(cardFields(kind), entity));

/** `mr-cli get model|version|artifact …` */
export function getCommand(ctx: CliContext): Command {
  const get = new Command("get").description("show one model, version or model artifact");

  get
    .command("model")
    .argument("<name>")
    .description("a registered model")
    .action(async (name: string) => {
      const model = await requireModel(await ctx.registry(), name);
      await print(ctx, model, () => card("registered model", model));
    });

  get
    .command("version")
    .argument("<model>")
    .argument("<version>")
    .description("a model version")
    .action(async (model: string, version: string) => {
      const found = (await requireVersion(await ctx.registry(), model, version)).version;
      await print(ctx, found, () => card("model version", found));
    });

  get
    .command("artifact")
    .argument("<model>")
    .argument("<version>")
    .description("the model artifact of a version: where its files are, and in which format")
    .action(async (model: string, version: string) => {
      const { artifact } = await requireArtifact(await ctx.registry(), model, version);
      await print(ctx, artifact, () => card("model artifact", artifact));
    });

  return get;
}
