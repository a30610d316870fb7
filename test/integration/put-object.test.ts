// The lean PutObject path on the stack's three S3 servers: signed as the SDK signs, with the manifest's SHA-256 as
// the payload hash and the object's checksum, and nothing sent through the SDK's pipeline unless a PUT fails.
import { createHash } from "node:crypto";
import { GetObjectCommand, HeadObjectCommand } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { startFaultProxy } from "../../scripts/fault-proxy.mjs";
import { resolveStorageSettings } from "../../src/config/storage-settings.js";
import { putObject } from "../../src/storage/s3/put-object.js";
import { s3ClientFor } from "../../src/storage/s3/s3-client.js";
import { S3_SERVERS, type S3Server } from "../support/s3.js";
import { stackSetting } from "../support/stack-env.js";
import { uniqueName } from "../support/unique.js";

async function clientFor(server: S3Server, endpoint = stackSetting(server.endpoint)) {
  const settings = await resolveStorageSettings({
    env: {
      HOME: "/nonexistent",
      AWS_ACCESS_KEY_ID: stackSetting(server.key),
      AWS_SECRET_ACCESS_KEY: stackSetting(server.secret),
    },
    layers: [{ values: { endpoint, region: "us-east-1" } }],
  });
  const client = s3ClientFor(settings);
  const sdkPuts: string[] = [];
  client.middlewareStack.add(
    (next, context) => (args) => {
      if (context.commandName === "PutObjectCommand") sdkPuts.push(String(context.commandName));
      return next(args);
    },
    { step: "initialize", name: "countSdkPuts" },
  );
  return { client, sdkPuts, bucket: stackSetting(server.bucket) };
}

const object = (text: string) => {
  const body = new TextEncoder().encode(text);
  return { body, sha256: createHash("sha256").update(body).digest() };
};

describe.each(S3_SERVERS)("putObject on $label", (server) => {
  it("stores keys that need escaping without the SDK, with the SHA-256 as the object's checksum", async () => {
    const { client, sdkPuts, bucket } = await clientFor(server);
    const prefix = uniqueName("lean");
    const keys = [`${prefix}/plain.bin`, `${prefix}/a b+c/été (1)!*'.txt`, `${prefix}/模型/权重.bin`];
    for (const key of keys)
      await putObject(client, { bucket, key, checksum: true, ...object(`content of ${key}`) });
    expect(sdkPuts).toEqual([]);
    for (const key of keys) {
      const got = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      expect(await got.Body?.transformToString()).toBe(`content of ${key}`);
    }
    const head = await client.send(
      new HeadObjectCommand({ Bucket: bucket, Key: keys[0], ChecksumMode: "ENABLED" }),
    );
    if (head.ChecksumSHA256 !== undefined)
      // stores that keep checksums must have kept ours
      expect(head.ChecksumSHA256).toBe(object(`content of ${keys[0]}`).sha256.toString("base64"));
  });

  it("retries through the SDK when the lean attempt loses its connection", async () => {
    const proxy = await startFaultProxy({ target: stackSetting(server.endpoint), rate: 0 });
    try {
      proxy.inject((method) => method === "PUT", "drop-before", 1);
      const { client, sdkPuts, bucket } = await clientFor(server, proxy.url);
      const key = `${uniqueName("lean")}/model.bin`;
      await putObject(client, { bucket, key, checksum: true, ...object("after a lost connection") });
      expect(sdkPuts).toEqual(["PutObjectCommand"]);
      const got = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      expect(await got.Body?.transformToString()).toBe("after a lost connection");
    } finally {
      await proxy.close();
    }
  });
});

// moto stores whatever it is sent (it checks neither payload hashes nor checksums); versitygw and SeaweedFS check.
describe.each(S3_SERVERS.filter((server) => server.label !== "moto"))("putObject on $label", (server) => {
  it("is refused by the store when the body does not match its SHA-256, then goes through the SDK", async () => {
    const { client, sdkPuts, bucket } = await clientFor(server);
    const key = `${uniqueName("lean")}/model.bin`;
    const wrong = { body: object("the real bytes").body, sha256: object("other bytes").sha256 };
    // Refused twice: the lean attempt (payload hash), then the SDK's (the same SHA-256 as the object's checksum).
    await expect(putObject(client, { bucket, key, checksum: true, ...wrong })).rejects.toThrow();
    expect(sdkPuts).toEqual(["PutObjectCommand"]);
  });
});
