import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

function run(script: string, quiet = false): number {
  const result = spawnSync("bash", [`stack/${script}.sh`], {
    cwd: root,
    stdio: quiet ? "ignore" : "inherit",
  });
  return result.status ?? 1;
}

let startedHere = false;

/** Starts the local stack for the integration suite unless it is already up, and stops it only if we started it. */
export function setup(): void {
  if (run("status", true) === 0) return;
  if (run("up") !== 0)
    throw new Error("the local stack did not start (see the messages above and .stack/logs/)");
  startedHere = true;
}

export function teardown(): void {
  if (startedHere) run("down");
}
