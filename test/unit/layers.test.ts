// Which folder may use which: the client core produces data and knows nothing of the layers built on it (notebook
// display, the CLI, the workflows); those depend on it, never the other way. Every import counts here: static,
// dynamic and type-only.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = fileURLToPath(new URL("../../src/", import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(join(dir, entry.name))
      : entry.name.endsWith(".ts")
        ? [join(dir, entry.name)]
        : [],
  );
}

/** The folders under src/ that the relative imports (of any kind) in `text`, written in `file`, reach. */
function importedFolders(text: string, file: string): string[] {
  const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)"(\.[^"]+)"/g)].map(
    (m) => m[1] as string,
  );
  return specifiers.map((spec) => relative(SRC, resolve(dirname(file), spec)).split("/")[0] as string);
}

describe("the layers of src/", () => {
  it("client/ imports nothing from notebook/, cli/ or workflows/", () => {
    const reaching = sources(join(SRC, "client")).flatMap((file) =>
      importedFolders(readFileSync(file, "utf8"), file)
        .filter((folder) => ["notebook", "cli", "workflows"].includes(folder))
        .map((folder) => `${relative(SRC, file)} → ${folder}/`),
    );
    expect(reaching).toEqual([]);
  });

  it("the check sees imports of every kind (it would catch the display hook's old dynamic import)", () => {
    const probe = join(SRC, "client", "probe.ts");
    const folders = (text: string) => importedFolders(text, probe);
    expect(folders('await import("../notebook/mime-bundle.js")')).toEqual(["notebook"]);
    expect(folders('import type { X } from "../cli/context.js";')).toEqual(["cli"]);
    expect(folders('import "../workflows/x.js";')).toEqual(["workflows"]);
  });
});
