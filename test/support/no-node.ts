// A PATH folder like a Python notebook image's: the system's commands (sh, coreutils, …) but no Node. Jupyter's `!cmd`
// and `%pip` run through `sh` found on PATH (or $SHELL), so a PATH of only a venv's bin folder is not a real image.
import { existsSync, mkdirSync, readdirSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { basename, join } from "node:path";
import { ROOT } from "./jupyter.js";

const NODE_COMMANDS = new Set(["node", "nodejs", "npm", "npx", "corepack", "deno", "bun"]);
const SYSTEM_BINS = ["/usr/local/bin", "/usr/bin", "/bin"];

/** True when `path` is (or links to) a JavaScript runtime or its package manager. */
function isNode(path: string): boolean {
  if (NODE_COMMANDS.has(basename(path))) return true;
  try {
    return NODE_COMMANDS.has(basename(realpathSync(path)));
  } catch {
    return false; // a dangling link: harmless to copy, it runs nothing
  }
}

/**
 * Builds `.cache/no-node-bin` (again, each call): a link to every command of /usr/local/bin, /usr/bin and /bin except
 * Node, npm, npx, corepack, Deno and Bun. Returns the folder, to be put on PATH.
 */
export function systemBinWithoutNode(): string {
  const dir = join(ROOT, ".cache", "no-node-bin");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const bin of SYSTEM_BINS) {
    if (!existsSync(bin)) continue;
    for (const name of readdirSync(bin)) {
      const target = join(bin, name);
      if (existsSync(join(dir, name)) || isNode(target)) continue;
      symlinkSync(target, join(dir, name));
    }
  }
  return dir;
}
