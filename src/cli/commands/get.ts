import { Command } from "commander";
import type { CliContext } from "../context.js";
import { requireArtifact, requireModel, requireVersion } from "../lookup.js";
import { print, properties, renderCard, time } from "../output.js";

/** `mr-cli get model|version|artifact …` */
export function getCommand(ctx: CliContext): Command {
  const get = new Command("get").description("show one model, version or model artifact");

  get
    .command("model")
    .argument("<name>")
    .description("a registered model")
    .action(async (name: string) => {
      const model = await requireModel(await ctx.registry(), name);
      await print(ctx, model, () =>
        renderCard([
          ["id", model.id],
          ["name", model.name],
          ["state", model.state],
          ["owner", model.owner],
          ["description", model.description],
          ["created", time(model.createTimeSinceEpoch)],
          ["updated", time(model.lastUpdateTimeSinceEpoch)],
          ["properties", properties(model.customProperties)],
        ]),
      );
    });

  get
    .command("version")
    .argument("<model>")
    .argument("<version>")
    .description("a model version")
    .action(async (model: string, version: string) => {
      const found = (await requireVersion(await ctx.registry(), model, version)).version;
      await print(ctx, found, () =>
        renderCard([
          ["id", found.id],
          ["name", found.name],
          ["model id", found.registeredModelId],
          ["state", found.state],
          ["author", found.author],
          ["description", found.description],
          ["created", time(found.createTimeSinceEpoch)],
          ["properties", properties(found.customProperties)],
        ]),
      );
    });

  get
    .command("artifact")
    .argument("<model>")
    .argument("<version>")
    .description("the model artifact of a version: where its files are, and in which format")
    .action(async (model: string, version: string) => {
      const mr = await ctx.registry();
      const { artifact } = await requireArtifact(mr, model, version);
      await print(ctx, artifact, () =>
        renderCard([
          ["id", artifact.id],
          ["name", artifact.name],
          ["uri", artifact.uri],
          ["format", [artifact.modelFormatName, artifact.modelFormatVersion].filter(Boolean).join(" ")],
          ["state", artifact.state],
          ["storage key", artifact.storageKey],
          ["storage path", artifact.storagePath],
          ["service account", artifact.serviceAccountName],
          ["properties", properties(artifact.customProperties)],
        ]),
      );
    });

  return get;
}
