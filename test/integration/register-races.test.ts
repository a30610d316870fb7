// The cases where two registrations meet: the same new version with different content at once, two models pointed
// at one storage folder, and a folder whose files were replaced behind the registry's back.

import { join } from "node:path";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { UploadError, UploadInProgressError, VersionConflictError } from "../../src/index.js";
import { bigFile, tempDir, writeTree } from "../support/model-files.js";
import { stackRegistry } from "../support/registry.js";
import { countingClient, S3_SERVERS } from "../support/s3.js";
import { uniqueName } from "../support/unique.js";

const mr = stackRegistry();
const server = S3_SERVERS[1]; // versitygw: real conditional writes and checksums

describe("registerModel when registrations meet", () => {
  it("lets exactly one of two concurrent registrations of the same new version with different content win", async () => {
    const name = uniqueName("race");
    const [a, b] = [await tempDir(), await tempDir()];
    await bigFile(join(a, "weights.bin"), 24 * 1024 * 1024);
    await bigFile(join(b, "weights.bin"), 16 * 1024 * 1024);
    const s3 = countingClient(server);
    const storage = { client: s3.client, bucket: s3.bucket, partSize: 5 * 1024 * 1024, concurrency: 2 };
    const results = await Promise.allSettled([
      mr.registerModel({ name, version: "v1", path: a, storage }),
      mr.registerModel({ name, version: "v1", path: b, storage }),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results
      .filter((r) => r.status === "rejected")
      .map((r) => (r as PromiseRejectedResult).reason);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0] instanceof UploadInProgressError || lost[0] instanceof VersionConflictError).toBe(true);
    const verified = await mr.verifyModel({ name, version: "v1", storage: { client: s3.client } });
    expect(verified).toMatchObject({ ok: true, mismatches: [] });
  });

  it("refuses a folder that holds another model's files, every time, and creates nothing for the refused model", async () => {
    const prefix = `shared/${uniqueName("folder")}`;
    const [a, b] = [await tempDir(), await tempDir()];
    await writeTree(a, { "model.bin": "model A" });
    await writeTree(b, { "model.bin": "model B!" });
    const s3 = countingClient(server);
    const storage = { client: s3.client, bucket: s3.bucket, prefix };
    const first = await mr.registerModel({ name: uniqueName("owner"), version: "v1", path: a, storage });
    const intruder = uniqueName("intruder");
    for (let attempt = 0; attempt < 2; attempt++) {
      await expect(
        mr.registerModel({ name: intruder, version: "v1", path: b, storage }),
      ).rejects.toBeInstanceOf(UploadError);
    }
    expect(await mr.registeredModels.find({ name: intruder })).toBeNull();
    expect(
      await mr.verifyModel({
        name: first.registeredModel.name,
        version: "v1",
        storage: { client: s3.client },
      }),
    ).toMatchObject({ ok: true });
  });

  it("verify reports a manifest that is not the one the registry recorded", async () => {
    const dir = await tempDir();
    await writeTree(dir, { "model.bin": "original" });
    const s3 = countingClient(server);
    const name = uniqueName("swapped");
    const result = await mr.registerModel({
      name,
      version: "v1",
      path: dir,
      storage: { client: s3.client, bucket: s3.bucket },
    });
    // Replace both the file and the manifest consistently: only the registry's recorded digest can tell.
    const replacement = {
      version: 1,
      fileCount: 1,
      totalBytes: 4,
      files: [
        {
          path: "model.bin",
          size: 4,
          sha256: "88d4266fd4e6338d13b845fcf289579d209c897823b9217da3e161936f031589",
        },
      ],
    };
    await s3.client.send(
      new PutObjectCommand({ Bucket: s3.bucket, Key: `${name}/v1/model.bin`, Body: "abcd" }),
    );
    await s3.client.send(
      new PutObjectCommand({
        Bucket: s3.bucket,
        Key: `${name}/v1/.model-manifest.json`,
        Body: `${JSON.stringify(replacement)}\n`,
      }),
    );
    const verified = await mr.verifyModel({ name, version: "v1", storage: { client: s3.client } });
    expect(verified.ok).toBe(false);
    expect(verified.mismatches).toEqual([
      {
        path: ".model-manifest.json",
        problem: "manifest",
        expected: result.manifest?.digest,
        actual: expect.stringMatching(/^sha256:/),
      },
    ]);
  });
});
