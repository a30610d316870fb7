// The server's storage limits, in one place, so that a value it would refuse with a 500 is refused here first with
// a ConfigError that names the limit. Source: the Model Registry server's PostgreSQL schema (v0.3.14 and the newer
// upstream alike, `internal/platform/db/postgres/migrations/000001`, `000002`, `000005`, `000006`): `Context.name`,
// `Artifact.name`, every `external_id` and every property `name` are `VARCHAR(255)`; URIs, descriptions and
// property values are `TEXT`. Entities owned by a parent (model versions, artifacts under a version, inference
// services, experiment runs) are stored as `"<parentId>:<name>"` (the server's `PrefixWhenOwned`), and ids are int32,
// so their own names get 255 - 11 characters.
import { ConfigError } from "../errors.js";

/** Longest values the server can store, in characters (Unicode code points, as PostgreSQL counts them). */
export const SERVER_LIMITS = {
  /** Registered model, serving environment and experiment names. */
  name: 255,
  /** Names of entities stored under a parent id: model versions, artifacts, inference services, runs. */
  ownedName: 255 - 11,
  /** Artifacts created without a parent, which the server stores as `"<uuid>:<name>"`. */
  unownedArtifactName: 255 - 37,
  /** `externalId` of any entity. */
  externalId: 255,
  /** Custom property keys. */
  propertyKey: 255,
  /** Artifact URIs: `TEXT` on the server; this client's own bound (S3 keys are at most 1,024 bytes). */
  uri: 2048,
} as const;

/** Length of a string as the database counts it (code points, not UTF-16 units). */
export function storedLength(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}

/** ConfigError if `value` is longer than `limit` characters; `label` names it (`model version name`). */
export function checkLength(label: string, value: string, limit: number): void {
  const length = storedLength(value);
  if (length > limit)
    throw new ConfigError(
      `${label} is ${length} characters long; the registry stores at most ${limit} (its database column is limited), so nothing was sent`,
    );
}

/** Checks the `name` and `externalId` of an entity body against the server's columns (`nameLimit`: which of
 * {@link SERVER_LIMITS} applies to this entity's name). @throws ConfigError naming the field and the limit. */
export function checkEntityBody(kind: string, body: Record<string, unknown>, nameLimit: number): void {
  const bad = findUnstorable(body, "");
  if (bad) throw new ConfigError(`${bad.path} of the ${kind} ${bad.problem}`);
  if (typeof body.name === "string") checkLength(`the ${kind} name`, body.name, nameLimit);
  if (typeof body.externalId === "string")
    checkLength(`the ${kind} externalId`, body.externalId, SERVER_LIMITS.externalId);
}

// Half of a surrogate pair is not text: URL encoding fails on it and the server stores U+FFFD instead.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored as given, or undefined: a NUL character (PostgreSQL text cannot hold it; the
 * server answers 400 "Request body contains null bytes") or a lone surrogate. */
export function unstorable(text: string): string | undefined {
  if (text.includes("\u0000")) return "contains a NUL character (\\0), which the registry cannot store";
  if (LONE_SURROGATE.test(text)) return "is not valid Unicode text (a lone surrogate)";
  return undefined;
}

/** The first string or key in a plain value that cannot be stored: its path (`metadata.note`) and why. */
export function findUnstorable(
  value: unknown,
  path: string,
  seen = new Set<unknown>(),
): { path: string; problem: string } | undefined {
  if (typeof value === "string") {
    const problem = unstorable(value);
    return problem ? { path, problem } : undefined;
  }
  if (typeof value !== "object" || value === null || seen.has(value)) return undefined;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null && !Array.isArray(value)) return undefined; // clients, signals
  seen.add(value);
  for (const [key, item] of Object.entries(value)) {
    const at = path ? `${path}.${JSON.stringify(key).slice(1, -1)}` : JSON.stringify(key).slice(1, -1);
    const problem = unstorable(key);
    if (problem) return { path: `the key ${at}`, problem };
    const found = findUnstorable(item, at, seen);
    if (found) return found;
  }
  return undefined;
}
