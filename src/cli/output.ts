// Data goes to stdout: a readable table by default, or JSON/YAML whose shapes are the SDK's entities.
import type { CliContext } from "./context.js";

/** A table column: its header and how to show one row's value. */
export interface Column<T> {
  header: string;
  value: (row: T) => string | number | boolean | undefined;
}

const bold = (text: string) => `\u001b[1m${text}\u001b[22m`;

/** Renders rows as aligned columns. */
export function renderTable<T>(rows: readonly T[], columns: readonly Column<T>[], color = false): string {
  const cells = rows.map((row) => columns.map((column) => String(column.value(row) ?? "")));
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
  const shown = fields.filter(([, value]) => value !== undefined && value !== "");
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

/** Milliseconds since the epoch (as the API sends them) as a short UTC time. */
export function time(ms: string | undefined): string {
  if (!ms) return "";
  return new Date(Number(ms)).toISOString().replace("T", " ").slice(0, 16);
}

/** Custom properties as `k=v, …` for a table cell. */
export function properties(values: Record<string, unknown>): string {
  return Object.entries(values)
    .map(([key, value]) => `${key}=${typeof value === "object" ? JSON.stringify(value) : String(value)}`)
    .join(", ");
}
