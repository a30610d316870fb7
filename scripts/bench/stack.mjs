// The local stack for the benchmark: started if it is not running (stack/up.sh is idempotent), settings from .stack/env.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Runs `bash stack/up.sh` (its output goes to stderr, so stdout stays clean for `--json`) and reads `.stack/env`.
 * @param {string} root the repository root
 * @returns {Record<string, string>} the stack's settings
 */
export function ensureStack(root) {
  const up = spawnSync("bash", [join(root, "stack/up.sh")], { cwd: root, stdio: ["ignore", 2, 2] });
  if (up.status !== 0) throw new Error(`stack/up.sh failed (exit ${up.status}); see its output above`);
  return stackEnv(root);
}

/**
 * The settings of the stack as it runs now (`.stack/env`), starting nothing: for a stack someone else runs.
 * @param {string} root the repository root
 * @returns {Record<string, string>} the stack's settings
 */
export function stackEnv(root) {
  return Object.fromEntries(
    readFileSync(join(root, ".stack/env"), "utf8")
      .split("\n")
      .filter((line) => line.includes("=") && !line.startsWith("#"))
      .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
  );
}
