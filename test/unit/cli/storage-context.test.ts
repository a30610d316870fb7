import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cliSettings, connect } from "../../../src/cli/connect.js";
import { storageFromFlags } from "../../../src/cli/storage-flags.js";
import { contextStorage } from "../../../src/config/cli-config.js";
import { resolveSettings } from "../../../src/config/resolve-settings.js";
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
    const { storage } = await cliSettings({ env, stdout: process.stdout, stderr: process.stderr }, {});
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
    await expect(connect(io, {})).rejects.toThrow(
      /the apiVersion of context "lab" in .*config\.yaml must be auto, v1 or v1alpha3, not "v7"/,
    );
  });
});

describe("mr-cli connection settings", () => {
  const io = (env: Record<string, string>) => ({
    stdout: { write: () => true },
    stderr: { write: () => true },
    env: { HOME: "/nonexistent", ...env },
  });
  const resolved = async (env: Record<string, string>, globals = {}) => {
    const { layers } = await cliSettings(io(env), globals);
    return resolveSettings({ env, layers, serviceAccountTokenPath: "/nonexistent/token" });
  };
  const tokenDir = mkdtempSync(join(tmpdir(), "mr-cli-token-"));
  const tokenFile = (name: string) => {
    const path = join(tokenDir, name);
    writeFileSync(path, `${name}-t0k3n`);
    return path;
  };

  it("flags win over the environment, which wins over the context; each value names its layer", async () => {
    const MR_CLI_CONFIG = configWith(`currentContext: lab
contexts:
  lab:
    url: http://context:1
    author: ctx-author
    apiVersion: v1alpha3
`);
    const env = { MR_CLI_CONFIG, MODEL_REGISTRY_URL: "http://env:2", MODEL_REGISTRY_AUTHOR: "", USER: "ada" };
    const fromEnv = await resolved(env);
    expect(fromEnv).toMatchObject({ url: "http://env:2", author: "ctx-author", apiVersion: "v1alpha3" });
    expect(fromEnv.sources).toEqual({
      url: "MODEL_REGISTRY_URL",
      author: `the author of context "lab" in ${MR_CLI_CONFIG}`,
      apiVersion: `the apiVersion of context "lab" in ${MR_CLI_CONFIG}`,
    });
    const flagged = await resolved(env, { url: "http://flag:3", apiVersion: "v1" });
    expect(flagged.sources).toMatchObject({ url: "--url", apiVersion: "--api-version" });
    await expect(resolved(env, { url: "ftp://flag" })).rejects.toThrow(/--url/);
  });

  it("the context's token file only when no variable names a token; --token-file over them all", async () => {
    const MR_CLI_CONFIG = configWith(`currentContext: lab
contexts:
  lab:
    url: http://context:1
    tokenFile: ${tokenFile("context")}
`);
    expect((await resolved({ MR_CLI_CONFIG })).tokenSource).toBe(`file:${join(tokenDir, "context")}`);
    expect((await resolved({ MR_CLI_CONFIG, MODEL_REGISTRY_TOKEN: "lit" })).tokenSource).toBe(
      "MODEL_REGISTRY_TOKEN",
    );
    const flag = await resolved(
      { MR_CLI_CONFIG, MODEL_REGISTRY_TOKEN: "lit" },
      { tokenFile: tokenFile("flag") },
    );
    expect(flag.tokenSource).toBe(`file:${join(tokenDir, "flag")}`);
  });
});
