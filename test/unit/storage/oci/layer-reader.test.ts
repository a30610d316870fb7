// A layer's bytes as a tar stream by its media type: plain, gzip or zstd; any other refused by name, never read as
// something it is not (a zstd layer read as plain tar gave a download with no files, reported ok).

import * as zlib from "node:zlib";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { OciError } from "../../../../src/errors.js";
import { layerTar } from "../../../../src/storage/oci/layer-reader.js";

const TAR = new TextEncoder().encode("pretend these are tar blocks\n".repeat(40));
const from = (bytes: Uint8Array) =>
  (async function* () {
    yield bytes;
  })();
async function read(stream: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return new Uint8Array(Buffer.concat(chunks));
}
const zstdCompress = (zlib as { zstdCompressSync?: (data: Uint8Array) => Uint8Array }).zstdCompressSync;

describe("layerTar", () => {
  it("passes a plain tar layer through and gunzips a gzip one (OCI and Docker media types)", async () => {
    expect(await read(layerTar(from(TAR), "application/vnd.oci.image.layer.v1.tar", "sha256:a"))).toEqual(
      TAR,
    );
    for (const type of [
      "application/vnd.oci.image.layer.v1.tar+gzip",
      "application/vnd.docker.image.rootfs.diff.tar.gzip",
    ])
      expect(await read(layerTar(from(gzipSync(TAR)), type, "sha256:b"))).toEqual(TAR);
  });

  it("reads a zstd layer where the runtime has zstd, and otherwise refuses it naming the compression", async () => {
    const type = "application/vnd.oci.image.layer.v1.tar+zstd";
    if (zstdCompress) {
      expect(await read(layerTar(from(zstdCompress(TAR)), type, "sha256:c"))).toEqual(TAR);
    } else {
      expect(() => layerTar(from(TAR), type, "sha256:c")).toThrow(OciError);
      expect(() => layerTar(from(TAR), type, "sha256:c")).toThrow(
        /layer sha256:c is zstd-compressed .*cannot read zstd/,
      );
    }
  });

  it("refuses any other media type by name instead of reading it as tar", () => {
    const type = "application/vnd.example.layer.v1.tar+bzip2";
    expect(() => layerTar(from(TAR), type, "sha256:d")).toThrow(OciError);
    expect(() => layerTar(from(TAR), type, "sha256:d")).toThrow(
      'layer sha256:d is "application/vnd.example.layer.v1.tar+bzip2", not a tar layer (plain, gzip or zstd)',
    );
  });
});
