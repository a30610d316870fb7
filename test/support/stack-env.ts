import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Where `npm run stack:up` writes its settings. */
export const STACK_ENV_FILE = fileURLToPath(new URL("../../.stack/env", import.meta.url));

/** Parses `KEY=value` lines; blank lines and `#` comments are skipped, and the first `=` splits. */
export function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const eq = line.indexOf("=");
    if (eq <= 0) throw new Error(`not a KEY=value line: ${JSON.stringify(line)}`);
    env[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return env;
}

/** The settings of the running local stack. */
export function stackEnv(): Record<string, string> {
  return parseEnvFile(readFileSync(STACK_ENV_FILE, "utf8"));
}

/** One setting of the running local stack; a missing one is a broken stack, not a default. */
export function stackSetting(name: string): string {
  const value = stackEnv()[name];
  if (value === undefined) throw new Error(`${name} is missing from ${STACK_ENV_FILE}`);
  return value;
}
