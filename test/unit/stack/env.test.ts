import { describe, expect, it } from "vitest";
import { parseEnvFile } from "../../support/stack-env.js";

describe("parseEnvFile", () => {
  it("reads KEY=value lines and skips comments and blank lines", () => {
    const env = parseEnvFile("# header\nMODEL_REGISTRY_URL=http://127.0.0.1:18080\n\nAWS_S3_BUCKET=models\n");
    expect(env).toEqual({ MODEL_REGISTRY_URL: "http://127.0.0.1:18080", AWS_S3_BUCKET: "models" });
  });

  it("splits on the first equals sign only", () => {
    expect(parseEnvFile("DATABASE_URL=postgres://h/db?sslmode=disable&a=b")).toEqual({
      DATABASE_URL: "postgres://h/db?sslmode=disable&a=b",
    });
  });

  it("rejects a line that is not KEY=value", () => {
    expect(() => parseEnvFile("not a setting")).toThrow(/not a KEY=value line/);
  });
});
