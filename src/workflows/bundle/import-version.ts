// One version of a bundle into a registry: created with its model artifact, completed (the version exists without
// its artifact: an import cut short), or found the same (`unchanged`) or holding another URI (`conflict`). Every
// step finds before it creates, so running an import again resumes it.
import type { ModelVersion } from "../../client/entities.js";
import type { StepContext } from "../converge.js";
import { addModelArtifact, ensureModelVersion, findModelArtifact } from "../model-entities.js";
import type { RegistryClient } from "../registry-client.js";
import type { BundledVersion } from "./bundle-format.js";
import { propertyInput } from "./property-input.js";

/** `created`: the version and its artifact are new. `completed`: the version existed without its artifact, which was
 * added. `unchanged`: it exists with an artifact of the same URI. `conflict`: it exists with another URI (nothing was
 * changed). `failed`: an error (its message) stopped it. */
export type ImportStatus = "created" | "completed" | "unchanged" | "conflict" | "failed";

/** What importing one version did. */
export interface ImportedVersion {
  /** The registered model's name. */
  model: string;
  /** The version's name. */
  version: string;
  /** What happened to it: see {@link ImportStatus}. */
  status: ImportStatus;
  /** Its id in the registry imported into (when it exists there). */
  modelVersionId?: string | undefined;
  /** For `conflict` and `failed`: why. */
  message?: string | undefined;
}

/** Imports one bundled version under the model `registeredModelId`; `existing` is the version of that name the
 * registry has, if the caller's listing found one. Errors are thrown; the caller records them. */
export async function importVersion(
  mr: RegistryClient,
  ctx: StepContext,
  target: { model: string; registeredModelId: string; existing: ModelVersion | undefined },
  bundled: BundledVersion,
): Promise<ImportedVersion> {
  const name = bundled.fields.name;
  const base = { model: target.model, version: name };
  let version = target.existing;
  let created = false;
  if (!version) {
    const made = await ensureModelVersion(mr, ctx, target.registeredModelId, {
      ...bundled.fields,
      name,
      customProperties: propertyInput(bundled.customProperties),
    });
    version = made.entity;
    created = made.created;
  }
  const artifact = bundled.artifact;
  const found = created ? null : await findModelArtifact(mr, version.id, { signal: ctx.signal });
  if (found) {
    const uri = artifact?.fields.uri;
    if (!artifact || found.uri === uri) return { ...base, status: "unchanged", modelVersionId: version.id };
    const message = `it exists with artifact URI ${JSON.stringify(found.uri)}, not ${JSON.stringify(uri)}`;
    return { ...base, status: "conflict", modelVersionId: version.id, message };
  }
  if (artifact)
    await addModelArtifact(mr, ctx, version.id, {
      ...artifact.fields,
      customProperties: propertyInput(artifact.customProperties),
    });
  return {
    ...base,
    status: created ? "created" : artifact ? "completed" : "unchanged",
    modelVersionId: version.id,
  };
}
