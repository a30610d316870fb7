// Our modelcar push beside its peers, to the stack's OCI registry (CNCF distribution, htpasswd auth): the same content
// pushed by the built SDK (`registerModel({ to: "oci://…" })`, in its own process), by `crane append` (go-containerregistry,
// from a tar of the folder, as a user of crane would), and by one raw monolithic PUT of the same bytes with the digest
// known in advance (the ceiling: one request, nothing hashed); and our S3 upload of the same folder to versitygw.
//
//   npm run build && node scripts/bench/oci-peers.mjs [--size-mib 1024] [--files 1000] [--runs 3] [--json]
//
// Each figure is the best of --runs runs (each to a new repository, so nothing is skipped as already there).
// `ours, push` is the time from the first blob sent to the manifest stored (after the hashing pass, as the raw PUT's digest
// is also known before it sends); `ours, call` is the whole call (walk, hash, push, register).
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream, mkdtempSync, statSync } from "node:fs";
import { rm } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { runChild } from "./run-child.mjs";
import { ensureStack } from "./stack.mjs";
import { writeLargeFile, writeSmallFiles } from "./workload.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const here = fileURLToPath(new URL(".", import.meta.url));
const log = (/** @type {string} */ message) => console.error(`[oci-peers] ${message}`);
const { values: opts } = parseArgs({
  options: {
    "size-mib": { type: "string", default: "1024" },
    files: { type: "string", default: "1000" },
    runs: { type: "string", default: "3" },
    json: { type: "boolean", default: false },
  },
});
const sizeMiB = Number(opts["size-mib"]);
const fileCount = Number(opts.files);
const runs = Number(opts.runs);

const stack = ensureStack(root);
const host = stack.OCI_REGISTRY ?? "";
const basic = `Basic ${Buffer.from(`${stack.OCI_USERNAME}:${stack.OCI_PASSWORD}`).toString("base64")}`;
const crane = execFileSync("bash", [join(root, "stack/build.sh"), "crane"], { encoding: "utf8" }).trim();
const craneConfig = mkdtempSync(join(tmpdir(), "oci-peers-crane-"));
const craneEnv = { ...process.env, DOCKER_CONFIG: craneConfig };
execFileSync(crane, ["auth", "login", host, "-u", stack.OCI_USERNAME ?? "", "-p", stack.OCI_PASSWORD ?? ""], {
  env: craneEnv,
  stdio: "ignore",
});
const temp = mkdtempSync(join(tmpdir(), "oci-peers-"));
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** One HTTP request to the registry; resolves with the status and headers. */
function send(method, path, headers = {}, body = undefined) {
  return new Promise((resolve, reject) => {
    const [hostname, port] = host.split(":");
    const req = request(
      { hostname, port, method, path, headers: { authorization: basic, ...headers } },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
      },
    );
    req.on("error", reject);
    if (body) body.pipe(req);
    else req.end();
  });
}

/** The ceiling: POST an upload, then one PUT of the whole file with its digest (computed before the clock starts). */
async function rawPut(path) {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk);
  const digest = `sha256:${hash.digest("hex")}`;
  const size = statSync(path).size;
  const started = performance.now();
  const upload = await send("POST", `/v2/bench/raw-${unique()}/blobs/uploads/`, { "content-length": "0" });
  if (upload.status !== 202) throw new Error(`raw PUT: POST answered ${upload.status}`);
  const location = new URL(String(upload.headers.location), `http://${host}`);
  location.searchParams.set("digest", digest);
  const put = await send(
    "PUT",
    `${location.pathname}${location.search}`,
    { "content-type": "application/octet-stream", "content-length": String(size) },
    createReadStream(path, { highWaterMark: 8 * 1024 * 1024 }), // read as our push reads, 8 MiB at a time
  );
  if (put.status !== 201) throw new Error(`raw PUT: PUT answered ${put.status}`);
  return performance.now() - started;
}

/** `crane append` of a tar of the model under models/ (the tar's making is timed too: crane takes no folder). */
function craneAppend(path, isFolder) {
  const tar = join(temp, `crane-${unique()}.tar`);
  const started = performance.now();
  const args = isFolder
    ? ["--transform", "s,^\\.,models,", "-C", path, "-cf", tar, "."]
    : ["--transform", "s,^,models/,", "-C", join(path, ".."), "-cf", tar, path.split("/").at(-1) ?? ""];
  const tarred = spawnSync("tar", args);
  if (tarred.status !== 0) throw new Error(`tar failed: ${tarred.stderr}`);
  const tarMs = performance.now() - started;
  const pushed = spawnSync(crane, ["append", "-f", tar, "-t", `${host}/bench/crane-${unique()}:v1`], {
    env: craneEnv,
    stdio: ["ignore", "ignore", "pipe"],
  });
  if (pushed.status !== 0) throw new Error(`crane append failed: ${pushed.stderr}`);
  return { totalMs: performance.now() - started, tarMs, tar };
}

/** Our push (or S3 upload) in its own process, through the built SDK. */
async function ours(scenario, path, oci) {
  const report = await runChild(
    process.execPath,
    [join(here, "scenario.mjs"), scenario, path, `bench-peers-${unique()}`],
    { ...process.env, ...stack, ...(oci ? { BENCH_OCI: "1" } : {}) },
  );
  const phases = report.phasesMs ?? {};
  // From the first blob sent to the manifest stored (registering begins once the push has returned).
  const pushMs = (phases.registering ?? report.wallMs) - (phases.uploading ?? 0);
  return { callMs: report.wallMs, pushMs };
}

const best = (values) => Math.min(...values);
/** @type {{ workload: string, bytes: number, rows: Record<string, number> }[]} */
const results = [];
try {
  /** @type {[string, string, boolean][]} */
  const workloads = [];
  if (sizeMiB > 0)
    workloads.push([
      `${sizeMiB} MiB file`,
      await writeLargeFile(join(temp, "model.bin"), sizeMiB * 1024 * 1024),
      false,
    ]);
  if (fileCount > 0)
    workloads.push([
      `${fileCount} files of 4 KiB`,
      await writeSmallFiles(join(temp, "many"), fileCount, 4096),
      true,
    ]);
  for (const [workload, path, isFolder] of workloads) {
    const rows = {
      "ours, call": [],
      "ours, push": [],
      "ours to S3, call": [],
      "crane append (with tar)": [],
      "raw PUT": [],
    };
    let bytes = 0;
    for (let run = 0; run < runs; run++) {
      log(`${workload}: run ${run + 1} of ${runs}`);
      spawnSync("sync");
      const oci = await ours(workload, path, true);
      rows["ours, call"].push(oci.callMs);
      rows["ours, push"].push(oci.pushMs);
      spawnSync("sync");
      rows["ours to S3, call"].push((await ours(workload, path, false)).callMs);
      spawnSync("sync");
      const c = craneAppend(path, isFolder);
      rows["crane append (with tar)"].push(c.totalMs);
      spawnSync("sync");
      // The ceiling for the folder is one PUT of the same files as one tar.
      rows["raw PUT"].push(await rawPut(isFolder ? c.tar : path));
      bytes = statSync(isFolder ? c.tar : path).size;
      await rm(c.tar, { force: true });
    }
    results.push({
      workload,
      bytes,
      rows: Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, best(v)])),
    });
  }
} finally {
  await rm(temp, { recursive: true, force: true });
  await rm(craneConfig, { recursive: true, force: true });
}

if (opts.json) console.log(JSON.stringify({ node: process.version, runs, results }, null, 2));
else {
  console.log(`OCI push beside its peers (best of ${runs}; stack registry ${host}; Node ${process.version})`);
  for (const { workload, bytes, rows } of results) {
    console.log(`\n  ${workload} (${(bytes / 2 ** 20).toFixed(1)} MiB as one tar)`);
    const ceiling = rows["raw PUT"] ?? 1;
    for (const [what, ms] of Object.entries(rows))
      console.log(
        `    ${what.padEnd(26)} ${(ms / 1000).toFixed(2).padStart(7)} s  ${(bytes / 2 ** 20 / (ms / 1000)).toFixed(0).padStart(5)} MiB/s  ${(ms / ceiling).toFixed(2)}× raw PUT`,
      );
  }
}
