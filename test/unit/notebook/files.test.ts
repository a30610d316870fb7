// The committed example notebooks: no outputs (the integration suite executes them into .cache), a kernel each,
// and imports written the way a user writes them.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const DIR = new URL("../../../examples/notebooks/", import.meta.url);
const notebooks = readdirSync(DIR).filter((file) => file.endsWith(".ipynb"));

interface Notebook {
  nbformat: number;
  metadata: { kernelspec?: { name?: string } };
  cells: { cell_type: string; source: string | string[]; outputs?: unknown[]; execution_count?: unknown }[];
}

const read = (file: string) => JSON.parse(readFileSync(new URL(file, DIR), "utf8")) as Notebook;
const source = (nb: Notebook) =>
  nb.cells
    .filter((c) => c.cell_type === "code")
    .map((c) => (Array.isArray(c.source) ? c.source.join("") : c.source))
    .join("\n");

describe("the example notebooks", () => {
  it("are the four we keep", () => {
    expect(notebooks.sort()).toEqual([
      "catalog-node.ipynb",
      "from-python.ipynb",
      "mnist-deno.ipynb",
      "quickstart-node.ipynb",
    ]);
  });

  it.each(notebooks)("%s is committed without outputs", (file) => {
    const nb = read(file);
    expect(nb.nbformat).toBe(4);
    for (const cell of nb.cells.filter((c) => c.cell_type === "code")) {
      expect(cell.outputs).toEqual([]);
      expect(cell.execution_count).toBeNull();
    }
  });

  it("each names its kernel", () => {
    const kernels = Object.fromEntries(notebooks.map((file) => [file, read(file).metadata.kernelspec?.name]));
    expect(kernels).toEqual({
      "catalog-node.ipynb": "tslab",
      "from-python.ipynb": "python3",
      "mnist-deno.ipynb": "deno",
      "quickstart-node.ipynb": "tslab",
    });
  });

  it("import the package by its published name; only the folder's deno.json maps it to this checkout's build; the MNIST notebook's only relative imports are the model code it shares with npm run demo", () => {
    expect(source(read("mnist-deno.ipynb"))).toMatch(/from "npm:model-registry"/);
    expect(source(read("mnist-deno.ipynb"))).toMatch(/from "npm:model-registry\/notebook"/);
    expect(source(read("quickstart-node.ipynb"))).toMatch(/from "model-registry\/notebook"/);
    for (const file of notebooks) {
      const imports = [...source(read(file)).matchAll(/from "([^"]+)"/g)].map((m) => m[1] as string);
      expect(imports.filter((spec) => spec.includes("dist/"))).toEqual([]);
      const relative = imports.filter((spec) => spec.startsWith("."));
      expect(
        relative.every((spec) => /^\.\.\/mnist\/[a-z-]+\.ts$/.test(spec)),
        `${file}: ${relative}`,
      ).toBe(true);
    }
    expect(source(read("mnist-deno.ipynb"))).toContain('from "../mnist/onnx.ts"');
    const denoJson = JSON.parse(readFileSync(new URL("deno.json", DIR), "utf8"));
    expect(denoJson.imports).toEqual({
      "npm:model-registry": "../../dist/index.js",
      "npm:model-registry/notebook": "../../dist/notebook/index.js",
    });
  });

  it("the Python notebook uses no TypeScript: it pip-installs mr-cli-ts and uses its helper", () => {
    const python = source(read("from-python.ipynb"));
    expect(python).toContain("%pip install --quiet {wheel}");
    expect(python).toContain("from mr_cli_ts import MrCliError, mr_cli");
    expect(python).not.toMatch(/import .* from "|deno|npm:/);
  });
});
