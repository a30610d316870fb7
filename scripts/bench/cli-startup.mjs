// mr-cli start-up time: the median wall time of `--version`, `--help` and `list models --limit 1` (against the local
// stack), next to a bare `node -e 0`, over --runs runs each (default 21).
//
//   npm run build && node scripts/bench/cli-startup.mjs [--runs 21] [--json]
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ensureStack } from "./stack.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const { values: opts } = parseArgs({
  options: { runs: { type: "string", default: "21" }, json: { type: "boolean", default: false } },
});
const runs = Number(opts.runs);
const stack = ensureStack(root);
const cli = `${root}dist/cli/main.js`;

/** Median wall time in ms of running `args` with node, `runs` times. */
function median(args) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { env: { ...process.env, ...stack }, stdio: "ignore" });
    if (result.status !== 0) throw new Error(`node ${args.join(" ")} exited ${result.status}`);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return Number((times[Math.floor(times.length / 2)] ?? 0).toFixed(1));
}

const results = {
  "node -e 0": median(["-e", "0"]),
  "mr-cli --version": median([cli, "--version"]),
  "mr-cli --help": median([cli, "--help"]),
  "mr-cli list models --limit 1": median([cli, "list", "models", "--limit", "1"]),
};
if (opts.json) console.log(JSON.stringify({ runs, node: process.version, medianMs: results }));
else {
  console.log(`mr-cli start-up, median of ${runs} runs, Node ${process.version}`);
  for (const [what, ms] of Object.entries(results)) console.log(`  ${what.padEnd(30)} ${ms} ms`);
}
