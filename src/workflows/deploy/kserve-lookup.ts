// The KServe manifest of a version named by model and version, with what the registry's storage initializer will
// resolve checked against the registry when the manifest points at it (`model-registry://`).
import { ConfigError } from "../../errors.js";
import { requireVersion } from "../lookup.js";
import type { RegistryClient } from "../registry-client.js";
import type { VersionName } from "../version-name.js";
import { toKServeManifest } from "./kserve-manifest.js";
import type { KServeInferenceService, KServeManifestOptions } from "./kserve-types.js";

/** What `mr.kserveManifest` takes: the version by name, and how to write its manifest. */
export interface KServeManifestParams extends VersionName, KServeManifestOptions {
  /** Cancels the lookups. */
  signal?: AbortSignal | undefined;
}

/**
 * Looks the version up by name (model, version, model artifact) and writes its manifest. With the `model-registry`
 * storage style, also checks what the registry's storage initializer will resolve: the version's newest artifact by
 * create time must be its model artifact.
 * @throws EntityNotFoundError for a model, version or model artifact that does not exist; ConfigError as
 * {@link toKServeManifest}, or when the newest artifact is not the model artifact.
 */
export async function kserveManifest(
  mr: RegistryClient,
  params: KServeManifestParams,
): Promise<KServeInferenceService> {
  const { signal } = params;
  const subject = await requireVersion(mr, params, { signal });
  if (params.storage === "model-registry") {
    const [newest] = await mr.modelVersions
      .artifacts(subject.modelVersion.id)
      .list({ orderBy: "CREATE_TIME", sortOrder: "DESC", limit: 1, signal })
      .toArray();
    // The initializer serves the newest artifact, passing its URI to KServe's providers exactly as stored.
    const refuse = (why: string) =>
      new ConfigError(
        `the registry's storage initializer would not serve version ${JSON.stringify(params.version)}: ${why}; use storage style auto or uri`,
      );
    if (newest && newest.artifactType !== "model-artifact")
      throw refuse(
        `its newest artifact is a ${newest.artifactType} (${newest.id}), and it serves the newest one`,
      );
    if (newest && newest.id !== subject.modelArtifact.id)
      throw refuse(
        `its newest model artifact (${newest.id}) is not the one this manifest describes (${subject.modelArtifact.id})`,
      );
    const uri = subject.modelArtifact.uri;
    if (!uri) throw refuse("its model artifact has no URI");
    if (uri.includes("?"))
      throw refuse(
        `the artifact's URI ${uri} carries a query (this SDK's ?endpoint=… suffix for S3-compatible stores), which KServe's S3 provider would take as part of the key`,
      );
  }
  return toKServeManifest(subject, params);
}
