import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { stackEnv } from "./stack-env.js";

export const MR_CLI = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the BUILT mr-cli as a subprocess with the stack's settings (plus `env`), and never throws on a failure. */
export function mrCli(
  args: readonly string[],
  env: Record<string, string | undefined> = {},
  cwd?: string,
): Promise<CliResult> {
  const merged: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...process.env, ...stackEnv(), NO_COLOR: "1", ...env })) {
    if (value !== undefined) merged[key] = value;
  }
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [MR_CLI, ...args],
      { env: merged, cwd, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Parses the JSON a command printed, failing with its stderr if it did not succeed. */
export function json<T = unknown>(result: CliResult): T {
  if (result.code !== 0) throw new Error(`mr-cli exited ${result.code}: ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}
