/** A literal value in a filterQuery comparison. */
export type FilterValue = string | number | boolean;

/** Which value column of a custom property to compare; forces the `.string_value`-style suffix. */
export type ValueType = "string" | "int" | "double" | "bool";

/** Options for one comparison. */
export interface PropertyOptions {
  /**
   * Compare this value column of the property (`accuracy.double_value > 0.9`). The value is not converted.
   * Default: none, so the server picks the column from the literal.
   */
  as?: ValueType;
}

/** A filter expression; `String(f)` / `f.toString()` gives the filterQuery text. */
export class Filter {
  /** The filterQuery text, ready to send. */
  readonly text: string;

  /** Same as `filter.raw(text)`: the text is not checked. */
  constructor(text: string) {
    this.text = text;
  }

  /** The filterQuery text, as sent to the server. */
  toString(): string {
    return this.text;
  }
}

/** A single comparison built here; the only kind of operand `and`/`or` leave unparenthesised. */
class Comparison extends Filter {}

const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const SUFFIXES: Readonly<Record<ValueType, string>> = {
  string: "string_value",
  int: "int_value",
  double: "double_value",
  bool: "bool_value",
};
const SUFFIX_NAMES: ReadonlySet<string> = new Set(Object.values(SUFFIXES));
// Control characters (C0, DEL, C1) other than tab, LF and CR; unpaired surrogates, which cannot be URL-encoded.
const UNSENDABLE = /(?![\t\n\r])[\p{Cc}\p{Cs}]/u;
const QUOTE_AT_END = /^["']|["']$/;
const INT64_MIN = -(2 ** 63);
const INT64_LIMIT = 2 ** 63;

function checkText(text: string, what: string): void {
  if (UNSENDABLE.test(text)) {
    throw new RangeError(
      `filter: ${what} ${JSON.stringify(text)} contains a control character or an unpaired surrogate; ` +
        "only printable text, tabs and line breaks are allowed (the server rejects NUL with 400)",
    );
  }
}

function propertyRef(property: string, options: PropertyOptions | undefined): string {
  if (property === "") throw new RangeError("filter: the property name is empty");
  if (property.includes("`")) {
    throw new RangeError(
      `filter: property name ${JSON.stringify(property)} contains a backtick, which the filterQuery grammar cannot express`,
    );
  }
  checkText(property, "property name");
  const last = property.slice(property.lastIndexOf(".") + 1);
  if (property.includes(".") && SUFFIX_NAMES.has(last)) {
    throw new RangeError(
      `filter: the server always reads the last segment of ${JSON.stringify(property)} as a type suffix; ` +
        `pass the name without ".${last}" and the option { as } instead`,
    );
  }
  const as = options?.as;
  if (as !== undefined && !Object.hasOwn(SUFFIXES, as)) {
    throw new RangeError(`filter: unknown value type ${JSON.stringify(as)}; use string, int, double or bool`);
  }
  if (PLAIN_NAME.test(property)) return as === undefined ? property : `${property}.${SUFFIXES[as]}`;
  if (as !== undefined) {
    throw new RangeError(
      `filter: property name ${JSON.stringify(property)} needs backticks, and the filterQuery grammar allows a ` +
        "type suffix (as) only on plain names (letters, digits and _, dot-separated)",
    );
  }
  return `\`${property.replaceAll("\\", "\\\\")}\``;
}

function stringLiteral(value: string, what: string): string {
  checkText(value, what);
  if (QUOTE_AT_END.test(value)) {
    throw new RangeError(
      `filter: ${what} ${JSON.stringify(value)} begins or ends with a quote character, which the server strips ` +
        "from both ends of every string value, so it cannot be matched exactly; use filter.like with a % " +
        "(or _) wildcard in place of the outer quote characters instead",
    );
  }
  return `"${value.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
}

/** Rewrites `1.5e-10` (how `Number#toString` writes a fraction below 1e-6) in plain decimal notation. */
function expandExponent(repr: string): string {
  const match = /^(-?)(\d)(?:\.(\d+))?e-(\d+)$/.exec(repr);
  if (match === null) return repr;
  const [, sign = "", digit = "", fraction = "", exponent = "1"] = match;
  return `${sign}0.${"0".repeat(Number(exponent) - 1)}${digit}${fraction}`;
}

function numberLiteral(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`filter: ${value} is not a finite number`);
  if (!Number.isInteger(value)) return expandExponent(String(value));
  if (value < INT64_MIN || value >= INT64_LIMIT) {
    throw new RangeError(
      `filter: ${value} is outside the 64-bit integer range the server parses integers into`,
    );
  }
  // Exact digits: String(2 ** 62) would round to "4611686018427388000".
  return BigInt(value).toString();
}

function literal(value: FilterValue): string {
  switch (typeof value) {
    case "string":
      return stringLiteral(value, "value");
    case "number":
      return numberLiteral(value);
    case "boolean":
      return value ? "true" : "false";
    default:
      throw new TypeError(`filter: a value must be a string, number or boolean, not ${typeof value}`);
  }
}

function compare(property: string, op: string, value: string, options?: PropertyOptions): Filter {
  return new Comparison(`${propertyRef(property, options)} ${op} ${value}`);
}

function combine(keyword: "AND" | "OR", parts: readonly (Filter | string)[]): Filter {
  const [first] = parts;
  if (first === undefined) throw new RangeError(`filter: ${keyword.toLowerCase()}() needs at least one part`);
  if (parts.length === 1) return typeof first === "string" ? new Filter(first) : first;
  const operands = parts.map((part) => {
    if (part instanceof Comparison) return part.text;
    const text = String(part);
    if (text.trim() === "") throw new RangeError(`filter: an operand of ${keyword} is empty`);
    return `(${text})`;
  });
  return new Filter(operands.join(` ${keyword} `));
}

/**
 * Builds filterQuery expressions in the server's grammar: keywords in uppercase, `!=` (never `<>`, which the
 * server treats as `=`), double-quoted strings with `\` and `"` escaped, and numbers in plain decimal notation.
 * Every builder throws a `RangeError` for input the grammar cannot express, rather than sending a query that
 * would fail or silently match something else.
 *
 * - Properties are referenced by name, custom ones too (no `customProperties.` prefix). Plain names, dotted ones
 *   such as `mlflow.source.type` included, are written bare; others in backticks (`` `my-prop` ``).
 * - Custom properties: the literal picks the value column (`"x"` string_value, `0.5` double_value, `true`
 *   bool_value), and an integer literal matches int_value or double_value. `{ as }` forces one column.
 *   `filter.in` with numbers or booleans on a custom property needs `{ as }`: without it the server (v0.3.14)
 *   compares against string_value and answers 400.
 * - `name` on child entities (model versions, experiment runs, inference services, serves, artifacts) is stored
 *   as `"<parentId>:<name>"`, and the server rewrites `name = "v1"` to `LIKE "%:v1"` and `name LIKE "v%"` to
 *   `LIKE "%:v%"`. So `%` and `_` in an `eq` value on `name` are wildcards there, and `ne`, `in` and `ilike` on
 *   `name` compare against the stored form (`ilike` works when the pattern begins with `%`).
 * - Some list endpoints ignore filterQuery entirely on the server: `/model_artifacts`,
 *   `/serving_environments`, `/inference_services`, `/serving_environments/{id}/inference_services` and
 *   `/inference_services/{id}/serves`, so the SDK does not offer it there.
 *
 * @example
 * filter.and(filter.eq("state", "LIVE"), filter.gt("accuracy", 0.95)); // state = "LIVE" AND accuracy > 0.95
 */
export const filter = {
  /** `property = value` */
  eq: (property: string, value: FilterValue, options?: PropertyOptions): Filter =>
    compare(property, "=", literal(value), options),
  /** `property != value` */
  ne: (property: string, value: FilterValue, options?: PropertyOptions): Filter =>
    compare(property, "!=", literal(value), options),
  /** `property > value` (strings compare as text, e.g. `startTimeSinceEpoch`, which is stored as a string) */
  gt: (property: string, value: number | string, options?: PropertyOptions): Filter =>
    compare(property, ">", literal(value), options),
  /** `property >= value` */
  gte: (property: string, value: number | string, options?: PropertyOptions): Filter =>
    compare(property, ">=", literal(value), options),
  /** `property < value` */
  lt: (property: string, value: number | string, options?: PropertyOptions): Filter =>
    compare(property, "<", literal(value), options),
  /** `property <= value` */
  lte: (property: string, value: number | string, options?: PropertyOptions): Filter =>
    compare(property, "<=", literal(value), options),
  /** `property LIKE pattern`; `%` matches any run of characters, `_` exactly one. */
  like: (property: string, pattern: string, options?: PropertyOptions): Filter =>
    compare(property, "LIKE", stringLiteral(pattern, "pattern"), options),
  /** `property ILIKE pattern`: LIKE, ignoring case. */
  ilike: (property: string, pattern: string, options?: PropertyOptions): Filter =>
    compare(property, "ILIKE", stringLiteral(pattern, "pattern"), options),
  /**
   * `property IN (a, b)`; an empty list matches nothing. On a custom property the server compares the list
   * against string_value unless `as` says otherwise, so give `as` for numbers and booleans.
   */
  in: (property: string, values: readonly FilterValue[], options?: PropertyOptions): Filter =>
    compare(property, "IN", `(${values.map(literal).join(", ")})`, options),
  /**
   * Every part holds. Raw strings are accepted; compound and raw operands are parenthesised. One part is
   * returned as is; none is a RangeError.
   */
  and: (...parts: (Filter | string)[]): Filter => combine("AND", parts),
  /** At least one part holds; operands as for `and`. */
  or: (...parts: (Filter | string)[]): Filter => combine("OR", parts),
  /** Filter text passed through unchanged and unchecked, for what the builders do not cover. */
  raw: (text: string): Filter => new Filter(text),
};

/**
 * The filterQuery string for an option that may be a Filter, a raw string, or absent. Blank text gives
 * `undefined`, so no empty parameter is sent (the server treats blank as no filter anyway).
 */
export function toFilterQuery(value: Filter | string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  return text.trim() === "" ? undefined : text;
}
