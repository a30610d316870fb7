import { readFile, writeFile } from "node:fs/promises";
import type { Readable } from "node:stream";
import { Command } from "commander";
import { ConfigError } from "../../errors.js";
import { checkBundle } from "../../workflows/bundle/bundle-format.js";
import type { ImportResult } from "../../workflows/bundle/import-bundle.js";
import type { CliContext } from "../context.js";
import { CliFailure, EXIT } from "../exit-codes.js";
import { print, renderTable } from "../output.js";
import { collect, positiveInt } from "../parse-values.js";

/** `--versions v1,v2 --versions @champion` as one list. */
const versionList = (values: string[] | undefined) =>
  values
    ?.flatMap((value) => value.split(","))
    .map((v) => v.trim())
    .filter(Boolean);

/** `mr-cli export <model...>`: the models, versions and artifacts with their metadata, as a bundle (JSON). */
export function exportCommand(ctx: CliContext): Command {
  return new Command("export")
    .argument("<model...>", "registered model names")
    .description("write models, their versions, artifacts, metadata and aliases as a bundle (JSON; no bytes)")
    .option(
      "--versions <names>",
      "only these versions (comma-separated or repeated; @alias allowed)",
      collect,
    )
    .option("--out <file>", "write the bundle to this file (default stdout)")
    .addHelpText("after", "\nExample:\n  mr-cli export mnist --versions v2,@champion > mnist.json")
    .action(async (models: string[], flags: { versions?: string[]; out?: string }) => {
      const mr = await ctx.registry();
      const bundle = await mr.exportModels({
        names: models,
        versions: versionList(flags.versions),
        signal: ctx.io.signal,
      });
      const text = `${JSON.stringify(bundle, null, 2)}\n`;
      const count = bundle.models.reduce((sum, m) => sum + m.versions.length, 0);
      if (flags.out) {
        await writeFile(flags.out, text);
        ctx.note(`${bundle.models.length} model(s), ${count} version(s) → ${flags.out}`);
      } else ctx.io.stdout.write(text);
    });
}

/** The summary lines of an import: counts, then each version that did not go through. */
function summary(result: ImportResult): string {
  const counts = Object.entries(result.counts).map(([status, n]) => `${n} ${status}`);
  const lines = [`${result.status}: ${counts.join(", ") || "no versions"}`];
  const problems = result.versions.filter((v) => v.status === "conflict" || v.status === "failed");
  if (problems.length > 0)
    lines.push(
      renderTable(problems, [
        { header: "MODEL", value: (v) => v.model },
        { header: "VERSION", value: (v) => v.version },
        { header: "STATUS", value: (v) => v.status },
        { header: "WHY", value: (v) => v.message },
      ]),
    );
  for (const alias of result.aliases.filter((a) => a.status !== "unchanged")) {
    const line = `${alias.model}@${alias.alias} → ${alias.version}: ${alias.status}`;
    if (alias.status === "kept")
      lines.push(`${line} (the registry's; the bundle names ${alias.requested}, left as it is)`);
    else if (alias.status === "skipped") lines.push(`${line} (${alias.message})`);
    else lines.push(line);
  }
  return lines.join("\n");
}

/** The bundle's text: the file named, or standard input for `-`. @throws ConfigError naming the file when it cannot
 * be read (missing, unreadable, a directory) or when `-` is given without a standard input. */
async function readBundle(ctx: CliContext, file: string): Promise<string> {
  if (file === "-") {
    const stdin = ctx.io.stdin;
    if (!stdin)
      throw new ConfigError("there is no standard input to read the bundle from; name a bundle file");
    return readAll(stdin);
  }
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "it does not exist"
        : code === "EACCES"
          ? "permission denied"
          : code === "EISDIR"
            ? "it is a directory"
            : error instanceof Error
              ? error.message
              : String(error);
    throw new ConfigError(`cannot read the bundle ${file}: ${why}`);
  }
}

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("utf8");
}

/** `mr-cli import <bundle>`: a bundle into the registry of --url or the context; safe to re-run. */
export function importCommand(ctx: CliContext): Command {
  return new Command("import")
    .argument("<bundle>", "a bundle file written by mr-cli export (- reads it from standard input)")
    .description(
      "create a bundle's models, versions, artifacts and aliases here; re-runs are unchanged, and resume",
    )
    .option("--concurrency <n>", "versions imported at once (default 8)", positiveInt)
    .option("--no-aliases", "leave the bundle's aliases out")
    .action(async (file: string, flags: { concurrency?: number; aliases?: boolean }) => {
      const what = file === "-" ? "standard input" : file;
      const text = await readBundle(ctx, file);
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new ConfigError(`${what} is not JSON: a bundle is what export writes`);
      }
      const bundle = checkBundle(parsed, what);
      const mr = await ctx.registry();
      let last = 0;
      const result = await mr.importBundle({
        bundle,
        concurrency: flags.concurrency,
        aliases: flags.aliases,
        signal: ctx.io.signal,
        onVersion: (_version, { done, total }) => {
          const now = Date.now();
          if (done === total || now - last > 1000) ctx.note(`imported ${done}/${total} versions`);
          last = now;
        },
      });
      await print(ctx, result, () => summary(result));
      if (result.status === "failed")
        throw new CliFailure("some versions failed; run the same import again", EXIT.failure);
      if (result.status === "conflict")
        throw new CliFailure(
          "some versions exist here with other artifacts (left as they are)",
          EXIT.conflict,
        );
    });
}
