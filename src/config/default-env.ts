// The process environment, read lazily and without assuming Node: `process.env` where it exists (Node, Bun, and Deno's
// Node compatibility), else `Deno.env`, else nothing.

import { ConfigError } from "../errors.js";

/** An environment: variable names to values; a missing name means unset. */
export type Env = Record<string, string | undefined>;

interface DenoEnvGlobal {
  Deno?: { env?: { toObject(): Record<string, string> } };
}

/**
 * The current process environment: `globalThis.process.env` when present, else `Deno.env.toObject()`, else `{}`.
 * Read at call time, so changes made after import are seen.
 *
 * @throws ConfigError when Deno refuses access to the environment (run with `--allow-env`).
 */
export function defaultEnv(): Env {
  const env = globalThis.process?.env;
  if (env) return env;
  const deno = (globalThis as DenoEnvGlobal).Deno;
  if (!deno?.env) return {};
  try {
    return deno.env.toObject();
  } catch {
    throw new ConfigError(
      "cannot read environment variables; run Deno with --allow-env, or pass the settings explicitly",
    );
  }
}
