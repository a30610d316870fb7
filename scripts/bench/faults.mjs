// npm run bench:faults: registerModel through the built package at a seeded fault rate on the registry and on the
// store (versitygw), each behind scripts/fault-proxy.mjs. Counts first-call successes and everything left behind.
//
//   npm run build && node scripts/bench/faults.mjs [--uri 300] [--folders 50] [--rate 0.25] [--seed 1] [--json]
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { S3Client } from "@aws-sdk/client-s3";
import { leftovers } from "../fault-audit.mjs";
import { startFaultProxy } from "../fault-proxy.mjs";
import { ensureStack } from "./stack.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const log = (/** @type {string} */ message) => console.error(`[bench:faults] ${message}`);
const { values: opts } = parseArgs({
  options: {
    uri: { type: "string", default: "300" },
    folders: { type: "string", default: "50" },
    rate: { type: "string", default: "0.25" },
    seed: { type: "string", default: "1" },
    json: { type: "boolean", default: false },
  },
});
const [uriCount, folderCount, rate, seed] = [opts.uri, opts.folders, opts.rate, opts.seed].map(Number);
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const { ModelRegistry } = await import(join(root, "dist/index.js"));
const stack = ensureStack(root);
const token = `bench-token-${Math.random().toString(36).slice(2)}`; // must never show up in a message
const credentials = {
  accessKeyId: stack.VERSITYGW_ACCESS_KEY_ID ?? "",
  secretAccessKey: stack.VERSITYGW_SECRET_ACCESS_KEY ?? "",
};
const bucket = stack.VERSITYGW_S3_BUCKET ?? "models";
const registry = await startFaultProxy({ target: stack.MODEL_REGISTRY_URL ?? "", seed, rate });
const storage = await startFaultProxy({ target: stack.VERSITYGW_S3_ENDPOINT ?? "", seed: seed + 1, rate });
const mr = new ModelRegistry({
  url: registry.url,
  token,
  author: "bench-faults",
  storage: { endpoint: storage.url, bucket, credentials },
});
const run = `faults-${new Date().toISOString().replace(/\D/g, "").slice(0, 14)}`;
const temp = await mkdtemp(join(tmpdir(), "mr-bench-faults-"));

/** @param {{ name: string, version: string, prefix?: string }[]} registrations @param {(r: any, i: number) => Promise<unknown>} register */
async function round(label, registrations, register) {
  const started = performance.now();
  let firstCall = 0;
  let leaks = 0;
  /** @type {string[]} */
  const failures = [];
  for (const [i, r] of registrations.entries()) {
    try {
      await register(r, i);
      firstCall++;
    } catch (error) {
      const text = `${error?.stack ?? error} ${JSON.stringify(error)}`;
      if (text.includes(token) || text.includes(credentials.secretAccessKey)) leaks++;
      failures.push(`${r.name} ${r.version}: ${error?.message ?? error}`);
    }
    if ((i + 1) % 50 === 0) log(`${label}: ${i + 1}/${registrations.length}`);
  }
  const seconds = (performance.now() - started) / 1000;
  const direct = {
    mr: new ModelRegistry({ url: stack.MODEL_REGISTRY_URL ?? "" }),
    s3: new S3Client({
      endpoint: stack.VERSITYGW_S3_ENDPOINT,
      region: "us-east-1",
      forcePathStyle: true,
      credentials,
    }),
    bucket,
  };
  const left = await leftovers(direct, registrations);
  return { label, attempted: registrations.length, firstCall, ...left, leaks, seconds, failures };
}

const results = [];
try {
  const uris = Array.from({ length: uriCount }, (_, i) => ({
    name: `${run}-uri-${i % 30}`,
    version: `v${i}`,
  }));
  log(`${uriCount} uri registrations at ${rate * 100}% faults`);
  results.push(
    await round("uri", uris, (r) =>
      mr.registerModel({ ...r, uri: `s3://${bucket}/${r.name}/${r.version}/` }),
    ),
  );
  const folders = Array.from({ length: folderCount }, (_, i) => {
    const name = `${run}-files-${i % 10}`;
    return { name, version: `v${i}`, prefix: `${name}/v${i}` };
  });
  log(`${folderCount} folder uploads at ${rate * 100}% faults`);
  results.push(
    await round("folder", folders, async (r, i) => {
      const dir = join(temp, `m${i}`);
      await mkdir(join(dir, "sub"), { recursive: true });
      await writeFile(join(dir, "model.bin"), Buffer.alloc(64 * 1024, i));
      await writeFile(join(dir, "config.json"), JSON.stringify({ i }));
      await writeFile(join(dir, "sub/tokenizer.txt"), `vocabulary ${i}`);
      // Every fifth model has a file in two 5 MiB parts, so multipart uploads meet the faults too.
      if (i % 5 === 0) await writeFile(join(dir, "weights.bin"), Buffer.alloc(6 * 1024 * 1024, i));
      return mr.registerModel({ ...r, path: dir, storage: { partSize: 5 * 1024 * 1024 } });
    }),
  );
} finally {
  await rm(temp, { recursive: true, force: true });
  await Promise.all([registry.close(), storage.close()]);
}

const report = {
  date: new Date().toISOString(),
  seed,
  rate,
  registryRequests: registry.requests.length,
  registryFaults: registry.faultCounts(),
  storageRequests: storage.requests.length,
  storageFaults: storage.faultCounts(),
  results,
};
if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
else {
  const columns = [
    "attempted",
    "firstCall",
    "duplicates",
    "withoutArtifact",
    "claims",
    "openUploads",
    "unverified",
    "leaks",
    "seconds",
  ];
  const rows = results.map((r) => [
    r.label,
    ...columns.map((c) => (c === "seconds" ? r[c].toFixed(1) : String(r[c]))),
  ]);
  const header = [
    "workload",
    "attempted",
    "first-call ok",
    "duplicates",
    "no artifact",
    "claims left",
    "open uploads",
    "unverified",
    "leaks",
    "wall s",
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells) => cells.map((cell, i) => cell.padStart(widths[i] ?? 0)).join("  ");
  const faults = (f) =>
    Object.entries(f)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ");
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  console.log(`\nseed ${seed}, fault rate ${rate} on each side`);
  console.log(`registry: ${report.registryRequests} requests, faults: ${faults(report.registryFaults)}`);
  console.log(`storage:  ${report.storageRequests} requests, faults: ${faults(report.storageFaults)}`);
  for (const r of results) for (const failure of r.failures) console.log(`failed: ${failure}`);
}
