// An MCP server, an MCP tool, an agent or a skill as a card: the rows of its kind's view (the same the terminal's
// `get` shows), and below an MCP server the table of its tools when they came with it.
import type { AnyEntity } from "../views/any-entity.js";
import { cardFields, type ViewKind } from "../views/view-of.js";
import { entityTitle } from "./entity-card.js";
import { entityTable } from "./entity-table.js";
import { toJson } from "./format.js";
import { BOX_STYLE, fieldLines, fieldTable } from "./html.js";
import type { MimeBundle } from "./mime.js";
import { tableCell } from "./table-cell.js";

/** The kinds shown by this card. */
export type CatalogEntryKind = "catalog mcp server" | "catalog mcp tool" | "catalog agent" | "catalog skill";

/** One catalog entry as a MIME bundle: an HTML card (with an MCP server's tools as a table), text and JSON. */
export function catalogEntryCard(kind: CatalogEntryKind, entry: object): MimeBundle {
  const entity = entry as AnyEntity;
  const rows = cardFields(kind as ViewKind)
    .filter((field) => field.label !== "id" && field.label !== "name")
    .map((field): [string, string | undefined] => [field.label, tableCell(field, entity) || undefined]);
  const tools =
    kind === "catalog mcp server" && Array.isArray(entity.tools) ? entityTable(entity.tools) : undefined;
  const text = [`${kind} ${JSON.stringify(entity.name ?? "")} (id ${entity.id})`, ...fieldLines(rows)];
  return {
    "text/plain": [...text, ...(tools ? ["", String(tools["text/plain"])] : [])].join("\n"),
    "text/html": `<div style="${BOX_STYLE}"><div>${entityTitle(entity, kind)}</div>${fieldTable(rows)}${tools?.["text/html"] ?? ""}</div>`,
    "application/json": toJson(entry),
  };
}
