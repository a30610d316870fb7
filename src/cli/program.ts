// The mr-cli command tree. Every command file builds its Command; this file adds the options all of them share.
import { Command, Option } from "commander";
import { VERSION } from "../version.js";
import { aliasCommand } from "./commands/alias.js";
import { exportCommand, importCommand } from "./commands/bundle.js";
import { catalogCommand } from "./commands/catalog.js";
import { configCommand } from "./commands/config.js";
import { copyCommand } from "./commands/copy.js";
import { deployCommand, undeployCommand } from "./commands/deploy.js";
import { downloadCommand, verifyCommand } from "./commands/files.js";
import { getCommand } from "./commands/get.js";
import { infoCommand } from "./commands/info.js";
import { listCommand } from "./commands/list.js";
import { mcpCommand } from "./commands/mcp.js";
import { registerCommand } from "./commands/register.js";
import { signCommand } from "./commands/sign.js";
import { stateCommand } from "./commands/state.js";
import { updateCommand } from "./commands/update.js";
import { type CliContext, type CliIo, createContext, type GlobalOptions } from "./context.js";
import { positiveInt } from "./parse-values.js";

/** Adds the shared options; they are accepted before the command and after it. The `config` commands take no
 * connection options (they have their own --url, --token-file, … to store). */
function addSharedOptions(command: Command, connection = true): void {
  if (connection) {
    command
      .option("--url <url>", "registry URL (default MODEL_REGISTRY_URL, then the config context)")
      .option(
        "--token-file <path>",
        "file holding the bearer token (default MODEL_REGISTRY_TOKEN(_FILE), the context, the service-account token)",
      )
      .option("--ca-file <path>", "CA bundle to trust (default MODEL_REGISTRY_CA_FILE)")
      .option("--context <name>", "config context to use (default the current one; see mr-cli config)")
      .option("--timeout <ms>", "time limit of one HTTP request (default 30000)", positiveInt)
      .option("--catalog-url <url>", "model catalog URL (default MODEL_CATALOG_URL, then the config context)")
      .addOption(
        new Option(
          "--api-version <version>",
          "REST API generation (default MODEL_REGISTRY_API_VERSION, the context, else auto: v1 where served)",
        ).choices(["auto", "v1", "v1alpha3"]),
      )
      .addOption(
        new Option(
          "--catalog-api-version <version>",
          "model catalog API generation (default MODEL_CATALOG_API_VERSION, the context, else auto: v1 where served)",
        ).choices(["auto", "v1", "v1alpha1"]),
      );
  }
  command
    .addOption(new Option("-o, --output <format>", "output format").choices(["table", "json", "yaml"]))
    .option("--json", "JSON output (same as -o json); progress as one JSON event per line on stderr")
    .option("-q, --quiet", "nothing on stderr but errors")
    .option("-v, --verbose", "details of failures")
    .option("--no-color", "no colors (also NO_COLOR)");
}

function leaves(command: Command): Command[] {
  return command.commands.length === 0 ? [command] : command.commands.flatMap(leaves);
}

function everyCommand(command: Command): Command[] {
  return [command, ...command.commands.flatMap(everyCommand)];
}

/** The shared options as given before or after the command: an explicit value wins over a default wherever it was
 * given, and the command's own explicit value wins over the program's. */
function sharedOptions(command: Command): GlobalOptions {
  const chain: Command[] = [];
  for (let c: Command | null = command; c; c = c.parent) chain.unshift(c);
  const merged: Record<string, unknown> = {};
  for (const c of chain) {
    for (const [key, value] of Object.entries(c.opts())) {
      if (c.getOptionValueSource(key) !== "default" || !(key in merged)) merged[key] = value;
    }
  }
  return merged as GlobalOptions;
}

/** Builds the program; `main.ts` parses with it. */
export function buildProgram(io: CliIo): { program: Command; ctx: CliContext } {
  let active: Command | undefined;
  const program = new Command("mr-cli")
    .description("Kubeflow Model Registry from the command line: register, list, get, update, deploy models")
    .version(VERSION, "-V, --version", "print the version")
    .enablePositionalOptions();
  addSharedOptions(program);
  const ctx = createContext(io, () => sharedOptions(active ?? program));
  program.hook("preAction", (_root, actionCommand) => {
    active = actionCommand;
  });

  for (const command of [
    registerCommand(ctx),
    listCommand(ctx),
    getCommand(ctx),
    updateCommand(ctx),
    aliasCommand(ctx),
    exportCommand(ctx),
    importCommand(ctx),
    copyCommand(ctx),
    stateCommand(ctx, "archive"),
    stateCommand(ctx, "restore"),
    deployCommand(ctx),
    undeployCommand(ctx),
    downloadCommand(ctx),
    verifyCommand(ctx),
    signCommand(ctx),
    infoCommand(ctx),
    catalogCommand(ctx),
    mcpCommand(ctx),
    configCommand(ctx),
  ]) {
    program.addCommand(command);
  }
  for (const leaf of leaves(program))
    if (leaf !== program) addSharedOptions(leaf, leaf.parent?.name() !== "config");
  const output = {
    writeOut: (text: string) => io.stdout.write(text),
    writeErr: (text: string) => io.stderr.write(text),
    outputError: (text: string, write: (text: string) => void) =>
      write(`mr-cli: ${text.replace(/^error: /, "")}`),
  };
  for (const command of everyCommand(program)) command.exitOverride().configureOutput(output);
  return { program, ctx };
}
