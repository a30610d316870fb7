import { Command } from "commander";
import type { AliasResult } from "../../workflows/aliases/aliases.js";
import type { CliContext } from "../context.js";
import { print, renderTable } from "../output.js";
import { positiveInt } from "../parse-values.js";

interface ChangeFlags {
  settleMs?: number;
}

const SETTLE_HELP =
  "ms to wait before reading the change back, catching a concurrent writer's stale map (default 500)";

/** What a change did, as one line: `mnist@champion → v3 (moved from v2)`. */
function describe(model: string, result: AliasResult): string {
  const at = `${model}@${result.alias}`;
  switch (result.status) {
    case "set":
      return `${at} → ${result.version}`;
    case "moved":
      return `${at} → ${result.version} (moved from ${result.previous})`;
    case "unchanged":
      return result.version === undefined ? `${at}: no such alias` : `${at} → ${result.version} (unchanged)`;
    case "removed":
      return `${at} removed (it named ${result.previous})`;
    case "superseded":
      return `${at} → ${result.version ?? "nothing"}: a concurrent change came after this one and was kept`;
  }
}

/** The JSON of a change: the model's name, the alias, the version it names now and before, and the status. */
const changeJson = (model: string, result: AliasResult) => ({
  model,
  alias: result.alias,
  version: result.version ?? null,
  previous: result.previous ?? null,
  status: result.status,
});

/** `mr-cli alias set|rm|ls`: a model's aliases, stored on it as `alias.<name>` custom properties. */
export function aliasCommand(ctx: CliContext): Command {
  const alias = new Command("alias").description(
    "name a model's versions by alias (mnist@champion), usable wherever a version is named as @alias",
  );

  alias
    .command("set")
    .argument("<model>")
    .argument("<alias>", "a letter, then letters, digits, _ or - (latest is built in)")
    .argument("<version>", "a version name, or @another-alias")
    .description("point an alias at a version, moving it from the version it named")
    .option("--settle-ms <ms>", SETTLE_HELP, positiveInt)
    .addHelpText(
      "after",
      "\nExample:\n  mr-cli alias set mnist champion v3\n  mr-cli get version mnist @champion",
    )
    .action(async (model: string, name: string, version: string, flags: ChangeFlags) => {
      const mr = await ctx.registry();
      const result = await mr.setAlias({
        name: model,
        alias: name,
        version,
        settleMs: flags.settleMs,
        signal: ctx.io.signal,
      });
      await print(ctx, changeJson(model, result), () => describe(model, result));
    });

  alias
    .command("rm")
    .alias("remove")
    .argument("<model>")
    .argument("<alias>")
    .description("remove an alias (the version stays)")
    .option("--settle-ms <ms>", SETTLE_HELP, positiveInt)
    .action(async (model: string, name: string, flags: ChangeFlags) => {
      const mr = await ctx.registry();
      const result = await mr.removeAlias({
        name: model,
        alias: name,
        settleMs: flags.settleMs,
        signal: ctx.io.signal,
      });
      await print(ctx, changeJson(model, result), () => describe(model, result));
    });

  alias
    .command("ls")
    .alias("list")
    .argument("<model>")
    .description("a model's aliases and the versions they name")
    .action(async (model: string) => {
      const mr = await ctx.registry();
      const aliases = await mr.listAliases({ name: model, signal: ctx.io.signal });
      const rows = Object.entries(aliases).map(([name, version]) => ({ alias: name, version }));
      await print(ctx, aliases, () =>
        renderTable(
          rows,
          [
            { header: "ALIAS", value: (row) => row.alias },
            { header: "VERSION", value: (row) => row.version },
          ],
          ctx.color(),
        ),
      );
    });

  return alias;
}
