// The KServe manifest of a version named by model and version, with what the registry's storage initializer will
// resolve checked against the registry when the manifest points at it (`model-registry://`).
import { ConfigError } from "../../errors.js";
import { requireVersion } from "../lookup.js";
import type { RegistryClient } from "../registry-client.js";
import type { VersionName } from "../version-name.js";
import { toKServeManifest } from "./kserve-manifest.js";
import type { KServeInferenceService, KServeManifestOptions } from "./kserve-types.js";
import { servingChecks } from "./serving-checks.js";

/** What `mr.kserveManifest` takes: the version by name, and how to write its manifest. */
export interface KServeManifestParams extends VersionName, KServeManifestOptions {
  /** Cancels the lookups. */
  signal?: AbortSignal | undefined;
}

/**
 * Looks the version up by name (model, version, model artifact) and writes its manifest. With the `model-registry`
 * storage style, also checks what the registry's storage initializer will resolve: the version's newest artifact by
 * create time must be its model artifact, with an s3://, gs:// or http(s):// URI and no query.
 * @throws EntityNotFoundError for a model, version or model artifact that does not exist; ConfigError as
 * {@link toKServeManifest}, or when a serving check refuses (see `servingChecks`).
 */
export async function kserveManifest(
  mr: RegistryClient,
  params: KServeManifestParams,
): Promise<KServeInferenceService> {
  const { signal } = params;
  const subject = await requireVersion(mr, params, { signal });
  // What the cluster would refuse to serve, known from the registry alone (see servingChecks).
  const refused = (await servingChecks(mr, subject, params)).filter((finding) => finding.level === "error");
  if (refused.length > 0)
    throw new ConfigError(
      `the registry's storage initializer would not serve version ${JSON.stringify(params.version)}: ${refused.map((finding) => finding.message).join("; ")}`,
    );
  return toKServeManifest(subject, params);
}
