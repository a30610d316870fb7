import { Command } from "commander";
import type { ModelRegistry } from "../../model-registry.js";
import type { CopyModelVersionResult } from "../../workflows/copy/copy-model-version.js";
import type { CliContext } from "../context.js";
import { UsageError } from "../exit-codes.js";
import { print, renderCard } from "../output.js";

interface CopyFlags {
  toContext?: string;
  toUrl?: string;
  to?: string;
}

// The source's connection settings in the environment must not decide where the copy goes.
const SOURCE_ONLY = [
  "MODEL_REGISTRY_URL",
  "MODEL_REGISTRY_TOKEN",
  "MODEL_REGISTRY_TOKEN_FILE",
  "MODEL_REGISTRY_API_VERSION",
  "MR_CLI_CONTEXT",
];

/** The destination registry: the context `--to-context` (its URL, token file, storage), or `--to-url`. */
async function destination(ctx: CliContext, flags: CopyFlags): Promise<ModelRegistry> {
  if (!flags.toContext && !flags.toUrl)
    throw new UsageError("say where to copy to: --to-context <name> (see mr-cli config) or --to-url <url>");
  const { connect } = await import("../connect.js");
  const env = Object.fromEntries(Object.entries(ctx.io.env).filter(([key]) => !SOURCE_ONLY.includes(key)));
  const globals = {
    ...ctx.globals(),
    context: flags.toContext,
    url: flags.toUrl,
    tokenFile: undefined,
    caFile: undefined,
    apiVersion: undefined,
  };
  const mr = await connect({ ...ctx.io, env }, globals);
  ctx.io.onRegistry?.(mr);
  return mr;
}

const card = (from: string, to: string, result: CopyModelVersionResult) =>
  renderCard([
    [`copied (${result.status})`, `${result.registeredModel.name} ${result.modelVersion.name}`],
    ["from", from],
    ["to", to],
    ["uri", result.uri],
    [
      "files",
      result.files
        ? `${result.files.count} (${result.files.bytes} bytes), each checked at both ends`
        : undefined,
    ],
  ]);

/** `mr-cli copy <model> <version>`: one version into another registry, with its files when --to names a store. */
export function copyCommand(ctx: CliContext): Command {
  return new Command("copy")
    .argument("<model>")
    .argument("<version>", "a version name, or @alias")
    .description(
      "copy a version (model, version, artifact, metadata) to another registry; --to copies the files too",
    )
    .option("--to-context <name>", "the destination registry's mr-cli context (its URL, token, storage)")
    .option("--to-url <url>", "the destination registry's URL (instead of a context)")
    .option(
      "--to <uri>",
      "store the files there too: s3://bucket/prefix/ (?endpoint=… for another S3) or oci://registry/repo",
    )
    .addHelpText(
      "after",
      "\nExamples:\n  mr-cli copy mnist @champion --to-context prod\n  mr-cli copy mnist v3 --to-context prod --to s3://prod-models/mnist/v3/",
    )
    .action(async (model: string, version: string, flags: CopyFlags) => {
      const source = await ctx.registry();
      const target = await destination(ctx, flags);
      const result = await source.copyModelVersion({
        name: model,
        version,
        to: target,
        storage: flags.to ? { uri: flags.to } : undefined,
        signal: ctx.io.signal,
      });
      await print(ctx, result, () => card(source.url, target.url, result));
    });
}
