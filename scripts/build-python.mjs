// Builds the Python package mr-cli-ts (a pure wheel): stages python/ in a temporary folder with the bundled mr-cli
// (dist/mr-cli.mjs and the chunks it loads on demand, dist/mr-cli-chunks/, made by `npm run build`) and its licences, then has pip build the wheel with hatchling (fetched
// from PyPI into pip's isolated build environment). Writes the wheel to build/python/ (or --out) and prints its path.
//
//   npm run build:python            # or: node scripts/build-python.mjs --out DIR (after npm run build)
import { execFileSync } from "node:child_process";
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = fileURLToPath(new URL("..", import.meta.url));
const { values } = parseArgs({
  options: { out: { type: "string", default: join(root, "build", "python") } },
});
if (!existsSync(`${root}dist/mr-cli.mjs`))
  throw new Error("dist/mr-cli.mjs is missing: run npm run build first");
const version = JSON.parse(readFileSync(`${root}package.json`, "utf8")).version;
if (!readFileSync(`${root}python/pyproject.toml`, "utf8").includes(`version = "${version}"`))
  throw new Error(`python/pyproject.toml must carry the npm package's version ${version}`);

const stage = mkdtempSync(join(tmpdir(), "mr-cli-ts-"));
try {
  cpSync(`${root}python`, stage, { recursive: true, filter: (path) => !path.includes("__pycache__") });
  copyFileSync(`${root}LICENSE`, join(stage, "LICENSE"));
  copyFileSync(`${root}dist/mr-cli.mjs`, join(stage, "src", "mr_cli_ts", "mr-cli.mjs"));
  cpSync(`${root}dist/mr-cli-chunks`, join(stage, "src", "mr_cli_ts", "mr-cli-chunks"), { recursive: true });
  copyFileSync(`${root}dist/mr-cli.LICENSES.txt`, join(stage, "src", "mr_cli_ts", "LICENSES.txt"));
  rmSync(values.out, { recursive: true, force: true });
  mkdirSync(values.out, { recursive: true });
  const python = process.env.PYTHON ?? "python3";
  const pip = ["-m", "pip", "wheel", "--quiet", "--disable-pip-version-check", "--no-deps"];
  execFileSync(python, [...pip, "--wheel-dir", values.out, stage], {
    stdio: ["ignore", "ignore", "inherit"],
  });
} finally {
  rmSync(stage, { recursive: true, force: true });
}
const wheel = readdirSync(values.out).find((name) => name.endsWith(".whl"));
if (!wheel) throw new Error("pip built no wheel");
console.log(join(values.out, wheel));
