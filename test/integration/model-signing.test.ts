// Signing interop with the OpenSSF model-signing tools (PyPI model-signing 1.1.1, offline, key mode), both ways:
// a folder we register and sign, downloaded by boto3, passes `model_signing verify key`; a folder signed by
// `model_signing sign key` and registered verifies with our verifyModel and `mr-cli verify --public-key`; a changed
// byte fails both, naming the file. A signature never covers itself, survives a re-run, and another key's signature
// is refused unless replacing it is asked for.
import { createPublicKey, generateKeyPairSync } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { beforeAll, describe, expect, it } from "vitest";
import { SignatureError } from "../../src/errors.js";
import { ModelRegistry } from "../../src/model-registry.js";
import { keyHint } from "../../src/signing/model-signature.js";
import { json, mrCli } from "../support/cli.js";
import { bigFile, tempDir, writeTree } from "../support/model-files.js";
import { boto3Download, installModelSigning, modelSigning } from "../support/model-signing.js";
import { countingClient, S3_SERVERS } from "../support/s3.js";
import { stackSetting } from "../support/stack-env.js";
import { startTlsProxy } from "../support/tls-proxy.js";
import { uniqueName } from "../support/unique.js";

const server = S3_SERVERS[1]; // versitygw
const { client, bucket, endpoint } = countingClient(server);
const credentials = {
  accessKeyId: stackSetting(server.key),
  secretAccessKey: stackSetting(server.secret),
};
const storage = { endpoint, bucket, region: "us-east-1", forcePathStyle: true, credentials };
const mr = new ModelRegistry({ url: stackSetting("MODEL_REGISTRY_URL"), author: "signing-test", storage });
const cliEnv = {
  AWS_ACCESS_KEY_ID: credentials.accessKeyId,
  AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
  AWS_S3_ENDPOINT: endpoint,
  AWS_S3_BUCKET: bucket,
};

/** A P-256 key pair, as PEM text and as files (model_signing reads files). */
async function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const dir = await tempDir("signing-keys-");
  const privatePem = privateKey.export({ type: "pkcs8", format: "pem" }) as string;
  const publicPem = publicKey.export({ type: "spki", format: "pem" }) as string;
  writeFileSync(join(dir, "key.pem"), privatePem);
  writeFileSync(join(dir, "pub.pem"), publicPem);
  return { privatePem, publicPem, keyFile: join(dir, "key.pem"), pubFile: join(dir, "pub.pem") };
}

/** `model_signing verify key` of a folder with its own model.sig, as a user of their tool runs it. */
const verifyFolder = (pubFile: string, dir: string) =>
  modelSigning(["verify", "key", "--public_key", pubFile, "--signature", join(dir, "model.sig"), dir]);

async function modelFolder(label: string): Promise<string> {
  const dir = await tempDir();
  await writeTree(dir, {
    "model.onnx": `weights of ${label}`,
    "config.json": '{"layers": [32, 10]}',
    "tokenizer/vocab.txt": "a b c",
    "a-b": "dash sorts before dot",
  });
  return dir;
}

describe("model signing with the OpenSSF tools, both ways", () => {
  beforeAll(() => installModelSigning(), 300_000);

  it("a folder we register and sign, downloaded by boto3, passes model_signing verify key; a changed byte fails", {
    timeout: 120_000,
  }, async () => {
    const keys = await keyPair();
    const name = uniqueName("signed-ours");
    const folder = await modelFolder(name);
    // A file under .git: uploaded, and left out of what is signed, as model_signing leaves it out.
    await writeTree(folder, { ".git/HEAD": "ref: refs/heads/main" });
    const result = await mr.registerModel({
      name,
      version: "v1",
      path: folder,
      sign: { privateKey: keys.privatePem },
    });
    // Beside the files, plain as the manifest's URI is; the artifact's s3_endpoint says where the store is.
    expect(result.signature).toMatchObject({ status: "signed", uri: `s3://${bucket}/${name}/v1/model.sig` });
    expect(result.modelArtifact.customProperties).toMatchObject({
      model_signature_uri: result.signature?.uri,
      model_signature_key: result.signature?.keyHint,
      model_manifest_uri: `s3://${bucket}/${name}/v1/.model-manifest.json`,
      s3_endpoint: endpoint,
    });
    const dir = await tempDir("boto3-");
    await boto3Download({ endpoint, ...credentials }, bucket, `${name}/v1`, dir);
    const verified = await verifyFolder(keys.pubFile, dir);
    expect(verified).toMatchObject({ code: 0, output: expect.stringMatching(/Verification succeeded/) });
    writeFileSync(join(dir, "tokenizer/vocab.txt"), "a b d");
    const tampered = await verifyFolder(keys.pubFile, dir);
    expect(tampered.code).not.toBe(0);
    expect(tampered.output).toMatch(/tokenizer\/vocab\.txt/);
    // Our own check, after the stored file changed behind the registry's back: the signature names it (exit 8).
    await client.send(
      new PutObjectCommand({ Bucket: bucket, Key: `${name}/v1/tokenizer/vocab.txt`, Body: "a b d" }),
    );
    const error = await mr
      .verifyModel({ name, version: "v1", signature: { publicKey: keys.publicPem } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignatureError);
    expect(error).toMatchObject({
      kind: "mismatch",
      message: expect.stringMatching(/tokenizer\/vocab\.txt \(changed/),
    });
    const cli = await mrCli(["verify", name, "v1", "--public-key", keys.pubFile], cliEnv);
    expect(cli.code).toBe(8);
    expect(cli.stderr).toMatch(/tokenizer\/vocab\.txt/);
    // A download checked with the key leaves no changed file under its own name (nor half a file).
    const target = await tempDir("signed-tampered-");
    const download = await mrCli(["download", name, "v1", target, "--public-key", keys.pubFile], cliEnv);
    expect(download.code).toBe(8);
    expect(existsSync(join(target, "tokenizer/vocab.txt"))).toBe(false);
    expect(existsSync(join(target, "tokenizer/vocab.txt.partial"))).toBe(false);
    expect(await readFile(join(target, "model.onnx"), "utf8")).toBe(`weights of ${name}`);
    // An object added beside the files, behind the registry's back, is named as not signed.
    await client.send(
      new PutObjectCommand({ Bucket: bucket, Key: `${name}/v1/tokenizer/vocab.txt`, Body: "a b c" }),
    );
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: `${name}/v1/extra.py`, Body: "print(1)" }));
    const extra = await mr
      .verifyModel({ name, version: "v1", signature: { publicKey: keys.publicPem } })
      .catch((e: unknown) => e);
    expect(extra).toMatchObject({ kind: "mismatch", mismatches: [{ path: "extra.py", problem: "extra" }] });
  });

  it("a folder model_signing signed and we registered verifies with verifyModel and mr-cli; a changed byte fails", {
    timeout: 120_000,
  }, async () => {
    const keys = await keyPair();
    const name = uniqueName("signed-theirs");
    const folder = await modelFolder(name);
    const signed = await modelSigning([
      "sign",
      "key",
      "--private_key",
      keys.keyFile,
      "--signature",
      join(folder, "model.sig"),
      folder,
    ]);
    expect(signed).toMatchObject({ code: 0, output: expect.stringMatching(/Signing succeeded/) });
    const registered = await mr.registerModel({ name, version: "v1", path: folder });
    // Its own signature is recorded, as ours are: every client sees it is signed, and by which key.
    expect(registered.modelArtifact.customProperties).toMatchObject({
      model_signature_uri: expect.stringMatching(/\/v1\/model\.sig/),
      model_signature_key: keyHint(createPublicKey(keys.publicPem)),
    });
    // Signing it in the same call with another key is refused before anything is uploaded.
    const presigned = await mrCli(
      ["register", folder, "--name", name, "--version", "v2", "--sign-key", keys.keyFile],
      cliEnv,
    );
    expect(presigned.code).toBe(2);
    expect(presigned.stderr).toMatch(/model\.sig is a signature made with the files already/);
    expect(await mr.getModelVersion(name, "v2")).toBeNull();
    const result = await mr.verifyModel({ name, version: "v1", signature: { publicKey: keys.publicPem } });
    expect(result).toMatchObject({ ok: true, signature: { fileCount: 4 } });
    const cli = await mrCli(["verify", name, "v1", "--public-key", keys.pubFile, "-o", "json"], cliEnv);
    expect(cli.code).toBe(0);
    expect(json(cli)).toMatchObject({ ok: true, signature: { fileCount: 4 } });
    // Another key: refused, exit 8.
    const other = await keyPair();
    const wrong = await mrCli(["verify", name, "v1", "--public-key", other.pubFile], cliEnv);
    expect(wrong.code).toBe(8);
    expect(wrong.stderr).toMatch(/signed by another key/);
    // Signing it with our key is refused: its signature came with its files.
    await expect(
      mr.signModel({ name, version: "v1", privateKey: other.privatePem, replace: true }),
    ).rejects.toThrow(/registered with its own signature/);
    // A changed byte: the signature names the file.
    await client.send(
      new PutObjectCommand({ Bucket: bucket, Key: `${name}/v1/model.onnx`, Body: "other weights" }),
    );
    const error = await mr
      .verifyModel({ name, version: "v1", signature: { publicKey: keys.publicPem } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "mismatch", message: expect.stringMatching(/model\.onnx/) });
  });

  it("a re-run keeps the signature; another key is refused unless replacing; download writes model.sig beside", {
    timeout: 120_000,
  }, async () => {
    const keys = await keyPair();
    const name = uniqueName("signed-rerun");
    const folder = await modelFolder(name);
    const first = await mr.registerModel({
      name,
      version: "v1",
      path: folder,
      sign: { privateKey: keys.privatePem },
    });
    const again = await mr.registerModel({
      name,
      version: "v1",
      path: folder,
      sign: { privateKey: keys.privatePem },
    });
    expect(again).toMatchObject({
      status: "unchanged",
      signature: { status: "unchanged", keyHint: first.signature?.keyHint },
    });
    const other = await keyPair();
    const refused = await mr
      .signModel({ name, version: "v1", privateKey: other.privatePem })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ kind: "other-signer" });
    // The signature was not touched: the first key still verifies.
    expect(
      await mr.verifyModel({ name, version: "v1", signature: { publicKey: keys.publicPem } }),
    ).toMatchObject({ ok: true });
    // mr-cli sign --replace with the other key: now only that key verifies.
    const replaced = await mrCli(
      ["sign", name, "v1", "--key", other.keyFile, "--replace", "-o", "json"],
      cliEnv,
    );
    expect(replaced.code).toBe(0);
    expect(json(replaced)).toMatchObject({ status: "signed", fileCount: 4 });
    const old = await mr
      .verifyModel({ name, version: "v1", signature: { publicKey: keys.publicPem } })
      .catch((e: unknown) => e);
    expect(old).toMatchObject({ kind: "wrong-key" });
    // download --public-key writes the files and model.sig, and model_signing verifies the folder as it is.
    const dir = await tempDir("signed-download-");
    const downloaded = await mrCli(["download", name, "v1", dir, "--public-key", other.pubFile], cliEnv);
    expect(downloaded.code).toBe(0);
    expect(await readFile(join(dir, "model.sig"), "utf8")).toMatch(
      /application\/vnd\.dev\.sigstore\.bundle\.v0\.3\+json/,
    );
    const theirs = await verifyFolder(other.pubFile, dir);
    expect(theirs).toMatchObject({ code: 0 });
    // deploy --require-signature: refused for the old key before anything is written, done for the new one.
    const env = uniqueName("signed-env");
    const refusedDeploy = await mr
      .deploy({
        name,
        version: "v1",
        servingEnvironment: env,
        createEnvironment: true,
        requireSignature: { publicKey: keys.publicPem },
      })
      .catch((e: unknown) => e);
    expect(refusedDeploy).toMatchObject({ kind: "wrong-key" });
    expect(await mr.servingEnvironments.find({ name: env })).toBeNull();
    const deployed = await mrCli(
      [
        "deploy",
        name,
        "v1",
        "--env",
        env,
        "--create-env",
        "--require-signature",
        other.pubFile,
        "-o",
        "json",
      ],
      cliEnv,
    );
    expect(deployed.code).toBe(0);
    expect(json(deployed)).toMatchObject({ action: "created" });
    const emitted = await mrCli(
      ["deploy", name, "v1", "--emit", "kserve", "--require-signature", keys.pubFile],
      cliEnv,
    );
    expect(emitted.code).toBe(8);
    expect(emitted.stdout).toBe("");
    // A key the format does not take: refused before anything is uploaded.
    const rsaDir = await tempDir("rsa-key-");
    const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({
      type: "pkcs8",
      format: "pem",
    });
    writeFileSync(join(rsaDir, "rsa.pem"), rsa);
    const rsaName = uniqueName("rsa-signed");
    const refusedKey = await mrCli(
      ["register", folder, "--name", rsaName, "--version", "v1", "--sign-key", join(rsaDir, "rsa.pem")],
      cliEnv,
    );
    expect(refusedKey.code).toBe(8);
    expect(refusedKey.stderr).toMatch(/an RSA key; model signing takes an EC key/);
    expect(await mr.registeredModels.find({ name: rsaName })).toBeNull();
    // An unsigned version: verify with a key says so, exit 8.
    const plain = uniqueName("unsigned");
    await mr.registerModel({ name: plain, version: "v1", path: folder });
    const unsigned = await mrCli(["verify", plain, "v1", "--public-key", keys.pubFile], cliEnv);
    expect(unsigned.code).toBe(8);
    expect(unsigned.stderr).toMatch(/is not signed/);
  });

  it("a modelcar we push and sign passes rh-model-signing's image verification; one it signs verifies with ours", {
    timeout: 300_000,
  }, async () => {
    await installModelSigning("rh-model-signing");
    const keys = await keyPair();
    // The bearer-token registry: their client (oras-py) takes a Basic challenge's realm for a token service's URL.
    const host = stackSetting("OCI_TOKEN_REGISTRY");
    const oci = {
      credentials: { username: stackSetting("OCI_USERNAME"), password: stackSetting("OCI_PASSWORD") },
    };
    const name = uniqueName("signed-image");
    const folder = await modelFolder(name);
    // A large file too: one layer of its own (olot's file annotations), the rest packed (a directory layer).
    await bigFile(join(folder, "weights.safetensors"), 17 * 1024 * 1024);
    const to = `oci://${host}/models/${name}`;
    const v1 = await mr.registerModel({
      name,
      version: "v1",
      path: folder,
      to,
      oci,
      sign: { privateKey: keys.privatePem },
    });
    expect(v1.signature).toMatchObject({
      status: "signed",
      uri: `${to}:${v1.image?.digest.replace(":", "-")}.sig`,
    });
    expect(
      await mr.verifyModel({ name, version: "v1", oci, signature: { publicKey: keys.publicPem } }),
    ).toMatchObject({
      ok: true,
      signature: { fileCount: 5 },
    });
    // Their tool speaks HTTPS only: the stack's registry behind a TLS front whose certificate it is given to trust.
    const front = await startTlsProxy(`http://${host}`);
    try {
      const home = await tempDir("rh-home-");
      const auth = Buffer.from(`${oci.credentials.username}:${oci.credentials.password}`).toString("base64");
      mkdirSync(join(home, ".docker"));
      writeFileSync(
        join(home, ".docker", "config.json"),
        JSON.stringify({ auths: { [front.host]: { auth } } }),
      );
      const env = { HOME: home, REQUESTS_CA_BUNDLE: front.caFile };
      const image = `${front.host}/models/${name}@${v1.image?.digest}`;
      const theirs = await modelSigning(
        ["verify", "key", "--public-key", keys.pubFile, image],
        "rh-model-signing",
        env,
      );
      expect(theirs).toMatchObject({ code: 0, output: expect.stringMatching(/succeeded/i) });
      const other = await keyPair();
      const wrong = await modelSigning(
        ["verify", "key", "--public-key", other.pubFile, image],
        "rh-model-signing",
        env,
      );
      expect(wrong.code).not.toBe(0);
      // The other way: v2 pushed unsigned, signed by their tool (a tag: this registry has no referrers API).
      const v2 = await mr.registerModel({ name, version: "v2", path: folder, to, oci });
      const signed = await modelSigning(
        [
          "sign",
          "key",
          "--private-key",
          other.keyFile,
          "--attachment-mode",
          "tag",
          `${front.host}/models/${name}:v2`,
        ],
        "rh-model-signing",
        env,
      );
      expect(signed).toMatchObject({ code: 0 });
      expect(
        await mr.verifyModel({ name, version: "v2", oci, signature: { publicKey: other.publicPem } }),
      ).toMatchObject({
        ok: true,
        signature: { fileCount: 5 },
      });
      const ours = await mr
        .verifyModel({ name, version: "v2", oci, signature: { publicKey: keys.publicPem } })
        .catch((e: unknown) => e);
      expect(ours).toMatchObject({ kind: "wrong-key" });
      expect(v2.image?.digest).toBe(v1.image?.digest);
    } finally {
      await front.close();
    }
  });
});
