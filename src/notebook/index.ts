/**
 * model-registry/notebook: the SDK in Jupyter. In Deno's kernel entities, lists, listings and registerModel's
 * result render as HTML cards and tables by themselves (Jupyter's display protocol); this module adds `display()`
 * for the middle of a cell and for tslab's Node kernel, and `notebookProgress()` for live progress. Nothing here is
 * loaded unless a notebook imports it or Deno's kernel displays an SDK value.
 * @packageDocumentation
 */

export {
  type DisplayOptions,
  display,
  type KernelOptions,
  type Tslab,
  type TslabDisplay,
} from "./display.js";
export { type MimeBundle, type RenderOptions, toMimeBundle } from "./mime-bundle.js";
export { type NotebookProgressOptions, notebookProgress } from "./progress.js";
