// The view of one kind of entity: the columns of a table of them and the rows of one's card. Both edges render
// these same fields, mr-cli as text and the notebook as HTML.
import type { Field } from "./field.js";

/** How one kind of entity is shown. */
export interface EntityView {
  /** The columns of a table of this kind (the notebook's; mr-cli's too unless `terminal` is set). */
  table: readonly Field[];
  /** mr-cli list's columns where they are not `table`'s: the two edges chose differently before there was one
   * view, and making them one is a visible change of output, left to its own decision. */
  terminal?: readonly Field[];
  /** The rows of mr-cli get's card, where mr-cli has such a command. */
  card?: readonly Field[];
}
