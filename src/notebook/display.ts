// Sending MIME bundles to the notebook: through Deno.jupyter.display in Deno's kernel, through tslab's display API
// in tslab's Node kernel. A live output shows one display and then replaces it in place (Jupyter's display_id and
// update_display_data), which is how progress updates without a wall of lines.
import { ConfigError } from "../errors.js";
import { type MimeBundle, type RenderOptions, toMimeBundle } from "./mime-bundle.js";

/** tslab's display API, the part used here (tslab sends one media type per output: the HTML). */
export interface TslabDisplay {
  /** Shows HTML as the cell's output. */
  html(html: string): void;
  /** Shows plain text as the cell's output. */
  text(text: string): void;
}

/** The tslab module as a notebook imports it: `import * as tslab from "tslab"`. */
export interface Tslab {
  /** Shows an output below the cell. */
  display: TslabDisplay;
  /** A display that replaces its own output on every call after the first. */
  newDisplay(): TslabDisplay;
}

/** Where to display. Deno's kernel is found by itself; tslab's has to be handed in. */
export interface KernelOptions {
  /** In tslab's Node kernel: the tslab module (`import * as tslab from "tslab"`). */
  tslab?: Tslab | undefined;
}

/** How `display` shows a value: where (the kernel) and how much (rows, property count). */
export interface DisplayOptions extends KernelOptions, RenderOptions {}

type DenoDisplay = (
  bundle: MimeBundle,
  options: { raw: true; display_id?: string; update?: boolean },
) => Promise<void>;

/** Deno.jupyter.display in Deno's kernel, else undefined (Deno.jupyter throws outside `deno jupyter`). */
export function denoJupyterDisplay(): DenoDisplay | undefined {
  const deno = (globalThis as { Deno?: { jupyter?: { display?: unknown } } }).Deno;
  try {
    const display = deno?.jupyter?.display;
    return typeof display === "function" ? (display as DenoDisplay) : undefined;
  } catch {
    return undefined;
  }
}

/** One output area: `show` displays a bundle the first time and replaces it after that. */
export interface LiveOutput {
  show(bundle: MimeBundle): Promise<void>;
}

function noKernel(): ConfigError {
  return new ConfigError(
    "there is no Jupyter kernel to display in: run this in Deno's kernel (deno jupyter), or pass { tslab } " +
      '(import * as tslab from "tslab") in tslab\'s Node kernel',
  );
}

function sendToTslab(target: TslabDisplay, bundle: MimeBundle): void {
  if (typeof bundle["text/html"] === "string") target.html(bundle["text/html"]);
  else target.text(bundle["text/plain"]);
}

/** Sends one bundle as a new output of the current kernel; ConfigError when there is none. */
function sender(options: KernelOptions): (bundle: MimeBundle) => Promise<void> {
  const { tslab } = options;
  if (tslab) return async (bundle) => sendToTslab(tslab.display, bundle);
  const denoDisplay = denoJupyterDisplay();
  if (!denoDisplay) throw noKernel();
  return (bundle) => denoDisplay(bundle, { raw: true });
}

/** A live output in the current kernel; ConfigError when there is none. */
export function liveOutput(options: KernelOptions = {}): LiveOutput {
  if (options.tslab) {
    const target = options.tslab.newDisplay();
    return { show: async (bundle) => sendToTslab(target, bundle) };
  }
  const denoDisplay = denoJupyterDisplay();
  if (!denoDisplay) throw noKernel();
  const id = `model-registry-${crypto.randomUUID()}`;
  let shown = false;
  return {
    async show(bundle) {
      const update = shown;
      shown = true;
      await denoDisplay(bundle, { raw: true, display_id: id, update });
    },
  };
}

/**
 * Shows an SDK value in the notebook now, wherever it is in the cell: an entity as a card, a list or a listing as a
 * table (a listing is fetched; see {@link RenderOptions}), registerModel's and deploy's results as cards. In Deno's
 * kernel a cell that ends with such a value shows it by itself; this is for the middle of a cell and for tslab.
 */
export async function display(value: unknown, options: DisplayOptions = {}): Promise<void> {
  const send = sender(options); // before any listing is fetched: no kernel, no requests
  await send(await toMimeBundle(value, options));
}
