#!/usr/bin/env node
// mr-cli's entry point: the only module that touches the process (argv, stdout, stderr, env, exit code).
import { CliFailure } from "./exit-codes.js";
import { run } from "./run.js";

// The AWS SDK warns on Node 20 that future releases will need Node 22. That is noise for CLI users, so the CLI (and
// only the CLI: library users keep every warning) drops that one warning.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  const text = typeof warning === "string" ? warning : warning.message;
  const type =
    typeof rest[0] === "string"
      ? rest[0]
      : ((rest[0] as { type?: string } | undefined)?.type ?? (warning as Error).name);
  if (type === "NodeVersionSupportWarning" || text.includes("AWS SDK for JavaScript (v3)")) return;
  (emitWarning as (...args: unknown[]) => void)(warning, ...rest);
}) as typeof process.emitWarning;

// A reader that stops early (`mr-cli list models | head -1`) closes the pipe: that ends the output, not in a crash.
for (const stream of [process.stdout, process.stderr])
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });

// Ctrl-C (or SIGTERM from a CI runner) aborts the work, so an upload aborts its multipart uploads before exiting;
// a second one exits at once.
const interrupt = new AbortController();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (interrupt.signal.aborted) process.exit(130);
    interrupt.abort(new CliFailure(`interrupted (${signal}); cleaned up what was in progress`, 130));
  });
}

// No top-level await: the same module is bundled as CommonJS for the standalone executable.
void run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  // Read only by the commands that need it (mr-cli mcp): creating the stream costs start-up time.
  get stdin() {
    return process.stdin;
  },
  env: process.env,
  signal: interrupt.signal,
}).then((code) => {
  process.exitCode = code;
});
