import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { S3_SERVERS } from "../support/s3.js";
import { stackSetting } from "../support/stack-env.js";
import { uniqueName } from "../support/unique.js";

const api = () => `${stackSetting("MODEL_REGISTRY_URL")}/api/model_registry/v1alpha3`;

async function post(path: string, body: unknown): Promise<Response> {
  return fetch(`${api()}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

describe("the Model Registry server of the local stack", () => {
  it("creates a registered model and reads it back by id and by name", async () => {
    const name = uniqueName("smoke");
    const created = await post("/registered_models", { name, owner: "smoke-test" });
    expect(created.status).toBe(201);
    const model = (await created.json()) as { id: string; name: string; state: string };
    expect(model).toMatchObject({ name, state: "LIVE" });

    const byId = await fetch(`${api()}/registered_models/${model.id}`);
    expect(byId.status).toBe(200);
    expect(await byId.json()).toMatchObject({ id: model.id, name, owner: "smoke-test" });

    const byName = await fetch(`${api()}/registered_model?name=${encodeURIComponent(name)}`);
    expect(await byName.json()).toMatchObject({ id: model.id });
  });

  it("answers 409 Conflict to a second model with the same name", async () => {
    const name = uniqueName("smoke-dup");
    expect((await post("/registered_models", { name })).status).toBe(201);
    const again = await post("/registered_models", { name });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: "Conflict" });
  });
});

describe.each(S3_SERVERS)("the $label S3 server of the local stack", (server) => {
  const client = () =>
    new S3Client({
      endpoint: stackSetting(server.endpoint),
      region: "us-east-1",
      forcePathStyle: true,
      credentials: { accessKeyId: stackSetting(server.key), secretAccessKey: stackSetting(server.secret) },
    });

  it("stores an object and returns the same bytes", async () => {
    const s3 = client();
    const Bucket = stackSetting(server.bucket);
    const Key = `smoke/${uniqueName("object")}.bin`;
    const body = Buffer.from(Array.from({ length: 70_000 }, (_, i) => i % 251));
    await s3.send(new PutObjectCommand({ Bucket, Key, Body: body }));
    const got = await s3.send(new GetObjectCommand({ Bucket, Key }));
    const bytes = await got.Body?.transformToByteArray();
    expect(Buffer.from(bytes ?? []).equals(body)).toBe(true);
    s3.destroy();
  });

  it("rejects or accepts wrong credentials as that server is known to", async () => {
    const s3 = new S3Client({
      endpoint: stackSetting(server.endpoint),
      region: "us-east-1",
      forcePathStyle: true,
      credentials: { accessKeyId: stackSetting(server.key), secretAccessKey: "not-the-secret" },
    });
    const put = s3.send(
      new PutObjectCommand({
        Bucket: stackSetting(server.bucket),
        Key: `smoke/${uniqueName("x")}`,
        Body: "x",
      }),
    );
    // versitygw and SeaweedFS verify SigV4 like AWS does; moto does not verify signatures at all.
    if (server.label !== "moto") await expect(put).rejects.toThrow(/signature/i);
    else await expect(put).resolves.toBeDefined();
    s3.destroy();
  });
});
