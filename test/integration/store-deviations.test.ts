// Registries and stores that deviate from their specs in ways users meet, each played by a proxy (or a rewriting fetch)
// in front of the stack's real servers: a registry that sends no Docker-Content-Digest (ECR, some proxies), Docker Hub's
// names (`docker.io/busybox` is `library/busybox`), a layer compressed with zstd (podman, buildx), and an S3 listing
// that says it is truncated but gives no token to go on (Huawei OBS, older Ceph). Token expiry mid-push is in the OCI
// fault suite (oci-faults.test.ts).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import * as zlib from "node:zlib";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { startFaultProxy } from "../../scripts/fault-proxy.mjs";
import { OciError, StorageError } from "../../src/errors.js";
import { ModelRegistry } from "../../src/model-registry.js";
import { MEDIA_TYPES } from "../../src/storage/oci/oci-media.js";
import { OciRegistry } from "../../src/storage/oci/oci-registry.js";
import { tarLayerFrame } from "../../src/storage/oci/tar-layer.js";
import { mrCli } from "../support/cli.js";
import { tempDir, writeTree } from "../support/model-files.js";
import { countingClient, S3_SERVERS } from "../support/s3.js";
import { stackEnv, stackSetting } from "../support/stack-env.js";
import { uniqueName } from "../support/unique.js";

const ROOT = new URL("../..", import.meta.url).pathname;
const sha256 = (bytes: Uint8Array) => `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
const credentials = () => ({
  username: stackSetting("OCI_USERNAME"),
  password: stackSetting("OCI_PASSWORD"),
});
const registry = () => new ModelRegistry({ url: stackSetting("MODEL_REGISTRY_URL"), author: "deviations" });

describe.runIf(stackEnv().OCI_REGISTRY !== undefined)("OCI registries that deviate", () => {
  it("a registry that sends no Docker-Content-Digest: the push, its re-run and verify all succeed", async () => {
    const proxy = await startFaultProxy({
      target: `http://${stackSetting("OCI_REGISTRY")}`,
      rewriteReply: (_method, _path, _status, headers) => {
        const { "docker-content-digest": _dropped, ...rest } = headers;
        return { headers: rest };
      },
    });
    try {
      const mr = registry();
      const name = uniqueName("no-digest-header");
      const model = await tempDir();
      await writeTree(model, { "model.onnx": "onnx", "labels.txt": "0 1" });
      const params = {
        name,
        version: "v1",
        path: model,
        to: `oci://${new URL(proxy.url).host}/models/${name}`,
        oci: { credentials: credentials() },
      };
      expect((await mr.registerModel(params)).status).toBe("created");
      expect((await mr.registerModel(params)).status).toBe("unchanged");
      expect(
        await mr.verifyModel({ name, version: "v1", oci: { credentials: credentials() } }),
      ).toMatchObject({
        ok: true,
        mismatches: [],
      });
      // The header was really missing on the way back.
      expect(proxy.requests.some((r) => r.method === "HEAD" && r.path.includes("/manifests/"))).toBe(true);
    } finally {
      await proxy.close();
    }
  });

  it("a base image named oci://docker.io/busybox:1.35 is asked for as library/busybox at Docker Hub's API host", {
    timeout: 300_000,
  }, async () => {
    const host = stackSetting("OCI_REGISTRY");
    // The stack's registry plays Docker Hub: it holds library/busybox:1.35, as Docker Hub holds official images.
    const crane = execFileSync("bash", [join(ROOT, "stack/build.sh"), "crane"], { encoding: "utf8" }).trim();
    const craneEnv = { ...process.env, DOCKER_CONFIG: await tempDir("crane-config-") };
    execFileSync(crane, ["auth", "login", host, "-u", credentials().username, "-p", credentials().password], {
      env: craneEnv,
    });
    execFileSync("bash", [join(ROOT, "stack/oci/busybox-base.sh"), `${host}/library/busybox:1.35`], {
      encoding: "utf8",
      env: craneEnv,
    });
    const asked: string[] = [];
    const hub = async (request: Request) => {
      const url = new URL(request.url);
      if (url.host === "registry-1.docker.io") {
        asked.push(`${request.method} ${url.pathname}`);
        return fetch(new Request(`http://${host}${url.pathname}${url.search}`, request));
      }
      return fetch(request);
    };
    // Docker Hub's credentials from an auth file, under its own name: explicit credentials go to the target only.
    const home = await tempDir("hub-auth-");
    const auth = Buffer.from(`${credentials().username}:${credentials().password}`).toString("base64");
    writeFileSync(
      join(home, "auth.json"),
      JSON.stringify({ auths: { "https://index.docker.io/v1/": { auth } } }),
    );
    const mr = new ModelRegistry({
      url: stackSetting("MODEL_REGISTRY_URL"),
      author: "deviations",
      env: { HOME: home, REGISTRY_AUTH_FILE: join(home, "auth.json") },
    });
    const name = uniqueName("hub-base");
    const model = await tempDir();
    await writeTree(model, { "model.onnx": "onnx" });
    const result = await mr.registerModel({
      name,
      version: "v1",
      path: model,
      to: `oci://${host}/models/${name}`,
      oci: { credentials: credentials(), baseImage: "oci://docker.io/busybox:1.35", fetch: hub },
    });
    expect(result.status).toBe("created");
    expect(asked.some((line) => line.startsWith("GET /v2/library/busybox/manifests/1.35"))).toBe(true);
    expect(asked.some((line) => line.includes("/v2/busybox/"))).toBe(false);
  });

  it("a zstd layer another tool pushed: downloaded where the runtime reads zstd, refused by name where it does not", async () => {
    const host = stackSetting("OCI_REGISTRY");
    const oci = new OciRegistry({
      registry: host,
      plainHttp: true,
      credentials: { credentials: credentials(), source: "option" },
      userAgent: "deviations-test",
    });
    const content = Buffer.from("weights compressed by another tool");
    const frame = tarLayerFrame("model.bin", content.length);
    const tar = Buffer.concat([frame.head, content, frame.tail]);
    const zstd = (zlib as { zstdCompressSync?: (b: Buffer) => Buffer }).zstdCompressSync;
    const layer = zstd ? zstd(tar) : execFileSync("zstd", ["-q", "-c"], { input: tar });
    const config = Buffer.from(
      JSON.stringify({
        architecture: "amd64",
        os: "linux",
        rootfs: { type: "layers", diff_ids: [sha256(tar)] },
      }),
    );
    const repository = `models/${uniqueName("zstd")}`;
    const layerDescriptor = {
      mediaType: `${MEDIA_TYPES.layer}+zstd`,
      digest: sha256(layer),
      size: layer.length,
    };
    const configDescriptor = { mediaType: MEDIA_TYPES.config, digest: sha256(config), size: config.length };
    for (const [descriptor, bytes] of [
      [layerDescriptor, layer],
      [configDescriptor, config],
    ] as const)
      await oci.uploadBlob(
        repository,
        descriptor,
        (async function* () {
          yield new Uint8Array(bytes);
        })(),
      );
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MEDIA_TYPES.manifest,
        config: configDescriptor,
        layers: [layerDescriptor],
      }),
    );
    await oci.putManifest(repository, "v1", manifest, MEDIA_TYPES.manifest);
    const mr = registry();
    const name = uniqueName("zstd-model");
    await mr.registerModel({ name, version: "v1", uri: `oci://${host}/${repository}:v1` });
    const dir = await tempDir();
    const outcome = await mr
      .downloadModel({ name, version: "v1", path: dir, oci: { credentials: credentials() } })
      .catch((error: unknown) => error);
    if (zstd) {
      expect(outcome).toMatchObject({ ok: true, manifest: { fileCount: 1 } });
      expect(await readFile(join(dir, "model.bin"))).toEqual(content);
    } else {
      expect(outcome).toBeInstanceOf(OciError);
      expect(String(outcome)).toMatch(/zstd/);
    }
  });
});

describe("an S3 listing that says it is truncated but gives no token", () => {
  it("is an incomplete-listing error (mr-cli exit 6), never a partial download", async () => {
    const server = S3_SERVERS[1];
    const { client, bucket, endpoint } = countingClient(server);
    const proxy = await startFaultProxy({
      target: endpoint,
      rewriteReply: (method, path, status, headers, body) => {
        if (method !== "GET" || !path.includes("list-type=2") || status !== 200) return undefined;
        const text = body
          .toString("utf8")
          .replace("<IsTruncated>false</IsTruncated>", "<IsTruncated>true</IsTruncated>")
          .replace(/<NextContinuationToken>[^<]*<\/NextContinuationToken>/, "");
        return { headers, body: Buffer.from(text) };
      },
    });
    try {
      const name = uniqueName("truncated");
      const prefix = `other-tool/${name}`;
      for (const file of ["a.bin", "b.bin", "sub/c.bin"])
        await client.send(
          new PutObjectCommand({ Bucket: bucket, Key: `${prefix}/${file}`, Body: `bytes of ${file}` }),
        );
      const env = {
        AWS_ACCESS_KEY_ID: stackSetting(server.key),
        AWS_SECRET_ACCESS_KEY: stackSetting(server.secret),
      };
      const storage = { endpoint: proxy.url, bucket, region: "us-east-1", forcePathStyle: true };
      const mr = new ModelRegistry({ url: stackSetting("MODEL_REGISTRY_URL"), storage, env });
      await mr.registerModel({ name, version: "v1", uri: `s3://${bucket}/${prefix}/` });
      const error = await mr
        .downloadModel({ name, version: "v1", path: await tempDir() })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StorageError);
      expect(error).toMatchObject({ kind: "incomplete-listing" });
      const cli = await mrCli(
        ["download", name, "v1", await tempDir(), "--endpoint", proxy.url, "-o", "json"],
        {
          ...env,
          AWS_S3_BUCKET: bucket,
        },
      );
      expect(cli.code).toBe(6);
      expect(cli.stdout).not.toMatch(/"ok":\s*true/);
      expect(`${cli.stdout}${cli.stderr}`).toMatch(/truncated/i);
    } finally {
      await proxy.close();
    }
  });
});
