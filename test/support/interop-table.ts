// Field-by-field comparison of what the official Python client sees with what ours sees, kept as a table (entity,
// field, written by, read by, equal?) under .cache/interop/ for the closing notes and for anyone debugging a mismatch.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";

export interface InteropRow {
  entity: string;
  field: string;
  writtenBy: string;
  readBy: string;
  equal: boolean;
  /** How the values compare when they are not the same JSON. */
  note?: string;
}

const camel = (snake: string) => snake.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** One row per field the Python client reports (`python`, its snake_case names) against our entity (`ours`): the
 * plain fields by their camelCase names, then each custom property. A struct Python returns as the JSON text the
 * server sends is equal when that text parses to our object. */
export function compareEntity(
  entity: string,
  direction: { writtenBy: string; readBy: string },
  python: Record<string, unknown> & { custom_properties?: Record<string, unknown> },
  ours: Record<string, unknown> & { customProperties?: Record<string, unknown> },
): InteropRow[] {
  const rows: InteropRow[] = [];
  const { custom_properties: pyProps = {}, ...fields } = python;
  for (const [field, value] of Object.entries(fields))
    rows.push({
      entity,
      field: camel(field),
      ...direction,
      equal: isDeepStrictEqual(value, ours[camel(field)]),
    });
  const ourProps = ours.customProperties ?? {};
  for (const key of new Set([...Object.keys(pyProps), ...Object.keys(ourProps)])) {
    const [py, ts] = [pyProps[key], ourProps[key]];
    const struct = typeof py === "string" && ts !== null && typeof ts === "object";
    const equal = struct ? isDeepStrictEqual(JSON.parse(py), ts) : isDeepStrictEqual(py, ts);
    rows.push({
      entity,
      field: `customProperties.${key}`,
      ...direction,
      equal,
      ...(struct ? { note: "struct: Python gives the JSON text" } : {}),
    });
  }
  return rows;
}

/** Writes the rows as a Markdown table to .cache/interop/<name>.md and returns its path. */
export function writeInteropTable(name: string, rows: InteropRow[]): string {
  const dir = join(fileURLToPath(new URL("../..", import.meta.url)), ".cache", "interop");
  mkdirSync(dir, { recursive: true });
  const lines = [
    "| entity | field | written by | read by | equal? |",
    "| --- | --- | --- | --- | --- |",
    ...rows.map(
      (r) =>
        `| ${r.entity} | ${r.field} | ${r.writtenBy} | ${r.readBy} | ${r.equal ? "yes" : "NO"}${r.note ? ` (${r.note})` : ""} |`,
    ),
  ];
  const path = join(dir, `${name}.md`);
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}
