import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

function run(script: string, quiet = false, args: string[] = []): number {
  const result = spawnSync("bash", [`stack/${script}.sh`, ...args], {
    cwd: root,
    stdio: quiet ? "ignore" : "inherit",
  });
  return result.status ?? 1;
}

/** The components of the stack running now (say, what `npm run demo` started). */
function runningComponents(): string[] {
  const result = spawnSync("bash", ["-c", "source stack/lib.sh && running_components"], {
    cwd: root,
    encoding: "utf8",
  });
  return result.stdout.trim().split(/\s+/).filter(Boolean);
}

/** The newest modification time of the files under `dir`, in ms. */
function newest(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((latest, entry) => Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs), 0);
}

/** The SDK tests run src/ and the CLI tests run dist/ (the package as published): both must be the same code, so a
 * dist/ older than src/ (vitest run without `npm test`, which builds first) stops the suite with what to do. */
function requireFreshBuild(): void {
  let built = 0;
  try {
    built = statSync(join(root, "dist", "cli", "main.js")).mtimeMs;
  } catch {
    throw new Error("dist/ is missing: run `npm run build` first (`npm test` does)");
  }
  if (newest(join(root, "src")) > built)
    throw new Error(
      "dist/ is older than src/: run `npm run build` first (`npm test` does), so that the CLI tests run this code",
    );
}

/** The components this run started, to be stopped again: none when the whole stack was up already. */
let startedHere: string[] = [];

/** Starts what is not running of the local stack for the integration suite, and stops only what it started (what
 * `npm run demo` had started stays up, with its data). */
export function setup(): void {
  requireFreshBuild();
  if (run("status", true) === 0) return;
  const before = runningComponents();
  if (run("up") !== 0)
    throw new Error("the local stack did not start (see the messages above and .stack/logs/)");
  startedHere = runningComponents().filter((name) => !before.includes(name));
}

export function teardown(): void {
  if (startedHere.length > 0) run("down", false, startedHere);
}
