// The CLI's config file: named contexts (registry URL, token FILE, CA file, author, S3 defaults) and the active one.
// Tokens are stored only as a reference to a file, never as text. The file is created readable by its owner only.
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { ConfigError } from "../errors.js";
import { checkS3Endpoint } from "./s3-endpoint.js";
import type { ConnectionSetting, SettingsLayer } from "./settings-layer.js";
import type { StorageLayer, StorageSettingsInput } from "./storage-types.js";

/** A context's storage settings, and the name of where they come from. */
export type ContextStorage = StorageSettingsInput & { source: StorageLayer["source"] };

/** One context: where a registry is and how to reach it. */
export interface CliContextConfig {
  url?: string;
  /** Path of a file holding the bearer token. */
  tokenFile?: string;
  caFile?: string;
  author?: string;
  /** `auto`, `v1` or `v1alpha3`. */
  apiVersion?: string;
  /** The model catalog's URL. */
  catalogUrl?: string;
  /** The model catalog's API generation: `auto`, `v1` or `v1alpha1`. */
  catalogApiVersion?: string;
  s3Endpoint?: string;
  bucket?: string;
  region?: string;
  /** `when-supported` or `when-required`. */
  checksums?: string;
  /** `path` or `virtual`. */
  addressingStyle?: string;
  /** AWS profile for storage settings and credentials. */
  profile?: string;
}

export interface CliConfig {
  currentContext?: string;
  contexts: Record<string, CliContextConfig>;
}

// The connection fields are a layer below the environment (see settings-layer.ts). The storage fields are a layer of
// their own, above the AWS configuration (see storage-settings.ts).
const FIELDS = [
  "url",
  "tokenFile",
  "caFile",
  "author",
  "apiVersion",
  "catalogUrl",
  "catalogApiVersion",
] as const;
const STORAGE_FIELDS = ["s3Endpoint", "bucket", "region", "checksums", "addressingStyle", "profile"] as const;

/** The names of a context's fields. */
export const CONTEXT_FIELDS: (keyof CliContextConfig)[] = [...FIELDS, ...STORAGE_FIELDS];

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
  const { parse } = await import("yaml"); // loaded on use: it costs ~20 ms of every CLI start-up
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

/** A context's connection settings as a layer, each named `the <field> of context "<name>" in <path>`. */
export function contextLayer(
  name: string,
  path: string,
  context: CliContextConfig | undefined,
): SettingsLayer {
  const values: SettingsLayer["values"] = {};
  const source: Partial<Record<ConnectionSetting, string>> = {};
  for (const field of FIELDS) {
    values[field] = context?.[field];
    source[field] = `the ${field} of context ${JSON.stringify(name)} in ${path}`;
  }
  return { values, source };
}

/** A context's storage settings, named `context <name>` as their source.
 * @throws ConfigError for a `checksums` or `addressingStyle` value that is not one of the choices. */
export function contextStorage(name: string, context: CliContextConfig | undefined): ContextStorage {
  const source = `context ${name}`;
  const storage: ContextStorage = { source };
  if (!context) return storage;
  const choice = <T extends string>(
    field: "checksums" | "addressingStyle",
    choices: readonly T[],
  ): T | undefined => {
    const value = context[field];
    if (value === undefined || value === "") return undefined;
    if (!choices.includes(value as T))
      throw new ConfigError(
        `${field} of context ${name} must be ${choices.join(" or ")}, not ${JSON.stringify(value)}`,
      );
    return value as T;
  };
  if (context.s3Endpoint)
    storage.endpoint = checkS3Endpoint(context.s3Endpoint, `the s3Endpoint of context ${name}`);
  if (context.bucket) storage.bucket = context.bucket;
  if (context.region) storage.region = context.region;
  if (context.profile) storage.profile = context.profile;
  const checksums = choice("checksums", ["when-supported", "when-required"] as const);
  if (checksums) storage.checksums = checksums;
  const style = choice("addressingStyle", ["path", "virtual"] as const);
  if (style) storage.forcePathStyle = style === "path";
  return storage;
}
