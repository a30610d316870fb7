// Where a signature of a version stored in S3 lives: an object beside its files (`<prefix>/model.sig` unless the
// artifact records another), read and written whole; and the files it covers, as the registration recorded them in
// its manifest (no file is read).
import { UploadError } from "../../errors.js";
import { RESERVED_NAMES } from "../manifest.js";
import type { PullRequest, SignaturePlace, StoreContext } from "../model-store.js";
import { ARTIFACT_PROPERTIES, SIGNATURE_PROPERTIES } from "../recorded-properties.js";
import { listStoredFiles } from "./list-stored-files.js";
import { locate } from "./s3-pull.js";
import { parseS3Uri } from "./s3-uri.js";
import { readSmallObject, writeSmallObject } from "./stored-model.js";

/** The signature's place for a version uploaded by registerModel, and the files its manifest recorded. */
export async function s3SignaturePlace(ctx: StoreContext, request: PullRequest): Promise<SignaturePlace> {
  const { artifact, what } = request;
  if (typeof artifact.customProperties[ARTIFACT_PROPERTIES.manifest] !== "string")
    throw new UploadError(
      `${what} (${artifact.uri}) was not uploaded by registerModel: it recorded no manifest of its files to sign or check a signature against`,
    );
  const { client, bucket, prefix, manifest, replaced } = await locate(ctx, request, false);
  if (replaced.length > 0)
    throw new UploadError(
      `the manifest stored for ${what} is not the one it was registered with (${replaced[0]?.actual}); its files are someone else's`,
    );
  const recorded = artifact.customProperties[SIGNATURE_PROPERTIES.uri];
  // Beside the manifest, in the form of its URI: plain (the artifact's s3_endpoint and s3_region properties say where
  // the store is), or with the ?endpoint=… query a version registered by an earlier release carries in its own.
  const manifestUri = artifact.customProperties[ARTIFACT_PROPERTIES.manifest] as string;
  const uri =
    typeof recorded === "string" ? recorded : manifestUri.replace(/[^/?]+(\?|$)/, `${SIGNATURE_NAME}$1`);
  const key = parseS3Uri(uri).key;
  const name = key.slice(key.lastIndexOf("/") + 1);
  return {
    uri,
    name,
    files: async () => manifest,
    unrecorded: async () => {
      // What a download of the folder by another tool (or KServe's storage initializer) would also get.
      const { files } = await ctx.step(() => listStoredFiles(client, bucket, `${prefix}/`, ctx.signal));
      const known = new Set([...manifest.files.map((f) => f.path), ...RESERVED_NAMES, name]);
      return files.map((f) => f.path).filter((path) => !known.has(path));
    },
    read: () => ctx.step(async () => (await readSmallObject(client, bucket, key, ctx.signal)) ?? undefined),
    write: (bytes) =>
      ctx.step(() => writeSmallObject(client, bucket, key, bytes, "application/json", ctx.signal)),
  };
}

/** The signature file's name beside the files (model_signing's default). */
const SIGNATURE_NAME = "model.sig";
