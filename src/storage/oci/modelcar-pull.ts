// Pull a modelcar: its manifest (checked against the digest the registry recorded), then every layer, each checked
// against its digest while it streams; the files under `models/` are written to a folder (download) or only hashed
// (verify). Layers may be plain, gzip or zstd tar (images other tools pushed; see layer-reader.ts); a base image's
// layers (nothing under models/) are read and checked like the others, and contribute no files.
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
import { OciError } from "../../errors.js";
import { buildManifest, type Manifest, type ManifestEntry, type ManifestMismatch } from "../manifest.js";
import { type ProgressCallback, ProgressTotals } from "../progress.js";
import { layerTar } from "./layer-reader.js";
import type { Descriptor } from "./oci-media.js";
import type { OciRegistry } from "./oci-registry.js";
import { MODELCAR_ROOT } from "./tar-layer.js";
import { readTar } from "./tar-read.js";

/** What a pull found. */
export interface PullResult {
  /** The model's files (under `models/`) with their sizes and SHA-256, as read. */
  manifest: Manifest;
  /** Layers whose bytes do not match their digest, and a manifest that is not the one recorded. */
  mismatches: ManifestMismatch[];
  /** `sha256:…` of the manifest read. */
  digest: string;
}

/** Options of a pull. */
export interface PullOptions {
  /** The folder to write the model's files into; undefined: only read and check them. */
  path?: string | undefined;
  /** The manifest digest the registry recorded; a different manifest is a mismatch (and its layers are not read). */
  expectedDigest?: string | undefined;
  onProgress?: ProgressCallback | undefined;
  signal?: AbortSignal | undefined;
}

/** A path under `models/` as a relative path, or undefined for anything outside it (or climbing out of it). */
function modelPath(path: string): string | undefined {
  const clean = path.replace(/^\.\//, "").replace(/\/+$/, "");
  if (!clean.startsWith(`${MODELCAR_ROOT}/`)) return undefined;
  const rest = clean.slice(MODELCAR_ROOT.length + 1);
  if (rest === "" || rest.split("/").some((part) => part === ".." || part === "")) return undefined;
  return rest;
}

/** The bytes of a response body, hashed as they pass (the hash is over the bytes as stored, before any gunzip). */
async function* hashed(
  body: ReadableStream<Uint8Array>,
  hash: ReturnType<typeof createHash>,
): AsyncGenerator<Uint8Array> {
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    hash.update(chunk);
    yield chunk;
  }
}

/** Pulls the image `reference` (a tag or digest) of `repository`. */
export async function pullModelcar(
  registry: OciRegistry,
  repository: string,
  reference: string,
  options: PullOptions = {},
): Promise<PullResult> {
  const { bytes } = await registry.getManifest(repository, options.expectedDigest ?? reference);
  const digest = `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
  if (options.expectedDigest && digest !== options.expectedDigest)
    return {
      manifest: buildManifest([]),
      mismatches: [
        { path: "manifest", problem: "manifest", expected: options.expectedDigest, actual: digest },
      ],
      digest,
    };
  const manifest = JSON.parse(new TextDecoder().decode(bytes)) as { layers?: Descriptor[] };
  if (!manifest.layers)
    throw new OciError(`${repository}@${digest} is not an image manifest (no layers)`, 200, undefined);
  const totalBytes = manifest.layers.reduce((n, l) => n + l.size, 0);
  const totals = new ProgressTotals(totalBytes, manifest.layers.length, options.onProgress);
  // By path: a later layer's file replaces an earlier one's, as the image's filesystem does.
  const files = new Map<string, ManifestEntry>();
  const mismatches: ManifestMismatch[] = [];
  const root = options.path === undefined ? undefined : resolve(options.path);
  for (const layer of manifest.layers) {
    options.signal?.throwIfAborted();
    const response = await registry.getBlob(repository, layer.digest);
    if (!response.body)
      throw new OciError(`the registry sent no body for blob ${layer.digest}`, response.status, undefined);
    const hash = createHash("sha256");
    const body = layerTar(hashed(response.body, hash), layer.mediaType, layer.digest);
    // How a mismatch names the layer: its file, a pack's folder (olot's annotation), else its digest.
    const title =
      layer.annotations?.["org.opencontainers.image.title"] ??
      layer.annotations?.["olot.layer.content.inlayerpath"]?.replace(/^\//, "") ??
      layer.digest;
    const written: string[] = [];
    let read = 0;
    await readTar(body, async (entry, content) => {
      const relativePath = entry.type === "file" ? modelPath(entry.path) : undefined;
      if (relativePath === undefined) return;
      const fileHash = createHash("sha256");
      let out: ReturnType<typeof createWriteStream> | undefined;
      if (root) {
        const target = join(root, ...relativePath.split("/"));
        if (!target.startsWith(root + sep)) return; // never outside the folder
        await mkdir(dirname(target), { recursive: true });
        // Under a temporary name until the whole layer has matched its digest.
        out = createWriteStream(`${target}.partial`);
        written.push(target);
      }
      await content(async (chunk) => {
        fileHash.update(chunk);
        read += chunk.length;
        totals.bytes("download", relativePath, Math.min(read, entry.size), entry.size, chunk.length);
        if (out && !out.write(chunk)) await new Promise<void>((done) => out?.once("drain", () => done()));
      });
      if (out)
        await new Promise<void>((done, fail) =>
          out?.end((error?: Error | null) => (error ? fail(error) : done())),
        );
      files.set(relativePath, { path: relativePath, size: entry.size, sha256: fileHash.digest("hex") });
    });
    const actual = `sha256:${hash.digest("hex")}`;
    const matched = actual === layer.digest;
    if (!matched) mismatches.push({ path: title, problem: "sha256", expected: layer.digest, actual });
    for (const target of written)
      await (matched ? rename(`${target}.partial`, target) : rm(`${target}.partial`, { force: true }));
    totals.fileDone(title);
  }
  return { manifest: buildManifest([...files.values()]), mismatches, digest };
}
