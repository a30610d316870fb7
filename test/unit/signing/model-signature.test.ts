// The model-signing format with node:crypto: a signature holds for the files signed and no others, names its key,
// refuses keys the format does not take, and sorts paths as model-signing does (component by component).
import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  comparePaths,
  compareSigned,
  keyHint,
  signModel,
  verifySignature,
} from "../../../src/signing/model-signature.js";

const files = [
  { path: "sub/b.bin", sha256: "f2c82decdd7181cf98945929a62598db7e6b477e11f6e0eb0ae97020eff151ad" },
  { path: "a.txt", sha256: "b6a98d9ce9a2d9149288fa3df42d377c3e42737afdcdaf714e33c0a100b51060" },
  { path: "a-b", sha256: "73cb3858a687a8494ca3323053016282f3dad39d42cf62ca4e79dda2aac7d9ac" },
];
const ec = (namedCurve: string) => generateKeyPairSync("ec", { namedCurve });

describe("model signatures", () => {
  it.each(["prime256v1", "secp384r1", "secp521r1"])(
    "sign and verify round trip on %s, naming the key",
    (curve) => {
      const { privateKey, publicKey } = ec(curve);
      const bytes = signModel(privateKey, "m", files);
      const signed = verifySignature(bytes, publicKey);
      expect(signed.name).toBe("m");
      expect(signed.files.map((f) => f.path)).toEqual(["a-b", "a.txt", "sub/b.bin"]);
      expect(signed.ignorePaths).toContain("model.sig");
      expect(signed.keyHint).toBe(keyHint(publicKey));
      expect(compareSigned(signed, files)).toEqual([]);
    },
  );

  it("the same subject digest model_signing computed for these files", () => {
    const { privateKey, publicKey } = ec("prime256v1");
    const bundle = JSON.parse(Buffer.from(signModel(privateKey, "m", files)).toString());
    const statement = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, "base64").toString());
    // model_signing 1.1.1 signed a folder of these three files with subject digest 9a4a1b23… (same files, same order).
    expect(statement.subject[0].digest.sha256).toBe(
      "9a4a1b23e25ca8c9d4cddd316d474f7110cd93487b8e70e66297c82eb86790ea",
    );
    expect(verifySignature(signModel(privateKey, "m", files), publicKey).files).toHaveLength(3);
  });

  it("names what differs: a changed, a missing and an extra file; ignored paths are left out", () => {
    const { privateKey, publicKey } = ec("prime256v1");
    const signed = verifySignature(signModel(privateKey, "m", files), publicKey);
    const actual = [
      { path: "a-b", sha256: "0".repeat(64) },
      { path: "a.txt", sha256: files[1]?.sha256 as string },
      { path: "new.bin", sha256: "1".repeat(64) },
      { path: "model.sig", sha256: "2".repeat(64) },
      { path: ".git/HEAD", sha256: "3".repeat(64) },
    ];
    expect(compareSigned(signed, actual).map((m) => `${m.problem} ${m.path}`)).toEqual([
      "changed a-b",
      "extra new.bin",
      "missing sub/b.bin",
    ]);
  });

  it("refuses another key, a changed statement, and keys the format does not take", () => {
    const { privateKey } = ec("prime256v1");
    const other = ec("prime256v1").publicKey;
    const bytes = signModel(privateKey, "m", files);
    expect(() => verifySignature(bytes, other)).toThrow(expect.objectContaining({ kind: "wrong-key" }));
    // A bundle whose hint was removed still fails under another key: the signature does not hold.
    const bundle = JSON.parse(Buffer.from(bytes).toString());
    bundle.verificationMaterial.publicKey = {};
    expect(() => verifySignature(Buffer.from(JSON.stringify(bundle)), other)).toThrow(
      expect.objectContaining({ kind: "bad-signature" }),
    );
    const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
    expect(() => signModel(rsa, "m", files)).toThrow(expect.objectContaining({ kind: "unsupported-key" }));
    expect(() => signModel(ec("secp256k1").privateKey, "m", files)).toThrow(/P-256, P-384 or P-521/);
    expect(() => verifySignature(Buffer.from("{}"), other)).toThrow(
      expect.objectContaining({ kind: "malformed" }),
    );
  });

  it("a changed statement under the right key is a bad signature", () => {
    const { privateKey, publicKey } = ec("prime256v1");
    const bundle = JSON.parse(Buffer.from(signModel(privateKey, "m", files)).toString());
    const payload = Buffer.from(bundle.dsseEnvelope.payload, "base64").toString().replace('"m"', '"n"');
    bundle.dsseEnvelope.payload = Buffer.from(payload).toString("base64");
    expect(() => verifySignature(Buffer.from(JSON.stringify(bundle)), publicKey)).toThrow(
      expect.objectContaining({ kind: "bad-signature" }),
    );
  });

  it("sorts paths component by component, as Python's PurePosixPath does", () => {
    expect(["a/b", "a-b", "a.txt", "a", "ab/c"].sort(comparePaths)).toEqual([
      "a",
      "a/b",
      "a-b",
      "a.txt",
      "ab/c",
    ]);
  });
});

describe("keys as callers give them", () => {
  it("takes PEM text, its bytes or a KeyObject; a missing key or another kind is a ConfigError naming it", async () => {
    const { privateKeyOf, publicKeyOf } = await import("../../../src/signing/keys.js");
    const { ConfigError } = await import("../../../src/errors.js");
    const { privateKey, publicKey } = ec("prime256v1");
    const pem = privateKey.export({ type: "pkcs8", format: "pem" }) as string;
    expect(privateKeyOf(pem).type).toBe("private");
    expect(privateKeyOf(Buffer.from(pem)).type).toBe("private");
    expect(publicKeyOf(privateKey).type).toBe("public");
    expect(() => privateKeyOf(undefined as unknown as string, "sign.privateKey")).toThrow(
      /sign.privateKey is missing: give PEM text/,
    );
    expect(() => privateKeyOf(publicKey)).toThrow(ConfigError);
    expect(() => privateKeyOf("not a key")).toThrow(/not a PEM private key/);
    expect(() => publicKeyOf({} as unknown as string)).toThrow(/the public key is missing/);
  });
});
