import { Command } from "commander";
import type { ModelArtifact, ModelVersion, RegisteredModel } from "../../client/entities.js";
import type { CliContext } from "../context.js";
import { requireArtifact, requireModel, requireVersion } from "../lookup.js";
import { print, properties, renderCard, time } from "../output.js";

/** The card rows of each entity `get` shows. */
const modelCard = (model: RegisteredModel): [string, string | undefined][] => [
  ["id", model.id],
  ["name", model.name],
  ["state", model.state],
  ["owner", model.owner],
  ["description", model.description],
  ["created", time(model.createTimeSinceEpoch)],
  ["updated", time(model.lastUpdateTimeSinceEpoch)],
  ["properties", properties(model.customProperties)],
];

const versionCard = (version: ModelVersion): [string, string | undefined][] => [
  ["id", version.id],
  ["name", version.name],
  ["model id", version.registeredModelId],
  ["state", version.state],
  ["author", version.author],
  ["description", version.description],
  ["created", time(version.createTimeSinceEpoch)],
  ["properties", properties(version.customProperties)],
];

const artifactCard = (artifact: ModelArtifact): [string, string | undefined][] => [
  ["id", artifact.id],
  ["name", artifact.name],
  ["uri", artifact.uri],
  ["format", [artifact.modelFormatName, artifact.modelFormatVersion].filter(Boolean).join(" ")],
  ["state", artifact.state],
  ["storage key", artifact.storageKey],
  ["storage path", artifact.storagePath],
  ["service account", artifact.serviceAccountName],
  ["source", modelSource(artifact)],
  ["properties", properties(artifact.customProperties)],
];

/** Where the model came from (the artifact's `modelSource*` fields), e.g. `catalog stack_demo acme/digits-onnx
 * (id stack_demo:acme/digits-onnx)` or `kfp pipelinerun train-42 (group ml)`. */
function modelSource(artifact: ModelArtifact): string | undefined {
  const { modelSourceKind, modelSourceClass, modelSourceName, modelSourceGroup, modelSourceId } = artifact;
  const what = [modelSourceKind, modelSourceClass, modelSourceName].filter(Boolean).join(" ");
  const details = [
    modelSourceGroup && `group ${modelSourceGroup}`,
    modelSourceId && `id ${modelSourceId}`,
  ].filter(Boolean);
  const text = `${what}${details.length > 0 ? ` (${details.join(", ")})` : ""}`;
  return text || undefined;
}

/** `mr-cli get model|version|artifact …` */
export function getCommand(ctx: CliContext): Command {
  const get = new Command("get").description("show one model, version or model artifact");

  get
    .command("model")
    .argument("<name>")
    .description("a registered model")
    .action(async (name: string) => {
      const model = await requireModel(await ctx.registry(), name);
      await print(ctx, model, () => renderCard(modelCard(model)));
    });

  get
    .command("version")
    .argument("<model>")
    .argument("<version>")
    .description("a model version")
    .action(async (model: string, version: string) => {
      const found = (await requireVersion(await ctx.registry(), model, version)).version;
      await print(ctx, found, () => renderCard(versionCard(found)));
    });

  get
    .command("artifact")
    .argument("<model>")
    .argument("<version>")
    .description("the model artifact of a version: where its files are, and in which format")
    .action(async (model: string, version: string) => {
      const { artifact } = await requireArtifact(await ctx.registry(), model, version);
      await print(ctx, artifact, () => renderCard(artifactCard(artifact)));
    });

  return get;
}
