// The vocabulary every workflow shares for naming a model version: `name` is the registered model's name and
// `version` the model version's name, as in the Python client's get_model_version(name, version).

/** A model and a version, by name. */
export interface VersionName {
  /** The registered model's name. */
  name: string;
  /** The model version's name. */
  version: string;
}
