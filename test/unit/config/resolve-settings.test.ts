import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type ResolvedSettings, type ResolveOptions, resolveSettings } from "../../../src/config/index.js";
import { defaultsLayer, envLayer } from "../../../src/config/settings-layer.js";
import { ConfigError } from "../../../src/errors.js";

const URL_ENV = { MODEL_REGISTRY_URL: "http://localhost:8080" };

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "mr-settings-"));
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

/** Resolves with no service-account token file, so results do not depend on the machine. */
function resolve(
  env: Record<string, string | undefined>,
  options: ResolveOptions = {},
): Promise<ResolvedSettings> {
  return resolveSettings({ serviceAccountTokenPath: join(dir, "absent"), ...options, env });
}

async function configError(promise: Promise<unknown>): Promise<ConfigError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

describe("resolveSettings: the server URL", () => {
  it("a missing MODEL_REGISTRY_URL is a ConfigError saying to set it, with an example", async () => {
    const error = await configError(resolve({}));
    expect(error.message).toBe(
      "MODEL_REGISTRY_URL is not set; set it to the Model Registry server's address, e.g. http://localhost:8080",
    );
  });

  it("a blank MODEL_REGISTRY_URL counts as missing", async () => {
    const error = await configError(resolve({ MODEL_REGISTRY_URL: "  " }));
    expect(error.message).toMatch(/^MODEL_REGISTRY_URL is not set/);
  });

  it("a value that is not a URL is a ConfigError quoting it", async () => {
    const error = await configError(resolve({ MODEL_REGISTRY_URL: "not a url" }));
    expect(error.message).toBe(
      'MODEL_REGISTRY_URL is not a valid URL: "not a url"; use a full address such as http://localhost:8080',
    );
  });

  it.each(["localhost:8080", "ftp://registry.example.com", "file:///tmp/registry"])(
    "%s is rejected because it is not http(s)",
    async (value) => {
      const error = await configError(resolve({ MODEL_REGISTRY_URL: value }));
      expect(error.message).toMatch(/^MODEL_REGISTRY_URL must start with http:\/\/ or https:\/\//);
    },
  );

  it("a rejected URL is quoted without its credentials", async () => {
    const error = await configError(
      resolve({ MODEL_REGISTRY_URL: "ftp://ada:hunter2@registry.example.com" }),
    );
    expect(error.message).not.toContain("hunter2");
  });

  it.each([
    ["http://localhost:8080/", "http://localhost:8080"],
    ["https://registry.example.com/base///", "https://registry.example.com/base"],
    [" http://127.0.0.1:18080 ", "http://127.0.0.1:18080"],
  ])("%s becomes %s (trailing slashes and whitespace removed)", async (value, expected) => {
    expect((await resolve({ MODEL_REGISTRY_URL: value })).url).toBe(expected);
  });

  it("an explicit url wins over MODEL_REGISTRY_URL", async () => {
    const settings = await resolve(URL_ENV, { overrides: { url: "https://prod.example.com/" } });
    expect(settings.url).toBe("https://prod.example.com");
  });

  it("an invalid explicit url is reported as the url option", async () => {
    const error = await configError(resolve(URL_ENV, { overrides: { url: "registry:8080" } }));
    expect(error.message).toMatch(/^the url option must start with http:\/\/ or https:\/\//);
  });
});

describe("resolveSettings: other settings", () => {
  it("with only the URL set, everything else is absent", async () => {
    expect(await resolve(URL_ENV)).toEqual({
      url: "http://localhost:8080",
      tokenSource: "none",
      sources: { url: "MODEL_REGISTRY_URL" },
    });
  });

  it("takes layers in order, the environment's among them, and says where each value came from", async () => {
    const env = { MODEL_REGISTRY_URL: "http://env:1", MODEL_REGISTRY_AUTHOR: "", USER: "ada" };
    const settings = await resolveSettings({
      env,
      serviceAccountTokenPath: "/nonexistent/token",
      layers: [
        { values: { apiVersion: "v1" }, source: { apiVersion: "--api-version" } },
        envLayer(env),
        { values: { url: "http://context:2", author: "bob", caFile: "/ca.pem" }, source: "context lab" },
        defaultsLayer(env),
      ],
    });
    expect(settings).toMatchObject({
      url: "http://env:1",
      apiVersion: "v1",
      author: "bob",
      caFile: "/ca.pem",
      sources: {
        url: "MODEL_REGISTRY_URL",
        apiVersion: "--api-version",
        author: "context lab",
        caFile: "context lab",
      },
    });
  });

  it("caFile comes from MODEL_REGISTRY_CA_FILE, a custom caEnvVar, or an explicit value, in that rising order", async () => {
    const env = { ...URL_ENV, MODEL_REGISTRY_CA_FILE: "/etc/ca/default.pem", MY_CA: "/etc/ca/custom.pem" };
    expect((await resolve(env)).caFile).toBe("/etc/ca/default.pem");
    expect((await resolve(env, { caEnvVar: "MY_CA" })).caFile).toBe("/etc/ca/custom.pem");
    expect((await resolve(env, { caEnvVar: "UNSET_CA" })).caFile).toBeUndefined();
    const explicit = await resolve(env, { caEnvVar: "MY_CA", overrides: { caFile: "/tmp/ca.pem" } });
    expect(explicit.caFile).toBe("/tmp/ca.pem");
  });

  it("author is the explicit value, else MODEL_REGISTRY_AUTHOR, else USER, else USERNAME", async () => {
    const env = { ...URL_ENV, MODEL_REGISTRY_AUTHOR: "ada", USER: "unix-user", USERNAME: "windows-user" };
    expect((await resolve(env, { overrides: { author: "grace" } })).author).toBe("grace");
    expect((await resolve(env)).author).toBe("ada");
    expect((await resolve({ ...env, MODEL_REGISTRY_AUTHOR: undefined })).author).toBe("unix-user");
    expect((await resolve({ ...URL_ENV, USERNAME: "windows-user" })).author).toBe("windows-user");
  });

  it("reads process.env at call time when no env is given", async () => {
    vi.stubEnv("MODEL_REGISTRY_URL", "http://from-process-env:8080/");
    vi.stubEnv("MODEL_REGISTRY_AUTHOR", "process-author");
    const settings = await resolveSettings({ serviceAccountTokenPath: join(dir, "absent") });
    expect(settings.url).toBe("http://from-process-env:8080");
    expect(settings.author).toBe("process-author");
  });
});
