// downloadModel: a registered version's files into a local folder, each checked as verifyModel checks it.
import { stat } from "node:fs/promises";
import { ConfigError } from "../../errors.js";
import type { RegistryClient } from "../registry-client.js";
import { pullVersion, type VerifyModelParams, type VerifyResult } from "./pull-version.js";

/** Which version to download, and where to. */
export interface DownloadModelParams extends VerifyModelParams {
  /** The local folder to download into (created if needed; files keep their relative paths). */
  path: string;
}

/** Downloads a version's files into the folder `path` (keeping their relative paths), checking each as `verifyModel`
 * does. A version uploaded by another tool, with no manifest, is downloaded as listed under its s3:// URI, or as the
 * one object the URI names (`recorded: false`). @throws ConfigError when `path` is not a folder to download into. */
export async function downloadModel(mr: RegistryClient, params: DownloadModelParams): Promise<VerifyResult> {
  if (typeof params.path !== "string" || params.path.trim() === "")
    throw new ConfigError("downloadModel needs path: the local folder to download into");
  const existing = await stat(params.path).catch((error: { code?: string }) => {
    if (error.code === "ENOTDIR")
      throw new ConfigError(
        `a parent of ${params.path} is a file, not a folder: give a folder to download into`,
      );
    return undefined;
  });
  if (existing && !existing.isDirectory())
    throw new ConfigError(`${params.path} exists and is not a folder: give a folder to download into`);
  return pullVersion(mr, params, params.path);
}
