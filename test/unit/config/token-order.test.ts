import { mkdtemp, rm, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type ResolvedSettings, type ResolveOptions, resolveSettings } from "../../../src/config/index.js";
import { ConfigError } from "../../../src/errors.js";

const URL_ENV = { MODEL_REGISTRY_URL: "http://localhost:8080" };

let dir: string;
let userFile: string;
let pipelineFile: string;
let serviceAccountFile: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "mr-token-order-"));
  userFile = join(dir, "user-token");
  pipelineFile = join(dir, "pipeline-token");
  serviceAccountFile = join(dir, "sa-token");
  await writeFile(userFile, "from-user-file\n");
  await writeFile(pipelineFile, "from-pipeline-file\n");
  await writeFile(serviceAccountFile, "from-service-account\n");
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every source set at once; each test removes the ones above the step it checks. */
function allSources(): Record<string, string | undefined> {
  return {
    ...URL_ENV,
    MODEL_REGISTRY_TOKEN: "from-env-literal",
    MODEL_REGISTRY_TOKEN_FILE: userFile,
    KF_PIPELINES_SA_TOKEN_PATH: pipelineFile,
  };
}

function resolve(
  env: Record<string, string | undefined>,
  options: ResolveOptions = {},
): Promise<ResolvedSettings> {
  return resolveSettings({ serviceAccountTokenPath: serviceAccountFile, ...options, env });
}

async function tokenValue(settings: ResolvedSettings): Promise<string | undefined> {
  const { token } = settings;
  return typeof token === "function" ? await token() : token;
}

describe("token resolution order", () => {
  it("an explicit token wins over every other source", async () => {
    const settings = await resolve(allSources(), { overrides: { token: "from-option" } });
    expect(settings.token).toBe("from-option");
    expect(settings.tokenSource).toBe("option");
  });

  it("MODEL_REGISTRY_TOKEN is used as a literal token ahead of any token file", async () => {
    const settings = await resolve(allSources());
    expect(settings.token).toBe("from-env-literal");
    expect(settings.tokenSource).toBe("MODEL_REGISTRY_TOKEN");
  });

  it("the file named by MODEL_REGISTRY_TOKEN_FILE comes next, ahead of the pipeline and service-account files", async () => {
    const settings = await resolve({ ...allSources(), MODEL_REGISTRY_TOKEN: undefined });
    expect(typeof settings.token).toBe("function");
    expect(settings.tokenSource).toBe(`file:${userFile}`);
    expect(await tokenValue(settings)).toBe("from-user-file");
  });

  it("a custom tokenEnvVar replaces MODEL_REGISTRY_TOKEN_FILE as the variable holding the path", async () => {
    const other = join(dir, "other-token");
    await writeFile(other, "from-custom-var");
    const env = { ...allSources(), MODEL_REGISTRY_TOKEN: undefined, MY_TOKEN_PATH: other };
    const settings = await resolve(env, { tokenEnvVar: "MY_TOKEN_PATH" });
    expect(settings.tokenSource).toBe(`file:${other}`);
    expect(await tokenValue(settings)).toBe("from-custom-var");
  });

  it("an explicitly named tokenEnvVar that is unset is a ConfigError, not a silent fallback", async () => {
    const env = { ...allSources(), MODEL_REGISTRY_TOKEN: undefined };
    const error = await resolve(env, { tokenEnvVar: "MY_TOKEN_PATH" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(
      /tokenEnvVar is "MY_TOKEN_PATH" but no such environment variable is set/,
    );
  });

  it("KF_PIPELINES_SA_TOKEN_PATH is used when the default token-file variable is unset", async () => {
    const env = { ...allSources(), MODEL_REGISTRY_TOKEN: undefined, MODEL_REGISTRY_TOKEN_FILE: undefined };
    const settings = await resolve(env);
    expect(settings.tokenSource).toBe(`file:${pipelineFile}`);
    expect(await tokenValue(settings)).toBe("from-pipeline-file");
  });

  it("the service-account token file is used when it exists and nothing else is set", async () => {
    const settings = await resolve(URL_ENV);
    expect(settings.tokenSource).toBe(`file:${serviceAccountFile}`);
    expect(await tokenValue(settings)).toBe("from-service-account");
  });

  it("without any source there is no token", async () => {
    const settings = await resolve(URL_ENV, { serviceAccountTokenPath: join(dir, "absent") });
    expect(settings.tokenSource).toBe("none");
    expect(settings).not.toHaveProperty("token");
  });

  it("blank values are skipped like unset ones", async () => {
    const env = { ...allSources(), MODEL_REGISTRY_TOKEN: "  ", MODEL_REGISTRY_TOKEN_FILE: "" };
    const settings = await resolve(env, { overrides: { token: "" } });
    expect(settings.tokenSource).toBe(`file:${pipelineFile}`);
  });

  it.each([
    ["MODEL_REGISTRY_TOKEN_FILE", {}],
    ["KF_PIPELINES_SA_TOKEN_PATH", { MODEL_REGISTRY_TOKEN_FILE: undefined }],
  ])(
    "%s pointing to a missing file is a ConfigError naming the variable and the path",
    async (name, unset) => {
      const missing = join(dir, "no-such-token");
      const env = { ...allSources(), MODEL_REGISTRY_TOKEN: undefined, ...unset, [name]: missing };
      await expect(resolve(env)).rejects.toThrow(ConfigError);
      await expect(resolve(env)).rejects.toThrow(`${name} points to ${missing}, which does not exist`);
    },
  );

  it("a variable pointing to a directory is a ConfigError", async () => {
    const env = { ...URL_ENV, MODEL_REGISTRY_TOKEN_FILE: dir };
    await expect(resolve(env)).rejects.toThrow(/which is not a regular file/);
  });

  it("a service-account path that is a directory is skipped", async () => {
    const settings = await resolve(URL_ENV, { serviceAccountTokenPath: dir });
    expect(settings.tokenSource).toBe("none");
  });

  it("token files are not read while resolving, only when the token is asked for", async () => {
    let reads = 0;
    const env = { ...URL_ENV, MODEL_REGISTRY_TOKEN_FILE: userFile };
    const settings = await resolve(env, { tokenFile: { onRead: () => void reads++ } });
    expect(reads).toBe(0);
    const { mtimeMs } = await stat(userFile);
    await writeFile(userFile, "written-after-resolving");
    const later = new Date(mtimeMs + 60_000);
    await utimes(userFile, later, later);
    expect(await tokenValue(settings)).toBe("written-after-resolving");
    expect(reads).toBe(1);
  });

  it("the token source never contains a file token's text", async () => {
    const settings = await resolve({ ...URL_ENV, MODEL_REGISTRY_TOKEN_FILE: userFile });
    expect(JSON.stringify(settings)).not.toContain("from-user-file");
  });
});
