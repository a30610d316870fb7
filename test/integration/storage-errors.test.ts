// S3 failures as mr-cli prints them: one line with the status, the S3 error code, the cause and the fix, and the
// documented exit code (a wrong setting 2, credentials 5, unavailable 6).
import { describe, expect, it } from "vitest";
import { startFaultProxy } from "../../scripts/fault-proxy.mjs";
import { mrCli } from "../support/cli.js";
import { stackSetting } from "../support/stack-env.js";
import { model, oneLine, shell, versitygw } from "../support/storage-shell.js";
import { uniqueName } from "../support/unique.js";

describe("S3 failures, each as one line with the status, the cause, the fix and its exit code", () => {
  it.each([
    {
      case: "a wrong region",
      env: shell(versitygw, { AWS_REGION: "eu-west-3" }),
      exit: 2,
      words:
        /400 AuthorizationHeaderMalformed.*expects region us-east-1, not eu-west-3 \(from AWS_REGION\): change the region there to us-east-1/,
    },
    {
      case: "a missing bucket",
      env: shell(versitygw),
      exit: 2,
      words: /404 NoSuchBucket.*Bucket no-such-bucket-here \(from --bucket\) does not exist/,
      bucket: "no-such-bucket-here",
    },
    {
      case: "a bad secret",
      env: shell(versitygw, { AWS_SECRET_ACCESS_KEY: "not-the-secret" }),
      exit: 5,
      words: /403 SignatureDoesNotMatch.*secret key does not match/,
    },
    {
      case: "an unknown access key",
      env: shell(versitygw, { AWS_ACCESS_KEY_ID: "nobody" }),
      exit: 5,
      words: /access key id/,
    },
  ])("$case", async ({ env, exit, words, bucket }) => {
    const endpoint = stackSetting(versitygw.endpoint);
    const name = uniqueName("s3fail");
    const args = ["register", await model(), "--name", name, "--version", "v1", "--endpoint", endpoint];
    const result = await mrCli([...args, "--bucket", bucket ?? "models"], env);
    expect(result.code).toBe(exit);
    expect(oneLine(result.stderr)).toBe(true);
    expect(result.stderr).toMatch(words);
    expect(result.stderr).not.toContain("not-the-secret");
  });

  it.each([["503"], ["500"]] as const)("a store answering %s", async (status) => {
    const proxy = await startFaultProxy({
      target: stackSetting(versitygw.endpoint),
      rate: 1,
      kinds: {
        "drop-before": 0,
        "drop-after": 0,
        "reset-mid": 0,
        latency: 0,
        503: status === "503" ? 1 : 0,
        500: status === "500" ? 1 : 0,
      },
    });
    try {
      const result = await mrCli(
        ["register", await model(), "--name", uniqueName("s3fail"), "--version", "v1", "--bucket", "models"],
        shell(versitygw, { AWS_ENDPOINT_URL_S3: proxy.url }),
      );
      expect(result.code).toBe(6);
      expect(oneLine(result.stderr)).toBe(true);
      expect(result.stderr).toMatch(new RegExp(`${status} .*failed or is unavailable: retry later`));
    } finally {
      await proxy.close();
    }
  });
});
