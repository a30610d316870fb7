// The signature of a registered version: where it lives (the store of its artifact's URI says), which files it
// covers and which paths it leaves out, and the check of a signature against a key and against the files there are.
import type { KeyObject } from "node:crypto";
import type { ModelArtifact } from "../../client/entities.js";
import { ConfigError, SignatureError } from "../../errors.js";
import {
  compareSigned,
  DEFAULT_IGNORED,
  type SignedFile,
  type SignedModel,
  verifySignature,
} from "../../signing/model-signature.js";
import { RESERVED_NAMES } from "../../storage/manifest.js";
import type { SignaturePlace, StoreContext } from "../../storage/model-store.js";
import { isStoreUri, modelStoreFor } from "../../storage/model-stores.js";
import type { OciOptions } from "../../storage/oci/oci-options.js";
import type { StorageOptions } from "../../storage/s3/storage-options.js";

export type { SignaturePlace };

/** Where `artifact`'s signature lives. @throws ConfigError for a version whose store signs nothing yet. */
export async function signaturePlace(
  ctx: StoreContext,
  artifact: ModelArtifact,
  what: string,
  options: { storage?: StorageOptions | undefined; oci?: OciOptions | undefined },
): Promise<SignaturePlace> {
  const uri = artifact.uri ?? "";
  const store = isStoreUri(uri) ? await modelStoreFor(uri, "the artifact's URI") : undefined;
  if (!store?.signaturePlace)
    throw new ConfigError(
      `${what} is stored at ${uri}: signatures are kept for versions stored by registerModel (s3:// and oci://)`,
    );
  return store.signaturePlace(ctx, { artifact, what, storage: options.storage, oci: options.oci });
}

/** The paths a signature of a version leaves out: the signature file, the uploader's own files (its manifest, its
 * claim), and git's (as model_signing leaves them out). */
export function ignoredPaths(place: SignaturePlace): string[] {
  return [place.name, ...RESERVED_NAMES, ...DEFAULT_IGNORED];
}

/** The version's recorded files, as a signature lists them. */
export async function recordedFiles(place: SignaturePlace): Promise<SignedFile[]> {
  return (await place.files()).files.map((file) => ({ path: file.path, sha256: file.sha256 }));
}

/**
 * Checks the signature at `place` against `publicKey`, then the files it lists against `files` (what is there).
 * @throws SignatureError `unsigned` when there is none, `mismatch` naming the files that differ, or what
 * verifySignature throws
 */
export async function checkSignature(
  place: SignaturePlace,
  publicKey: KeyObject,
  files: readonly SignedFile[],
  what: string,
): Promise<SignedModel & { bytes: Uint8Array }> {
  const bytes = await place.read();
  if (!bytes)
    throw new SignatureError(`${what} is not signed: there is no signature at ${place.uri}`, "unsigned");
  let signed: SignedModel;
  try {
    signed = verifySignature(bytes, publicKey);
  } catch (error) {
    if (!(error instanceof SignatureError)) throw error;
    throw new SignatureError(`${what}: ${error.message}`, error.kind, { cause: error });
  }
  // Objects stored beside the files that the registration did not record are there for every other reader too.
  const unrecorded = (await place.unrecorded?.()) ?? [];
  const mismatches = compareSigned(signed, [
    ...files,
    ...unrecorded.map((path) => ({ path, sha256: "not recorded" })),
  ]);
  if (mismatches.length > 0) {
    const named = mismatches
      .slice(0, 5)
      .map(
        (m) =>
          `${m.path} (${m.problem === "changed" ? "changed since it was signed" : m.problem === "missing" ? "signed, but missing" : "not signed"})`,
      );
    throw new SignatureError(
      `the files of ${what} are not the ones signed: ${named.join(", ")}${mismatches.length > 5 ? `, and ${mismatches.length - 5} more` : ""}`,
      "mismatch",
      { mismatches },
    );
  }
  return { ...signed, bytes };
}
