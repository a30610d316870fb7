// Aliases are stored in the registry, on the registered model: one custom property per alias, `alias.<alias>`, whose
// string value is the name of the version it names (docs/aliases.md says why this representation). Every client
// reads them as plain custom properties: the official Python client as `custom_properties["alias.champion"]`.
import { ConfigError } from "../../errors.js";

/** The prefix of the custom property keys that hold aliases: `alias.champion` holds the alias `champion`. */
export const ALIAS_PREFIX = "alias.";

/** The alias every model has without setting it: its newest version that is not archived. It cannot be set. */
export const LATEST_ALIAS = "latest";

const ALIAS = /^[A-Za-z][A-Za-z0-9_-]{0,62}$/;

/** The alias a version reference names (`"@champion"` → `"champion"`), or undefined for a version name. */
export function aliasIn(version: string): string | undefined {
  return version.startsWith("@") ? version.slice(1) : undefined;
}

/** The alias given (with or without its `@`), checked: a letter, then letters, digits, `_` or `-` (at most 63 in
 * all). `latest` is refused where the alias is to be written (`forWrite`).
 * @throws ConfigError naming the alias and the rule. */
export function checkAlias(alias: string, forWrite = false): string {
  const bare = alias.startsWith("@") ? alias.slice(1) : alias;
  if (!ALIAS.test(bare))
    throw new ConfigError(
      `alias ${JSON.stringify(alias)} is not valid: an alias starts with a letter and has only letters, digits, "_" and "-" (at most 63 characters)`,
    );
  if (forWrite && bare === LATEST_ALIAS)
    throw new ConfigError(
      `the alias "latest" cannot be set: it always names the model's newest version that is not archived`,
    );
  return bare;
}

/** The custom property key of an alias: `alias.champion`. */
export const aliasKey = (alias: string): string => `${ALIAS_PREFIX}${alias}`;

/** The aliases a model's custom properties hold, alias → version name, sorted by alias. */
export function aliasesOf(model: { customProperties?: Record<string, unknown> }): Record<string, string> {
  const found = Object.entries(model.customProperties ?? {})
    .filter(
      (entry): entry is [string, string] =>
        entry[0].startsWith(ALIAS_PREFIX) &&
        typeof entry[1] === "string" &&
        ALIAS.test(entry[0].slice(ALIAS_PREFIX.length)),
    )
    .map(([key, version]): [string, string] => [key.slice(ALIAS_PREFIX.length), version])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(found);
}

/** The aliases that name `version` (a version name) among a model's, sorted. */
export function aliasesNaming(
  model: { customProperties?: Record<string, unknown> },
  version: string,
): string[] {
  return Object.entries(aliasesOf(model))
    .filter(([, named]) => named === version)
    .map(([alias]) => alias);
}
