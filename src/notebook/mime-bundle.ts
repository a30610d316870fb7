// Values of the SDK as Jupyter MIME bundles. This is what the display hook loads (see
// src/jupyter-display.ts): an entity becomes a card, a list or a listing a table, registerModel's result its card.
import type { CatalogModel, CatalogModelDescription } from "../catalog/catalog-types.js";
import { Paginated } from "../client/paginate.js";
import type { AnyEntity } from "../views/any-entity.js";
import { asEntity, entityKindOf, kindOf } from "../views/kind-of.js";
import type { RegisterModelResult } from "../workflows/register/register-model.js";
import { catalogCard } from "./catalog-card.js";
import { catalogEntryCard } from "./catalog-entry-card.js";
import { type DeployOutcome, deployCard } from "./deploy-card.js";
import { entityCard } from "./entity-card.js";
import { entityTable } from "./entity-table.js";
import { toJson } from "./format.js";
import type { MimeBundle } from "./mime.js";
import { resultCard } from "./result-card.js";

export type { MimeBundle } from "./mime.js";

/** How much of a list to show. */
export interface RenderOptions {
  /** Rows shown of a list or listing; the rest are counted. Default 50. */
  maxRows?: number | undefined;
  /** A listing (Paginated) is walked this far to count what is not shown. Default 1000 items, 10 requests with
   * the default page size. */
  countLimit?: number | undefined;
}

const DEFAULT_ROWS = 50;
const DEFAULT_COUNT_LIMIT = 1000;

/** The first `maxRows` items of a listing and a count of the rest (up to `countLimit`). */
async function listingTable(
  listing: Paginated<unknown>,
  maxRows: number,
  countLimit: number,
): Promise<MimeBundle> {
  const rows: AnyEntity[] = [];
  let seen = 0;
  for await (const { items } of listing.pages()) {
    for (const item of items) {
      const entity = asEntity(item);
      if (rows.length < maxRows && entity) rows.push(entity);
    }
    seen += items.length;
    if (seen >= Math.max(countLimit, maxRows + 1))
      return entityTable(rows, { more: seen - rows.length, atLeast: true });
  }
  return entityTable(rows, { more: seen - rows.length });
}

/** The card of each kind of value that has one of its own; any other entity's is {@link entityCard}. */
const CARDS: Record<string, (value: never) => MimeBundle> = {
  "register result": (result: RegisterModelResult) => resultCard(result),
  "deploy outcome": (outcome: DeployOutcome) => deployCard(outcome),
  "catalog model description": ({ model, artifacts }: CatalogModelDescription) =>
    catalogCard(model, artifacts),
  "catalog model": (model: CatalogModel) => catalogCard(model),
  "catalog mcp server": (server: object) => catalogEntryCard("catalog mcp server", server),
  "catalog mcp tool": (tool: object) => catalogEntryCard("catalog mcp tool", tool),
  "catalog agent": (agent: object) => catalogEntryCard("catalog agent", agent),
  "catalog skill": (skill: object) => catalogEntryCard("catalog skill", skill),
};

/**
 * The MIME bundle of an SDK value: an entity (card), an array of entities or a listing (table, cut at `maxRows`
 * with a count of the rest; a listing is fetched for this), registerModel's and deploy's results (cards). Anything
 * else is shown as JSON text. Async because a listing has to be fetched.
 */
export async function toMimeBundle(value: unknown, options: RenderOptions = {}): Promise<MimeBundle> {
  const maxRows = options.maxRows ?? DEFAULT_ROWS;
  const kind = kindOf(value);
  if (kind !== undefined) return (CARDS[kind] ?? entityCard)(value as never);
  // An array of entities is a table (an empty array too: it shows as an empty table).
  if (Array.isArray(value) && value.every((item) => entityKindOf(item) !== undefined)) {
    const rows = value.slice(0, maxRows) as AnyEntity[];
    return entityTable(rows, { more: Math.max(0, value.length - maxRows) });
  }
  if (value instanceof Paginated)
    return listingTable(value as Paginated<unknown>, maxRows, options.countLimit ?? DEFAULT_COUNT_LIMIT);
  try {
    const json = toJson(value);
    return { "text/plain": JSON.stringify(json, null, 2), "application/json": json };
  } catch {
    return { "text/plain": String(value) }; // not JSON-able (a bigint, a cycle)
  }
}
