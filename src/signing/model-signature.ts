// The OpenSSF model-signing format (PyPI `model-signing` 1.x, `model_signing sign key` / `verify key`), written and
// read with node:crypto alone: a Sigstore bundle (media type v0.3) holding a DSSE envelope over an in-toto Statement v1.
// The statement has one subject (the model's name, and a SHA-256 over the raw file digests in path order) and a
// predicate listing every file (POSIX path relative to the model, algorithm, hex digest) with how they were hashed
// (`files`, SHA-256, no symlinks, the ignored paths). Key mode: an EC key on P-256, P-384 or P-521, a DER ECDSA
// signature over DSSE's pre-authentication encoding with the curve's hash, and the key named by a hint (the hex
// SHA-256 of its public PEM), with no transparency-log entry. Facts from the format as its own tools write and check
// it (see the project's model-signing reference); the code is ours.
import type { KeyObject } from "node:crypto";
import { builtin } from "../builtin.js";
import { SignatureError } from "../errors.js";

const createHash = (algorithm: string) => builtin("node:crypto").createHash(algorithm);

/** The Sigstore bundle media type the format writes. */
export const BUNDLE_MEDIA_TYPE = "application/vnd.dev.sigstore.bundle.v0.3+json";
/** DSSE's payload type for in-toto statements. */
export const PAYLOAD_TYPE = "application/vnd.in-toto+json";
const STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
/** The predicate type of model-signing 1.x. */
export const PREDICATE_TYPE = "https://model_signing/signature/v1.0";
/** The signature file's name by default (model_signing's). */
export const SIGNATURE_FILE = "model.sig";
/** Paths model_signing leaves out of what it signs by default (git's), beside the signature file itself. */
export const DEFAULT_IGNORED = [".git", ".gitattributes", ".github", ".gitignore"] as const;

/** One signed file: its path relative to the model (POSIX), and its SHA-256 (hex). */
export interface SignedFile {
  path: string;
  sha256: string;
}

/** What a signature says: the model's name, its files, the paths it left out, and the key's hint. */
export interface SignedModel {
  name: string;
  files: SignedFile[];
  ignorePaths: string[];
  /** Hex SHA-256 of the signing key's public PEM, when the bundle names it. */
  keyHint: string | undefined;
}

/** A Sigstore bundle as model-signing writes it (key mode). */
interface Bundle {
  mediaType: string;
  verificationMaterial: { publicKey?: { hint?: string }; tlogEntries?: unknown[]; certificate?: unknown };
  dsseEnvelope: { payload: string; payloadType: string; signatures: { sig: string; keyid?: string }[] };
}

/** Path order as model-signing sorts its resources (Python's PurePosixPath: component by component). */
export function comparePaths(a: string, b: string): number {
  const x = a.split("/");
  const y = b.split("/");
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i] as string;
    const q = y[i] as string;
    if (p !== q) return p < q ? -1 : 1;
  }
  return x.length - y.length;
}

/** DSSE's pre-authentication encoding: `DSSEv1 <len(type)> <type> <len(body)> <body>` (lengths in bytes). */
function pae(payload: Buffer): Buffer {
  const type = Buffer.from(PAYLOAD_TYPE, "utf8");
  return Buffer.concat([
    Buffer.from(`DSSEv1 ${type.length} ${PAYLOAD_TYPE} ${payload.length} `, "utf8"),
    payload,
  ]);
}

/** The hash an EC key signs with: the curve's size (SHA-256 for P-256, SHA-384 for P-384, SHA-512 for P-521).
 * @throws SignatureError for another key type or curve (model-signing accepts only these three). */
function hashFor(key: KeyObject): "sha256" | "sha384" | "sha512" {
  const curve = key.asymmetricKeyType === "ec" ? key.asymmetricKeyDetails?.namedCurve : undefined;
  if (curve === "prime256v1" || curve === "P-256") return "sha256";
  if (curve === "secp384r1" || curve === "P-384") return "sha384";
  if (curve === "secp521r1" || curve === "P-521") return "sha512";
  const kind =
    key.asymmetricKeyType === "ec"
      ? `an EC key on ${curve}`
      : `an ${String(key.asymmetricKeyType).toUpperCase()} key`;
  throw new SignatureError(
    `the key is ${kind}; model signing takes an EC key on P-256, P-384 or P-521`,
    "unsupported-key",
  );
}

/** Checks that a key is one model signing takes (an EC key on P-256, P-384 or P-521), before anything is done with
 * it. @throws SignatureError `unsupported-key` */
export function checkSigningKey(key: KeyObject): void {
  hashFor(key);
}

/** The hint that names a public key in a bundle: the hex SHA-256 of its PEM (SubjectPublicKeyInfo). */
export function keyHint(key: KeyObject): string {
  const publicKey = key.type === "private" ? builtin("node:crypto").createPublicKey(key) : key;
  const pem = publicKey.export({ type: "spki", format: "pem" }) as string;
  return createHash("sha256").update(pem).digest("hex");
}

/** The in-toto statement of a model: `files` sorted as model-signing sorts them, their root digest as the subject. */
export function modelStatement(name: string, files: readonly SignedFile[], ignorePaths: readonly string[]) {
  const sorted = [...files].sort((a, b) => comparePaths(a.path, b.path));
  const root = createHash("sha256");
  for (const file of sorted) root.update(Buffer.from(file.sha256, "hex"));
  return {
    _type: STATEMENT_TYPE,
    subject: [{ name, digest: { sha256: root.digest("hex") } }],
    predicateType: PREDICATE_TYPE,
    predicate: {
      serialization: {
        method: "files",
        hash_type: "sha256",
        allow_symlinks: false,
        ignore_paths: [...ignorePaths],
      },
      resources: sorted.map((file) => ({ name: file.path, algorithm: "sha256", digest: file.sha256 })),
    },
  };
}

/**
 * Signs a model's files with `privateKey` (an EC private key on P-256, P-384 or P-521): the signature file's bytes.
 * `ignorePaths` are the paths left out (the signature file's own name, and git's, as model_signing records them).
 * @throws SignatureError for a key of another kind.
 */
export function signModel(
  privateKey: KeyObject,
  name: string,
  files: readonly SignedFile[],
  ignorePaths: readonly string[] = [SIGNATURE_FILE, ...DEFAULT_IGNORED],
): Uint8Array {
  if (privateKey.type !== "private")
    throw new SignatureError("signing needs a private key, not a public one", "unsupported-key");
  const hash = hashFor(privateKey);
  const payload = Buffer.from(JSON.stringify(modelStatement(name, files, ignorePaths), null, 2), "utf8");
  const sig = builtin("node:crypto").sign(hash, pae(payload), { key: privateKey, dsaEncoding: "der" });
  const bundle: Bundle = {
    mediaType: BUNDLE_MEDIA_TYPE,
    verificationMaterial: { publicKey: { hint: keyHint(privateKey) }, tlogEntries: [] },
    dsseEnvelope: {
      payload: payload.toString("base64"),
      payloadType: PAYLOAD_TYPE,
      signatures: [{ sig: sig.toString("base64"), keyid: "" }],
    },
  };
  return Buffer.from(`${JSON.stringify(bundle, null, 2)}\n`, "utf8");
}

/** Reads a signature file's bundle, checking its shape. @throws SignatureError `malformed` */
function readBundle(bytes: Uint8Array): Bundle {
  let bundle: Bundle;
  try {
    bundle = JSON.parse(Buffer.from(bytes).toString("utf8")) as Bundle;
  } catch (error) {
    throw new SignatureError("the signature file is not JSON (a Sigstore bundle is)", "malformed", {
      cause: error,
    });
  }
  if (bundle?.mediaType !== BUNDLE_MEDIA_TYPE)
    throw new SignatureError(
      `the signature file is not a Sigstore bundle of ${BUNDLE_MEDIA_TYPE} (it says ${JSON.stringify(bundle?.mediaType)})`,
      "malformed",
    );
  const signature = bundle.dsseEnvelope?.signatures?.[0]?.sig;
  if (typeof bundle.dsseEnvelope?.payload !== "string" || typeof signature !== "string")
    throw new SignatureError("the signature file holds no DSSE envelope with a signature", "malformed");
  return bundle;
}

/** The key hint a signature file names (hex SHA-256 of the signer's public PEM), without checking the signature. */
export function bundleKeyHint(bytes: Uint8Array): string | undefined {
  return readBundle(bytes).verificationMaterial?.publicKey?.hint || undefined;
}

/** Whether the bundle was signed by a key (a public-key hint) rather than a certificate (keyless, Sigstore). */
export function signedWithKey(bytes: Uint8Array): boolean {
  const bundle = readBundle(bytes);
  return bundle.verificationMaterial?.certificate === undefined;
}

/**
 * Checks a signature file against `publicKey`, then reads what it signed. The key's hint, when the bundle names one,
 * must be this key's; the signature must hold over DSSE's encoding of the payload; the payload must be an in-toto
 * statement of model-signing 1.x whose subject digest matches its resources.
 * @throws SignatureError `wrong-key` (another key signed it), `bad-signature`, `malformed`, `unsupported-key`
 */
export function verifySignature(bytes: Uint8Array, publicKey: KeyObject): SignedModel {
  const bundle = readBundle(bytes);
  const key = publicKey.type === "private" ? builtin("node:crypto").createPublicKey(publicKey) : publicKey;
  const hash = hashFor(key);
  const hint = bundle.verificationMaterial?.publicKey?.hint;
  const ours = keyHint(key);
  if (hint && hint !== ours)
    throw new SignatureError(
      `the model was signed by another key (hint ${hint.slice(0, 16)}…, this key ${ours.slice(0, 16)}…)`,
      "wrong-key",
    );
  if (bundle.dsseEnvelope.payloadType !== PAYLOAD_TYPE)
    throw new SignatureError(
      `the envelope's payload is ${bundle.dsseEnvelope.payloadType}, not ${PAYLOAD_TYPE}`,
      "malformed",
    );
  const payload = Buffer.from(bundle.dsseEnvelope.payload, "base64");
  const signature = Buffer.from(bundle.dsseEnvelope.signatures[0]?.sig as string, "base64");
  if (!builtin("node:crypto").verify(hash, pae(payload), { key, dsaEncoding: "der" }, signature))
    throw new SignatureError(
      "the signature does not hold: the signed statement was changed, or another key signed it",
      "bad-signature",
    );
  return readStatement(payload, hint);
}

/** The signed model a statement describes. @throws SignatureError `malformed` */
function readStatement(payload: Buffer, hint: string | undefined): SignedModel {
  let statement: ReturnType<typeof modelStatement>;
  try {
    statement = JSON.parse(payload.toString("utf8"));
  } catch (error) {
    throw new SignatureError("the signed payload is not JSON", "malformed", { cause: error });
  }
  if (statement._type !== STATEMENT_TYPE || statement.predicateType !== PREDICATE_TYPE)
    throw new SignatureError(
      `the signed payload is not a model-signing statement (${statement._type}, ${statement.predicateType})`,
      "malformed",
    );
  const [subject, ...more] = statement.subject ?? [];
  const serialization = statement.predicate?.serialization;
  if (
    !subject ||
    more.length > 0 ||
    serialization?.method !== "files" ||
    serialization.hash_type !== "sha256"
  )
    throw new SignatureError(
      `the statement must have one subject and files hashed with SHA-256 (it has ${statement.subject?.length ?? 0} subjects, ${serialization?.method} with ${serialization?.hash_type})`,
      "malformed",
    );
  const root = createHash("sha256");
  const files: SignedFile[] = [];
  for (const resource of statement.predicate.resources ?? []) {
    if (resource.algorithm !== "sha256" || !/^[0-9a-f]{64}$/.test(resource.digest))
      throw new SignatureError(
        `the statement lists ${resource.name} with ${resource.algorithm}, not a SHA-256`,
        "malformed",
      );
    root.update(Buffer.from(resource.digest, "hex"));
    files.push({ path: resource.name, sha256: resource.digest });
  }
  if (root.digest("hex") !== subject.digest?.sha256)
    throw new SignatureError("the statement's subject digest does not match its files", "malformed");
  return { name: subject.name, files, ignorePaths: serialization.ignore_paths ?? [], keyHint: hint };
}

/** Whether `path` (relative, POSIX) is left out by one of `ignorePaths` (the path itself or a folder above it). */
export function isIgnored(path: string, ignorePaths: readonly string[]): boolean {
  return ignorePaths.some(
    (ignored) => path === ignored || path.startsWith(`${ignored.replace(/\/+$/, "")}/`),
  );
}

/** A difference between what was signed and what is there. */
export interface SignatureMismatch {
  path: string;
  problem: "missing" | "extra" | "changed";
  signed?: string | undefined;
  actual?: string | undefined;
}

/** Compares the signed files with the files there are (ignored paths left out of both). */
export function compareSigned(signed: SignedModel, actual: readonly SignedFile[]): SignatureMismatch[] {
  const there = new Map(
    actual.filter((f) => !isIgnored(f.path, signed.ignorePaths)).map((f) => [f.path, f.sha256]),
  );
  const mismatches: SignatureMismatch[] = [];
  for (const file of signed.files) {
    const sha = there.get(file.path);
    if (sha === undefined) mismatches.push({ path: file.path, problem: "missing", signed: file.sha256 });
    else if (sha !== file.sha256)
      mismatches.push({ path: file.path, problem: "changed", signed: file.sha256, actual: sha });
    there.delete(file.path);
  }
  for (const [path, sha] of there) mismatches.push({ path, problem: "extra", actual: sha });
  return mismatches.sort((a, b) => comparePaths(a.path, b.path));
}
