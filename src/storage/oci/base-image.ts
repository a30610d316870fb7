// The base image of a modelcar (e.g. a small image with a shell, which KServe's modelcar sidecar needs): its
// manifest for the wanted platform (an index is resolved), its layers and its config. Its layers are reused: mounted
// from its repository on the same registry, else copied blob by blob.
import { ConfigError, OciError } from "../../errors.js";
import { type Descriptor, MEDIA_TYPES } from "./oci-media.js";
import { formatOciReference, type OciReference } from "./oci-reference.js";
import type { OciRegistry } from "./oci-registry.js";

/** The parts of an image config a modelcar keeps from its base (OCI image spec). */
export interface ImageConfig {
  architecture?: string;
  os?: string;
  config?: Record<string, unknown>;
  rootfs?: { type?: string; diff_ids?: string[] };
}

/** A resolved base image. */
export interface BaseImage {
  registry: string;
  repository: string;
  /** Its layers, as its manifest lists them. */
  layers: Descriptor[];
  config: ImageConfig;
  /** Copies one of its blobs into `repository` of `target` (when it cannot be mounted), streaming it in chunks of
   * `chunkSize` bytes. */
  copyBlob(descriptor: Descriptor, target: OciRegistry, repository: string, chunkSize: number): Promise<void>;
}

/** Docker's layer media types and their OCI equivalents. */
const OCI_LAYER: Record<string, string> = {
  "application/vnd.docker.image.rootfs.diff.tar.gzip": "application/vnd.oci.image.layer.v1.tar+gzip",
  "application/vnd.docker.image.rootfs.diff.tar": MEDIA_TYPES.layer,
};

/** The base image's layer descriptors as an OCI manifest lists them (Docker media types mapped to OCI's). */
export function baseDescriptors(base: BaseImage | undefined): Descriptor[] {
  return (base?.layers ?? []).map((layer) => ({
    mediaType: OCI_LAYER[layer.mediaType] ?? layer.mediaType,
    digest: layer.digest,
    size: layer.size,
  }));
}

interface Manifest {
  mediaType?: string;
  config?: Descriptor;
  layers?: Descriptor[];
  manifests?: (Descriptor & { platform?: { os?: string; architecture?: string } })[];
}

/**
 * Resolves `ref` on `registry` to the manifest for `platform` (default linux/amd64) and reads its config.
 * @throws OciError when the image or its platform does not exist.
 */
export async function resolveBaseImage(
  registry: OciRegistry,
  ref: OciReference,
  platform = { os: "linux", architecture: "amd64" },
): Promise<BaseImage> {
  const name = formatOciReference(ref);
  let manifest = await readManifest(registry, ref.repository, ref.digest ?? ref.tag ?? "latest").catch(
    (error: unknown) => {
      if (error instanceof OciError && error.status === 404)
        throw new ConfigError(
          `the base image ${name} does not exist (the registry answered 404 ${error.code ?? ""})`,
        );
      throw error;
    },
  );
  if (manifest.manifests) {
    const match = manifest.manifests.find(
      (m) => m.platform?.os === platform.os && m.platform?.architecture === platform.architecture,
    );
    if (!match)
      throw new OciError(
        `the base image ${name} has no ${platform.os}/${platform.architecture} manifest`,
        undefined,
        undefined,
      );
    manifest = await readManifest(registry, ref.repository, match.digest);
  }
  if (!manifest.config || !manifest.layers)
    throw new OciError(
      `the base image ${name} has no image manifest (config and layers)`,
      undefined,
      undefined,
    );
  const response = await registry.getBlob(ref.repository, manifest.config.digest);
  const config = (await response.json()) as ImageConfig;
  const { os, architecture } = config;
  if ((os && os !== platform.os) || (architecture && architecture !== platform.architecture))
    throw new ConfigError(
      `the base image ${name} is for ${os}/${architecture}, not ${platform.os}/${platform.architecture}: give the platform it is for, or a base image for ${platform.os}/${platform.architecture}`,
    );
  return {
    registry: ref.registry,
    repository: ref.repository,
    layers: manifest.layers,
    config,
    copyBlob: async (descriptor, target, repository, chunkSize) => {
      const response = await registry.getBlob(ref.repository, descriptor.digest);
      if (!response.body)
        throw new OciError(`the registry sent no body for blob ${descriptor.digest}`, 200, undefined);
      const body = response.body as unknown as AsyncIterable<Uint8Array>;
      await target.uploadBlob(repository, descriptor, rechunk(body, chunkSize));
    },
  };
}

/** The bytes of `source` in chunks of `size` (the last may be shorter): what arrives from the network in small
 * pieces goes out in upload-sized ones, one chunk in memory at a time. */
async function* rechunk(source: AsyncIterable<Uint8Array>, size: number): AsyncGenerator<Uint8Array> {
  let buffer = new Uint8Array(size);
  let filled = 0;
  for await (const piece of source) {
    let at = 0;
    while (at < piece.length) {
      const n = Math.min(size - filled, piece.length - at);
      buffer.set(piece.subarray(at, at + n), filled);
      filled += n;
      at += n;
      if (filled === size) {
        yield buffer;
        buffer = new Uint8Array(size);
        filled = 0;
      }
    }
  }
  if (filled > 0) yield buffer.subarray(0, filled);
}

async function readManifest(registry: OciRegistry, repository: string, reference: string): Promise<Manifest> {
  const { bytes } = await registry.getManifest(repository, reference);
  return JSON.parse(new TextDecoder().decode(bytes)) as Manifest;
}
