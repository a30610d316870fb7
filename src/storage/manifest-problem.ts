// The strict shape check behind `parseManifest` and `buildManifest`: one reason, in words, for the first thing wrong.

import type { Manifest } from "./manifest-types.js";

const TOP_FIELDS = ["version", "fileCount", "totalBytes", "files"] as const;
const ENTRY_FIELDS = ["path", "size", "sha256"] as const;
const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Why `value` is not a valid {@link Manifest}, or undefined when it is. Entry order is not checked.
 *
 * @param manifestName the manifest's own file name, which no entry may use.
 */
export function manifestProblem(value: unknown, manifestName: string): string | undefined {
  if (!isRecord(value)) return `it is not a JSON object (got ${show(value)})`;
  const fields = fieldsProblem(value, TOP_FIELDS);
  if (fields) return fields;
  if (value.version !== 1) return `version must be 1, got ${show(value.version)}`;
  if (!Array.isArray(value.files)) return `files must be an array, got ${show(value.files)}`;
  const seen = new Set<string>();
  let total = 0;
  for (const [index, entry] of value.files.entries()) {
    const where = `files[${index}]${isRecord(entry) && typeof entry.path === "string" ? ` ("${entry.path}")` : ""}`;
    const problem = entryProblem(entry, manifestName);
    if (problem) return `${where}: ${problem}`;
    const { path, size } = entry as { path: string; size: number };
    if (seen.has(path)) return `${where}: the path is listed more than once`;
    seen.add(path);
    total += size;
  }
  if (!isCount(value.fileCount))
    return `fileCount must be a non-negative integer, got ${show(value.fileCount)}`;
  if (value.fileCount !== value.files.length)
    return `fileCount is ${value.fileCount} but files lists ${value.files.length}`;
  if (!isCount(value.totalBytes))
    return `totalBytes must be a non-negative integer, got ${show(value.totalBytes)}`;
  if (value.totalBytes !== total)
    return `totalBytes is ${value.totalBytes} but the file sizes sum to ${total}`;
  return undefined;
}

function entryProblem(entry: unknown, manifestName: string): string | undefined {
  if (!isRecord(entry)) return `must be an object, got ${show(entry)}`;
  const fields = fieldsProblem(entry, ENTRY_FIELDS);
  if (fields) return fields;
  const { path, size, sha256 } = entry;
  if (typeof path !== "string" || path === "") return `path must be a non-empty string, got ${show(path)}`;
  if (path.startsWith("/")) return "path must be relative, not start with /";
  if (path.split("/").some((segment) => segment === "" || segment === "." || segment === ".."))
    return "path must not have empty, '.' or '..' segments";
  if (path.includes("\0")) return "path must not contain a NUL character";
  if (path === manifestName) return "the manifest must not list itself";
  if (!isCount(size)) return `size must be a non-negative integer, got ${show(size)}`;
  if (typeof sha256 !== "string" || !SHA256_HEX.test(sha256))
    return `sha256 must be 64 lowercase hex digits, got ${show(sha256)}`;
  return undefined;
}

function fieldsProblem(value: Record<string, unknown>, expected: readonly string[]): string | undefined {
  const missing = expected.find((name) => !Object.hasOwn(value, name));
  if (missing) return `missing field "${missing}"`;
  const unknown = Object.keys(value).find((name) => !expected.includes(name));
  if (unknown) return `unknown field "${unknown}"`;
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

/** A value for a message, cut to a readable length. */
function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
