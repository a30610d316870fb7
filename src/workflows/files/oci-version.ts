// Download and verify a version stored as an OCI image (a modelcar): pull its manifest by the digest the registry
// recorded, check every layer against its digest, and write (download) or only hash (verify) the files under models/.
import type { ModelArtifact } from "../../client/entities.js";
import { UploadError } from "../../errors.js";
import type { Manifest, ManifestMismatch } from "../../storage/manifest.js";
import { pullModelcar } from "../../storage/oci/modelcar-pull.js";
import type { OciOptions } from "../../storage/oci/oci-options.js";
import { connectRegistry } from "../../storage/oci/oci-options.js";
import { parseOciReference } from "../../storage/oci/oci-reference.js";
import type { ProgressCallback } from "../../storage/progress.js";
import { OCI_PROPERTIES } from "../register/register-oci.js";
import type { RegistryClient } from "../registry-client.js";

/** `verifyModel` (no `dir`) and `downloadModel` (into `dir`) of an `oci://` version. */
export async function checkOciVersion(
  mr: RegistryClient,
  params: {
    oci?: OciOptions | undefined;
    signal?: AbortSignal | undefined;
    onProgress?: ProgressCallback | undefined;
  },
  artifact: ModelArtifact,
  dir?: string,
): Promise<{
  ok: boolean;
  recorded: boolean;
  mismatches: ManifestMismatch[];
  manifest: Manifest;
  modelArtifact: ModelArtifact;
}> {
  const ref = parseOciReference(artifact.uri ?? "", "the artifact's URI");
  const recordedDigest = artifact.customProperties[OCI_PROPERTIES.digest];
  const recorded = typeof recordedDigest === "string";
  if (!recorded && dir === undefined)
    throw new UploadError(
      `the artifact ${artifact.uri} recorded no image digest (registerModel did not push it), so there is nothing to verify it against; downloadModel still reads it, checking every layer's digest`,
    );
  const env = mr.env ?? (await import("../../config/default-env.js")).defaultEnv();
  const registry = await connectRegistry(
    ref.registry,
    { ...mr.oci, ...params.oci },
    {
      env,
      signal: params.signal,
      onSecret: (secret) => mr.secrets.add(secret),
    },
  );
  params.onProgress?.({ type: "phase", phase: dir ? "downloading" : "verifying", detail: artifact.uri });
  const pulled = await pullModelcar(registry, ref.repository, ref.digest ?? ref.tag ?? "latest", {
    path: dir,
    expectedDigest: recorded ? recordedDigest : undefined,
    onProgress: params.onProgress,
    signal: params.signal,
  });
  const mismatches = [...pulled.mismatches];
  // KServe pulls the tag the URI names: it must still name the image that was registered.
  if (recorded && ref.tag && !ref.digest) {
    const tagged = await registry.manifestDigest(ref.repository, ref.tag);
    if (tagged?.digest !== recordedDigest)
      mismatches.push({
        path: `tag ${ref.tag}`,
        problem: "manifest",
        expected: recordedDigest,
        actual: tagged?.digest ?? "no such tag",
      });
  }
  params.onProgress?.({ type: "phase", phase: "done" });
  return {
    ok: mismatches.length === 0,
    recorded,
    mismatches,
    manifest: pulled.manifest,
    modelArtifact: artifact,
  };
}
