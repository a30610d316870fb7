// copyModelVersion: one version (its registered model, the version and its model artifact, with their metadata)
// from one registry into another, its artifact's model-source fields recording where it came from. Without a
// destination store the copy points at the same files; with one, the files are read back from the source's store
// (each checked against the source's manifest), stored in the destination (S3 or an OCI image) by registerModel, and
// read back there once more. Converges like registerModel: running it again is `unchanged`.
import { callOptions } from "../../client/call-options.js";
import { ConfigError, VersionConflictError } from "../../errors.js";
import { findVersion, requireVersion } from "../lookup.js";
import type { RegistryClient } from "../registry-client.js";
import { copyFiles } from "./copy-files.js";
import { copyOrigin, isCopyOf, REGISTRY_SOURCE_KIND } from "./copy-origin.js";
import type { CopyModelVersionParams, CopyModelVersionResult } from "./copy-params.js";
import { copyRecord } from "./copy-record.js";

export type {
  CopyModelVersionParams,
  CopyModelVersionResult,
  CopyStorage,
  CopyTarget,
} from "./copy-params.js";
export { REGISTRY_SOURCE_KIND };

/** Copies a version into another registry. @throws VersionConflictError when the destination has a version of that
 * name that is not a copy of this one (nothing is changed); EntityNotFoundError for a source that does not exist. */
export async function copyModelVersion(
  mr: RegistryClient,
  params: CopyModelVersionParams,
): Promise<CopyModelVersionResult> {
  const call = callOptions(params);
  if (params.to.url === mr.url)
    throw new ConfigError(
      `the source and destination registries are the same (${mr.url}): a copy goes to another registry`,
    );
  const source = await requireVersion(mr, params, call);
  const names = { name: source.registeredModel.name, version: source.modelVersion.name };
  const origin = copyOrigin(mr, source);
  const there = await findVersion(params.to, names, call);
  if (there.modelArtifact) {
    if (!isCopyOf(there.modelArtifact, origin))
      throw new VersionConflictError(
        `version ${JSON.stringify(names.version)} of model ${JSON.stringify(names.name)} exists at ${params.to.url} and is not a copy of ${mr.url}'s (its artifact records ${JSON.stringify(there.modelArtifact.uri)}); nothing was changed`,
        undefined,
        origin.modelSourceId,
      );
    const { registeredModel, modelVersion, modelArtifact } = there as Required<typeof there>;
    const place = (uri: string) => uri.replace(/[?#].*$/, "").replace(/\/+$/, "");
    const stored = modelArtifact.uri ?? "";
    if (params.storage && !place(stored).startsWith(place(params.storage.uri)))
      throw new VersionConflictError(
        `version ${JSON.stringify(names.version)} of model ${JSON.stringify(names.name)} is already a copy at ${params.to.url}, with its files at ${stored}, not at ${params.storage.uri}: nothing was copied (archive that copy, or copy to another registry)`,
        undefined,
        origin.modelSourceId,
      );
    return {
      status: "unchanged",
      registeredModel,
      modelVersion,
      modelArtifact,
      uri: modelArtifact.uri ?? "",
    };
  }
  const from = { ...source, origin };
  if (!params.storage) return copyRecord(mr, params, from);
  return copyFiles(mr, params, from, there.modelVersion !== undefined);
}
