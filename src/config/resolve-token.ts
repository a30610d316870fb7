// Where the bearer token comes from, in the official Python client's order, so code in a Kubeflow notebook or pipeline
// step finds its service-account token with no setup.

import { builtin } from "../builtin.js";
import { TokenError } from "../errors.js";
import type { Env } from "./default-env.js";
import { type TokenFileOptions, tokenFromFile } from "./token-file.js";

/** The default name of the environment variable holding a token file's path. */
export const DEFAULT_TOKEN_ENV_VAR = "MODEL_REGISTRY_TOKEN_FILE";

/** Where Kubernetes mounts a pod's service-account token. */
export const SERVICE_ACCOUNT_TOKEN_PATH = "/var/run/secrets/kubernetes.io/serviceaccount/token";

/** Where a token came from, for diagnostics: never the token itself. */
export type TokenSource = "option" | "MODEL_REGISTRY_TOKEN" | `file:${string}` | "none";

/** A token (a string, or a provider re-reading a file) and where it came from. */
export interface ResolvedToken {
  token?: string | (() => Promise<string>);
  tokenSource: TokenSource;
}

/** Inputs of {@link resolveToken}. */
export interface ResolveTokenParams {
  /** The environment to read. */
  env: Env;
  /** An explicit token; wins over everything when non-empty. */
  override?: string | undefined;
  /** A token file given above the environment (an option or a flag): wins over the environment's tokens. */
  tokenFile?: { value: string; source: string } | undefined;
  /** A token file given below the environment (a config file's context): used when no variable names a token. */
  fallbackTokenFile?: { value: string; source: string } | undefined;
  /**
   * Name of the variable holding a token file's path. When given, that variable must be set. When omitted,
   * {@link DEFAULT_TOKEN_ENV_VAR} is used and may be unset.
   */
  tokenEnvVar?: string | undefined;
  /** Default: {@link SERVICE_ACCOUNT_TOKEN_PATH}. */
  serviceAccountTokenPath?: string | undefined;
  /** Passed to {@link tokenFromFile} for file tokens. */
  tokenFileOptions?: TokenFileOptions | undefined;
}

/**
 * Picks the token: explicit `override` → `tokenFile` → `MODEL_REGISTRY_TOKEN` (a literal token) → the file at the
 * path in `tokenEnvVar` → the file at `KF_PIPELINES_SA_TOKEN_PATH` → `fallbackTokenFile` → the service-account
 * token file if it exists → none.
 * File tokens are returned as {@link tokenFromFile} providers; files are only `stat`ed here, never read.
 *
 * @throws ConfigError when an explicitly named `tokenEnvVar` is unset, or a path given by a variable is not a file.
 */
export async function resolveToken(params: ResolveTokenParams): Promise<ResolvedToken> {
  const { env } = params;
  const override = nonEmpty(params.override);
  if (override !== undefined) return { token: override, tokenSource: "option" };
  const { tokenFile, fallbackTokenFile } = params;
  if (tokenFile) return await fileToken(tokenFile.value, tokenFile.source, params.tokenFileOptions);

  const literal = nonEmpty(env.MODEL_REGISTRY_TOKEN);
  if (literal !== undefined) return { token: literal, tokenSource: "MODEL_REGISTRY_TOKEN" };

  const tokenEnvVar = params.tokenEnvVar ?? DEFAULT_TOKEN_ENV_VAR;
  const userPath = nonEmpty(env[tokenEnvVar]);
  if (userPath === undefined && params.tokenEnvVar !== undefined) {
    throw new TokenError(
      `tokenEnvVar is "${tokenEnvVar}" but no such environment variable is set; set ${tokenEnvVar} to the path of a token file`,
    );
  }
  if (userPath !== undefined) return await fileToken(userPath, tokenEnvVar, params.tokenFileOptions);

  const pipelinePath = nonEmpty(env.KF_PIPELINES_SA_TOKEN_PATH);
  if (pipelinePath !== undefined) {
    return await fileToken(pipelinePath, "KF_PIPELINES_SA_TOKEN_PATH", params.tokenFileOptions);
  }
  if (fallbackTokenFile)
    return await fileToken(fallbackTokenFile.value, fallbackTokenFile.source, params.tokenFileOptions);

  const saPath = params.serviceAccountTokenPath ?? SERVICE_ACCOUNT_TOKEN_PATH;
  if ((await fileKind(saPath)) === "file") return provider(saPath, params.tokenFileOptions);
  return { tokenSource: "none" };
}

/** A token file named by a variable: the user asked for it, so a wrong path is an error rather than a skip. */
async function fileToken(path: string, variable: string, options?: TokenFileOptions): Promise<ResolvedToken> {
  const kind = await fileKind(path);
  if (kind === "missing") {
    throw new TokenError(
      `${variable} points to ${path}, which does not exist; fix the path or unset ${variable}`,
    );
  }
  if (kind === "not-file") {
    throw new TokenError(
      `${variable} points to ${path}, which is not a regular file; point it at the token file`,
    );
  }
  if (kind !== "file") {
    throw new TokenError(
      `${variable} points to ${path}, which cannot be accessed (${kind}); check its permissions`,
    );
  }
  return provider(path, options);
}

function provider(path: string, options?: TokenFileOptions): ResolvedToken {
  return { token: tokenFromFile(path, options), tokenSource: `file:${path}` };
}

/** `"file"`, `"missing"`, `"not-file"`, or the error code that stopped `stat` (e.g. `"EACCES"`). */
async function fileKind(path: string): Promise<string> {
  try {
    return (await builtin("node:fs/promises").stat(path)).isFile() ? "file" : "not-file";
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === "ENOENT" || code === "ENOTDIR") return "missing";
    return typeof code === "string" ? code : "unknown error";
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
