// The vocabulary every workflow shares for naming a model version: `name` is the registered model's name and
// `version` the model version's name, as in the Python client's get_model_version(name, version).

/** `version "v1" of model "mnist"`: a version named in messages. */
export const versionWhat = (names: VersionName): string =>
  `version ${JSON.stringify(names.version)} of model ${JSON.stringify(names.name)}`;

/** A model and a version, by name. */
export interface VersionName {
  /** The registered model's name. */
  name: string;
  /** The model version's name. */
  version: string;
}
