// A view's field as the text of a notebook table cell (the table escapes it for HTML).
import type { AnyEntity } from "../views/any-entity.js";
import type { Field } from "../views/field.js";
import { formatProperties, formatTime, formatValue, truncate } from "./format.js";

/** The most characters a text cell shows unless its field says otherwise. */
const TEXT_WIDTH = 60;

/** One field of one entity as a table cell: times in UTC, lists as `a, b`, custom properties as `k=v, …`, any other
 * value as text cut to the field's width. */
export function tableCell(field: Field, entity: AnyEntity): string {
  const value = field.value(entity);
  switch (field.format) {
    case "time":
      return formatTime(value);
    case "properties":
      return formatProperties(value as Record<string, unknown> | undefined);
    case "list":
      return Array.isArray(value) ? value.join(", ") : "";
    default:
      return truncate(formatValue(value), field.width ?? TEXT_WIDTH);
  }
}
