// Data goes to stdout: a readable table by default, or JSON/YAML whose shapes are the SDK's entities.
import type { AnyEntity } from "../views/any-entity.js";
import type { Field } from "../views/field.js";
import type { CliContext } from "./context.js";

/** A table column: its header and how to show one row's value. */
export interface Column<T> {
  header: string;
  value: (row: T) => string | number | boolean | undefined;
}

const bold = (text: string) => `\u001b[1m${text}\u001b[22m`;

/** A value on one line (line breaks and runs of spaces as one space), cut to `max` characters with an ellipsis:
 * a readme in a custom property must not break a table. JSON and YAML output keep values whole. */
export function oneLine(value: string, max: number): string {
  const line = value.replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** The widest a table cell gets, in characters. */
const MAX_CELL = 120;
/** The widest a custom property's value gets in a table or card, in characters. */
const MAX_PROPERTY = 60;

/** Renders rows as aligned columns. */
export function renderTable<T>(rows: readonly T[], columns: readonly Column<T>[], color = false): string {
  const cells = rows.map((row) =>
    columns.map((column) => oneLine(String(column.value(row) ?? ""), MAX_CELL)),
  );
  const widths = columns.map((column, i) =>
    Math.max(column.header.length, ...cells.map((line) => line[i]?.length ?? 0)),
  );
  const line = (values: string[]) =>
    values
      .map((value, i) => (i === values.length - 1 ? value : value.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  const header = line(columns.map((column) => column.header));
  return [color ? bold(header) : header, ...cells.map(line)].join("\n");
}

/** Renders one entity as `label: value` lines. */
export function renderCard(fields: readonly [string, string | number | boolean | undefined][]): string {
  const shown = fields
    .filter(([, value]) => value !== undefined && value !== "")
    .map(([label, value]): [string, string | number | boolean | undefined] => [
      label,
      typeof value === "string" ? value.replace(/\s*\n\s*/g, " ") : value,
    ]);
  const width = Math.max(...shown.map(([label]) => label.length));
  return shown.map(([label, value]) => `${`${label}:`.padEnd(width + 2)}${value}`).join("\n");
}

/** Writes `data` as JSON or YAML, or the table text for the table format. */
export async function print(ctx: CliContext, data: unknown, table: () => string): Promise<void> {
  const format = ctx.format();
  let text: string;
  if (format === "json") text = JSON.stringify(data, null, 2);
  else if (format === "yaml") text = (await import("yaml")).stringify(data).trimEnd();
  else text = table();
  ctx.io.stdout.write(`${text}\n`);
}

/** Prints every item of a listing: as a table of `columns`, or as JSON/YAML in those output modes. */
export async function printListing<T>(
  ctx: CliContext,
  listing: { toArray(): Promise<T[]> },
  columns: Column<T>[],
): Promise<void> {
  const rows = await listing.toArray();
  await print(ctx, rows, () => renderTable(rows, columns, ctx.color()));
}

/** Milliseconds since the epoch (as the API sends them) as a short UTC time. */
export function time(ms: string | undefined): string {
  if (!ms) return "";
  return new Date(Number(ms)).toISOString().replace("T", " ").slice(0, 16);
}

/** Custom properties as `k=v, …` for a table cell. */
export function properties(values: Record<string, unknown>): string {
  return Object.entries(values)
    .map(
      ([key, value]) =>
        `${key}=${oneLine(typeof value === "object" ? JSON.stringify(value) : String(value), MAX_PROPERTY)}`,
    )
    .join(", ");
}

type Cell = string | number | boolean | undefined;

/** A view's field of one entity as mr-cli writes it: times to the minute, lists as `a, b`, properties as `k=v`. */
function cell(field: Field, entity: AnyEntity): Cell {
  const value = field.value(entity);
  if (field.format === "time") return time(value as string | undefined);
  if (field.format === "properties") return properties((value ?? {}) as Record<string, unknown>);
  if (field.format === "list") return (Array.isArray(value) ? value : []).join(", ");
  return value === null ? undefined : (value as Cell);
}

/** A view's fields as table columns, headed by their (short) labels in capitals. */
export function viewColumns<T>(fields: readonly Field[]): Column<T>[] {
  return fields.map((field) => ({
    header: (field.heading ?? field.label).toUpperCase(),
    value: (row: T) => cell(field, row as AnyEntity),
  }));
}

/** A view's fields of one entity as card rows, for {@link renderCard}. */
export function viewCard(fields: readonly Field[], entity: object): [string, Cell][] {
  return fields.map((field) => [field.label, cell(field, entity as AnyEntity)]);
}
