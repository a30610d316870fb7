// A list of entities as a table, cut at a number of rows with a note of how many more there are.
import type { AnyEntity } from "../views/any-entity.js";
import { entityKindOf, plural } from "../views/kind-of.js";
import { tableFields } from "../views/view-of.js";
import { toJson, truncate } from "./format.js";
import { BOX_STYLE, escapeHtml, MUTED_STYLE, ROW_CELL_STYLE, TABLE_STYLE, TH_STYLE } from "./html.js";
import type { MimeBundle } from "./mime.js";
import { tableCell } from "./table-cell.js";

/** What is known of the rows beyond those shown. */
export interface TableRest {
  /** How many more rows there are (beyond those shown). */
  more: number;
  /** The count stopped there: there may be even more. */
  atLeast?: boolean | undefined;
}

const TEXT_CELL = 40;

function moreNote(rest: TableRest): string {
  if (rest.more <= 0) return "";
  return rest.atLeast ? `… and at least ${rest.more} more` : `… and ${rest.more} more`;
}

function title(rows: readonly AnyEntity[], kinds: ReadonlySet<string>, rest: TableRest): string {
  const [only] = kinds;
  const total = rows.length + rest.more;
  const noun = kinds.size === 1 && only ? plural(only, total) : total === 1 ? "entity" : "entities";
  const count = `${rest.atLeast ? "at least " : ""}${total}`;
  return rest.more > 0 ? `${count} ${noun}, first ${rows.length} shown` : `${count} ${noun}`;
}

/** Text columns padded to their widths. */
function textTable(header: string[], cells: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i]?.length ?? 0)));
  const line = (values: string[]) =>
    values
      .map((value, i) => value.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(header), ...cells.map(line)];
}

/** Entities as a MIME bundle: an HTML table, aligned text, and the shown entities as JSON. */
export function entityTable(rows: readonly AnyEntity[], rest: TableRest = { more: 0 }): MimeBundle {
  const kinds = new Set(rows.map((row) => entityKindOf(row) ?? "entity"));
  const columns = tableFields(kinds);
  const cells = rows.map((row) => columns.map((column) => tableCell(column, row)));
  const heading = rows.length === 0 ? "no items" : title(rows, kinds, rest);
  const note = moreNote(rest);

  const head = columns.map((c) => `<th style="${TH_STYLE}">${escapeHtml(c.label)}</th>`).join("");
  const body = cells
    .map(
      (row) =>
        `<tr>${row.map((cell) => `<td style="${ROW_CELL_STYLE}">${escapeHtml(cell)}</td>`).join("")}</tr>`,
    )
    .join("");
  const html = [
    `<div style="${BOX_STYLE}">`,
    `<div style="${MUTED_STYLE}">${escapeHtml(heading)}</div>`,
    rows.length > 0
      ? `<table style="${TABLE_STYLE}"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`
      : "",
    note ? `<div style="${MUTED_STYLE}">${escapeHtml(note)}</div>` : "",
    "</div>",
  ].join("");

  const textCells = cells.map((row) => row.map((cell) => truncate(cell, TEXT_CELL)));
  const text = [
    heading,
    ...(rows.length > 0
      ? textTable(
          columns.map((c) => c.label),
          textCells,
        )
      : []),
    ...(note ? [note] : []),
  ].join("\n");

  return { "text/plain": text, "text/html": html, "application/json": toJson(rows) };
}
