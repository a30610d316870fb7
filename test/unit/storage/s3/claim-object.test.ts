import type { S3Client } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { StorageError } from "../../../../src/errors.js";
import { ClaimObject } from "../../../../src/storage/s3/claim-object.js";

// A GET whose body fails as the AWS SDK fails it when the body does not match the reply's checksum header: seen in
// CI when moto answered a claim read with one writer's header and another's body.
const torn = () => ({
  Body: {
    transformToString: async () => {
      throw new Error(
        'Checksum mismatch: expected "A0WZiQ==" but received "JQw9nQ==" in response header "x-amz-checksum-crc32".',
      );
    },
  },
});
const whole = (nonce: string) => ({
  ETag: '"e1"',
  LastModified: new Date("2026-12-07T00:00:00Z"),
  Body: { transformToString: async () => JSON.stringify({ nonce }) },
});

function clientAnswering(...replies: object[]) {
  let calls = 0;
  const client = {
    config: {},
    send: async () => replies[Math.min(calls++, replies.length - 1)],
  } as unknown as S3Client;
  return { client, calls: () => calls };
}

describe("ClaimObject.read", () => {
  it("reads again when a reply's body and checksum header come from different writes", async () => {
    const { client, calls } = clientAnswering(torn(), torn(), whole("n2"));
    const seen = await new ClaimObject(client, "models", "m/v1/.model-upload-claim", "n1").read();
    expect(seen?.nonce).toBe("n2");
    expect(seen?.etag).toBe('"e1"');
    expect(calls()).toBe(3);
  });

  it("gives up after three torn replies with a StorageError that says the bytes were not intact", async () => {
    const { client, calls } = clientAnswering(torn());
    const read = new ClaimObject(client, "models", "m/v1/.model-upload-claim", "n1").read();
    await expect(read).rejects.toBeInstanceOf(StorageError);
    await expect(read).rejects.toThrow(
      /reading the claim s3:\/\/models\/m\/v1\/\.model-upload-claim failed.*intact/,
    );
    expect(calls()).toBe(3);
  });
});
