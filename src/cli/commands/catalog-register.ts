// `mr-cli catalog register <source> <model> --version …`: the library's registerFromCatalog (or its plan with
// --dry-run), printed like `mr-cli register`.
import { Command } from "commander";
import type { RegisterFromCatalogParams } from "../../workflows/register/register-from-catalog.js";
import type { CliContext } from "../context.js";
import { print } from "../output.js";
import { collect, formatFlags, keyValues } from "../parse-values.js";
import { progressReporter } from "../progress-reporter.js";
import { planCard, resultCard } from "./register.js";

interface CatalogRegisterFlags {
  version: string;
  name?: string;
  artifactUri?: string;
  format?: string;
  formatVersion?: string;
  description?: string;
  metadata?: string[];
  author?: string;
  owner?: string;
  storageKey?: string;
  storagePath?: string;
  serviceAccount?: string;
  dryRun?: boolean;
}

export function catalogRegisterCommand(ctx: CliContext): Command {
  return new Command("register")
    .description(
      "register a catalog model in the registry (model, version, artifact with the catalog's URI, facts and provenance); safe to re-run",
    )
    .argument("<source>", "source id (mr-cli catalog sources)")
    .argument("<model>", "catalog model name, e.g. acme/digits-onnx")
    .requiredOption("--version <version>", "version name in the registry")
    .option("--name <name>", "registered model name (default: the catalog model's name)")
    .option("--artifact-uri <uri>", "which model artifact to register (default: the first)")
    .option("--format <name>", "model format name (default: the artifact's format property)")
    .option("--format-version <version>", "model format version")
    .option("--description <text>", "version description (default: the catalog's)")
    .option("--metadata <key=value>", "a custom property of the version (repeatable)", collect)
    .option("--author <author>", "version author (default MODEL_REGISTRY_AUTHOR or USER)")
    .option("--owner <owner>", "owner of the model if it is created")
    .option("--storage-key <key>", "KServe storage key (data connection name)")
    .option("--storage-path <path>", "KServe storage path")
    .option("--service-account <name>", "service account to read the model with")
    .option("--dry-run", "show what would be created, change nothing")
    .addHelpText(
      "after",
      `
Examples:
  mr-cli catalog register stack_demo acme/digits-onnx --version 1.0
  mr-cli catalog register stack_community community/tiny-llm-1b --version 1 --name tiny-llm --json`,
    )
    .action(async (source: string, model: string, flags: CatalogRegisterFlags) => {
      const [mr, catalog] = await Promise.all([ctx.registry(), ctx.catalog()]);
      const params: RegisterFromCatalogParams = {
        catalog,
        source,
        model,
        version: flags.version,
        name: flags.name,
        artifactUri: flags.artifactUri,
        ...formatFlags(flags),
        description: flags.description,
        ...(flags.metadata ? { metadata: keyValues(flags.metadata) } : {}),
        author: flags.author,
        owner: flags.owner,
        storageKey: flags.storageKey,
        storagePath: flags.storagePath,
        serviceAccountName: flags.serviceAccount,
        signal: ctx.io.signal,
      };
      if (flags.dryRun) {
        const planned = { dryRun: true, ...(await mr.planRegisterFromCatalog(params)) };
        const from = `${source} ${planned.catalogModel.name} (${planned.catalogArtifact.uri})`;
        await print(ctx, planned, () => planCard(planned, [["from", from]]));
        return;
      }
      const onProgress = progressReporter(ctx);
      const result = await mr.registerFromCatalog({ ...params, ...(onProgress ? { onProgress } : {}) });
      await print(ctx, result, () =>
        resultCard(result, [
          ["from", `${source} ${result.catalogModel.name} (${result.catalogArtifact.uri})`],
        ]),
      );
    });
}
