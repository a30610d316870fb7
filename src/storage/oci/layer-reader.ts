// How a layer's bytes become a tar stream, by its media type: plain tar, gzip, or zstd (podman and buildx can push
// zstd). Any other compression is refused by name: a layer read as the wrong kind yields no files, and a download
// that finds no files must never look like success.
import { Readable, type Transform } from "node:stream";
import * as zlib from "node:zlib";
import { OciError } from "../../errors.js";

/** The zstd decompressor of this runtime's zlib (Node 22.15 and newer), if it has one. */
const zstd = (zlib as { createZstdDecompress?: () => Transform }).createZstdDecompress;

/**
 * The tar stream of a layer of `mediaType` whose stored bytes are `body`.
 * @throws OciError naming the media type when it is not a tar layer this runtime can read.
 */
export function layerTar(
  body: AsyncIterable<Uint8Array>,
  mediaType: string,
  digest: string,
): AsyncIterable<Uint8Array> {
  if (/[+.]gzip$/.test(mediaType)) return Readable.from(body).pipe(zlib.createGunzip());
  if (/[+.]zstd$/.test(mediaType)) {
    if (!zstd)
      throw new OciError(
        `layer ${digest} is zstd-compressed (${mediaType}), and this runtime's zlib cannot read zstd (Node 22.15 and newer can); nothing of it was read`,
        undefined,
        undefined,
      );
    return Readable.from(body).pipe(zstd());
  }
  if (/\.tar$/.test(mediaType)) return body;
  throw new OciError(
    `layer ${digest} is ${JSON.stringify(mediaType)}, not a tar layer (plain, gzip or zstd); nothing of it was read`,
    undefined,
    undefined,
  );
}
