// The one place that answers "how is a kind shown": its view, and the fields of a table of given kinds.
import { CATALOG_VIEWS } from "./catalog-views.js";
import type { EntityView } from "./entity-view.js";
import { CREATED, type Field, ID, NAME, STATE } from "./field.js";
import { entityKindOf } from "./kind-of.js";
import { REGISTRY_VIEWS } from "./registry-views.js";

const VIEWS: Readonly<Record<string, EntityView>> = { ...REGISTRY_VIEWS, ...CATALOG_VIEWS };

/** A kind that has a view of its own ("model version", "catalog source"): what the edges name in code. */
export type ViewKind = keyof typeof REGISTRY_VIEWS | keyof typeof CATALOG_VIEWS;

/** The columns a table of several kinds shows: what all entities have, and each row's kind. */
const MIXED: readonly Field[] = [
  ID,
  { label: "kind", value: (e) => entityKindOf(e) ?? "" },
  NAME,
  STATE,
  CREATED,
];

/** The view of a kind ("model version"); a kind with none of its own (a doc artifact, a metric, a data set) is
 * shown as any artifact. */
export function viewOf(kind: string): EntityView {
  return VIEWS[kind] ?? REGISTRY_VIEWS.artifact;
}

/** The columns of a table of entities of these kinds; mixed kinds get the fields all entities share. */
export function tableFields(kinds: ReadonlySet<string>): readonly Field[] {
  const [only] = kinds;
  return kinds.size === 1 && only !== undefined ? viewOf(only).table : MIXED;
}

/** The columns of the terminal's table of a kind. */
export function terminalFields(kind: ViewKind): readonly Field[] {
  const view = viewOf(kind);
  return view.terminal ?? view.table;
}

/** The rows of the terminal's card of a kind (none for a kind it has no card of). */
export function cardFields(kind: ViewKind): readonly Field[] {
  return viewOf(kind).card ?? [];
}
