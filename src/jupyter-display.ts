// Deno's Jupyter kernel shows a cell's value through its `Symbol.for("Jupyter.display")` method, awaiting what it
// returns. In that kernel (and only there) this gives every value the client produces such a method, non-enumerable,
// which loads the notebook renderer (src/notebook) when first called: entities, listings and results then show as
// cards and tables with no call from the user. JSON and equality ignore the method. Imported by the package entry.
import { setDisplayDecorator } from "./client/displayable.js";

const JUPYTER_DISPLAY = Symbol.for("Jupyter.display");

/** Whether this is Deno's Jupyter kernel (`Deno.jupyter` exists; outside `deno jupyter` reading it throws). */
function inDenoKernel(): boolean {
  const deno = (globalThis as { Deno?: { jupyter?: unknown } }).Deno;
  if (deno === undefined) return false;
  try {
    return typeof deno.jupyter === "object" && deno.jupyter !== null;
  } catch {
    return false;
  }
}

// Asked on the first value, not at import: a kernel may define Deno.jupyter after this module loads.
let kernel: boolean | undefined;
setDisplayDecorator((value) => {
  kernel ??= inDenoKernel();
  if (!kernel) return;
  Object.defineProperty(value, JUPYTER_DISPLAY, {
    value: async () => (await import("./notebook/mime-bundle.js")).toMimeBundle(value),
    configurable: true,
    writable: true,
  });
});
