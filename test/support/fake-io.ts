import { Readable } from "node:stream";
import type { CliIo } from "../../src/cli/context.js";

/** mr-cli's I/O in memory: what it writes to stdout and stderr, collected; `stdin` given as text, if any. */
export function fakeIo(
  env: Record<string, string> = {},
  stdin?: string,
): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: { write: (t: string) => out.push(t) },
    stderr: { write: (t: string) => err.push(t) },
    stdin: stdin === undefined ? undefined : Readable.from([Buffer.from(stdin)]),
    env,
  };
}
