// customProperties as plain JS values. Numbers follow what Python users get: an integer within int32 is a
// MetadataIntValue (a decimal string on the wire), any other number a MetadataDoubleValue. Structs go out as base64
// JSON and come back as plain JSON text. Web-standard APIs only (TextEncoder, btoa/atob): this runs in Deno and
// browsers too.
import { ConfigError } from "../errors.js";
import { checkLength, SERVER_LIMITS } from "./server-limits.js";
import type { MetadataValue } from "./types.js";

/** Any value JSON can carry. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
/** A JSON object: what a MetadataStructValue holds. */
export type JsonObject = { [key: string]: JsonValue };
/** What reading a custom property gives. */
export type CustomPropertyValue = string | number | boolean | JsonObject;

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const INT32_RANGE = `the int32 range ${INT32_MIN}..${INT32_MAX}`;

/** A number with a forced wire type, made by `int()` or `double()`. */
export class TypedNumber {
  /** `"int"` → MetadataIntValue, `"double"` → MetadataDoubleValue. */
  readonly kind: "int" | "double";
  /** The number; an int32 integer when `kind` is `"int"`, finite when `"double"`. */
  readonly value: number;

  /** Checks `value` against `kind`: ConfigError for a non-int32 `"int"` or a non-finite `"double"`. */
  constructor(kind: "int" | "double", value: number) {
    if (kind !== "int" && kind !== "double")
      throw new ConfigError(`kind must be "int" or "double", not ${kind}`);
    if (typeof value !== "number") throw new ConfigError(`${kind}() takes a number, not ${describe(value)}`);
    if (kind === "int" && !(Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX))
      throw new ConfigError(`int(${value}): ${value} is not an integer within ${INT32_RANGE}`);
    if (kind === "double" && !Number.isFinite(value))
      throw new ConfigError(`double(${value}): ${value} is not a finite number (JSON cannot carry it)`);
    this.kind = kind;
    this.value = value + 0; // -0 → 0
  }
}

/** Forces MetadataIntValue. `value` must be an integer within int32 (a string: a decimal integer such as `"-42"`),
 * else ConfigError naming the value and the range, thrown before any request. */
export function int(value: number | bigint | string): TypedNumber {
  if (typeof value === "number") return new TypedNumber("int", value);
  if (typeof value === "string" && !/^[+-]?[0-9]+$/.test(value))
    throw new ConfigError(`int(${JSON.stringify(value)}): not a decimal integer within ${INT32_RANGE}`);
  if (typeof value !== "string" && typeof value !== "bigint")
    throw new ConfigError(`int() takes a number, bigint or decimal string, not ${describe(value)}`);
  const big = BigInt(value);
  if (big < BigInt(INT32_MIN) || big > BigInt(INT32_MAX))
    throw new ConfigError(`int(${String(value)}): ${String(value)} is outside ${INT32_RANGE}`);
  return new TypedNumber("int", Number(big));
}

/** Forces MetadataDoubleValue, even for a whole number. `value` must be finite, else ConfigError. */
export function double(value: number): TypedNumber {
  return new TypedNumber("double", value);
}

/** What you can write: a bigint is stored as MetadataIntValue (it must fit int32). `null`/`undefined` entries are
 * skipped by `encodeCustomProperties`. */
export type CustomPropertyInput = CustomPropertyValue | TypedNumber | bigint;

/** Encodes one value for the wire: int32 integer → MetadataIntValue, other finite number → MetadataDoubleValue,
 * bigint → MetadataIntValue (outside int32: ConfigError), boolean, string, plain object → MetadataStructValue
 * (base64 of its UTF-8 JSON), TypedNumber → its forced kind. NaN/±Infinity, arrays, Dates, Maps, class instances,
 * functions, objects that contain themselves, an empty key and a key longer than the server's 255-character column
 * all throw ConfigError (nothing is sent). Messages name the key. */
export function encodeCustomProperty(key: string, value: CustomPropertyInput): MetadataValue {
  const name = `custom property ${JSON.stringify(key)}`;
  if (key === "") throw new ConfigError("custom property keys must be non-empty strings");
  checkLength(`custom property key ${JSON.stringify(key.slice(0, 40))}…`, key, SERVER_LIMITS.propertyKey);
  if (value instanceof TypedNumber) return encodeNumber(value.kind, value.value);
  switch (typeof value) {
    case "string":
      return { metadataType: "MetadataStringValue", string_value: value };
    case "boolean":
      return { metadataType: "MetadataBoolValue", bool_value: value };
    case "bigint": {
      if (value < BigInt(INT32_MIN) || value > BigInt(INT32_MAX))
        throw new ConfigError(
          `${name}: ${value}n is outside ${INT32_RANGE}; pass Number(x) to store a double`,
        );
      return { metadataType: "MetadataIntValue", int_value: value.toString() };
    }
    case "number": {
      if (!Number.isFinite(value))
        throw new ConfigError(`${name}: ${value} cannot be stored (JSON has no NaN or Infinity)`);
      const isInt = Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX;
      return encodeNumber(isInt ? "int" : "double", value);
    }
  }
  if (!isPlainObject(value)) throw new ConfigError(`${name}: ${unsupported(value)}`);
  checkJson(name, value, "", new Set());
  return { metadataType: "MetadataStructValue", struct_value: utf8ToBase64(JSON.stringify(value)) };
}

/** Encodes a whole `customProperties` map; `null`/`undefined` entries are skipped. `undefined` input → `{}`. */
export function encodeCustomProperties(
  input: Record<string, CustomPropertyInput | null | undefined> | undefined,
): Record<string, MetadataValue> {
  const entries = Object.entries(input ?? {}).filter(
    (entry): entry is [string, CustomPropertyInput] => entry[1] !== null && entry[1] !== undefined,
  );
  return Object.fromEntries(entries.map(([key, value]) => [key, encodeCustomProperty(key, value)]));
}

/** Decodes one wire value to a plain JS value. A struct is parsed from the server's plain JSON text, or from base64
 * JSON if a server echoes that; if neither parses to an object the raw string is returned. A proto value gives
 * `{ type, proto_value }`. An unknown `metadataType` → TypeError. */
export function decodeCustomProperty(value: MetadataValue): CustomPropertyValue {
  return decodeOne(value, "custom property");
}

/** Decodes a whole `customProperties` map; `undefined` → `{}`. */
export function decodeCustomProperties(
  wire: Record<string, MetadataValue> | undefined,
): Record<string, CustomPropertyValue> {
  return Object.fromEntries(
    Object.entries(wire ?? {}).map(([key, value]) => [
      key,
      decodeOne(value, `custom property ${JSON.stringify(key)}`),
    ]),
  );
}

/** The wire type name of each property, e.g. `{ epochs: "MetadataIntValue" }`; `undefined` → `{}`. */
export function customPropertyTypes(
  wire: Record<string, MetadataValue> | undefined,
): Record<string, MetadataValue["metadataType"]> {
  return Object.fromEntries(Object.entries(wire ?? {}).map(([key, value]) => [key, value.metadataType]));
}

function encodeNumber(kind: "int" | "double", value: number): MetadataValue {
  if (kind === "double") return { metadataType: "MetadataDoubleValue", double_value: value };
  return { metadataType: "MetadataIntValue", int_value: String(value + 0) };
}

function decodeOne(value: MetadataValue, name: string): CustomPropertyValue {
  const type: unknown = (value as { metadataType?: unknown } | null)?.metadataType;
  switch (value?.metadataType) {
    case "MetadataIntValue": {
      const n = Number(value.int_value);
      if (!Number.isFinite(n))
        throw new TypeError(`${name}: int_value ${JSON.stringify(value.int_value)} is not a number`);
      return n;
    }
    case "MetadataDoubleValue":
      return value.double_value;
    case "MetadataBoolValue":
      return value.bool_value;
    case "MetadataStringValue":
      return value.string_value;
    case "MetadataStructValue":
      return (
        parseObject(value.struct_value) ?? parseObject(base64ToUtf8(value.struct_value)) ?? value.struct_value
      );
    case "MetadataProtoValue":
      return { type: value.type, proto_value: value.proto_value };
  }
  throw new TypeError(`${name}: unknown metadataType ${JSON.stringify(type)}`);
}

function parseObject(text: string | undefined): JsonObject | undefined {
  if (text === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return isPlainObject(parsed) ? (parsed as JsonObject) : undefined;
  } catch {
    return undefined;
  }
}

function utf8ToBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function base64ToUtf8(text: string): string | undefined {
  try {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Walks a struct so a Date, NaN or Map deep inside fails loudly instead of being mangled by JSON.stringify. */
function checkJson(name: string, value: unknown, path: string, parents: Set<object>): void {
  if (typeof value === "string" || typeof value === "boolean" || value === null) return;
  if (typeof value === "number") {
    if (Number.isFinite(value)) return;
    throw new ConfigError(`${name}: ${value} at ${path} cannot be stored (JSON has no NaN or Infinity)`);
  }
  const isArray = Array.isArray(value);
  if (!isArray && !isPlainObject(value))
    throw new ConfigError(
      `${name}: ${describe(value)} at ${path} is not JSON; convert it to a string or number`,
    );
  if (parents.has(value))
    throw new ConfigError(`${name}: the object at ${path || "the top"} contains itself`);
  parents.add(value);
  for (const [k, v] of Object.entries(value)) {
    const at = isArray ? `${path}[${k}]` : path ? `${path}.${k}` : k;
    if (v !== undefined || isArray) checkJson(name, v, at, parents);
  }
  parents.delete(value);
}

function unsupported(value: unknown): string {
  const hint = Array.isArray(value)
    ? 'wrap the array in an object, e.g. { "items": [...] }, or convert it to a string'
    : "use a string, number, boolean or plain object, or convert it to a string";
  return `got ${describe(value)}, which cannot be stored; ${hint}`;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return "an array";
  const ctor = (Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null)?.constructor
    ?.name;
  const what = typeof value === "object" && ctor ? ctor : typeof value;
  return `${/^[aeiou]/i.test(what) ? "an" : "a"} ${what}`;
}
