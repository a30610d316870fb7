// Storage configured the way users already configure it (Kubeflow data connections, the AWS SDK's own variables and
// config file), on the stack's three S3 servers, and a store that rejects the SDK's checksum headers.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { startFaultProxy } from "../../scripts/fault-proxy.mjs";
import { ModelRegistry } from "../../src/index.js";
import { mrCli } from "../support/cli.js";
import { tempDir, writeTree } from "../support/model-files.js";
import { S3_SERVERS } from "../support/s3.js";
import { stackSetting } from "../support/stack-env.js";
import {
  byHostName,
  home,
  model,
  moto,
  oneLine,
  seaweedfs,
  shell,
  versitygw,
} from "../support/storage-shell.js";
import { uniqueName } from "../support/unique.js";

afterEach(() => vi.unstubAllEnvs());
afterEach(() => vi.unstubAllEnvs());

describe("the settings users already have", () => {
  it("new ModelRegistry({ url }) uploads where a workbench's data connection says, and records it", async () => {
    vi.stubEnv("AWS_S3_ENDPOINT", stackSetting(seaweedfs.endpoint));
    vi.stubEnv("AWS_S3_BUCKET", "models");
    vi.stubEnv("AWS_ACCESS_KEY_ID", stackSetting(seaweedfs.key));
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", stackSetting(seaweedfs.secret));
    vi.stubEnv("AWS_DEFAULT_REGION", "us-east-1");
    vi.stubEnv("HOME", home);
    const mr = new ModelRegistry({ url: stackSetting("MODEL_REGISTRY_URL") });
    const name = uniqueName("dataconn");
    const result = await mr.registerModel({
      name,
      version: "v1",
      path: await model(),
      storage: { bucket: "models" },
    });
    expect(result.status).toBe("created");
    expect(result.uri).toBe(`s3://models/${name}/v1/`);
    expect(result.modelArtifact.customProperties).toMatchObject({
      s3_endpoint: stackSetting(seaweedfs.endpoint),
      s3_region: "us-east-1",
    });
    vi.stubEnv("AWS_S3_ENDPOINT", ""); // another shell: credentials only, the version says where the files are
    expect(
      (
        await new ModelRegistry({ url: stackSetting("MODEL_REGISTRY_URL") }).verifyModel({
          name,
          version: "v1",
        })
      ).ok,
    ).toBe(true);
  });

  describe.each(S3_SERVERS)("on $label", (server) => {
    it("AWS_ENDPOINT_URL_S3 with a host name registers; a shell with only the registry URL and credentials downloads and verifies", async () => {
      const name = uniqueName("awsendpoint");
      const source = await model();
      await writeTree(source, { "weights.bin": new Uint8Array(9 * 1024 * 1024).fill(3) }); // a multipart upload
      const env = shell(server, {
        AWS_ENDPOINT_URL_S3: byHostName(server),
        AWS_S3_BUCKET: stackSetting(server.bucket),
      });
      const registered = await mrCli(
        ["register", source, "--name", name, "--version", "v1", "-o", "json", "-q"],
        env,
      );
      expect(registered.stderr).toBe("");
      expect(registered.code).toBe(0);
      const result = JSON.parse(registered.stdout);
      expect(result.uri).toBe(`s3://${stackSetting(server.bucket)}/${name}/v1/`);
      expect(result.modelArtifact.customProperties).toMatchObject({ s3_endpoint: byHostName(server) });
      const dir = join(await tempDir(), "out");
      const downloaded = await mrCli(["download", name, "v1", dir], shell(server));
      expect(downloaded).toMatchObject({ code: 0, stderr: "" });
      expect(await readFile(join(dir, "config/labels.json"), "utf8")).toBe('["0","1"]');
      expect((await readFile(join(dir, "weights.bin"))).length).toBe(9 * 1024 * 1024);
      expect(await mrCli(["verify", name, "v1"], shell(server))).toMatchObject({ code: 0, stderr: "" });
      // The flags override what the version recorded: a wrong endpoint given by hand is used, and named.
      const overridden = await mrCli(
        ["verify", name, "v1", "--endpoint", "http://127.0.0.1:9"],
        shell(server),
      );
      expect(overridden.code).toBe(6);
      expect(overridden.stderr).toMatch(/Cannot connect to http:\/\/127.0.0.1:9 \(from --endpoint\)/);
    });
  });

  it("AWS_ENDPOINT_URL and a profile's endpoint_url work too, and --verbose says where each setting came from", async () => {
    const config = join(await tempDir(), "config");
    await writeFile(config, `[profile lab]\nendpoint_url = ${byHostName(moto)}\nregion = us-east-1\n`);
    const viaProfile = await mrCli(
      [
        "register",
        await model(),
        "--name",
        uniqueName("profile"),
        "--version",
        "v1",
        "--bucket",
        "models",
        "--verbose",
      ],
      shell(moto, { AWS_CONFIG_FILE: config, AWS_PROFILE: "lab" }),
    );
    expect(viaProfile.code).toBe(0);
    expect(viaProfile.stderr).toContain(
      `mr-cli: storage endpoint: ${byHostName(moto)} (profile lab in ${config})`,
    );
    expect(viaProfile.stderr).toContain("mr-cli: storage bucket: models (--bucket)");
    expect(viaProfile.stderr).toContain("mr-cli: storage addressing: path (default with a custom endpoint)");
    const general = await mrCli(
      [
        "register",
        await model(),
        "--name",
        uniqueName("general"),
        "--version",
        "v1",
        "--dry-run",
        "-o",
        "json",
      ],
      shell(moto, { AWS_ENDPOINT_URL: byHostName(moto), AWS_S3_BUCKET: "models" }),
    );
    expect(JSON.parse(general.stdout).storage).toMatchObject({
      endpoint: `${byHostName(moto)} (AWS_ENDPOINT_URL)`,
      bucket: "models (AWS_S3_BUCKET)",
      checksums: "when-supported (default)",
    });
  });
});

describe("credentials from a profile", () => {
  it("a profile holding keys is used over wrong keys in the environment (--profile and AWS_PROFILE), without the SDK's warning", async () => {
    const dir = await tempDir();
    await writeFile(
      join(dir, "config"),
      `[profile lab]\nendpoint_url = ${stackSetting(versitygw.endpoint)}\n`,
    );
    await writeFile(
      join(dir, "credentials"),
      `[lab]\naws_access_key_id = ${stackSetting(versitygw.key)}\naws_secret_access_key = ${stackSetting(versitygw.secret)}\n`,
    );
    const env = shell(versitygw, {
      AWS_CONFIG_FILE: join(dir, "config"),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, "credentials"),
      AWS_ACCESS_KEY_ID: "wrong-key",
      AWS_SECRET_ACCESS_KEY: "wrong-secret",
      AWS_S3_BUCKET: "models",
    });
    const name = uniqueName("profilekeys");
    const flagged = await mrCli(
      ["register", await model(), "--name", name, "--version", "v1", "--profile", "lab", "-q"],
      env,
    );
    expect(flagged).toMatchObject({ code: 0, stderr: "" });
    const viaEnv = await mrCli(["verify", name, "v1", "--verbose"], { ...env, AWS_PROFILE: "lab" });
    expect(viaEnv.code).toBe(0);
    expect(viaEnv.stderr).toContain("mr-cli: storage credentials: profile lab (from AWS_PROFILE)");
    expect(viaEnv.stderr).not.toMatch(/Multiple credential sources/);
  });
});

describe.each([
  { style: "501" as const, like: "Cloudflare R2", server: versitygw },
  { style: "400" as const, like: "Backblaze B2", server: seaweedfs },
])("a store that rejects checksum headers as $like does ($style)", ({ style, server }) => {
  const proxies: { close(): Promise<void> }[] = [];
  afterAll(() => Promise.all(proxies.map((proxy) => proxy.close())));

  it("fails with the switch named, then the standard switch alone makes upload, download and verify work", async () => {
    const proxy = await startFaultProxy({
      target: stackSetting(server.endpoint),
      rate: 0,
      rejectChecksums: style,
    });
    proxies.push(proxy);
    const base = shell(server, {
      AWS_ENDPOINT_URL_S3: proxy.url,
      AWS_S3_BUCKET: stackSetting(server.bucket),
    });
    const source = await model();
    await writeTree(source, { "weights.bin": new Uint8Array(9 * 1024 * 1024).fill(7) }); // two parts
    const name = uniqueName("nochecksum");
    const refused = await mrCli(["register", source, "--name", name, "--version", "v1"], base);
    expect(refused.code).toBe(2);
    expect(oneLine(refused.stderr)).toBe(true);
    expect(refused.stderr).toMatch(
      new RegExp(`${style} (NotImplemented|InvalidArgument).*AWS_REQUEST_CHECKSUM_CALCULATION=WHEN_REQUIRED`),
    );

    const switched = {
      ...base,
      AWS_REQUEST_CHECKSUM_CALCULATION: "WHEN_REQUIRED",
      AWS_RESPONSE_CHECKSUM_VALIDATION: "WHEN_REQUIRED",
    };
    const rejectedBefore = proxy.requests.filter((r) => r.fault === "checksum").length;
    expect(await mrCli(["register", source, "--name", name, "--version", "v1"], switched)).toMatchObject({
      code: 0,
      stderr: "",
    });
    expect(await mrCli(["verify", name, "v1"], switched)).toMatchObject({ code: 0, stderr: "" });
    const dir = join(await tempDir(), "out");
    expect(await mrCli(["download", name, "v1", dir], switched)).toMatchObject({ code: 0, stderr: "" });
    expect(proxy.requests.filter((r) => r.fault === "checksum").length).toBe(rejectedBefore);
    expect((await readFile(join(dir, "weights.bin"))).length).toBe(9 * 1024 * 1024);

    // The same keys in the shared config file work, and downloads need the response switch.
    const config = join(await tempDir(), "config");
    await writeFile(
      config,
      "[default]\nrequest_checksum_calculation = when_required\nresponse_checksum_validation = when_required\n",
    );
    expect(await mrCli(["verify", name, "v1"], { ...base, AWS_CONFIG_FILE: config })).toMatchObject({
      code: 0,
    });
    const unswitched = await mrCli(["verify", name, "v1"], base);
    expect(unswitched.code).toBe(2);
    expect(unswitched.stderr).toMatch(/AWS_RESPONSE_CHECKSUM_VALIDATION=WHEN_REQUIRED/);
  });
});
