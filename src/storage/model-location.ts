// Where a model's files go: one rule for the upload, the registered URI and mr-cli's --dry-run plan.
import { formatS3Uri, joinKey } from "./s3-uri.js";
import type { WalkResult } from "./walk-files.js";

/** The key prefix of a model's files: the given one, or `<name>/<version>`, without leading or trailing slashes. */
export function modelPrefix(name: string, version: string, prefix?: string): string {
  return (prefix ?? `${name}/${version}`).replace(/^\/+|\/+$/g, "");
}

/** The URI registered for a model: its folder, or the file itself for a single-file model. */
export function modelUri(bucket: string, prefix: string, local: Pick<WalkResult, "kind" | "files">): string {
  const only = local.files[0];
  const key = local.kind === "file" && only ? joinKey(prefix, only.relativePath) : `${prefix}/`;
  return formatS3Uri({ bucket, key });
}
