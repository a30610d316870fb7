// The benchmark: upload + register one large file and many small files through the built SDK against versitygw (the
// strict S3 server), each scenario in its own child process so that its peak RSS is honest; optionally the same
// workloads through the official Python client for comparison.
//
//   npm run build && node scripts/bench/run.mjs [--size-mib 1024] [--files 1000] [--skip-python] [--keep-objects] [--json]
//
// --size-mib 0 or --files 0 skips that workload. Progress goes to stderr; the table (or --json) to stdout.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { deleteObjects } from "./delete-objects.mjs";
import { formatReport } from "./format.mjs";
import { preparePython, pythonEnv } from "./python.mjs";
import { runChild } from "./run-child.mjs";
import { ensureStack } from "./stack.mjs";
import { writeLargeFile, writeSmallFiles } from "./workload.mjs";

const SMALL_FILE_BYTES = 4096;
const root = fileURLToPath(new URL("../..", import.meta.url));
const here = fileURLToPath(new URL(".", import.meta.url));
const log = (/** @type {string} */ message) => console.error(`[bench] ${message}`);

const { values: opts } = parseArgs({
  options: {
    "size-mib": { type: "string", default: "1024" },
    files: { type: "string", default: "1000" },
    "skip-python": { type: "boolean", default: false },
    "keep-objects": { type: "boolean", default: false },
    json: { type: "boolean", default: false },
  },
});
const sizeMiB = Number(opts["size-mib"]);
const fileCount = Number(opts.files);
if (!Number.isInteger(sizeMiB) || sizeMiB < 0 || !Number.isInteger(fileCount) || fileCount < 0) {
  console.error("--size-mib and --files take whole numbers (0 skips that workload)");
  process.exit(2);
}
if (!existsSync(join(root, "dist/index.js"))) {
  console.error(
    "dist/index.js is missing: run `npm run build` first (the benchmark measures the built package)",
  );
  process.exit(2);
}

const load = loadavg()[0]?.toFixed(2) ?? "?"; // before the run: other work on the machine makes numbers noisier
const stack = ensureStack(root);
const runId = `${new Date().toISOString().replace(/\D/g, "").slice(0, 14)}-${Math.random().toString(36).slice(2, 6)}`;
const python = opts["skip-python"] ? { skipped: "--skip-python" } : preparePython(root);
if ("skipped" in python && !opts["skip-python"]) log(`Python comparison skipped: ${python.skipped}`);

const temp = await mkdtemp(join(tmpdir(), "mr-bench-"));
const removeTemp = () => rm(temp, { recursive: true, force: true });
process.once("SIGINT", () => removeTemp().finally(() => process.exit(130)));
/** @type {import("./format.mjs").ScenarioResult[]} */
const results = [];
/** @type {string[]} */
const models = [];
try {
  /** @type {[string, string][]} */
  const workloads = [];
  if (sizeMiB > 0) {
    log(`writing a ${sizeMiB} MiB random file to ${temp}`);
    workloads.push([
      `${sizeMiB} MiB file`,
      await writeLargeFile(join(temp, "model.bin"), sizeMiB * 1024 * 1024),
    ]);
  }
  if (fileCount > 0) {
    log(`writing ${fileCount} files of ${SMALL_FILE_BYTES / 1024} KiB`);
    workloads.push([
      `${fileCount} small files`,
      await writeSmallFiles(join(temp, "many"), fileCount, SMALL_FILE_BYTES),
    ]);
  }
  /**
   * Runs one scenario child, `[command, ...args, model]`, from a quiet disk (`sync` first writes back what earlier
   * steps stored) and keeps its report.
   * @param {string} model
   * @param {string[]} argv
   * @param {NodeJS.ProcessEnv} env
   */
  const measure = async (model, [command = "", ...args], env) => {
    models.push(model);
    spawnSync("sync");
    results.push(await runChild(command, [...args, model], env));
  };
  const tsEnv = { ...process.env, ...stack };
  for (const [index, [scenario, path]] of workloads.entries()) {
    const name = `bench-${runId}-${index}`;
    log(`${scenario}: TypeScript SDK`);
    await measure(`${name}-ts`, [process.execPath, join(here, "scenario.mjs"), scenario, path], tsEnv);
    log(`${scenario}: TypeScript SDK to the OCI registry (a modelcar)`);
    await measure(`${name}-oci`, [process.execPath, join(here, "scenario.mjs"), scenario, path], {
      ...tsEnv,
      BENCH_OCI: "1",
    });
    if ("python" in python) {
      log(`${scenario}: Python client`);
      await measure(
        `${name}-py`,
        [python.python, join(here, "scenario.py"), scenario, path],
        pythonEnv(stack),
      );
    }
  }
} finally {
  await removeTemp();
  if (!opts["keep-objects"] && models.length) {
    const count = await deleteObjects(stack, models).catch((error) => log(`could not delete: ${error}`));
    log(`deleted ${count ?? 0} uploaded objects from versitygw (--keep-objects keeps them)`);
  }
}

const cpu = cpus();
const report = {
  date: new Date().toISOString(),
  machine: {
    cpus: cpu.length,
    cpuModel: cpu[0]?.model.trim() ?? "unknown",
    memoryGiB: (totalmem() / 2 ** 30).toFixed(1),
    platform: `${process.platform} ${process.arch}`,
    node: process.version,
    loadAverage: load,
  },
  settings: {
    endpoint: stack.VERSITYGW_S3_ENDPOINT ?? "",
    bucket: stack.VERSITYGW_S3_BUCKET ?? "",
    registry: stack.MODEL_REGISTRY_URL ?? "",
    clients:
      "TypeScript SDK defaults (8 MiB parts, 4 requests in flight across files); Python client defaults " +
      "(boto3 upload_file: 1 MiB threshold, parts raised to the 5 MiB S3 minimum, 10 threads per file, files one after another)",
  },
  python,
  results,
};
process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report)}\n`);
