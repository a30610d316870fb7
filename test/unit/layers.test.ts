// Which folder may use which, bottom up: errors.ts, client/, config/, storage/ (and catalog/, signing/), workflows/, views/, then notebook/, the
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
    ["errors.ts", "version.ts", "builtin.ts"],
    ["client"],
    ["config"],
    ["storage", "catalog", "signing", "kube"],
    ["workflows"],
    ["views"],
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

  // The stores: storage/'s root holds what both stores use, and the workflows reach a store only through the lookup
  // by scheme (storage/model-stores.ts) and the ModelStore interface, never a wing's code of their own choosing.
  it("the workflows use storage/s3/ and storage/oci/ only for types and the storage options check", () => {
    const wings = /^storage\/(s3|oci)\//;
    const reached = sources(join(SRC, "workflows")).flatMap((file) => {
      const text = readFileSync(file, "utf8");
      return [...text.matchAll(/^import (type )?\{([^}]*)\} from "(\.[^"]+)"/gm)]
        .filter((m) => wings.test(relative(SRC, resolve(dirname(file), m[3] as string))))
        .filter((m) => !m[1])
        .flatMap((m) => (m[2] as string).split(",").map((name) => name.trim()))
        .filter((name) => name !== "" && !name.startsWith("type ") && name !== "checkStorageOptions")
        .map((name) => `${relative(SRC, file)}: ${name}`);
    });
    expect(reached).toEqual([]);
  });

  it("no workflow tells stores apart by a URI's scheme", () => {
    const branches = sources(join(SRC, "workflows")).flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/startsWith\("(s3|oci):\/\/"\)|=== "(s3|oci)"/g)].map(
        (m) => `${relative(SRC, file)}: ${m[0]}`,
      ),
    );
    expect(branches).toEqual([]);
  });

  it("storage/'s root holds only what both stores use", () => {
    const storage = join(SRC, "storage");
    const root = readdirSync(storage)
      .filter((name) => name.endsWith(".ts"))
      .map((name) => join(storage, name));
    // The root files a wing's code reaches, directly or through other root files.
    const reachedBy = (wing: string) => {
      const seen = new Set<string>();
      const visit = (file: string) => {
        for (const next of importedFiles(file))
          if (root.includes(next) && !seen.has(next)) {
            seen.add(next);
            visit(next);
          }
      };
      for (const file of sources(join(storage, wing))) visit(file);
      return seen;
    };
    const [s3, oci] = [reachedBy("s3"), reachedBy("oci")];
    // The interface and its lookup are the stores' contract: the workflows use them, the stores implement them.
    const contract = ["model-store.ts", "model-stores.ts"].map((name) => join(storage, name));
    const alone = root.filter((file) => !contract.includes(file) && !(s3.has(file) && oci.has(file)));
    expect(alone.map((file) => relative(SRC, file))).toEqual([]);
  });
});
