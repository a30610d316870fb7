// Shared by the code generators: write a derived file, or with --check fail when the committed one has drifted.
import { readFileSync, writeFileSync } from "node:fs";

/**
 * Writes `text` to `path` (shown as `label`), or with `--check` on the command line compares instead and exits 1
 * with `fix` as advice when they differ. `source` names what the file is derived from.
 */
export function writeOrCheck({ path, label, text, source, fix }) {
  if (!process.argv.includes("--check")) {
    writeFileSync(path, text);
    console.log(`wrote ${label} from ${source}`);
    return;
  }
  let current = "";
  try {
    current = readFileSync(path, "utf8");
  } catch {}
  if (current !== text) {
    console.error(`${label} is out of date with ${source}; run ${fix}`);
    process.exit(1);
  }
  console.log(`${label} matches ${source}`);
}
