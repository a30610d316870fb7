// One field of a view: what a column of a table or a row of a card shows, named once for every edge. A field says
// where its value comes from and what sort of value it is; the edge (the terminal's text, the notebook's HTML) decides
// how to write a time, a list or custom properties, and how wide a cell may be.
import type { AnyEntity } from "./any-entity.js";

/** What sort of value a field holds, which decides how an edge writes it. */
export type FieldFormat = "text" | "time" | "properties" | "list";

/** One column of a table, or one row of a card. */
export interface Field {
  /** Its label: a notebook table's header and a card's label; the terminal's header in capitals. */
  label: string;
  /** The terminal's shorter header where it has one (`env` for `environment id`); default the label. */
  heading?: string;
  /** The value, from the entity's fields. */
  value: (entity: AnyEntity) => unknown;
  /** What sort of value it is; default text. */
  format?: FieldFormat;
  /** The most characters a notebook table cell of this text shows; default 60. */
  width?: number;
}

/** A text field read from `key`, labelled `label` (default the key). */
export const text = (key: string, label = key, more: Partial<Field> = {}): Field => ({
  label,
  value: (e) => e[key],
  ...more,
});

/** A list field (`tasks`), written as `a, b`. */
export const list = (key: string, label = key): Field => ({ label, value: (e) => e[key], format: "list" });

/** The fields most entities have. */
export const ID = text("id");
export const NAME = text("name");
export const STATE = text("state");
export const OWNER = text("owner");
export const AUTHOR = text("author");
export const DESCRIPTION = text("description");
export const URI = text("uri", "uri", { width: 80 });
export const CREATED: Field = { label: "created", value: (e) => e.createTimeSinceEpoch, format: "time" };
export const UPDATED: Field = { label: "updated", value: (e) => e.lastUpdateTimeSinceEpoch, format: "time" };
export const PROPERTIES: Field = {
  label: "properties",
  value: (e) => e.customProperties,
  format: "properties",
};

/** A model artifact's format and its version: `onnx 1`. */
export const FORMAT: Field = {
  label: "format",
  value: (e) => [e.modelFormatName, e.modelFormatVersion].filter(Boolean).map(String).join(" "),
};
