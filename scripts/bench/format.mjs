// The benchmark's report: the shapes the scenario children print, and the readable table.

/**
 * What one scenario child prints (scenario.mjs, scenario.py). Memory: `*KiB` from getrusage, the rest in bytes.
 * @typedef {object} ScenarioResult
 * @property {"typescript" | "typescript, OCI" | "python"} client
 * @property {string} scenario
 * @property {string} model
 * @property {string} uri
 * @property {string} status
 * @property {number} fileCount
 * @property {number} totalBytes
 * @property {number} wallMs the upload and registration call alone
 * @property {number} cpuMs user + system CPU time of the process during that call (all threads)
 * @property {Record<string, number>} [phasesMs] TypeScript only: ms into the call at which each phase began
 * @property {Record<string, number>} [phasesCpuMs] TypeScript only: CPU ms used by the time each phase began
 *   (checking, uploading, registering, done) and the last byte was acknowledged (sent)
 * @property {number} maxRssKiB peak RSS of the whole child process (getrusage maxrss)
 * @property {number} startRssKiB RSS once the client library is loaded, before any work
 * @property {{ intervalMs: number, count: number, peakRss: number, peakHeapUsed: number | null }} sampled
 * @property {Array<Array<number | null>>} series [ms, rss, heapUsed, arrayBuffers] every 50 ms
 */

/** The target: peak RSS of an upload below this, whatever the model's size. */
export const RSS_TARGET_MIB = 200;

const MiB = 1024 * 1024;
const mib = (/** @type {number} */ bytes) => (bytes / MiB).toFixed(1);

/**
 * One table row per result.
 * @param {ScenarioResult} r
 * @returns {string[]}
 */
function row(r) {
  const seconds = r.wallMs / 1000;
  return [
    r.scenario,
    r.client,
    String(r.fileCount),
    `${mib(r.totalBytes)} MiB`,
    seconds.toFixed(2),
    (r.cpuMs / 1000).toFixed(2),
    (r.totalBytes / MiB / seconds).toFixed(1),
    (r.fileCount / seconds).toFixed(1),
    (r.maxRssKiB / 1024).toFixed(1),
    mib(r.sampled.peakRss),
    r.sampled.peakHeapUsed === null ? "n/a" : mib(r.sampled.peakHeapUsed),
    (r.startRssKiB / 1024).toFixed(1),
    r.maxRssKiB / 1024 < RSS_TARGET_MIB ? "yes" : "NO",
  ];
}

const HEADER = [
  "scenario",
  "client",
  "files",
  "size",
  "wall s",
  "CPU s",
  "MiB/s",
  "files/s",
  "peak RSS MiB",
  "sampled RSS",
  "sampled heap",
  "RSS at start",
  `< ${RSS_TARGET_MIB} MiB`,
];

/**
 * Aligns rows into columns (text left, numbers right).
 * @param {string[][]} rows the first is the header
 */
function table(rows) {
  const widths = HEADER.map((_, i) => Math.max(...rows.map((cells) => (cells[i] ?? "").length)));
  const line = (/** @type {string[]} */ cells) =>
    cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join("  ");
  const [header = [], ...body] = rows;
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n");
}

/**
 * When each phase of a TypeScript run began, in seconds into the call: where the time goes (upload, completing the
 * multipart upload on the server, registering).
 * @param {ScenarioResult} r
 */
function phases(r) {
  const cpu = r.phasesCpuMs ?? {};
  const at = Object.entries(r.phasesMs ?? {}).map(
    ([phase, ms]) =>
      `${phase} ${(ms / 1000).toFixed(2)}${cpu[phase] === undefined ? "" : ` (CPU ${(cpu[phase] / 1000).toFixed(2)})`}`,
  );
  const lines = [`  ${r.scenario}, ${r.client}: ${at.join(", ")}`];
  if (cpu.uploading !== undefined && cpu.sent !== undefined && r.fileCount > 1) {
    const perFile = (cpu.sent - cpu.uploading) / r.fileCount;
    const total = r.cpuMs / r.fileCount;
    lines.push(
      `    client CPU per file: ${perFile.toFixed(2)} ms while uploading, ${total.toFixed(2)} ms over the whole call`,
    );
  }
  return lines.join("\n");
}

/**
 * The readable report.
 * @param {{ date: string, machine: Record<string, string | number>, settings: Record<string, string>,
 *   python: Record<string, string>, results: ScenarioResult[] }} report
 * @returns {string}
 */
export function formatReport(report) {
  const { machine: m, settings: s, python: p } = report;
  const python = p.skipped
    ? `skipped: ${p.skipped}`
    : `Python ${p.pythonVersion}, model-registry ${p.clientVersion}, boto3 ${p.boto3Version}`;
  return [
    `Model Registry upload + register benchmark, ${report.date}`,
    `machine:  ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB RAM, ${m.platform}; Node ${m.node}; load average ${m.loadAverage} before the run`,
    `python:   ${python}`,
    `storage:  versitygw ${s.endpoint} bucket ${s.bucket}; registry ${s.registry}`,
    `clients:  ${s.clients}`,
    "",
    table([HEADER, ...report.results.map(row)]),
    "",
    "phases (s into the call, CPU s used by then; sent: the last byte acknowledged by S3):",
    ...report.results.filter((r) => r.phasesMs).map(phases),
    "",
    "wall s, CPU s: the registerModel / upload_artifact_and_register_model call alone (CPU: user + system, all",
    "threads). peak RSS: getrusage maxrss of the scenario's own process, start-up and imports included; sampled:",
    "the highest of the samples taken every 50 ms; RSS at start: once the client library is loaded.",
  ].join("\n");
}
