// Progress of long work (registerModel, downloadModel, verifyModel) as ONE live display in the notebook: updated in
// place as events arrive (at most every `interval` ms, phase changes at once), and replaced by the result card at
// the end, or by the error when the work fails.
import type { ProgressCallback } from "../storage/progress.js";
import { entityKindOf, kindOf } from "../views/kind-of.js";
import { type KernelOptions, type LiveOutput, liveOutput } from "./display.js";
import { toMimeBundle } from "./mime-bundle.js";
import { applyEvent, initialState, type ProgressState, progressView } from "./progress-view.js";

/** Where `notebookProgress` shows its live view, and how often it redraws it. */
export interface NotebookProgressOptions extends KernelOptions {
  /** The display's title, e.g. `"mnist v2"`. Default `"model-registry"`. */
  title?: string | undefined;
  /** Least time between two updates of the display, in ms. Default 250. */
  interval?: number | undefined;
}

/** Sends views of the state to one output, in order, no more often than `interval`. */
class Throttled {
  #chain: Promise<void> = Promise.resolve();
  #last = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly output: LiveOutput,
    private readonly view: () => ReturnType<typeof progressView>,
    private readonly interval: number,
  ) {}

  /** Shows the current state now (`urgent`) or within `interval`. */
  request(urgent: boolean): void {
    if (this.#timer !== undefined) {
      if (!urgent) return;
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    const wait = this.interval - (Date.now() - this.#last);
    if (urgent || wait <= 0) this.#send();
    else
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        this.#send();
      }, wait);
  }

  /** Stops pending updates and waits for those sent. */
  async settle(): Promise<void> {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#chain;
  }

  #send(): void {
    this.#last = Date.now();
    const bundle = this.view();
    // A display that fails must not fail the work: the final show reports display problems.
    this.#chain = this.#chain.then(() => this.output.show(bundle)).catch(() => {});
  }
}

/**
 * Runs work that reports progress and shows it as one live display in the notebook: phase, a progress bar, bytes
 * and files. When the work ends the display becomes registerModel's result card (for another result, the final
 * progress); when it fails, the error, and the error is thrown. Returns the work's result:
 *
 * ```ts
 * const v2 = await notebookProgress((onProgress) => mr.registerModel({ name, version, artifact, onProgress }));
 * ```
 *
 * Deno's kernel is found by itself; in tslab pass `{ tslab }`. Anywhere else a ConfigError, before the work
 * starts. (Assign the result, as above: a cell ending in it would show the card a second time.)
 */
export async function notebookProgress<T>(
  work: (onProgress: ProgressCallback) => Promise<T>,
  options: NotebookProgressOptions = {},
): Promise<T> {
  const output = liveOutput(options);
  const title = options.title ?? "model-registry";
  const state: ProgressState = initialState();
  const updates = new Throttled(output, () => progressView(state, title), options.interval ?? 250);
  updates.request(true);
  let result: T;
  try {
    result = await work((event) => updates.request(applyEvent(state, event)));
  } catch (error) {
    await updates.settle();
    state.error = error instanceof Error ? error.message : String(error);
    await output.show(progressView(state, title)).catch(() => {}); // the work's error is the one to report
    throw error;
  }
  await updates.settle();
  state.phase = "done";
  const card = kindOf(result) === "register result" || entityKindOf(result) !== undefined;
  const final = card ? await toMimeBundle(result) : progressView(state, title);
  await output.show(final);
  return result;
}
