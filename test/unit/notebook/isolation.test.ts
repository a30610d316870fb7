// Outside a notebook the notebook module is neither loaded nor felt: no static import reaches it, values carry no
// display method, and its helpers refuse to run rather than print somewhere unexpected.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it, vi } from "vitest";
import { decodeEntity } from "../../../src/client/entity.js";
import { Paginated } from "../../../src/client/paginate.js";
import { ConfigError } from "../../../src/errors.js";
import { display, notebookProgress } from "../../../src/notebook/index.js";

const SRC = fileURLToPath(new URL("../../../src/", import.meta.url));
const $display = Symbol.for("Jupyter.display");

/** Relative modules a source file imports at run time (`import type` and `export type` are erased; dynamic
 * `import()` is not followed: that is how the display hook loads the renderer, only when called). */
function staticImports(file: string): string[] {
  const source = readFileSync(file, "utf8");
  const statements = source.matchAll(/^(import|export)\s(?!type\s)[^;]*?\sfrom\s+"(\.[^"]+)";/gms);
  const bare = source.matchAll(/^import\s+"(\.[^"]+)";/gm);
  return [...[...statements].map((m) => m[2] as string), ...[...bare].map((m) => m[1] as string)].map(
    (spec) => resolve(dirname(file), spec.replace(/\.js$/, ".ts")),
  );
}

function staticGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const queue = [entry];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...staticImports(file));
  }
  return seen;
}

describe("outside a notebook", () => {
  it("nothing the package entry point loads imports src/notebook", () => {
    const graph = [...staticGraph(`${SRC}index.ts`)].map((file) => file.slice(SRC.length));
    expect(graph).toContain("client/entity.ts"); // the walk works
    expect(graph).toContain("client/paginate.ts");
    expect(graph.filter((file) => file.startsWith("notebook/"))).toEqual([]);
  });

  it("entities, listings and arrays carry no display method", async () => {
    const entity = decodeEntity({ id: "1", name: "m", customProperties: {} });
    const listing = new Paginated(async () => ({ items: [entity], nextPageToken: "" }));
    const array = await listing.toArray();
    for (const value of [entity, listing, array]) {
      expect($display in value).toBe(false);
      expect(Object.getOwnPropertySymbols(value)).toEqual([]);
    }
  });

  it("display() and notebookProgress() throw a ConfigError, before fetching or starting anything", async () => {
    const fetchPage = vi.fn(async () => ({ items: [], nextPageToken: "" }));
    await expect(display(new Paginated(fetchPage))).rejects.toThrow(ConfigError);
    expect(fetchPage).not.toHaveBeenCalled();
    const work = vi.fn(async () => 1);
    await expect(notebookProgress(work)).rejects.toThrow(
      /no Jupyter kernel to display in.*deno jupyter.*tslab/,
    );
    expect(work).not.toHaveBeenCalled();
  });
});
