// Aliases on tables and cards: a model's (`champion → v3`, from its custom properties) and a version's (the aliases
// that name it, as the lookup that found it saw them on its model).
import { aliasesOf } from "../workflows/aliases/alias-names.js";
import { versionAliases } from "../workflows/aliases/version-aliases.js";
import type { Field } from "./field.js";

/** A model's aliases, each as `alias → version`. */
export const MODEL_ALIASES: Field = {
  label: "aliases",
  value: (e) => Object.entries(aliasesOf(e)).map(([alias, version]) => `${alias} → ${version}`),
  format: "list",
};

/** The aliases that name a version (empty when the code that found it did not record them). */
export const VERSION_ALIASES: Field = {
  label: "aliases",
  value: (e) => [...(versionAliases(e) ?? [])],
  format: "list",
};
