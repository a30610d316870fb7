// A change of a few custom properties that holds against concurrent writers. The server has no compare-and-swap and
// its PATCH replaces the whole map, so a writer that read the map before our write and writes after it puts back what
// it read: our change is gone, and nothing tells us. So: write only the keys asked for (every other key as just read),
// wait, read again, and write again any key that is back at the value it had before our write. A key that holds a
// third value meanwhile is another writer's later change: it is theirs (last writer wins) and left alone.

import { ConcurrentChangeError } from "../errors.js";
import type { CallOptions } from "./call-options.js";
import { type CustomPropertyValue, decodeCustomProperty, encodeCustomProperty } from "./custom-properties.js";
import { type CustomPropertiesInput, mergeCustomProperties } from "./entity.js";
import { sleep } from "./retry.js";
import type { MetadataValue } from "./types.js";

type WireProperties = Record<string, MetadataValue>;

/** How a change of custom properties is made to hold; see `changeCustomProperties`. */
export interface PropertyChangeOptions extends CallOptions {
  /** How long to wait after a write before reading it back, in ms: a concurrent writer whose read came before our
   * write and whose write lands within this time is caught, and our change written again. Default 500. */
  settleMs?: number | undefined;
  /** Writes at most this many times before giving up with a ConcurrentChangeError. Default 5. */
  attempts?: number | undefined;
}

/** What a change of custom properties did. */
export interface PropertyChange<T> {
  /** The entity as last read: after the change held (or, with `status: "unchanged"`, as found). */
  entity: T;
  /** `changed`: written and read back. `unchanged`: every key already had its value; nothing was written.
   * `superseded`: every key this call wrote was changed again by a later writer (their values are kept). */
  status: "changed" | "unchanged" | "superseded";
  /** Keys whose value a later writer changed (theirs was kept); empty when none. */
  superseded: string[];
  /** How many PATCH requests were sent (0 when unchanged; more than 1 when a stale writer undid a write). */
  writes: number;
}

/** What reads and writes the entity's map: the resource's GET, and its PATCH of the whole map (state kept). */
export interface PropertyIo<T> {
  read(): Promise<T>;
  write(current: T, customProperties: WireProperties): Promise<T>;
}

const same = (a: MetadataValue | undefined, b: MetadataValue | undefined): boolean =>
  a === undefined || b === undefined
    ? a === b
    : a.metadataType === b.metadataType && json(decodeCustomProperty(a)) === json(decodeCustomProperty(b));

const json = (value: CustomPropertyValue) => JSON.stringify(value);

/**
 * Sets (or, for null, removes) each key of `changes` on an entity so that the change survives writers that replace
 * the whole map concurrently: see the file's comment. The promise: a change of ours is lost only to a writer whose
 * read-to-write took longer than `settleMs`, or who sets a key back to exactly the value it had before ours.
 * @throws ConcurrentChangeError when the change was undone `attempts` times in a row.
 */
export async function changeProperties<T extends { customProperties?: WireProperties }>(
  io: PropertyIo<T>,
  changes: CustomPropertiesInput,
  options: PropertyChangeOptions = {},
): Promise<{ raw: T; status: PropertyChange<T>["status"]; superseded: string[]; writes: number }> {
  const settleMs = options.settleMs ?? 500;
  const attempts = options.attempts ?? 5;
  const wanted = new Map<string, MetadataValue | undefined>();
  for (const [key, value] of Object.entries(changes))
    wanted.set(key, value === null || value === undefined ? undefined : encodeCustomProperty(key, value));
  let before: Map<string, MetadataValue | undefined> | undefined; // each key's value before our first write
  const superseded: string[] = [];
  let writes = 0;
  for (;;) {
    const current = await io.read();
    const map = current.customProperties ?? {};
    before ??= new Map([...wanted.keys()].map((key) => [key, map[key]]));
    const pending: CustomPropertiesInput = {};
    for (const [key, value] of wanted) {
      if (same(map[key], value)) continue;
      if (writes > 0 && !same(map[key], before.get(key))) {
        superseded.push(key); // a third value: a later writer's, kept
        wanted.delete(key);
        continue;
      }
      pending[key] = changes[key] ?? null; // not written yet, or put back by a stale map: (re)write it
    }
    if (Object.keys(pending).length === 0) {
      const status = writes === 0 ? "unchanged" : wanted.size === 0 ? "superseded" : "changed";
      return { raw: current, status, superseded, writes };
    }
    if (writes >= attempts) throw new ConcurrentChangeError(Object.keys(pending), writes);
    await io.write(current, mergeCustomProperties(map, pending));
    writes++;
    // The first read-back waits settleMs; later ones (a stale writer is about) up to twice that, at random, so that
    // writers putting their keys back do not keep meeting.
    await sleep(settleMs * (writes === 1 ? 1 : 1 + Math.random()), options.signal);
  }
}
