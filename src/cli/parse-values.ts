// Values typed on the command line: `k=v` pairs for custom properties, and numbers.

import { InvalidArgumentError } from "commander";
import type { CustomPropertyValue } from "../client/custom-properties.js";
import { UsageError } from "./exit-codes.js";

/** `10` → 10 (int), `0.98` → 0.98, `true`/`false` → booleans, `{…}` → a JSON object; anything else stays text.
 * A number is taken only when it reads back the same (`1.10`, `2.0` and `007` stay text, as typed). */
export function parseValue(text: string): CustomPropertyValue {
  if (text !== "" && String(Number(text)) === text) return Number(text);
  if (text === "true" || text === "false") return text === "true";
  if (text.startsWith("{")) {
    try {
      const value = JSON.parse(text);
      if (value && typeof value === "object" && !Array.isArray(value)) return value;
    } catch {}
  }
  return text;
}

/** Collects repeated `--metadata k=v` options into an object. */
export function keyValues(values: readonly string[] | undefined): Record<string, CustomPropertyValue> {
  const out: Record<string, CustomPropertyValue> = {};
  for (const pair of values ?? []) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new UsageError(`expected key=value, got ${JSON.stringify(pair)}`);
    out[pair.slice(0, eq)] = parseValue(pair.slice(eq + 1));
  }
  return out;
}

/** For commander: appends each occurrence of a repeatable option. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** For commander: a whole number of at least 1. */
export function positiveInt(value: string): number {
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN; // digits only: not "1e2", " 5" or "0x10"
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("expected a whole number of at least 1");
  return n;
}

/** A whole number of 0 or more, for commander (0 often means "none" or "at once"). */
export function nonNegativeInt(value: string): number {
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError("expected a whole number of at least 0");
  return n;
}

/** `--format` and `--format-version` as registerModel's `modelFormat`. @throws UsageError for a version without a
 * format (it would be dropped). */
export function formatFlags(flags: { format?: string | undefined; formatVersion?: string | undefined }): {
  modelFormat?: { name: string; version?: string | undefined };
} {
  if (flags.formatVersion !== undefined && !flags.format)
    throw new UsageError("--format-version needs --format (the format's name, e.g. --format onnx)");
  return flags.format ? { modelFormat: { name: flags.format, version: flags.formatVersion } } : {};
}
