import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  credentialsOf,
  describeStorageSettings,
  resolveStorageSettings,
  type StorageLayer,
} from "../../../src/config/storage-settings.js";
import { s3ClientFor } from "../../../src/storage/s3/s3-client.js";

const home = mkdtempSync(join(tmpdir(), "mr-aws-home-"));
const NO_FILES = { HOME: home }; // no ~/.aws here

function configFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "mr-aws-")), "config");
  writeFileSync(path, text);
  return path;
}

const resolve = (env: Record<string, string>, layers: StorageLayer[] = []) =>
  resolveStorageSettings({ env: { ...NO_FILES, ...env }, layers });

// The settings a Kubeflow / Open Data Hub data connection injects into a workbench.
const DATA_CONNECTION = {
  AWS_S3_ENDPOINT: "http://127.0.0.1:9000",
  AWS_S3_BUCKET: "models",
  AWS_ACCESS_KEY_ID: "key-id",
  AWS_SECRET_ACCESS_KEY: "not-shown",
  AWS_DEFAULT_REGION: "eu-west-1",
};

describe("resolveStorageSettings", () => {
  it("reads a data connection: endpoint, bucket, region, path-style, static credentials", async () => {
    const settings = await resolve(DATA_CONNECTION);
    expect(settings.endpoint).toEqual({ value: "http://127.0.0.1:9000", source: "AWS_S3_ENDPOINT" });
    expect(settings.bucket).toEqual({ value: "models", source: "AWS_S3_BUCKET" });
    expect(settings.region).toEqual({ value: "eu-west-1", source: "AWS_DEFAULT_REGION" });
    expect(settings.addressingStyle.value).toBe("path");
    expect(credentialsOf(settings)).toEqual({ accessKeyId: "key-id", secretAccessKey: "not-shown" });
    expect(JSON.stringify(settings)).not.toContain("not-shown"); // settings can be printed
    expect(settings.credentialsSource).toBe("AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY");
    expect(JSON.stringify(describeStorageSettings(settings))).not.toContain("not-shown");
  });

  it("the AWS SDK's endpoint variables win over the data connection's, and switch on path-style too", async () => {
    const env = {
      ...DATA_CONNECTION,
      AWS_ENDPOINT_URL: "http://general:1",
      AWS_ENDPOINT_URL_S3: "http://localhost:2",
    };
    const settings = await resolve(env);
    expect(settings.endpoint).toEqual({ value: "http://localhost:2", source: "AWS_ENDPOINT_URL_S3" });
    expect(settings.addressingStyle).toEqual({
      value: "path",
      source: "default with a custom endpoint",
    });
    const general = await resolve({ AWS_ENDPOINT_URL: "http://localhost:1" });
    expect(general.endpoint?.source).toBe("AWS_ENDPOINT_URL");
    expect(general.addressingStyle.value).toBe("path");
    const ignored = await resolve({ ...env, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "true" });
    expect(ignored.endpoint?.source).toBe("AWS_S3_ENDPOINT");
  });

  it("explicit options, then the client's layer, then the environment", async () => {
    const layers: StorageLayer[] = [
      { values: { endpoint: "http://flag:1" }, source: { endpoint: "--endpoint" } },
      {
        values: { endpoint: "http://context:1", bucket: "ctx-bucket", checksums: "when-required" },
        source: "context dev",
      },
    ];
    const settings = await resolve(
      { ...DATA_CONNECTION, AWS_REQUEST_CHECKSUM_CALCULATION: "WHEN_SUPPORTED" },
      layers,
    );
    expect(settings.endpoint).toEqual({ value: "http://flag:1", source: "--endpoint" });
    expect(settings.bucket).toEqual({ value: "ctx-bucket", source: "context dev" });
    expect(settings.requestChecksums).toEqual({ value: "when-required", source: "context dev" });
    expect(settings.responseChecksums).toEqual({ value: "when-required", source: "context dev" });
    const unnamed = await resolve({}, [{ values: { region: "ap-south-1" } }]);
    expect(unnamed.region).toEqual({ value: "ap-south-1", source: "storage.region option" });
  });

  it("AWS_REGION wins over AWS_DEFAULT_REGION; us-east-1 is the default; AWS itself without an endpoint", async () => {
    expect((await resolve({ AWS_REGION: "eu-north-1", AWS_DEFAULT_REGION: "eu-west-1" })).region.source).toBe(
      "AWS_REGION",
    );
    const bare = await resolve({});
    expect(bare.region).toEqual({ value: "us-east-1", source: "default" });
    expect(bare.endpoint).toBeUndefined();
    expect(bare.addressingStyle.value).toBe("virtual");
    expect(bare.requestChecksums).toEqual({ value: "when-supported", source: "default" });
    expect(bare.credentialsSource).toBe("the AWS SDK's credential chain");
  });

  it("the standard checksum switches, each on its own, case-insensitively", async () => {
    const settings = await resolve({
      AWS_REQUEST_CHECKSUM_CALCULATION: "when_required",
      AWS_RESPONSE_CHECKSUM_VALIDATION: "WHEN_SUPPORTED",
    });
    expect(settings.requestChecksums).toEqual({
      value: "when-required",
      source: "AWS_REQUEST_CHECKSUM_CALCULATION",
    });
    expect(settings.responseChecksums).toEqual({
      value: "when-supported",
      source: "AWS_RESPONSE_CHECKSUM_VALIDATION",
    });
    expect(describeStorageSettings(settings).checksums).toContain("requests when-required");
  });

  it("reads the profile in the shared config file: endpoint_url, region, checksums, addressing style", async () => {
    const file = configFile(`[default]
region = us-west-2

[profile store]
endpoint_url = http://localhost:7480
region = eu-central-1
request_checksum_calculation = when_required
response_checksum_validation = when_required
`);
    const settings = await resolve({ AWS_CONFIG_FILE: file, AWS_PROFILE: "store" });
    expect(settings.endpoint?.value).toBe("http://localhost:7480");
    expect(settings.endpoint?.source).toBe(`profile store in ${file}`);
    expect(settings.addressingStyle.value).toBe("path");
    expect(settings.region.value).toBe("eu-central-1");
    expect(settings.requestChecksums.value).toBe("when-required");
    expect(settings.responseChecksums.value).toBe("when-required");
    expect((await resolve({ AWS_CONFIG_FILE: file })).region).toEqual({
      value: "us-west-2",
      source: `profile default in ${file}`,
    });
    // An explicit profile option picks the profile, and the SDK gets it for credentials.
    const picked = await resolve({ AWS_CONFIG_FILE: file }, [{ values: { profile: "store" } }]);
    expect(picked.region.value).toBe("eu-central-1");
    expect(picked.credentialsSource).toBe("profile store");
  });

  it("reads a profile's services section and nested s3 settings", async () => {
    const file = configFile(`[profile dev]
services = local-s3
s3 =
  addressing_style = virtual

[services local-s3]
s3 =
  endpoint_url = http://localhost:8333
`);
    const settings = await resolve({ AWS_CONFIG_FILE: file, AWS_PROFILE: "dev" });
    expect(settings.endpoint?.value).toBe("http://localhost:8333");
    expect(settings.addressingStyle.value).toBe("virtual");
  });

  it("forcePathStyle false turns path-style off even with a custom endpoint", async () => {
    const settings = await resolve(DATA_CONNECTION, [
      { values: { forcePathStyle: false }, source: "--addressing-style" },
    ]);
    expect(settings.addressingStyle).toEqual({ value: "virtual", source: "--addressing-style" });
  });
});

describe("resolveStorageSettings refuses what the SDK would misread", () => {
  it("a checksum value that is not one of the two, from the environment or the config file", async () => {
    await expect(resolve({ AWS_REQUEST_CHECKSUM_CALCULATION: "WHEN-REQUIRED" })).rejects.toThrow(
      /AWS_REQUEST_CHECKSUM_CALCULATION must be WHEN_SUPPORTED or WHEN_REQUIRED, not "WHEN-REQUIRED"/,
    );
    const file = configFile("[default]\nresponse_checksum_validation = never\n");
    await expect(resolve({ AWS_CONFIG_FILE: file })).rejects.toThrow(
      /response_checksum_validation of profile default in .* must be WHEN_SUPPORTED or WHEN_REQUIRED/,
    );
  });

  it("a region that is not a region name, naming where it came from", async () => {
    await expect(resolve({ AWS_REGION: "eu west" })).rejects.toThrow(
      /"eu west" \(from AWS_REGION\) is not a region name/,
    );
  });

  it("a profile that is in neither shared file", async () => {
    await expect(resolve({ AWS_PROFILE: "nosuch" })).rejects.toThrow(
      /profile "nosuch" \(from AWS_PROFILE\) is not in/,
    );
  });
});

describe("credentials with a profile", () => {
  const files = () => {
    const dir = mkdtempSync(join(tmpdir(), "mr-aws-"));
    writeFileSync(
      join(dir, "config"),
      "[profile settings-only]\nregion = eu-west-1\n[profile keyed]\nregion = eu-west-2\n",
    );
    writeFileSync(
      join(dir, "credentials"),
      "[keyed]\naws_access_key_id = from-file\naws_secret_access_key = x\n",
    );
    return { AWS_CONFIG_FILE: join(dir, "config"), AWS_SHARED_CREDENTIALS_FILE: join(dir, "credentials") };
  };
  const keys = { AWS_ACCESS_KEY_ID: "from-env", AWS_SECRET_ACCESS_KEY: "secret" };

  it("a profile without credentials of its own leaves the environment's keys in use", async () => {
    const settings = await resolve({ ...files(), ...keys }, [
      { values: { profile: "settings-only" }, source: "--profile" },
    ]);
    expect(settings.region.value).toBe("eu-west-1");
    expect(settings.credentialsSource).toBe("AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY");
    expect(credentialsOf(settings)).toMatchObject({ accessKeyId: "from-env" });
  });

  it("a profile named by a flag that holds credentials provides them, over the environment's keys", async () => {
    const settings = await resolve({ ...files(), ...keys }, [
      { values: { profile: "keyed" }, source: "--profile" },
    ]);
    expect(settings.credentialsSource).toBe("profile keyed (from --profile)");
    expect(credentialsOf(settings)).toMatchObject({ profile: "keyed" });
  });

  it("AWS_PROFILE naming a profile with credentials wins over the environment's keys, as in the AWS SDK", async () => {
    const settings = await resolve({ ...files(), ...keys, AWS_PROFILE: "keyed" });
    expect(settings.credentialsSource).toBe("profile keyed (from AWS_PROFILE)");
    expect(credentialsOf(settings)).toMatchObject({ profile: "keyed" });
  });
});

describe("s3ClientFor", () => {
  it("passes endpoint, region, path-style and both checksum modes to the AWS SDK", async () => {
    const settings = await resolve({
      AWS_ENDPOINT_URL_S3: "http://localhost:45123",
      AWS_REQUEST_CHECKSUM_CALCULATION: "WHEN_REQUIRED",
      AWS_RESPONSE_CHECKSUM_VALIDATION: "WHEN_REQUIRED",
      AWS_ACCESS_KEY_ID: "a",
      AWS_SECRET_ACCESS_KEY: "b",
    });
    const client = s3ClientFor(settings);
    expect(client.config.forcePathStyle).toBe(true);
    expect(await client.config.region()).toBe("us-east-1");
    expect(await client.config.requestChecksumCalculation()).toBe("WHEN_REQUIRED");
    expect(await client.config.responseChecksumValidation()).toBe("WHEN_REQUIRED");
    const endpoint = await client.config.endpoint?.();
    expect(endpoint?.hostname).toBe("localhost");
  });
});
