// Which aliases name a version, as the lookup that found it saw them on its model: kept beside the version (keyed by
// the object, like its kind), so that the views show them on version tables and cards without another request.
import type { ModelVersion } from "../../client/entities.js";

const aliasesOfVersion = new WeakMap<object, readonly string[]>();

/** Records the aliases that name `version` (as read from its model); returns the version unchanged. */
export function tagVersionAliases<T extends ModelVersion>(version: T, aliases: readonly string[]): T {
  aliasesOfVersion.set(version, aliases);
  return version;
}

/** The aliases recorded for a version by the lookup that found it, or undefined when none was recorded. */
export function versionAliases(version: object): readonly string[] | undefined {
  return aliasesOfVersion.get(version);
}
