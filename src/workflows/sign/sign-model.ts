// signModel: sign the files a registered version stores with the OpenSSF model-signing format (key mode), from the
// digests its registration recorded (no file is downloaded again); store the signature beside the files and record
// where it is and which key made it on the model artifact.
import type { KeyObject } from "node:crypto";
import type { ModelArtifact } from "../../client/entities.js";
import { SignatureError } from "../../errors.js";
import { privateKeyOf, publicKeyOf } from "../../signing/keys.js";
import {
  bundleKeyHint,
  checkSigningKey,
  compareSigned,
  isIgnored,
  keyHint,
  signModel as signFiles,
  verifySignature,
} from "../../signing/model-signature.js";
import type { OciOptions } from "../../storage/oci/oci-options.js";
import { SIGNATURE_PROPERTIES } from "../../storage/recorded-properties.js";
import type { StorageOptions } from "../../storage/s3/storage-options.js";
import { requireVersion } from "../lookup.js";
import type { RegistryClient } from "../registry-client.js";
import { storeContext } from "../store-context.js";
import { type VersionName, versionWhat } from "../version-name.js";
import { ignoredPaths, recordedFiles, signaturePlace } from "./signature-place.js";

/** Which version to sign, and with what. */
export interface SignModelParams extends VersionName {
  /** The signing key: an EC private key on P-256, P-384 or P-521, as PEM text or a KeyObject (model signing's key
   * mode; `openssl ecparam -name prime256v1 -genkey -noout -out key.pem` makes one). */
  privateKey: KeyObject | string | Uint8Array;
  /** Replace a signature another key made. Default false: that is a SignatureError (`other-signer`). */
  replace?: boolean | undefined;
  /** How to reach the version's storage. Default: where its URI says, then the client's storage settings. */
  storage?: StorageOptions | undefined;
  /** How to reach the registry of a version stored as an image. */
  oci?: OciOptions | undefined;
  /** Cancels the lookup, the reads and the write. */
  signal?: AbortSignal | undefined;
}

/** What signModel did. */
export interface SignModelResult {
  /** `signed`: a signature was written; `unchanged`: this key's signature of these files was there already. */
  status: "signed" | "unchanged";
  /** Where the signature is (`s3://…/model.sig`, or `oci://…:sha256-<hex>.sig` for an image). */
  signatureUri: string;
  /** The hex SHA-256 of the signing key's public PEM (the bundle's key hint). */
  keyHint: string;
  /** How many files it covers. */
  fileCount: number;
  /** The model artifact, with the signature's properties. */
  modelArtifact: ModelArtifact;
}

/**
 * Signs the files a version stores (as its registration recorded them), writes the signature beside them and
 * records it on the model artifact. Run again with the same key, it changes nothing.
 * @throws SignatureError `other-signer` when another key signed the version (unless `replace`), or when its
 * signature came with its files; ConfigError for a key the format does not take.
 */
export async function signModel(mr: RegistryClient, params: SignModelParams): Promise<SignModelResult> {
  const key = privateKeyOf(params.privateKey);
  checkSigningKey(key);
  const hint = keyHint(key);
  const { modelArtifact } = await requireVersion(mr, params, { signal: params.signal });
  const what = versionWhat(params);
  const ctx = storeContext(mr, { policy: mr.retryPolicy, signal: params.signal }, undefined);
  const place = await signaturePlace(ctx, modelArtifact, what, params);
  const files = await recordedFiles(place);
  const ignore = ignoredPaths(place);
  // What model_signing leaves out is left out here too: a path ignored, or under an ignored folder (`.git/…`).
  const signedFiles = files.filter((f) => !isIgnored(f.path, ignore));
  const existing = await place.read();
  const record = async () =>
    mr.modelArtifacts.update(
      modelArtifact.id,
      { customProperties: { [SIGNATURE_PROPERTIES.uri]: place.uri, [SIGNATURE_PROPERTIES.key]: hint } },
      { mergeCustomProperties: true, signal: params.signal },
    );
  const result = (status: SignModelResult["status"], artifact: ModelArtifact) => ({
    status,
    signatureUri: place.uri,
    keyHint: hint,
    fileCount: signedFiles.length,
    modelArtifact: artifact,
  });
  if (existing) {
    const theirs = bundleKeyHint(existing);
    if (theirs === hint) {
      // This key signed it: unchanged when that signature still holds for these files.
      const signed = (() => {
        try {
          return verifySignature(existing, publicKeyOf(key));
        } catch {
          return undefined;
        }
      })();
      if (signed && compareSigned(signed, files).length === 0) {
        const recorded =
          modelArtifact.customProperties[SIGNATURE_PROPERTIES.key] === hint &&
          modelArtifact.customProperties[SIGNATURE_PROPERTIES.uri] === place.uri;
        return result("unchanged", recorded ? modelArtifact : await record());
      }
    }
    const uploaded = files.some((f) => f.path === place.name);
    if (uploaded)
      throw new SignatureError(
        `${what} was registered with its own signature (${place.name} among its files, key ${theirs?.slice(0, 16) ?? "unnamed"}…); nothing was changed: register the files as a new version to sign them with this key`,
        "other-signer",
      );
    if (theirs !== hint && !params.replace)
      throw new SignatureError(
        `${what} is signed by another key (${theirs ? `${theirs.slice(0, 16)}…` : "unnamed"}, this key ${hint.slice(0, 16)}…); nothing was changed: replacing it must be asked for (replace)`,
        "other-signer",
      );
  }
  // Objects beside the files that the registration did not record would be downloaded with them, and fail every
  // verifier: they are refused, not signed around.
  const unrecorded = (await place.unrecorded?.()) ?? [];
  if (unrecorded.length > 0)
    throw new SignatureError(
      `${what} has files stored beside its recorded ones (${unrecorded.slice(0, 5).join(", ")}${unrecorded.length > 5 ? ", …" : ""}); nothing was signed: remove them, or register the folder as a new version`,
      "mismatch",
      { mismatches: unrecorded.map((path) => ({ path, problem: "extra" as const })) },
    );
  const bytes = signFiles(key, params.name, signedFiles, ignore);
  await place.write(bytes);
  // Another run signing at the same time with another key: the last write stays; whoever lost is told.
  const stored = await place.read();
  const now = stored && bundleKeyHint(stored);
  if (now !== hint)
    throw new SignatureError(
      `${what} was signed by another key at the same time (${now?.slice(0, 16) ?? "unnamed"}…); its signature is not this key's`,
      "other-signer",
    );
  return result("signed", await record());
}
