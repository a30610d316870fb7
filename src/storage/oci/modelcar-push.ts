// Push a model as a KServe modelcar: one reproducible layer per file (tar-layer.ts) on top of an optional base image,
// an OCI image config and manifest, then the tag. Every layer's digest is computed first (a hashing pass), so the
// manifest's digest is known before anything is sent: a tag that already names this manifest means nothing to push;
// a tag that names another is refused, never moved. Blobs the repository has are skipped (HEAD), the base image's are
// mounted from its repository where the registry allows it, small blobs go in one request and large ones in chunks.
import { createHash } from "node:crypto";
import { open } from "node:fs/promises";
import { VersionConflictError } from "../../errors.js";
import { type ProgressCallback, ProgressTotals } from "../progress.js";
import { Semaphore } from "../semaphore.js";
import type { LocalFile } from "../walk-files.js";
import { type BaseImage, baseDescriptors } from "./base-image.js";
import { type Descriptor, MEDIA_TYPES } from "./oci-media.js";
import { formatOciReference, type OciReference } from "./oci-reference.js";
import type { OciRegistry } from "./oci-registry.js";
import { tarLayerFrame } from "./tar-layer.js";

/** Options of a push. */
export interface PushOptions {
  /** Bytes per upload request of a chunked upload, and the largest blob sent in one request. Default 8 MiB. */
  chunkSize?: number | undefined;
  /** Blobs in flight at once. Default 4. */
  concurrency?: number | undefined;
  /** The image's platform, when the base image does not say. Default linux/amd64. */
  platform?: { os: string; architecture: string } | undefined;
  /** Progress: `hash` events while digests are computed, `upload` events as layers are sent. */
  onProgress?: ProgressCallback | undefined;
  signal?: AbortSignal | undefined;
}

/** The image a model's files make, before anything is pushed. */
export interface ModelcarImage {
  /** The manifest's bytes, as they will be stored (its digest is over these bytes). */
  manifest: Uint8Array;
  /** `sha256:…` of the manifest. */
  digest: string;
  /** The config blob. */
  config: { descriptor: Descriptor; bytes: Uint8Array };
  /** Our layers, one per file, in the order of `files`. */
  layers: { descriptor: Descriptor; file: LocalFile }[];
  /** The base image's layers, reused as they are (first in the manifest). */
  base?: BaseImage | undefined;
}

/** What a push did. */
export interface PushResult {
  /** `sha256:…` of the manifest. */
  digest: string;
  /** The manifest's size in bytes. */
  size: number;
  /** Blobs sent, and their bytes; blobs the repository had (or mounted) are not counted. */
  blobsSent: number;
  bytesSent: number;
  /** Base layers mounted from the base image's repository. */
  blobsMounted: number;
}

const DEFAULT_CHUNK = 8 * 1024 * 1024;
const sha256 = (bytes: Uint8Array) => `sha256:${createHash("sha256").update(bytes).digest("hex")}`;

/** The bytes of one file's layer (head, file, tail), in chunks of `chunkSize` (the last may be shorter). */
export async function* layerChunks(file: LocalFile, chunkSize: number): AsyncGenerator<Uint8Array> {
  const frame = tarLayerFrame(file.relativePath, file.size);
  // A small file's layer needs a small buffer: chunks are at most its whole length.
  const size = Math.min(chunkSize, frame.length);
  let buffer = new Uint8Array(size);
  let filled = 0;
  async function* take(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
    let at = 0;
    while (at < bytes.length) {
      const n = Math.min(size - filled, bytes.length - at);
      buffer.set(bytes.subarray(at, at + n), filled);
      filled += n;
      at += n;
      if (filled === size) {
        yield buffer;
        buffer = new Uint8Array(size); // the consumer may still hold the last chunk
        filled = 0;
      }
    }
  }
  yield* take(frame.head);
  const handle = await open(file.path, "r");
  try {
    let position = 0;
    while (position < file.size) {
      const n = Math.min(size - filled, file.size - position);
      const { bytesRead } = await handle.read(buffer, filled, n, position);
      if (bytesRead === 0) break; // shorter than listed: the length check of the upload says so
      filled += bytesRead;
      position += bytesRead;
      if (filled === size) {
        yield buffer;
        buffer = new Uint8Array(size);
        filled = 0;
      }
    }
  } finally {
    await handle.close();
  }
  yield* take(frame.tail);
  if (filled > 0) yield buffer.subarray(0, filled);
}

/** The digest and size of one file's layer, by reading the file once. */
async function layerDescriptor(
  file: LocalFile,
  totals: ProgressTotals,
  signal: AbortSignal | undefined,
): Promise<Descriptor> {
  const hash = createHash("sha256");
  let size = 0;
  let read = 0;
  for await (const chunk of layerChunks(file, 1024 * 1024)) {
    signal?.throwIfAborted();
    hash.update(chunk);
    size += chunk.length;
    const now = Math.min(size, file.size);
    totals.bytes("hash", file.relativePath, now, file.size, now - read);
    read = now;
  }
  totals.fileDone(file.relativePath);
  return {
    mediaType: MEDIA_TYPES.layer,
    digest: `sha256:${hash.digest("hex")}`,
    size,
    annotations: { "org.opencontainers.image.title": `models/${file.relativePath}` },
  };
}

/** The image of `files` on `base` (if any): layer digests (reading every file once), config and manifest. */
export async function buildModelcar(
  files: readonly LocalFile[],
  base: BaseImage | undefined,
  options: PushOptions = {},
): Promise<ModelcarImage> {
  const totalBytes = files.reduce((n, f) => n + f.size, 0);
  const totals = new ProgressTotals(totalBytes, files.length, options.onProgress);
  const layers: ModelcarImage["layers"] = [];
  for (const file of files) {
    options.signal?.throwIfAborted();
    layers.push({ descriptor: await layerDescriptor(file, totals, options.signal), file });
  }
  const config = {
    // The platform asked for (the base image's config may leave it empty).
    architecture: base?.config.architecture || (options.platform?.architecture ?? "amd64"),
    os: base?.config.os || (options.platform?.os ?? "linux"),
    config: base?.config.config ?? {},
    rootfs: {
      type: "layers",
      // Our layers are not compressed: each one's diff id is its digest.
      diff_ids: [...(base?.config.rootfs?.diff_ids ?? []), ...layers.map((l) => l.descriptor.digest)],
    },
  };
  const configBytes = new TextEncoder().encode(JSON.stringify(config));
  const configDescriptor = {
    mediaType: MEDIA_TYPES.config,
    digest: sha256(configBytes),
    size: configBytes.length,
  };
  const manifest = new TextEncoder().encode(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MEDIA_TYPES.manifest,
      config: configDescriptor,
      layers: [...baseDescriptors(base), ...layers.map((l) => l.descriptor)],
    }),
  );
  return {
    manifest,
    digest: sha256(manifest),
    config: { descriptor: configDescriptor, bytes: configBytes },
    layers,
    base,
  };
}

/** Pushes the blobs the repository lacks, then the manifest by its digest (untagged: see {@link tagImage}). */
export async function pushModelcar(
  registry: OciRegistry,
  ref: OciReference,
  image: ModelcarImage,
  options: PushOptions = {},
): Promise<PushResult> {
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK;
  const slots = new Semaphore(options.concurrency ?? 4);
  const totalBytes = image.layers.reduce((n, l) => n + l.descriptor.size, 0);
  const totals = new ProgressTotals(totalBytes, image.layers.length, options.onProgress);
  const result = { blobsSent: 0, bytesSent: 0, blobsMounted: 0 };
  const repo = ref.repository;
  const tasks: Promise<void>[] = [];
  for (const descriptor of baseDescriptors(image.base)) {
    tasks.push(
      slots.run(async () => {
        if (await registry.hasBlob(repo, descriptor.digest)) return;
        const from = image.base?.repository;
        if (
          from &&
          image.base?.registry === ref.registry &&
          (await registry.mountBlob(repo, descriptor.digest, from))
        ) {
          result.blobsMounted++;
          return;
        }
        await image.base?.copyBlob(descriptor, registry, repo, chunkSize);
        result.blobsSent++;
        result.bytesSent += descriptor.size;
      }),
    );
  }
  for (const { descriptor, file } of image.layers) {
    tasks.push(
      slots.run(async () => {
        options.signal?.throwIfAborted();
        if (await registry.hasBlob(repo, descriptor.digest)) {
          totals.bytes("upload", file.relativePath, descriptor.size, descriptor.size, descriptor.size);
          totals.fileDone(file.relativePath);
          return;
        }
        let sent = 0;
        await registry.uploadBlob(repo, descriptor, layerChunks(file, chunkSize), (bytes) => {
          sent += bytes;
          totals.bytes("upload", file.relativePath, Math.min(sent, descriptor.size), descriptor.size, bytes);
        });
        totals.fileDone(file.relativePath);
        result.blobsSent++;
        result.bytesSent += descriptor.size;
      }),
    );
  }
  await settleAll(tasks);
  const { descriptor, bytes } = image.config;
  if (!(await registry.hasBlob(repo, descriptor.digest))) {
    await registry.uploadBlob(repo, descriptor, single(bytes));
    result.blobsSent++;
    result.bytesSent += bytes.length;
  }
  // Stored by its digest: only the run whose registration wins tags it (tagImage).
  await registry.putManifest(repo, image.digest, image.manifest, MEDIA_TYPES.manifest);
  return { digest: image.digest, size: image.manifest.length, ...result };
}

/** Points the reference's tag at the pushed image, unless the tag names other content (a tag is never moved).
 * @throws VersionConflictError */
export async function tagImage(
  registry: OciRegistry,
  ref: OciReference,
  image: ModelcarImage,
): Promise<void> {
  const tag = ref.tag as string;
  const now = await registry.manifestDigest(ref.repository, tag);
  if (now?.digest === image.digest) return;
  if (now)
    throw new VersionConflictError(
      `${formatOciReference(ref)} was pushed with other content (${now.digest}) by another run meanwhile; the tag was not moved (this run's image ${image.digest} is in the repository, untagged)`,
      now.digest,
      image.digest,
    );
  await registry.putManifest(ref.repository, tag, image.manifest, MEDIA_TYPES.manifest);
}

async function* single(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/** Waits for every task, then throws the first failure (so that no task is left running when the push fails). */
async function settleAll(tasks: Promise<void>[]): Promise<void> {
  const results = await Promise.allSettled(tasks);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;
}
