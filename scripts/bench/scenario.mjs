// One benchmark scenario in its own process, so that its peak memory is its own: uploads and registers one model
// through the BUILT SDK (dist/) against versitygw, then prints one JSON line with wall time and memory on stdout.
//
//   node scripts/bench/scenario.mjs <scenario> <path> <model-name>
//
// Reads MODEL_REGISTRY_URL, VERSITYGW_S3_ENDPOINT, VERSITYGW_S3_BUCKET, VERSITYGW_ACCESS_KEY_ID,
// VERSITYGW_SECRET_ACCESS_KEY and AWS_DEFAULT_REGION from the environment (the runner passes `.stack/env`). With
// BENCH_OCI=1 it pushes to the stack's OCI registry instead (OCI_REGISTRY, OCI_USERNAME, OCI_PASSWORD): a modelcar.
import { peaks, startSampler } from "./memory-sampler.mjs";

const [scenario, path, name] = process.argv.slice(2);
if (!scenario || !path || !name) {
  console.error("usage: node scripts/bench/scenario.mjs <scenario> <path> <model-name>");
  process.exit(2);
}
const env = process.env;
const { ModelRegistry } = await import(new URL("../../dist/index.js", import.meta.url).href);

const startRss = process.memoryUsage().rss; // after loading the SDK: what this process costs before any work
const sampler = startSampler(50);
const mr = new ModelRegistry({
  url: env.MODEL_REGISTRY_URL,
  author: "bench",
  storage: {
    endpoint: env.VERSITYGW_S3_ENDPOINT,
    bucket: env.VERSITYGW_S3_BUCKET,
    region: env.AWS_DEFAULT_REGION ?? "us-east-1",
    credentials: {
      accessKeyId: env.VERSITYGW_ACCESS_KEY_ID ?? "",
      secretAccessKey: env.VERSITYGW_SECRET_ACCESS_KEY ?? "",
    },
  },
});

const cpu = process.cpuUsage();
const started = performance.now();
/** @type {Record<string, number>} ms since the call started: when each phase began, and when the last byte was sent */
const phasesMs = {};
/** @type {Record<string, number>} CPU ms (user + system, all threads) used by then */
const phasesCpuMs = {};
const cpuSoFar = () => {
  const used = process.cpuUsage(cpu);
  return Math.round((used.user + used.system) / 1000);
};
const oci = env.BENCH_OCI === "1";
const result = await mr.registerModel({
  name,
  version: "v1",
  path: path,
  ...(oci
    ? {
        to: `oci://${env.OCI_REGISTRY}/bench/${name}`,
        oci: { credentials: { username: env.OCI_USERNAME ?? "", password: env.OCI_PASSWORD ?? "" } },
      }
    : {}),
  modelFormat: { name: "bench", version: "1" },
  lineage: false,
  onProgress: (/** @type {import("../../dist/index.js").ProgressEvent} */ event) => {
    const at = Math.round(performance.now() - started);
    if (event.type === "phase" && phasesMs[event.phase] === undefined) {
      phasesMs[event.phase] = at;
      phasesCpuMs[event.phase] = cpuSoFar();
    } else if (event.type === "upload" && event.overall.loadedBytes === event.overall.totalBytes) {
      phasesMs.sent = at;
      phasesCpuMs.sent = cpuSoFar();
    }
  },
});
const wallMs = performance.now() - started;
const { user, system } = process.cpuUsage(cpu);
const samples = sampler.stop();

/** @type {import("./format.mjs").ScenarioResult} */
const report = {
  client: oci ? "typescript, OCI" : "typescript",
  scenario,
  model: name,
  uri: result.uri,
  status: result.status,
  fileCount: result.manifest?.fileCount ?? result.modelArtifact.customProperties.model_file_count ?? 0,
  totalBytes: result.manifest?.totalBytes ?? result.modelArtifact.customProperties.model_size_bytes ?? 0,
  wallMs,
  cpuMs: (user + system) / 1000,
  phasesMs,
  phasesCpuMs,
  maxRssKiB: process.resourceUsage().maxRSS,
  startRssKiB: Math.round(startRss / 1024),
  sampled: { intervalMs: 50, ...peaks(samples) },
  series: samples,
};
process.stdout.write(`${JSON.stringify(report)}\n`);
