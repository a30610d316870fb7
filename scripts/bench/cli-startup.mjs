// mr-cli start-up time: the median wall time of `--version`, `--help` and `list models --limit 1` (against the local
// stack), and of `mr-cli mcp` from its start to its answer of `tools/list` (after `initialize`, as an MCP client opens),
// next to a bare `node -e 0`, over --runs runs each (default 21). `--cli` measures another build's entry point (e.g.
// an older commit's, to compare); `--no-stack-up` uses the stack as it runs (.stack/env) without starting it.
//
//   npm run build && node scripts/bench/cli-startup.mjs [--runs 21] [--json] [--cli path/to/main.js] [--no-stack-up]
import { spawn, spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ensureStack, stackEnv } from "./stack.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const { values: opts } = parseArgs({
  options: {
    runs: { type: "string", default: "21" },
    json: { type: "boolean", default: false },
    cli: { type: "string" },
    "no-stack-up": { type: "boolean", default: false },
  },
});
const runs = Number(opts.runs);
const stack = opts["no-stack-up"] ? stackEnv(root) : ensureStack(root);
const cli = opts.cli ? resolve(opts.cli) : `${root}dist/cli/main.js`;
const env = { ...process.env, ...stack };

const middle = (times) => {
  times.sort((a, b) => a - b);
  return Number((times[Math.floor(times.length / 2)] ?? 0).toFixed(1));
};

/** Median wall time in ms of running `args` with node, `runs` times. */
function median(args) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { env, stdio: "ignore" });
    if (result.status !== 0) throw new Error(`node ${args.join(" ")} exited ${result.status}`);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return middle(times);
}

/** The time in ms from starting `mr-cli mcp` to its answer of tools/list, the client's first request after the
 * initialize handshake; then it closes stdin and waits for the server to exit. */
function mcpFirstAnswer() {
  return new Promise((resolvePromise, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, [cli, "mcp"], { env, stdio: ["pipe", "pipe", "ignore"] });
    const send = (message) => child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", ...message })}\n`);
    let buffered = "";
    let elapsed;
    child.stdout.on("data", (chunk) => {
      buffered += chunk;
      for (let end = buffered.indexOf("\n"); end >= 0; end = buffered.indexOf("\n")) {
        const message = JSON.parse(buffered.slice(0, end));
        buffered = buffered.slice(end + 1);
        if (message.id === 1) {
          send({ method: "notifications/initialized" });
          send({ id: 2, method: "tools/list" });
        } else if (message.id === 2) {
          if (!(message.result?.tools?.length > 0)) reject(new Error(`no tools: ${JSON.stringify(message)}`));
          elapsed = Number(process.hrtime.bigint() - start) / 1e6;
          child.stdin.end();
        }
      }
    });
    child.on("exit", (code) =>
      elapsed !== undefined && code === 0
        ? resolvePromise(elapsed)
        : reject(new Error(`mr-cli mcp exited ${code} before answering tools/list`)),
    );
    send({
      id: 1,
      method: "initialize",
      params: {
        protocolVersion: "2025-06-18",
        capabilities: {},
        clientInfo: { name: "bench", version: "1" },
      },
    });
  });
}

async function mcpMedian() {
  const times = [];
  for (let i = 0; i < runs; i++) times.push(await mcpFirstAnswer());
  return middle(times);
}

const results = {
  "node -e 0": median(["-e", "0"]),
  "mr-cli --version": median([cli, "--version"]),
  "mr-cli --help": median([cli, "--help"]),
  "mr-cli list models --limit 1": median([cli, "list", "models", "--limit", "1"]),
  // An older build without the mcp command (measured with --cli) has no such line.
  ...(/^\s+mcp\b/m.test(spawnSync(process.execPath, [cli, "--help"], { encoding: "utf8" }).stdout)
    ? { "mr-cli mcp → tools/list": await mcpMedian() }
    : {}),
};
if (opts.json) console.log(JSON.stringify({ runs, node: process.version, cli, medianMs: results }));
else {
  console.log(`mr-cli start-up, median of ${runs} runs, Node ${process.version}, ${cli}`);
  for (const [what, ms] of Object.entries(results)) console.log(`  ${what.padEnd(30)} ${ms} ms`);
}
