// Download and verify a version stored as an OCI image (a modelcar): pull its manifest by the digest the registry
// recorded, check every layer against its digest, and write (download) or only hash (verify) the files under models/.
import { UploadError } from "../../errors.js";
import type { PullRequest, StoreContext, VerifyResult } from "../model-store.js";
import { OCI_PROPERTIES } from "../recorded-properties.js";
import { pullModelcar } from "./modelcar-pull.js";
import { connectRegistry } from "./oci-options.js";
import { parseOciReference } from "./oci-reference.js";

/** `verifyModel` (no `dir`) and `downloadModel` (into `dir`) of an `oci://` version. */
export async function pullOci(ctx: StoreContext, request: PullRequest): Promise<VerifyResult> {
  const { artifact, dir } = request;
  const ref = parseOciReference(artifact.uri ?? "", "the artifact's URI");
  const recordedDigest = artifact.customProperties[OCI_PROPERTIES.digest];
  const recorded = typeof recordedDigest === "string";
  if (!recorded && dir === undefined)
    throw new UploadError(
      `the artifact ${artifact.uri} recorded no image digest (registerModel did not push it), so there is nothing to verify it against; downloadModel still reads it, checking every layer's digest`,
    );
  const env = ctx.env ?? (await import("../../config/default-env.js")).defaultEnv();
  const registry = await connectRegistry(
    ref.registry,
    { ...ctx.oci, ...request.oci },
    { env, signal: ctx.signal, onSecret: (secret) => ctx.addSecret(secret) },
  );
  ctx.onProgress?.({ type: "phase", phase: dir ? "downloading" : "verifying", detail: artifact.uri });
  const pulled = await pullModelcar(registry, ref.repository, ref.digest ?? ref.tag ?? "latest", {
    path: dir,
    expectedDigest: recorded ? recordedDigest : undefined,
    onProgress: ctx.onProgress,
    signal: ctx.signal,
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
  ctx.onProgress?.({ type: "phase", phase: "done" });
  return {
    ok: mismatches.length === 0,
    recorded,
    mismatches,
    manifest: pulled.manifest,
    modelArtifact: artifact,
  };
}
