import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cliEnv } from "../../../src/cli/connect.js";
import { storageFromFlags } from "../../../src/cli/storage-flags.js";
import { contextStorage } from "../../../src/config/cli-config.js";
import { resolveStorageSettings } from "../../../src/config/storage-settings.js";

const configWith = (yaml: string) => {
  const path = join(mkdtempSync(join(tmpdir(), "mr-cli-config-")), "config.yaml");
  writeFileSync(path, yaml);
  return path;
};

describe("mr-cli storage settings", () => {
  it("the context's storage fields win over the environment, and flags over the context", async () => {
    const MR_CLI_CONFIG = configWith(`currentContext: lab
contexts:
  lab:
    url: http://registry:8080
    s3Endpoint: http://context-store:9000
    bucket: context-bucket
    checksums: when-required
    addressingStyle: virtual
`);
    const env = {
      MR_CLI_CONFIG,
      HOME: "/nonexistent",
      AWS_ENDPOINT_URL_S3: "http://env-store:1",
      AWS_S3_BUCKET: "env-bucket",
    };
    const { storage } = await cliEnv({ env, stdout: process.stdout, stderr: process.stderr }, {});
    const layers = [
      {
        values: storageFromFlags({ bucket: "flag-bucket" }),
        source: storageFromFlags({ bucket: "flag-bucket" }).source,
      },
      { values: storage, source: storage.source },
    ];
    const settings = await resolveStorageSettings({ env, layers });
    expect(settings.endpoint).toEqual({ value: "http://context-store:9000", source: "context lab" });
    expect(settings.bucket).toEqual({ value: "flag-bucket", source: "--bucket" });
    expect(settings.requestChecksums).toEqual({ value: "when-required", source: "context lab" });
    expect(settings.addressingStyle).toEqual({ value: "virtual", source: "context lab" });
  });

  it("refuses a context value that is not one of the choices", () => {
    expect(() => contextStorage("lab", { checksums: "never" })).toThrow(
      /checksums of context lab must be when-supported or when-required/,
    );
    expect(() => contextStorage("lab", { addressingStyle: "sideways" })).toThrow(/path or virtual/);
  });

  it("flags name themselves as the source of each setting", () => {
    expect(
      storageFromFlags({
        endpoint: "http://x:1",
        checksums: "when-required",
        addressingStyle: "path",
        profile: "p",
      }),
    ).toEqual({
      endpoint: "http://x:1",
      checksums: "when-required",
      forcePathStyle: true,
      profile: "p",
      source: {
        endpoint: "--endpoint",
        checksums: "--checksums",
        forcePathStyle: "--addressing-style",
        profile: "--profile",
      },
    });
  });
});

describe("mr-cli context settings", () => {
  it("an invalid apiVersion in a context is named as the context's, not as an environment variable", async () => {
    const MR_CLI_CONFIG = configWith(`currentContext: lab
contexts:
  lab:
    url: http://registry:8080
    apiVersion: v7
`);
    const io = { stdout: { write: () => true }, stderr: { write: () => true }, env: { MR_CLI_CONFIG } };
    await expect(cliEnv(io, {})).rejects.toThrow(
      /the apiVersion of context "lab" in .*config\.yaml must be auto, v1 or v1alpha3, not "v7"/,
    );
  });
});
