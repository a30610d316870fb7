// A version registered at the URI of one object (as the official Python client registers a single file, and as
// KServe's storage initializer serves it) downloads that object, from every S3 server of the stack, through the library
// and through mr-cli.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { ModelRegistry } from "../../src/index.js";
import { json, mrCli } from "../support/cli.js";
import { tempDir } from "../support/model-files.js";
import { countingClient, S3_SERVERS } from "../support/s3.js";
import { stackSetting } from "../support/stack-env.js";
import { uniqueName } from "../support/unique.js";

describe.each(S3_SERVERS)("a version registered at one object's URI, on $label", (server) => {
  it("downloads that object (sizes checked, recorded: false), through the library and mr-cli", async () => {
    const { client, bucket, endpoint } = countingClient(server);
    const name = uniqueName("one-object");
    const key = `python-client/${name}/model.joblib`;
    const bytes = Buffer.from(`a model registered as one file on ${server.label}`);
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes }));
    const storage = { endpoint, bucket, region: "us-east-1", forcePathStyle: true };
    const env = {
      AWS_ACCESS_KEY_ID: stackSetting(server.key),
      AWS_SECRET_ACCESS_KEY: stackSetting(server.secret),
    };
    const mr = new ModelRegistry({ url: stackSetting("MODEL_REGISTRY_URL"), storage, env });
    await mr.registerModel({ name, version: "v1", uri: `s3://${bucket}/${key}` });

    const dir = await tempDir();
    const result = await mr.downloadModel({ name, version: "v1", path: dir });
    expect(result).toMatchObject({
      ok: true,
      recorded: false,
      manifest: { fileCount: 1, totalBytes: bytes.length },
    });
    expect(await readFile(join(dir, "model.joblib"))).toEqual(bytes);

    const cliDir = await tempDir();
    const cli = await mrCli(["download", name, "v1", cliDir, "--endpoint", endpoint, "-o", "json"], {
      ...env,
      AWS_S3_ENDPOINT: endpoint,
      AWS_S3_BUCKET: bucket,
    });
    expect(json(cli)).toMatchObject({ ok: true, recorded: false, fileCount: 1 });
    expect(await readFile(join(cliDir, "model.joblib"))).toEqual(bytes);
  });
});
