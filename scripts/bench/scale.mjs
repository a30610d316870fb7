// Registries at scale, ours beside the official Python client in the same run, against the stack's release:
//  1. import: a bundle of --versions versions of one new model (importBundle, --concurrency at once) against the
//     Python client's register_model of the same versions in a loop; requests per version counted through the
//     counting proxy (scripts/fault-proxy.mjs, no faults) on the first --count-sample versions of each;
//  2. listing: every registered model (at least --models: missing ones are created first), ours (the library's
//     listing, and mr-cli list models -o json) against the Python client's pager; requests counted the same way;
//  3. memory: --registrations new models by URI in one process each (ours on Node and on Bun, Python's, and Node's
//     floor: the same requests with its http module and no library), peak RSS (median of --memory-runs runs), and
//     the storage code ours loaded.
// It only adds models. It reads .stack/env and never starts or stops the stack.
//
//   npm run build && node scripts/bench/scale.mjs [--versions 1000] [--models 5000] [--registrations 200]
//     [--concurrency N (default: importBundle's, 8)] [--memory-runs 3] [--only import|list|memory] [--skip-python] [--json]
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, promisify } from "node:util";
import { startFaultProxy } from "../fault-proxy.mjs";
import { preparePython } from "./python.mjs";
import { runChild } from "./run-child.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const here = fileURLToPath(new URL(".", import.meta.url));
const log = (/** @type {string} */ message) => console.error(`[bench:scale] ${message}`);
const { values: opts } = parseArgs({
  options: {
    versions: { type: "string", default: "1000" },
    models: { type: "string", default: "5000" },
    registrations: { type: "string", default: "200" },
    concurrency: { type: "string" },
    "count-sample": { type: "string", default: "50" },
    "memory-runs": { type: "string", default: "3" },
    only: { type: "string" },
    "skip-python": { type: "boolean", default: false },
    json: { type: "boolean", default: false },
  },
});
const stack = Object.fromEntries(
  readFileSync(join(root, ".stack/env"), "utf8")
    .split("\n")
    .filter((line) => line.includes("=") && !line.startsWith("#"))
    .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
);
const url = stack.MODEL_REGISTRY_URL;
const { ModelRegistry } = await import(join(root, "dist/index.js"));
const python = opts["skip-python"] ? { skipped: "--skip-python" } : preparePython(root);
const py = async (/** @type {string[]} */ args) => {
  if (!("python" in python)) return undefined;
  const out = await promisify(execFile)(python.python, [join(here, "scale.py"), ...args], {
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
    env: { ...process.env, PYTHONWARNINGS: "ignore" },
  });
  return JSON.parse(out.stdout.trim().split("\n").pop() ?? "{}");
};
const run = `scale-${new Date().toISOString().replace(/\D/g, "").slice(0, 14)}`;
const want = (/** @type {string} */ part) => !opts.only || opts.only === part;
const results = {};

/** A bundle of `count` versions of one model, registered by URI (what export writes for such a model). */
function bundleOf(name, count) {
  const versions = Array.from({ length: count }, (_, i) => ({
    fields: { name: `v${i + 1}`, state: "LIVE" },
    customProperties: {},
    sourceId: String(i + 1),
    artifact: {
      fields: {
        name,
        uri: `s3://models/${name}/v${i + 1}/`,
        modelFormatName: "onnx",
        modelFormatVersion: "1",
      },
      customProperties: {},
    },
  }));
  return {
    format: "kubeflow-model-registry-bundle",
    formatVersion: 1,
    exportedAt: new Date().toISOString(),
    source: { url: "bench", apiUrl: "bench" },
    models: [{ fields: { name }, customProperties: {}, aliases: {}, versions }],
  };
}

/** Requests the proxy saw while `work` ran, and the proxy's URL for it. */
async function counted(work) {
  const proxy = await startFaultProxy({ target: url });
  try {
    await work(proxy.url);
    return proxy.requests.length;
  } finally {
    await proxy.close();
  }
}

if (want("import")) {
  const count = Number(opts.versions);
  const sample = Number(opts["count-sample"]);
  // What a user gets unless told otherwise: importBundle's own default. More in flight is slower on the stack's 2 cores
  // (one model's versions: 4 at once took 4.5–5.3 s, 8 took 5.4–6.2 s, 16 about 7 s, 64 about 9 s).
  const concurrency = opts.concurrency === undefined ? undefined : Number(opts.concurrency);
  log(
    `import: ${count} versions of one new model, ours (concurrency ${concurrency ?? "default"}) and Python's loop`,
  );
  const mr = new ModelRegistry({ url, author: "bench" });
  await mr.apiVersion();
  const started = performance.now();
  const imported = await mr.importBundle({ bundle: bundleOf(`${run}-ts`, count), concurrency });
  const oursSeconds = (performance.now() - started) / 1000;
  if (imported.counts.created !== count) throw new Error(`import: ${JSON.stringify(imported.counts)}`);
  const oursRequests = await counted((proxied) =>
    new ModelRegistry({ url: proxied, author: "bench", apiVersion: "v1alpha3" }).importBundle({
      bundle: bundleOf(`${run}-ts-sample`, sample),
      concurrency,
    }),
  );
  const theirs = await py(["versions", url, `${run}-py`, String(count)]);
  const theirRequests =
    "python" in python
      ? await counted((proxied) => py(["versions", proxied, `${run}-py-sample`, String(sample)]))
      : undefined;
  results.import = {
    versions: count,
    concurrency,
    ours: { seconds: oursSeconds, requestsPerVersion: oursRequests / sample },
    python: theirs && { seconds: theirs.seconds, requestsPerVersion: theirRequests / sample },
  };
}

if (want("list")) {
  const floor = Number(opts.models);
  const mr = new ModelRegistry({ url, author: "bench" });
  let total = (await mr.registeredModels.list({ pageSize: 1000 }).toArray()).length;
  if (total < floor) {
    log(`list: ${total} models in the registry; creating ${floor - total} more`);
    const missing = Array.from({ length: floor - total }, (_, i) => `${run}-fill-${i}`);
    for (let i = 0; i < missing.length; i += 32)
      await Promise.all(missing.slice(i, i + 32).map((name) => mr.registeredModels.create({ name })));
    total = floor;
  }
  log(`list: every model (${total}+), three rounds each`);
  const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const time = async (work) => {
    const rounds = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      await work();
      rounds.push((performance.now() - started) / 1000);
    }
    return median(rounds);
  };
  let listed = 0;
  const oursSeconds = await time(async () => {
    listed = (await new ModelRegistry({ url }).registeredModels.list().toArray()).length;
  });
  const cliSeconds = await time(() =>
    promisify(execFile)(
      process.execPath,
      [join(root, "dist/cli/main.js"), "list", "models", "-o", "json", "--url", url],
      {
        maxBuffer: 256 * 1024 * 1024,
      },
    ),
  );
  const oursRequests = await counted((proxied) =>
    new ModelRegistry({ url: proxied, apiVersion: "v1alpha3" }).registeredModels.list().toArray(),
  );
  let theirItems = 0;
  const theirSeconds =
    "python" in python
      ? await time(async () => {
          const out = await py(["list", url]);
          theirItems = out.items;
          return out;
        })
      : undefined;
  // Python's own timing excludes its start-up; ours above includes nothing but the listing as well.
  const theirRequests = "python" in python ? await counted((proxied) => py(["list", proxied])) : undefined;
  results.list = {
    models: listed,
    ours: { seconds: oursSeconds, requests: oursRequests, cliProcessSeconds: cliSeconds },
    python:
      theirSeconds === undefined
        ? undefined
        : { seconds: theirSeconds, requests: theirRequests, models: theirItems },
  };
}

if (want("memory")) {
  const count = opts.registrations;
  const runs = Number(opts["memory-runs"]);
  log(`memory: ${count} registrations by URI, one process each, ${runs} runs of each (median)`);
  /** The run of median peak among `runs` runs of `once` (peaks vary by about 1 MiB from run to run). */
  const median = async (/** @type {(i: number) => Promise<any>} */ once) => {
    const all = [];
    for (let i = 0; i < runs; i++) all.push(await once(i));
    const done = all.filter(Boolean).sort((a, b) => a.maxRssKiB - b.maxRssKiB);
    return done[Math.floor(done.length / 2)];
  };
  const child = join(here, "scale-child.mjs");
  const ours = await median((i) =>
    runChild(process.execPath, [child, url, `${run}-mem-ts${i}`, count], process.env),
  );
  // Which modules a registration loads, in a run of its own (listing them costs memory).
  const { storageModules } = await runChild(
    process.execPath,
    [child, url, `${run}-mem-modules`, "5", "--modules"],
    process.env,
  );
  // Node itself, sending the same requests with its http module and no library: the floor under ours.
  const floor = await median((i) =>
    runChild(
      process.execPath,
      [join(here, "scale-floor.mjs"), url, `${run}-mem-floor${i}`, count],
      process.env,
    ),
  );
  // The same library under Bun (a dev dependency: the runtime tests use it), whose baseline is lighter than Node's.
  const bun = join(root, "node_modules/.bin/bun");
  const onBun = existsSync(bun)
    ? await median((i) => runChild(bun, [child, url, `${run}-mem-bun${i}`, count], process.env))
    : undefined;
  const theirs = await median((i) => py(["uri", url, `${run}-mem-py${i}`, count]));
  results.memory = {
    registrations: Number(count),
    runs,
    node: process.version,
    ours: {
      peakMiB: ours.maxRssKiB / 1024,
      seconds: ours.seconds,
      storageModules,
      undici: ours.undici,
    },
    floor: { peakMiB: floor.maxRssKiB / 1024, seconds: floor.seconds },
    bun: onBun && { peakMiB: onBun.maxRssKiB / 1024, seconds: onBun.seconds },
    python: theirs && { peakMiB: theirs.maxRssKiB / 1024, seconds: theirs.seconds },
  };
}

if (opts.json) process.stdout.write(`${JSON.stringify({ python, results }, null, 2)}\n`);
else {
  const ratio = (a, b) => (a && b ? `${(b / a).toFixed(1)}×` : "n/a");
  const { import: imp, list, memory } = /** @type {any} */ (results);
  if (imp)
    console.log(
      `import ${imp.versions} versions: ours ${imp.ours.seconds.toFixed(2)} s (${imp.ours.requestsPerVersion.toFixed(2)} requests/version, concurrency ${imp.concurrency ?? "default, 8"}); Python loop ${imp.python?.seconds.toFixed(2) ?? "n/a"} s (${imp.python?.requestsPerVersion.toFixed(2) ?? "n/a"} requests/version); Python/ours ${ratio(imp.ours.seconds, imp.python?.seconds)}`,
    );
  if (list)
    console.log(
      `list ${list.models} models: ours ${list.ours.seconds.toFixed(2)} s (${list.ours.requests} requests; mr-cli process ${list.ours.cliProcessSeconds.toFixed(2)} s); Python ${list.python?.seconds.toFixed(2) ?? "n/a"} s (${list.python?.requests ?? "n/a"} requests); Python/ours ${ratio(list.ours.seconds, list.python?.seconds)}`,
    );
  if (memory) {
    const mib = (/** @type {number | undefined} */ value) =>
      value === undefined ? "n/a" : `${value.toFixed(1)} MiB`;
    const loaded = memory.ours.storageModules?.length ? memory.ours.storageModules.join(", ") : "none";
    console.log(
      `${memory.registrations} registrations by URI (median of ${memory.runs}): ours on Node ${memory.node} peak ${mib(memory.ours.peakMiB)} in ${memory.ours.seconds.toFixed(1)} s (storage code loaded: ${loaded}; undici loaded: ${memory.ours.undici}); Node's floor (its http module, no library) ${mib(memory.floor.peakMiB)}; ours on Bun ${mib(memory.bun?.peakMiB)}; Python peak ${mib(memory.python?.peakMiB)} in ${memory.python?.seconds.toFixed(1) ?? "n/a"} s`,
    );
  }
  if ("skipped" in python) console.log(`(Python comparison skipped: ${python.skipped})`);
}
