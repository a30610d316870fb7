// Builds the standalone mr-cli for Linux x64 with Node's single-executable-application support: the CommonJS bundle
// (dist/mr-cli.cjs, made by `npm run build`) is turned into a blob with its V8 code cache and injected, with
// postject, into a copy of a Node 24 binary: build/mr-cli-linux-x64. It needs no Node on PATH. Prints its path.
//
//   npm run build:standalone         # or: node scripts/build-standalone.mjs --out FILE (after npm run build)
import { execFileSync } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { nodeBinary } from "./node-runtime.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const postject = createRequire(import.meta.url).resolve("postject/dist/cli.js");
const { values } = parseArgs({
  options: { out: { type: "string", default: join(root, "build", "mr-cli-linux-x64") } },
});
if (!existsSync(`${root}dist/mr-cli.cjs`))
  throw new Error("dist/mr-cli.cjs is missing: run npm run build first");
if (process.platform !== "linux" || process.arch !== "x64")
  throw new Error(`the standalone build is for Linux x64, not ${process.platform} ${process.arch}`);
// The executable ships Node 24, whichever Node runs this build (installed from npm when it is another).
const node = process.versions.node.startsWith("24.") ? process.execPath : nodeBinary(24);
const work = mkdtempSync(join(tmpdir(), "mr-cli-sea-"));
const config = join(work, "sea-config.json");
const blob = join(work, "mr-cli.blob");
const out = values.out;
writeFileSync(
  config,
  JSON.stringify({
    main: `${root}dist/mr-cli.cjs`,
    output: blob,
    disableExperimentalSEAWarning: true,
    useCodeCache: true,
  }),
);
/** Runs a build step quietly: what it prints (Node's blob notice, postject's LIEF warnings about note sections) is
 * shown only when the step fails. */
function quietly(command, args) {
  try {
    execFileSync(command, args, { stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    process.stderr.write(`${error.stdout ?? ""}${error.stderr ?? ""}`);
    throw error;
  }
}

quietly(node, ["--experimental-sea-config", config]);
mkdirSync(dirname(out), { recursive: true });
rmSync(out, { force: true });
copyFileSync(node, out);
chmodSync(out, 0o755);
// The sentinel Node's binary carries to tell it to look for an injected blob (documented in Node's SEA guide).
quietly(process.execPath, [
  postject,
  out,
  "NODE_SEA_BLOB",
  blob,
  "--sentinel-fuse",
  "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2",
]);
rmSync(work, { recursive: true, force: true });
// Beside it: the bundle's licences, and the shipped Node's own (beside its binary, where the install has one).
const nodeVersion = execFileSync(node, ["--version"], { encoding: "utf8" }).trim();
const nodeLicence = [
  join(dirname(node), "..", "LICENSE"),
  join(dirname(node), "..", "share", "doc", "node", "LICENSE"),
  "/usr/share/doc/nodejs/LICENSE",
].find((path) => existsSync(path));
const nodeText = nodeLicence
  ? readFileSync(nodeLicence, "utf8")
  : `Node.js ${nodeVersion}: MIT and others, see https://github.com/nodejs/node/blob/${nodeVersion}/LICENSE\n`;
writeFileSync(
  `${out}.LICENSES.txt`,
  `${readFileSync(`${root}dist/mr-cli.LICENSES.txt`, "utf8")}\n---\n\nNode.js ${nodeVersion} (the runtime)\n${nodeText}`,
);
console.log(out);
