// The package as users get it: npm pack's tarball, checked by publint and arethetypeswrong, installed into an empty
// folder and used from an ESM script, from TypeScript (module nodenext), from Deno (npm: specifier) and as mr-cli
// (mr-cli mcp included, whose MCP SDK is a dependency of its own).
import { execFileSync, spawn } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { stackEnv } from "../support/stack-env.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const tool = (name: string) => `${root}node_modules/.bin/${name}`;
let tarball: string;
let packed: { size: number; unpackedSize: number; files: { path: string }[] };
let app: string;

const run = (command: string, args: string[], cwd: string, env: Record<string, string> = {}) =>
  execFileSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, ...env }, timeout: 240_000 });

beforeAll(async () => {
  const dest = await mkdtemp(join(tmpdir(), "mr-pack-"));
  // `npm test` builds dist/ first; packing here does not rebuild it (other suites use it at the same time).
  [packed] = JSON.parse(run("npm", ["pack", "--pack-destination", dest, "--json", "--ignore-scripts"], root));
  tarball = join(dest, (packed as unknown as { filename: string }).filename);
  app = await mkdtemp(join(tmpdir(), "mr-app-"));
  await writeFile(join(app, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
  run("npm", ["install", "--no-audit", "--no-fund", tarball], app);
}, 300_000);

describe("the npm package", () => {
  it("ships the build and the README only: nothing from test/, examples/ or the stack", () => {
    const paths = packed.files.map((file) => file.path);
    expect(paths).toContain("dist/index.js");
    expect(paths).toContain("dist/index.d.ts");
    expect(paths).toContain("dist/cli/main.js");
    // The bundles are for the Python package and the standalone executable; `bin` runs the unbundled build, which
    // starts faster on Node 20 (scripts/bench/cli-distributions.mjs).
    expect(paths.filter((path) => path.startsWith("dist/mr-cli."))).toEqual([]);
    const others = ["package.json", "README.md", "LICENSE"];
    expect(paths.filter((path) => !path.startsWith("dist/"))).toEqual(expect.arrayContaining(others));
    expect(paths.filter((path) => !path.startsWith("dist/") && !others.includes(path))).toEqual([]);
    console.log(`packed ${packed.size} bytes, unpacked ${packed.unpackedSize} bytes, ${paths.length} files`);
  });

  it("passes publint and arethetypeswrong (ESM only)", () => {
    expect(run(tool("publint"), ["--strict", tarball], root)).toMatch(/All good/);
    // attw exits non-zero on any problem outside the ignored CommonJS resolutions (this package is ESM only).
    const report = run(tool("attw"), ["--profile", "esm-only", "--format", "ascii", tarball], root);
    expect(report).toMatch(/node16 \(from ESM\): 🟢 \(ESM\)/);
    expect(report).not.toMatch(/❌/);
  });

  it("works from an ESM script in a fresh project", async () => {
    await writeFile(
      join(app, "use.mjs"),
      `import { ModelRegistry, VERSION } from "model-registry";
const mr = await ModelRegistry.fromEnv();
const models = await mr.registeredModels.list({ limit: 1 }).toArray();
console.log(JSON.stringify({ version: VERSION, listed: Array.isArray(models) }));`,
    );
    const out = JSON.parse(run(process.execPath, ["use.mjs"], app, stackEnv()));
    expect(out).toEqual({ version: expect.stringMatching(/^\d+\.\d+\.\d+$/), listed: true });
  });

  it("type-checks from TypeScript with module nodenext", async () => {
    await writeFile(
      join(app, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { module: "nodenext", strict: true, noEmit: true, skipLibCheck: true, types: [] },
        files: ["use.ts"],
      }),
    );
    await writeFile(
      join(app, "use.ts"),
      `import { ModelRegistry, type RegisteredModel, NotFoundError } from "model-registry";
const mr = new ModelRegistry({ url: "http://localhost:8080" });
export async function first(): Promise<RegisteredModel | undefined> {
  for await (const model of mr.registeredModels.list({ orderBy: "ID", sortOrder: "DESC" })) return model;
  return undefined;
}
export const isMissing = (error: unknown): boolean => error instanceof NotFoundError;
// @ts-expect-error: the server ignores filters here, so the option does not exist
mr.servingEnvironments.list({ filter: "x" });`,
    );
    expect(() => run(tool("tsc"), ["-p", "tsconfig.json"], app)).not.toThrow();
  });

  it("runs from Deno with an npm: specifier, and as the mr-cli command", async () => {
    await writeFile(
      join(app, "use-deno.ts"),
      `import { VERSION, ModelRegistry } from "npm:model-registry";
const mr = new ModelRegistry({ url: Deno.env.get("MODEL_REGISTRY_URL")! });
console.log(VERSION, (await mr.registeredModels.list({ limit: 1 }).toArray()).length >= 0);`,
    );
    const deno = run(
      tool("deno"),
      ["run", "--allow-all", "--node-modules-dir=manual", "use-deno.ts"],
      app,
      stackEnv(),
    );
    expect(deno.trim()).toMatch(/^\d+\.\d+\.\d+ true$/);
    expect(run(join(app, "node_modules/.bin/mr-cli"), ["--version"], app).trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("brings the MCP SDK mr-cli mcp loads: the installed mr-cli mcp answers an MCP client's initialize", async () => {
    const initialize = {
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: {
        protocolVersion: "2025-06-18",
        capabilities: {},
        clientInfo: { name: "package-test", version: "1" },
      },
    };
    const child = spawn(join(app, "node_modules/.bin/mr-cli"), ["mcp"], {
      cwd: app,
      env: { ...process.env, ...stackEnv() },
      stdio: ["pipe", "pipe", "inherit"],
    });
    const exited = new Promise((resolve) => child.on("exit", resolve));
    const answer = await new Promise<string>((resolve) => {
      let out = "";
      child.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes("\n")) resolve(out.slice(0, out.indexOf("\n")));
      });
      child.stdin.write(`${JSON.stringify(initialize)}\n`);
    });
    child.stdin.end();
    expect(JSON.parse(answer)).toMatchObject({
      id: 1,
      result: { serverInfo: { name: "mr-cli" }, capabilities: { tools: {} } },
    });
    expect(await exited).toBe(0);
  });
});
