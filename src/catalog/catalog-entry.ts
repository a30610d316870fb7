// One entry of the MCP-server, agent or skill catalog, named as a user names it. The catalog's own paths take only its
// numeric id, which it may hand out anew when it reloads its sources; people and scripts know the name. A name is
// looked up with the listing's `name` filter (one request; a LIKE pattern there, so only equal names are kept),
// narrowed to a source when several have it.
import type { CallOptions } from "../client/call-options.js";
import { ConfigError, NotFoundError } from "../errors.js";

/** An entry as the listings return it: its id, its name and its source. */
interface Named {
  id: string;
  name: string;
  sourceId?: string | undefined;
}

/** How to find entries of one kind. */
export interface EntryFinder<T extends Named> {
  /** What the entry is, in messages: `MCP server`, `agent`, `skill`. */
  what: string;
  /** The listing's URL for a name (in the generation in use), for the message of a name that matches nothing. */
  listUrl: (name: string) => string;
  /** The entry of this id; a NotFoundError when there is none. */
  byId: (id: string, options: CallOptions) => Promise<T>;
  /** The entries the catalog's `name` filter matches (a LIKE pattern: the caller keeps the equal names). */
  byName: (name: string, options: CallOptions) => Promise<T[]>;
}

const DIGITS = /^\d+$/;

function notFound(finder: EntryFinder<Named>, ref: string, said: string): NotFoundError {
  return new NotFoundError({
    status: 404,
    code: "Not Found",
    serverMessage: said,
    method: "GET",
    url: finder.listUrl(ref),
    subject: `catalog ${finder.what} ${JSON.stringify(ref)}`,
    service: "catalog",
  });
}

/**
 * The entry a user named: digits are its id (and, when no entry has that id, a name), anything else its exact name;
 * in `source` when given.
 * @throws NotFoundError when nothing has that id or name, or when several sources have that name and no `source`
 * says which (the message names them and their ids); ConfigError for an empty name.
 */
export async function findEntry<T extends Named>(
  finder: EntryFinder<T>,
  ref: string,
  options: CallOptions & { source?: string | undefined },
): Promise<T> {
  if (typeof ref !== "string" || ref.trim() === "")
    throw new ConfigError(
      `a catalog ${finder.what} is named by its id or its name, not ${JSON.stringify(ref)}`,
    );
  const inSource = (entry: T) => options.source === undefined || entry.sourceId === options.source;
  let missing: unknown;
  if (DIGITS.test(ref)) {
    try {
      const found = await finder.byId(ref, options);
      if (inSource(found)) return found;
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      missing = error;
    }
  }
  // The catalog's `name` filter is SQL LIKE (`_` and `%` match any character): only equal names count.
  const named = (await finder.byName(ref, options)).filter((entry) => entry.name === ref && inSource(entry));
  if (missing && named.length === 0) throw missing;
  const [only, ...others] = named;
  if (only && others.length === 0) return only;
  const where = options.source === undefined ? "" : ` in source ${JSON.stringify(options.source)}`;
  if (!only) throw notFound(finder as EntryFinder<Named>, ref, `no ${finder.what} has this name${where}`);
  const which = named.map((entry) => `${entry.sourceId ?? "?"} (id ${entry.id})`).join(", ");
  throw notFound(
    finder as EntryFinder<Named>,
    ref,
    `${named.length} ${finder.what}s have this name, in sources ${which}: name the source, or use the id`,
  );
}

/** The source of an entry under both generations' names (`sourceId`, v1alpha1's `source_id`). */
export function withBothSourceNames<T extends object>(raw: T): T & { sourceId?: string; source_id?: string } {
  const { sourceId, source_id } = raw as { sourceId?: string; source_id?: string };
  const id = sourceId ?? source_id;
  return id === undefined ? raw : { ...raw, sourceId: id, source_id: id };
}
