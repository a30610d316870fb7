import { describe, expect, it } from "vitest";
import { toolError, toolResult } from "../../../../src/cli/mcp/tool-result.js";
import { Secrets } from "../../../../src/client/secrets.js";
import { ConfigError, StorageError } from "../../../../src/errors.js";

const secrets = new Secrets();
secrets.add("s3cr3t-token-value-1234");
const scrub = (text: string) => secrets.scrub(text);

describe("a tool's result", () => {
  it("is the value's JSON, as structured content and as text, with every known secret scrubbed", () => {
    const result = toolResult({ items: [{ name: "a", note: "s3cr3t-token-value-1234" }] }, scrub);
    expect(result.structuredContent).toEqual({ items: [{ name: "a", note: "[REDACTED]" }] });
    expect(result.content).toEqual([{ type: "text", text: JSON.stringify(result.structuredContent) }]);
  });

  it("wraps a value that is not an object, since structured content is one", () => {
    expect(toolResult([1, 2], scrub).structuredContent).toEqual({ value: [1, 2] });
  });
});

describe("a tool's failure", () => {
  it("names the error's class, its message without secrets, and the settings to change as flags", () => {
    const error = new StorageError(
      'bucket "nope" does not exist (token s3cr3t-token-value-1234): set storage.bucket',
      {
        kind: "no-such-bucket",
        operation: "checking the bucket",
        bucket: "nope",
        fix: [{ setting: "storage.bucket", value: "nope", source: "AWS_S3_BUCKET" }],
      },
    );
    const result = toolError(error, scrub);
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result)).not.toContain("s3cr3t");
    expect(result.structuredContent).toMatchObject({
      error: {
        class: "StorageError",
        fix: [{ setting: "storage.bucket", flag: "--bucket", value: "nope", source: "AWS_S3_BUCKET" }],
        hint: expect.stringContaining("--bucket"),
      },
    });
  });

  it("says so when the error is none the project throws", () => {
    expect(toolError(new TypeError("x is undefined"), scrub).structuredContent).toEqual({
      error: { class: "TypeError", message: "x is undefined", hint: "an unexpected error: please report it" },
    });
    expect(toolError(new ConfigError("bad"), scrub).structuredContent).toEqual({
      error: { class: "ConfigError", message: "bad" },
    });
  });
});
