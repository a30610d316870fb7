// Runs one mr-cli invocation: parse, act, and turn any failure into one line on stderr and an exit code.
import { CommanderError } from "commander";
import type { CliIo } from "./context.js";
import { describeError, EXIT, exitCodeFor } from "./exit-codes.js";
import { buildProgram } from "./program.js";

/** Runs mr-cli with these arguments (without `node` and the script) and returns the exit code. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const { program } = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage; // commander printed it
    const verbose = argv.includes("--verbose") || argv.includes("-v");
    io.stderr.write(`${describeError(error, verbose)}\n`);
    return exitCodeFor(error);
  }
}
