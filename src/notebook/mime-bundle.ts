// Values of the SDK as Jupyter MIME bundles. This is what the display hook loads (see
// src/jupyter-display.ts): an entity becomes a card, a list or a listing a table, registerModel's result its card.
import { Paginated } from "../client/paginate.js";
import { catalogCard, isCatalogDescription, isCatalogModel } from "./catalog-card.js";
import { deployCard, isDeployOutcome } from "./deploy-card.js";
import { entityCard } from "./entity-card.js";
import { type AnyEntity, isEntity } from "./entity-kind.js";
import { entityTable } from "./entity-table.js";
import { toJson } from "./format.js";
import type { MimeBundle } from "./mime.js";
import { isRegisterResult, resultCard } from "./result-card.js";

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
    for (const item of items) if (rows.length < maxRows && isEntity(item)) rows.push(item);
    seen += items.length;
    if (seen >= Math.max(countLimit, maxRows + 1))
      return entityTable(rows, { more: seen - rows.length, atLeast: true });
  }
  return entityTable(rows, { more: seen - rows.length });
}

/** Whether every item of an array is an entity (an empty array counts: it shows as an empty table). */
const isEntityList = (value: unknown): value is AnyEntity[] => Array.isArray(value) && value.every(isEntity);

/**
 * The MIME bundle of an SDK value: an entity (card), an array of entities or a listing (table, cut at `maxRows`
 * with a count of the rest; a listing is fetched for this), registerModel's and deploy's results (cards). Anything
 * else is shown as JSON text. Async because a listing has to be fetched.
 */
export async function toMimeBundle(value: unknown, options: RenderOptions = {}): Promise<MimeBundle> {
  const maxRows = options.maxRows ?? DEFAULT_ROWS;
  if (isRegisterResult(value)) return resultCard(value);
  if (isDeployOutcome(value)) return deployCard(value);
  if (isCatalogDescription(value)) return catalogCard(value.model, value.artifacts);
  if (isCatalogModel(value)) return catalogCard(value);
  if (isEntity(value)) return entityCard(value);
  if (isEntityList(value))
    return entityTable(value.slice(0, maxRows), { more: Math.max(0, value.length - maxRows) });
  if (value instanceof Paginated)
    return listingTable(value as Paginated<unknown>, maxRows, options.countLimit ?? DEFAULT_COUNT_LIMIT);
  try {
    const json = toJson(value);
    return { "text/plain": JSON.stringify(json, null, 2), "application/json": json };
  } catch {
    return { "text/plain": String(value) }; // not JSON-able (a bigint, a cycle)
  }
}
