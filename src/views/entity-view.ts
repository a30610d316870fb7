// The view of one kind of entity: the columns of a table of them and the rows of one's card. Both edges render
// these same fields, the terminal as text and the notebook as HTML.
import type { Field } from "./field.js";

/** How one kind of entity is shown. */
export interface EntityView {
  /** The columns of a table of this kind (the notebook's; the terminal's too unless `terminal` is set). */
  table: readonly Field[];
  /** The terminal list's columns where they are not `table`'s: the two edges chose differently before there was one
   * view, and making them one is a visible change of output, left to its own decision. */
  terminal?: readonly Field[];
  /** The rows of the terminal's card of one entity, where it has one. */
  card?: readonly Field[];
}
