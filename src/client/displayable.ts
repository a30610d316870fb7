// Jupyter's display protocol: Deno's kernel shows a cell's value through this method, awaiting what it returns.
const JUPYTER_DISPLAY = Symbol.for("Jupyter.display");
let inDenoKernel: boolean | undefined;

function detectDenoKernel(): boolean {
  const deno = (globalThis as { Deno?: { jupyter?: unknown } }).Deno;
  if (deno === undefined) return false;
  try {
    return typeof deno.jupyter === "object" && deno.jupyter !== null;
  } catch {
    return false; // Deno.jupyter throws outside `deno jupyter`
  }
}

/**
 * In Deno's Jupyter kernel, gives `value` a non-enumerable `Symbol.for("Jupyter.display")` method that loads the
 * notebook renderer (src/notebook) when first called, so entities, listings and results show as cards and tables.
 * Anywhere else it returns `value` untouched and the renderer is never loaded. JSON and equality ignore the method.
 */
export function displayable<T extends object>(value: T): T {
  inDenoKernel ??= detectDenoKernel();
  if (inDenoKernel)
    Object.defineProperty(value, JUPYTER_DISPLAY, {
      value: async () => (await import("../notebook/mime-bundle.js")).toMimeBundle(value),
      configurable: true,
      writable: true,
    });
  return value;
}
