// Which folder may use which, bottom up: errors.ts, client/, config/, storage/, workflows/, then notebook/, the
// facade and the CLI. The client core produces data and knows nothing of the layers built on it. Every import counts here: static,
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

/** The src/ files that the relative imports (of any kind) in `file` reach. */
function importedFiles(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)"(\.[^"]+)"/g)].map(
    (m) => m[1] as string,
  );
  return specifiers.map((spec) => resolve(dirname(file), spec.replace(/\.js$/, ".ts")));
}

/** Every import cycle among `files`, each as the files along it (depth-first search over the import graph). */
function cycles(files: string[]): string[][] {
  const found: string[][] = [];
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (file: string) => {
    const at = path.indexOf(file);
    if (at >= 0) {
      found.push(path.slice(at).map((f) => relative(SRC, f)));
      return;
    }
    if (done.has(file)) return;
    path.push(file);
    for (const next of importedFiles(file)) if (files.includes(next)) visit(next);
    path.pop();
    done.add(file);
  };
  for (const file of files) visit(file);
  return found;
}

describe("the layers of src/", () => {
  it("have no import cycles, not even type-only ones", () => {
    expect(cycles(sources(SRC))).toEqual([]);
  });

  // Every folder and top-level file of src/ has a layer; an import may only reach a lower layer (or its own folder),
  // so no chain of imports can climb either. A file this list does not know fails the test until it is placed.
  const LAYERS = [
    ["errors.ts", "version.ts"],
    ["client"],
    ["config"],
    ["storage", "catalog"],
    ["workflows"],
    ["notebook", "model-registry-options.ts"],
    ["model-registry.ts", "catalog-from-env.ts", "jupyter-display.ts"],
    ["cli", "index.ts"],
  ];
  const rank = (unit: string) => LAYERS.findIndex((layer) => layer.includes(unit));

  it("every folder and top-level file imports only from layers below its own", () => {
    const units = readdirSync(SRC);
    expect(units.filter((unit) => rank(unit) < 0)).toEqual([]);
    const upward = sources(SRC).flatMap((file) => {
      const unit = relative(SRC, file).split("/")[0] as string;
      return importedFolders(readFileSync(file, "utf8"), file)
        .filter((target) => target !== unit && rank(target) >= rank(unit))
        .map((target) => `${relative(SRC, file)} → ${target}`);
    });
    expect(upward).toEqual([]);
  });

  it("errors.ts imports nothing", () => {
    expect(importedFiles(join(SRC, "errors.ts"))).toEqual([]);
  });

  it("the check sees imports of every kind (it would catch the display hook's old dynamic import)", () => {
    const probe = join(SRC, "client", "probe.ts");
    const folders = (text: string) => importedFolders(text, probe);
    expect(folders('await import("../notebook/mime-bundle.js")')).toEqual(["notebook"]);
    expect(folders('import type { X } from "../cli/context.js";')).toEqual(["cli"]);
    expect(folders('import "../workflows/x.js";')).toEqual(["workflows"]);
  });
});
