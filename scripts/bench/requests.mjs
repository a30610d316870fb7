// Requests per registration, for us and for the official Python client, through the same counting proxy in front of
// the registry (scripts/fault-proxy.mjs, no faults): a new model by URI, a new version of an existing model, and an
// unchanged re-run; then the wall time of 200 new-model registrations each, on loopback and over a 20 ms link.
//
//   npm run build && node scripts/bench/requests.mjs [--count 200] [--delay-ms 20] [--skip-python] [--json]
import { execFile } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, promisify } from "node:util";
import { startFaultProxy } from "../fault-proxy.mjs";
import { preparePython } from "./python.mjs";
import { ensureStack } from "./stack.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const here = fileURLToPath(new URL(".", import.meta.url));
const log = (/** @type {string} */ message) => console.error(`[bench:requests] ${message}`);
const { values: opts } = parseArgs({
  options: {
    count: { type: "string", default: "200" },
    "delay-ms": { type: "string", default: "20" },
    "skip-python": { type: "boolean", default: false },
    json: { type: "boolean", default: false },
  },
});
const count = Number(opts.count);
const delays = [0, Number(opts["delay-ms"])];
const { ModelRegistry } = await import(join(root, "dist/index.js"));
const stack = ensureStack(root);
const python = opts["skip-python"] ? { skipped: "--skip-python" } : preparePython(root);
const run = `req-${new Date().toISOString().replace(/\D/g, "").slice(0, 14)}`;

/** Requests the proxy saw while `work` ran. */
async function counted(proxy, work) {
  const before = proxy.requests.length;
  await work();
  return proxy.requests.length - before;
}

async function ours(delayMs) {
  const proxy = await startFaultProxy({ target: stack.MODEL_REGISTRY_URL ?? "", delayMs });
  try {
    const mr = new ModelRegistry({ url: proxy.url, author: "bench" });
    // apiVersion "auto": the client's one question (GET under /v1) before its first call; counted apart.
    const probe = await counted(proxy, () => mr.apiVersion());
    const name = `${run}-ts-${delayMs}`;
    const register = (model, version) =>
      mr.registerModel({
        name: model,
        version,
        uri: `s3://models/${model}/${version}/`,
        modelFormat: { name: "onnx", version: "1" },
      });
    const started = performance.now();
    for (let i = 1; i < count; i++) await register(`${name}-${i}`, "v1");
    const newModel = await counted(proxy, () => register(`${name}-0`, "v1"));
    const seconds = (performance.now() - started) / 1000;
    const newVersion = await counted(proxy, () => register(`${name}-0`, "v2"));
    const rerun = await counted(proxy, () => register(`${name}-0`, "v2"));
    return { probe, newModel, newVersion, rerun, rerunOutcome: "unchanged", seconds };
  } finally {
    await proxy.close();
  }
}

async function theirs(delayMs) {
  if (!("python" in python)) return undefined;
  const proxy = await startFaultProxy({ target: stack.MODEL_REGISTRY_URL ?? "", delayMs });
  const prefix = `${run}-py-${delayMs}`;
  /** Runs one mode of requests.py (asynchronously: the proxy in this process must keep answering). */
  const step = async (mode, n = 1) => {
    const before = proxy.requests.length;
    const args = [join(here, "requests.py"), proxy.url, prefix, mode, String(n)];
    const out = await promisify(execFile)(python.python, args, { encoding: "utf8" });
    const result = JSON.parse(out.stdout.trim().split("\n").pop() ?? "{}");
    return { requests: proxy.requests.length - before, ...result };
  };
  try {
    const probe = (await step("construct")).requests; // per client, at start-up
    const newModel = (await step("new")).requests - probe;
    const newVersion = (await step("version")).requests - probe;
    const rerun = await step("rerun");
    const many = await step("many", count);
    return {
      probe,
      newModel,
      newVersion,
      rerun: rerun.requests - probe,
      rerunOutcome: rerun.outcome,
      seconds: many.seconds,
    };
  } finally {
    await proxy.close();
  }
}

const rows = [];
for (const delayMs of delays) {
  log(`${count} registrations through the counting proxy, ${delayMs} ms added per request`);
  rows.push({ delayMs, ours: await ours(delayMs), python: await theirs(delayMs) });
}
if (opts.json) process.stdout.write(`${JSON.stringify({ count, python, rows }, null, 2)}\n`);
else {
  const first = rows[0];
  const py = first.python;
  const line = (label, a, b) => console.log(`  ${label.padEnd(26)} ours ${a}, Python ${b ?? "n/a"}`);
  console.log("requests per registration (counting proxy in front of the registry)");
  line("new model by uri:", first.ours.newModel, py?.newModel);
  line("new version of a model:", first.ours.newVersion, py?.newVersion);
  line(
    "re-run of the same call:",
    `${first.ours.rerun} (unchanged)`,
    py && `${py.rerun} (${py.rerunOutcome})`,
  );
  line("client start-up probe:", `${first.ours.probe} (which API version)`, py?.probe);
  console.log(`\nwall time of ${count} new-model registrations`);
  for (const row of rows) {
    const ratio = row.python ? (row.python.seconds / row.ours.seconds).toFixed(2) : "n/a";
    console.log(
      `  +${String(row.delayMs).padStart(2)} ms/request: ours ${row.ours.seconds.toFixed(2)} s, Python ${row.python?.seconds.toFixed(2) ?? "n/a"} s, Python/ours ${ratio}`,
    );
  }
  if ("skipped" in python) console.log(`(Python comparison skipped: ${python.skipped})`);
}
