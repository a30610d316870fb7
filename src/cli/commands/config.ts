import { Command } from "commander";
import { parseApiVersion, parseCatalogApiVersion } from "../../client/api-version.js";
import {
  type CliContextConfig,
  CONTEXT_FIELDS,
  contextStorage,
  readCliConfig,
  writeCliConfig,
} from "../../config/cli-config.js";
import { cliConfigPath } from "../config-path.js";
import type { CliContext } from "../context.js";
import { UsageError } from "../exit-codes.js";
import { print, renderTable } from "../output.js";

type ContextFlags = Partial<Record<keyof CliContextConfig, string>>;

/** `mr-cli config …`: named contexts in the config file; tokens only as a file reference. */
export function configCommand(ctx: CliContext): Command {
  const config = new Command("config").description(
    `manage contexts (registry URL, token file, S3 defaults) in the config file`,
  );
  const path = () => cliConfigPath(ctx.io.env);

  config
    .command("set-context")
    .argument("<name>")
    .description("create or change a context (only the given fields change)")
    .option("--url <url>", "registry URL")
    .option("--token-file <path>", "file holding the bearer token (the token itself is never stored)")
    .option("--ca-file <path>", "CA bundle")
    .option("--author <author>", "default author")
    .option("--api-version <version>", "REST API generation: auto, v1 or v1alpha3")
    .option("--catalog-url <url>", "model catalog URL")
    .option("--catalog-api-version <version>", "model catalog API generation: auto, v1 or v1alpha1")
    .option("--s3-endpoint <url>", "S3 endpoint")
    .option("--bucket <bucket>", "S3 bucket")
    .option("--region <region>", "S3 region")
    .option("--checksums <mode>", "S3 checksums: when-supported or when-required")
    .option("--addressing-style <style>", "S3 addressing: path or virtual")
    .option("--profile <name>", "AWS profile for S3 settings and credentials")
    .option("--use", "also make it the current context")
    .addHelpText(
      "after",
      "\nExample:\n  mr-cli config set-context prod --url https://registry.example.com --token-file ~/.kube/mr-token --use",
    )
    .action((name: string, flags: ContextFlags & { use?: boolean }) => setContext(ctx, name, flags));

  config
    .command("use-context")
    .argument("<name>")
    .description("make a context the current one")
    .action(async (name: string) => {
      const file = await readCliConfig(path());
      if (!file.contexts[name])
        throw new UsageError(`no context named ${JSON.stringify(name)}; see mr-cli config get-contexts`);
      file.currentContext = name;
      await writeCliConfig(path(), file);
      ctx.note(`switched to context ${name}`);
    });

  config
    .command("get-contexts")
    .description("list the contexts")
    .action(() => getContexts(ctx));

  config
    .command("view")
    .description("show the config file (it holds no secrets: tokens are file references)")
    .action(async () => {
      const file = await readCliConfig(path());
      if (ctx.format() === "json") ctx.io.stdout.write(`${JSON.stringify(file, null, 2)}\n`);
      else ctx.io.stdout.write(`# ${path()}\n${(await import("yaml")).stringify(file)}`);
    });

  return config;
}

/** `mr-cli config set-context <name>`: creates or changes a context (only the given fields), checked first. */
async function setContext(
  ctx: CliContext,
  name: string,
  flags: ContextFlags & { use?: boolean },
): Promise<void> {
  const path = cliConfigPath(ctx.io.env);
  const file = await readCliConfig(path);
  const context: CliContextConfig = { ...file.contexts[name] };
  for (const field of CONTEXT_FIELDS) if (flags[field] !== undefined) context[field] = flags[field];
  contextStorage(name, context); // refuses a checksums or addressing style that is not one of the choices
  if (context.apiVersion !== undefined) parseApiVersion(context.apiVersion, "--api-version");
  if (context.catalogApiVersion !== undefined)
    parseCatalogApiVersion(context.catalogApiVersion, "--catalog-api-version");
  file.contexts[name] = context;
  if (flags.use || !file.currentContext) file.currentContext = name;
  await writeCliConfig(path, file);
  ctx.note(`context ${name} saved in ${path}${file.currentContext === name ? " (current)" : ""}`);
}

/** `mr-cli config get-contexts`: every context, the current one marked. */
async function getContexts(ctx: CliContext): Promise<void> {
  const file = await readCliConfig(cliConfigPath(ctx.io.env));
  const rows = Object.entries(file.contexts).map(([name, c]) => ({
    name,
    current: name === file.currentContext,
    ...c,
  }));
  await print(ctx, rows, () =>
    renderTable(rows, [
      { header: "CURRENT", value: (r) => (r.current ? "*" : "") },
      { header: "NAME", value: (r) => r.name },
      { header: "URL", value: (r) => r.url },
      { header: "TOKEN FILE", value: (r) => r.tokenFile },
      { header: "CATALOG URL", value: (r) => r.catalogUrl },
      { header: "BUCKET", value: (r) => r.bucket },
    ]),
  );
}
