// mr-cli's config file: named contexts (registry URL, token FILE, CA file, author, S3 defaults) and the active one.
// Tokens are stored only as a reference to a file, never as text. The file is created readable by its owner only.
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { ConfigError } from "../client/errors.js";
import type { Env } from "./default-env.js";

/** One context: where a registry is and how to reach it. */
export interface CliContextConfig {
  url?: string;
  /** Path of a file holding the bearer token. */
  tokenFile?: string;
  caFile?: string;
  author?: string;
  s3Endpoint?: string;
  bucket?: string;
  region?: string;
}

export interface CliConfig {
  currentContext?: string;
  contexts: Record<string, CliContextConfig>;
}

const FIELDS: Record<keyof CliContextConfig, string> = {
  url: "MODEL_REGISTRY_URL",
  tokenFile: "MODEL_REGISTRY_TOKEN_FILE",
  caFile: "MODEL_REGISTRY_CA_FILE",
  author: "MODEL_REGISTRY_AUTHOR",
  s3Endpoint: "AWS_S3_ENDPOINT",
  bucket: "AWS_S3_BUCKET",
  region: "AWS_DEFAULT_REGION",
};

/** The names of a context's fields. */
export const CONTEXT_FIELDS = Object.keys(FIELDS) as (keyof CliContextConfig)[];

/** `$MR_CLI_CONFIG`, else `$XDG_CONFIG_HOME/mr-cli/config.yaml`, else `~/.config/mr-cli/config.yaml`. */
export function cliConfigPath(env: Env): string {
  if (env.MR_CLI_CONFIG) return env.MR_CLI_CONFIG;
  return join(env.XDG_CONFIG_HOME || join(env.HOME || homedir(), ".config"), "mr-cli", "config.yaml");
}

/** The config file's content; an absent file is an empty config. */
export async function readCliConfig(path: string): Promise<CliConfig> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT") return { contexts: {} };
    throw new ConfigError(
      `cannot read the config file ${path} (${(error as { code?: string }).code ?? "error"})`,
    );
  }
  let data: unknown;
  const { parse } = await import("yaml"); // loaded on use: it costs ~20 ms of every mr-cli start-up
  try {
    data = parse(text) ?? {};
  } catch {
    throw new ConfigError(`the config file ${path} is not valid YAML; fix it or remove it`);
  }
  const config = data as Partial<CliConfig>;
  if (typeof config !== "object" || (config.contexts !== undefined && typeof config.contexts !== "object"))
    throw new ConfigError(
      `the config file ${path} does not have the expected shape (contexts: {name: {url: …}})`,
    );
  return {
    ...(config.currentContext ? { currentContext: config.currentContext } : {}),
    contexts: config.contexts ?? {},
  };
}

/** Writes the config file (mode 0600, its folder 0700). */
export async function writeCliConfig(path: string, config: CliConfig): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const { stringify } = await import("yaml");
  await writeFile(path, stringify(config), { mode: 0o600 });
  await chmod(path, 0o600);
}

/** A context's settings as the environment variables they stand for. */
export function contextEnv(context: CliContextConfig | undefined): Env {
  const env: Env = {};
  for (const field of CONTEXT_FIELDS) {
    const value = context?.[field];
    if (value) env[FIELDS[field]] = value;
  }
  return env;
}
