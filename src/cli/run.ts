// Runs one mr-cli invocation: parse, act, and turn any failure into one line on stderr and an exit code.
import { CommanderError } from "commander";
import { Secrets } from "../client/secrets.js";
import type { CliIo, OutputStream } from "./context.js";
import { describeError, EXIT, exitCodeFor } from "./exit-codes.js";
import { buildProgram } from "./program.js";

/** Runs mr-cli with these arguments (without `node` and the script) and returns the exit code. */
export async function run(argv: readonly string[], rawIo: CliIo): Promise<number> {
  // Everything printed, data and diagnostics alike, is scrubbed of the secrets the registry client knows (the token
  // it sent, the storage keys), whatever a server echoed into a response.
  const known = [new Secrets()];
  const scrub = (text: string) => known.reduce((out, secrets) => secrets.scrub(out), text);
  const scrubbing = (stream: OutputStream): OutputStream => ({
    write: (text: string) => stream.write(scrub(text)),
    isTTY: stream.isTTY,
  });
  const io: CliIo = {
    ...rawIo,
    stdout: scrubbing(rawIo.stdout),
    stderr: scrubbing(rawIo.stderr),
    onRegistry: (client) => known.push(client.secrets),
  };
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
