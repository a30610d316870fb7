import { requireVersion } from "../lookup.js";
import type { RegistryClient } from "../registry-client.js";
import type { VersionName } from "../version-name.js";
import { toKServeManifest, toLLMInferenceService } from "./kserve-manifest.js";
import type {
  KServeInferenceService,
  KServeLLMInferenceService,
  KServeManifestOptions,
} from "./kserve-types.js";
import { refuseErrors, storageRefusals } from "./serving-checks.js";

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
  refuseErrors(
    await storageRefusals(mr, subject, params),
    `the registry's storage initializer would not serve version ${JSON.stringify(params.version)}`,
  );
  return toKServeManifest(subject, params);
}

/** Looks the version up by name and writes its LLMInferenceService manifest (see `toLLMInferenceService`), after the
 * same serving checks as {@link kserveManifest}.
 * @throws EntityNotFoundError for a model, version or model artifact that does not exist; ConfigError as
 * `toLLMInferenceService`, or when a serving check refuses. */
export async function llmInferenceServiceManifest(
  mr: RegistryClient,
  params: KServeManifestParams,
): Promise<KServeLLMInferenceService> {
  const subject = await requireVersion(mr, params, { signal: params.signal });
  refuseErrors(
    await storageRefusals(mr, subject, params),
    `version ${JSON.stringify(params.version)} would not be served`,
  );
  return toLLMInferenceService(subject, params);
}
