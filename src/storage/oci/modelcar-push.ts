// Push a model as a KServe modelcar: the model's files in reproducible layers (a large file alone, smaller ones packed;
// layer-plan.ts, tar-layer.ts) on top of an optional base image, an OCI image config and manifest, then the tag. Each
// layer carries olot's annotations (what it holds, where, and a file's own digest), which the OpenSSF model-signing
// tools read to sign an image as its folder. Every layer's digest is computed first (a hashing pass), so the
// manifest's digest is known before anything is sent: a tag that already names this manifest means nothing to push;
// a tag that names another is refused, never moved. Blobs the repository has are skipped (HEAD), the base image's are
// mounted from its repository where the registry allows it, small blobs go in one request and large ones in chunks.
import { createHash } from "node:crypto";
import { closeSync, openSync, readSync } from "node:fs";
import { open } from "node:fs/promises";
import { VersionConflictError } from "../../errors.js";
import { type ProgressCallback, ProgressTotals } from "../progress.js";
import { Semaphore } from "../semaphore.js";
import type { LocalFile } from "../walk-files.js";
import { type BaseImage, baseDescriptors } from "./base-image.js";
import { type PlannedLayer, planLayers } from "./layer-plan.js";
import { type Descriptor, MEDIA_TYPES } from "./oci-media.js";
import { formatOciReference, type OciReference } from "./oci-reference.js";
import type { OciRegistry } from "./oci-registry.js";
import { MODELCAR_ROOT, type TarLayerLayout, tarLayerLayout } from "./tar-layer.js";

/** Options of a push. */
export interface PushOptions {
  /** Bytes per upload request of a chunked upload, and the largest blob sent in one PUT. Default 8 MiB. */
  chunkSize?: number | undefined;
  /** Send a larger blob as one streamed request (fast; a blob whose stream is cut goes in chunks after), rather than
   * in chunks of `chunkSize` from the start. Default true. */
  stream?: boolean | undefined;
  /** Blobs in flight at once. Default 4. */
  concurrency?: number | undefined;
  /** The image's platform, when the base image does not say. Default linux/amd64. */
  platform?: { os: string; architecture: string } | undefined;
  /** The most layers the image may have, base image included (see layer-plan.ts). Default 100. */
  maxLayers?: number | undefined;
  /** Progress: `hash` events while digests are computed, `upload` events as layers are sent. */
  onProgress?: ProgressCallback | undefined;
  signal?: AbortSignal | undefined;
}

/** One layer of ours: its descriptor (with olot's annotations), its files, and its tar layout. */
export interface ModelcarLayer {
  descriptor: Descriptor;
  /** The files it holds, in path order. */
  files: LocalFile[];
  layout: TarLayerLayout;
  /** How progress names it: the file's path, or a pack's file count and folder (`37 files under tokenizer/`). */
  label: string;
  /** Its bytes, kept from the hashing pass when it is small enough to go in one request (so its files are read once). */
  bytes?: Uint8Array | undefined;
}

/** The image a model's files make, before anything is pushed. */
export interface ModelcarImage {
  /** The manifest's bytes, as they will be stored (its digest is over these bytes). */
  manifest: Uint8Array;
  /** `sha256:…` of the manifest. */
  digest: string;
  /** The config blob. */
  config: { descriptor: Descriptor; bytes: Uint8Array };
  /** Our layers, ordered by their first file's path. */
  layers: ModelcarLayer[];
  /** The model's files, in path order. */
  files: LocalFile[];
  /** The base image's layers, reused as they are (first in the manifest). */
  base?: BaseImage | undefined;
  /** The platform asked for (the base image's config may leave it empty). */
  platform?: { os: string; architecture: string } | undefined;
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

/** olot's layer annotations (containers/olot, docs/feat-152-layer-content-annotations.md): what a layer holds. */
export const OLOT_ANNOTATIONS = {
  /** `file` or `directory`. */
  type: "olot.layer.content.type",
  /** `sha256:…` of the file's own bytes (file layers only). */
  digest: "olot.layer.content.digest",
  /** Where the content is in the image's filesystem: `/models/<path>`. */
  inLayerPath: "olot.layer.content.inlayerpath",
  /** The file's or folder's base name. */
  name: "olot.layer.content.name",
} as const;

const TITLE = "org.opencontainers.image.title";
const DEFAULT_CHUNK = 8 * 1024 * 1024;
const sha256 = (bytes: Uint8Array) => `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
const baseName = (path: string) => path.slice(path.lastIndexOf("/") + 1);

/** Files up to this size are read in one synchronous call (microseconds: cheaper than three asynchronous ones). */
const SMALL_FILE_BYTES = 256 * 1024;

/** A small file's bytes, at most its listed size (a file grown since is cut; one shrunk is short, and the upload's
 * length check says so). */
function readSmallFile(file: LocalFile): Uint8Array {
  const bytes = new Uint8Array(file.size);
  const fd = openSync(file.path, "r");
  try {
    let filled = 0;
    while (filled < file.size) {
      const n = readSync(fd, bytes, filled, file.size - filled, filled);
      if (n === 0) break;
      filled += n;
    }
    return filled === file.size ? bytes : bytes.subarray(0, filled);
  } finally {
    closeSync(fd);
  }
}

/** The bytes of one layer (its tar parts and its files' content), in chunks of `chunkSize` (the last may be
 * shorter). `onContent` sees each file's own bytes as they pass (index in `files`). */
export async function* layerChunks(
  layer: { layout: TarLayerLayout; files: readonly LocalFile[] },
  chunkSize: number,
  onContent?: (file: number, bytes: Uint8Array) => void,
): AsyncGenerator<Uint8Array> {
  // A small layer needs a small buffer: chunks are at most its whole length.
  const size = Math.max(1, Math.min(chunkSize, layer.layout.length));
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
  for (const part of layer.layout.parts) {
    if ("bytes" in part) {
      yield* take(part.bytes);
      continue;
    }
    const file = layer.files[part.file] as LocalFile;
    if (file.size <= SMALL_FILE_BYTES) {
      // A small file in one read, without the thread pool's round trips (a pack of a thousand tokenizer files).
      const bytes = readSmallFile(file);
      onContent?.(part.file, bytes);
      yield* take(bytes);
      continue;
    }
    const handle = await open(file.path, "r");
    try {
      let position = 0;
      while (position < file.size) {
        const n = Math.min(size - filled, file.size - position);
        const { bytesRead } = await handle.read(buffer, filled, n, position);
        if (bytesRead === 0) break; // shorter than listed: the length check of the upload says so
        onContent?.(part.file, buffer.subarray(filled, filled + bytesRead));
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
  }
  if (filled > 0) yield buffer.subarray(0, filled);
}

/** The folder every file of a pack is under (`""`: the model root). */
function commonFolder(files: readonly LocalFile[]): string {
  let common = (files[0]?.relativePath ?? "").split("/").slice(0, -1);
  for (const file of files) {
    const folders = file.relativePath.split("/").slice(0, -1);
    let n = 0;
    while (n < common.length && common[n] === folders[n]) n++;
    common = common.slice(0, n);
  }
  return common.join("/");
}

/** The annotations of a planned layer; `contentDigest` is the file's own digest (file layers). */
function layerAnnotations(planned: PlannedLayer, contentDigest: string | undefined): Record<string, string> {
  if (planned.kind === "file") {
    const path = (planned.files[0] as LocalFile).relativePath;
    return {
      [TITLE]: `${MODELCAR_ROOT}/${path}`,
      [OLOT_ANNOTATIONS.type]: "file",
      ...(contentDigest ? { [OLOT_ANNOTATIONS.digest]: contentDigest } : {}),
      [OLOT_ANNOTATIONS.inLayerPath]: `/${MODELCAR_ROOT}/${path}`,
      [OLOT_ANNOTATIONS.name]: baseName(path),
    };
  }
  const folder = commonFolder(planned.files);
  return {
    [OLOT_ANNOTATIONS.type]: "directory",
    [OLOT_ANNOTATIONS.inLayerPath]: folder ? `/${MODELCAR_ROOT}/${folder}` : `/${MODELCAR_ROOT}`,
    [OLOT_ANNOTATIONS.name]: folder ? baseName(folder) : MODELCAR_ROOT,
  };
}

/** Digests of one planned layer, reading its files once: the layer's, and a lone file's own (olot's digest). */
async function hashLayer(
  planned: PlannedLayer,
  label: string,
  totals: ProgressTotals,
  signal: AbortSignal | undefined,
  keepUpTo: number,
) {
  const layout = tarLayerLayout(planned.files);
  // A layer sent in one request is read in one piece and kept; a larger one in 1 MiB pieces.
  const keep = layout.length <= keepUpTo;
  let kept: Uint8Array | undefined;
  const hash = createHash("sha256");
  const alone = planned.kind === "file";
  const content = alone ? createHash("sha256") : undefined;
  const onContent = content ? (_: number, bytes: Uint8Array) => content.update(bytes) : undefined;
  let read = 0;
  const bytes = planned.files.reduce((n, f) => n + f.size, 0);
  const piece = keep ? Math.max(1, layout.length) : 1024 * 1024;
  for await (const chunk of layerChunks({ layout, files: planned.files }, piece, onContent)) {
    signal?.throwIfAborted();
    if (keep) kept = chunk;
    hash.update(chunk);
    const now = Math.min(read + chunk.length, bytes);
    totals.bytes("hash", label, now, bytes, now - Math.min(read, bytes));
    read += chunk.length;
  }
  totals.filesDone("hash", label, planned.files.length, bytes);
  return {
    layout,
    kept,
    digest: `sha256:${hash.digest("hex")}`,
    contentDigest: content ? `sha256:${content.digest("hex")}` : undefined,
  };
}

/** Config and manifest of an image of `layers` on `base`. */
function imageOf(
  layers: ModelcarLayer[],
  files: LocalFile[],
  base: BaseImage | undefined,
  platform: { os: string; architecture: string } | undefined,
): ModelcarImage {
  const config = {
    // The platform asked for (the base image's config may leave it empty).
    architecture: base?.config.architecture || (platform?.architecture ?? "amd64"),
    os: base?.config.os || (platform?.os ?? "linux"),
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
    files,
    base,
    platform,
  };
}

/**
 * The image of `files` on `base` (if any): the layer plan (at most `options.maxLayers` layers in all), every layer's
 * digest (reading every file once), config and manifest.
 * @throws ConfigError when the base image leaves no room under the layer bound (nothing is read or sent).
 */
export async function buildModelcar(
  files: readonly LocalFile[],
  base: BaseImage | undefined,
  options: PushOptions = {},
): Promise<ModelcarImage> {
  const plan = planLayers(files, { maxLayers: options.maxLayers, baseLayers: base?.layers.length ?? 0 });
  const totalBytes = files.reduce((n, f) => n + f.size, 0);
  const totals = new ProgressTotals(totalBytes, files.length, options.onProgress);
  const layers: ModelcarLayer[] = [];
  for (const planned of plan) {
    options.signal?.throwIfAborted();
    const label =
      planned.kind === "file"
        ? (planned.files[0] as LocalFile).relativePath
        : `${planned.files.length} files${commonFolder(planned.files) ? ` under ${commonFolder(planned.files)}/` : ""}`;
    const hashed = await hashLayer(
      planned,
      label,
      totals,
      options.signal,
      options.chunkSize ?? DEFAULT_CHUNK,
    );
    const layer: ModelcarLayer = {
      descriptor: {
        mediaType: MEDIA_TYPES.layer,
        digest: hashed.digest,
        size: hashed.layout.length,
        annotations: layerAnnotations(planned, hashed.contentDigest),
      },
      files: planned.files,
      layout: hashed.layout,
      label,
      ...(hashed.kept ? { bytes: hashed.kept } : {}),
    };
    layers.push(layer);
  }
  return imageOf(layers, [...files], base, options.platform);
}

/**
 * The image the same files made before layers were planned (one layer per file, titled only, as releases up to 0.x
 * pushed it), so that a version or tag holding it is recognised. A large file's layer is the same as in `image`; the
 * files of packs are read again (they are small).
 */
export async function oneLayerPerFile(image: ModelcarImage, signal?: AbortSignal): Promise<ModelcarImage> {
  const alone = new Map(
    image.layers.filter((l) => l.files.length === 1).map((l) => [l.files[0] as LocalFile, l]),
  );
  const layers: ModelcarLayer[] = [];
  for (const file of image.files) {
    signal?.throwIfAborted();
    const own = alone.get(file);
    let { digest, size } = own?.descriptor ?? { digest: "", size: 0 };
    const layout = own?.layout ?? tarLayerLayout([file]);
    if (!own) {
      const hash = createHash("sha256");
      for await (const chunk of layerChunks({ layout, files: [file] }, 1024 * 1024)) hash.update(chunk);
      digest = `sha256:${hash.digest("hex")}`;
      size = layout.length;
    }
    layers.push({
      descriptor: {
        mediaType: MEDIA_TYPES.layer,
        digest,
        size,
        annotations: { [TITLE]: `${MODELCAR_ROOT}/${file.relativePath}` },
      },
      files: [file],
      layout,
      label: file.relativePath,
    });
  }
  return imageOf(layers, image.files, image.base, image.platform);
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
  const totals = new ProgressTotals(totalBytes, image.files.length, options.onProgress);
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
  for (const layer of image.layers) {
    const { descriptor, label } = layer;
    tasks.push(
      slots.run(async () => {
        options.signal?.throwIfAborted();
        if (await registry.hasBlob(repo, descriptor.digest)) {
          totals.bytes("upload", label, descriptor.size, descriptor.size, descriptor.size);
          totals.filesDone("upload", label, layer.files.length, descriptor.size);
          return;
        }
        let sent = 0;
        const onBytes = (bytes: number) => {
          sent += bytes;
          totals.bytes("upload", label, Math.min(sent, descriptor.size), descriptor.size, bytes);
        };
        if (layer.bytes) await registry.uploadBlob(repo, descriptor, single(layer.bytes), onBytes);
        else if (
          descriptor.size > chunkSize &&
          options.stream !== false &&
          registry.streamed(descriptor.digest)
        )
          await registry.streamBlob(repo, descriptor, () => layerChunks(layer, chunkSize), onBytes);
        else await registry.uploadBlob(repo, descriptor, layerChunks(layer, chunkSize), onBytes);
        totals.filesDone("upload", label, layer.files.length, descriptor.size);
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
