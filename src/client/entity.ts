// Entities as users see them: custom properties as plain JS values in and out. The wire form of each entity's
// properties is kept aside, for callers that need the exact metadata types.
import {
  type CustomPropertyInput,
  type CustomPropertyValue,
  decodeCustomProperties,
  decodeCustomProperty,
  encodeCustomProperties,
  encodeCustomProperty,
} from "./custom-properties.js";
import { displayable } from "./displayable.js";
import type { MetadataValue } from "./types.js";

type WireProperties = Record<string, MetadataValue>;

/** An entity read from the server: `id` is always set, `customProperties` are plain values. */
export type Entity<T> = T extends unknown
  ? Omit<T, "customProperties" | "id"> & { id: string; customProperties: Record<string, CustomPropertyValue> }
  : never;

/** Custom properties to write: plain values, `int()`/`double()` to force a number type; null/undefined entries are
 * dropped (or, with `mergeCustomProperties`, removed from the entity). */
export type CustomPropertiesInput = Record<string, CustomPropertyInput | null | undefined>;

/** An entity body to send, with plain custom property values. */
export type EntityInput<T> = T extends unknown
  ? Omit<T, "customProperties"> & { customProperties?: CustomPropertiesInput }
  : never;

const wireOf = new WeakMap<object, WireProperties>();
const kindOf = new WeakMap<object, string>();

/** The custom properties of an entity exactly as the server sent them, with their metadata types. */
export function wireCustomProperties(entity: object): WireProperties {
  return wireOf.get(entity) ?? {};
}

/** The kind the code that created a value tagged it with ("registered model", "catalog source"), if any: how the
 * views (src/views/) know what it is. The tag is keyed by the object, so a copy of it has none. */
export function entityKind(entity: object): string | undefined {
  return kindOf.get(entity);
}

/** Converts a server entity into its user form, tagged with its `kind` (e.g. "experiment") when given. */
export function decodeEntity<T extends { customProperties?: WireProperties }>(
  raw: T,
  kind?: string,
): Entity<T> {
  const wire = raw.customProperties ?? {};
  const entity = { ...raw, customProperties: decodeCustomProperties(wire) } as unknown as Entity<T>;
  wireOf.set(entity, wire);
  if (kind) kindOf.set(entity, kind);
  return displayable(entity);
}

/** Tags a value that is not a decoded entity with what it is (a catalog source, a catalog model's description), for
 * the views; the value itself is unchanged (the tag is in a WeakMap: JSON and equality do not see it). */
export function tagKind<T extends object>(value: T, kind: string): T {
  kindOf.set(value, kind);
  return displayable(value);
}

/** Converts a user body into its wire form (custom properties encoded, undefined fields dropped). */
export function encodeInput<T>(input: EntityInput<T> | Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    body[key] = key === "customProperties" ? encodeCustomProperties(value as CustomPropertiesInput) : value;
  }
  return body;
}

/** A property as read, in the form the server accepts on write: structs are read back as plain JSON text but
 * must be written as base64; every other type is written as read (so an int stays an int). */
function writable(key: string, value: MetadataValue): MetadataValue {
  return value.metadataType === "MetadataStructValue"
    ? encodeCustomProperty(key, decodeCustomProperty(value))
    : value;
}

/** The wire map after applying `changes` to `current`: null or undefined removes a key. */
export function mergeCustomProperties(
  current: WireProperties,
  changes: CustomPropertiesInput,
): WireProperties {
  const merged: WireProperties = {};
  for (const [key, value] of Object.entries(current)) {
    if (!(key in changes)) merged[key] = writable(key, value);
  }
  const set: CustomPropertiesInput = {};
  for (const [key, value] of Object.entries(changes))
    if (value !== null && value !== undefined) set[key] = value;
  return { ...merged, ...encodeCustomProperties(set) };
}
