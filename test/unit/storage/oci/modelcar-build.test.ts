// A modelcar's layers as built: what GNU tar reads back from them, olot's annotations (a file layer names its file's
// own digest and place; a pack names its folder), and the image earlier releases pushed for the same folder (one
// layer per file), recognised by its digest.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { OWN_LAYER_BYTES } from "../../../../src/storage/oci/layer-plan.js";
import {
  buildModelcar,
  layerChunks,
  type ModelcarLayer,
  oneLayerPerFile,
} from "../../../../src/storage/oci/modelcar-push.js";
import { walkFiles } from "../../../../src/storage/walk-files.js";

const sha256 = (bytes: Uint8Array | string) => `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
const platform = { os: "linux", architecture: "amd64" };

async function layerBytes(layer: ModelcarLayer): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of layerChunks(layer, 64 * 1024)) chunks.push(new Uint8Array(chunk));
  return Buffer.concat(chunks);
}

function smallFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), "modelcar-build-"));
  mkdirSync(join(dir, "sub"));
  writeFileSync(join(dir, "a.txt"), "alpha");
  writeFileSync(join(dir, "sub", "b.bin"), new Uint8Array(1000).fill(7));
  writeFileSync(join(dir, "c.json"), "{}");
  writeFileSync(join(dir, "empty"), "");
  return dir;
}

describe("buildModelcar", () => {
  it("packs small files in one layer that GNU tar reads back whole, annotated as olot's directory", async () => {
    const dir = smallFolder();
    const image = await buildModelcar((await walkFiles(dir)).files, undefined, { platform });
    expect(image.layers).toHaveLength(1);
    const [layer] = image.layers as [ModelcarLayer];
    expect(layer.descriptor.annotations).toEqual({
      "olot.layer.content.type": "directory",
      "olot.layer.content.inlayerpath": "/models",
      "olot.layer.content.name": "models",
    });
    const bytes = await layerBytes(layer);
    expect(bytes.length).toBe(layer.descriptor.size);
    expect(sha256(bytes)).toBe(layer.descriptor.digest);
    const out = mkdtempSync(join(tmpdir(), "modelcar-out-"));
    writeFileSync(join(out, "layer.tar"), bytes);
    const listing = execFileSync("tar", ["-tf", join(out, "layer.tar")], { encoding: "utf8" })
      .trim()
      .split("\n");
    expect(listing).toEqual([
      "models/",
      "models/a.txt",
      "models/c.json",
      "models/empty",
      "models/sub/",
      "models/sub/b.bin",
    ]);
    execFileSync("tar", ["-xf", join(out, "layer.tar"), "-C", out]);
    for (const path of ["a.txt", "sub/b.bin", "c.json", "empty"])
      expect(readFileSync(join(out, "models", path))).toEqual(readFileSync(join(dir, path)));
  });

  it("recognises the image the previous release pushed for the same folder (one layer per file)", async () => {
    const image = await buildModelcar((await walkFiles(smallFolder())).files, undefined, { platform });
    const earlier = await oneLayerPerFile(image);
    // Pushed by 0.x (d55ddb1) for this folder: a fixture, so that a version registered then stays unchanged.
    expect(earlier.digest).toBe("sha256:491c9b930bc01cc7177ba81e6385ad81623df4add50f64aed918d01ffd319af9");
    expect(earlier.layers.map((l) => l.descriptor.digest)).toEqual([
      "sha256:f1538993a3a1b04b0c8534d35a4db9a7258ded0a35a1b2fdb5671f40f2415ab2",
      "sha256:a926f2b7cf8e89d147b990caa680df302bfccdea28de26832d62c19414bc3f12",
      "sha256:7b6c09641b807257703b850e770ed37440fa10cb16c9f2faac3158f3a9d9d716",
      "sha256:b8f602381490bb1dc1e38b3c51ce47b17331aebb936a53e396f389b2895f41f0",
    ]);
  });

  it("gives a large file a layer of its own with its own digest and place, the same layer in any folder", async () => {
    const dir = smallFolder();
    const weights = new Uint8Array(OWN_LAYER_BYTES).map((_, i) => (i * 31) & 0xff);
    writeFileSync(join(dir, "weights.bin"), weights);
    const image = await buildModelcar((await walkFiles(dir)).files, undefined, { platform });
    expect(image.layers.map((l) => l.files.map((f) => f.relativePath))).toEqual([
      ["a.txt", "c.json", "empty", "sub/b.bin"],
      ["weights.bin"],
    ]);
    const big = image.layers[1] as ModelcarLayer;
    expect(big.descriptor.annotations).toEqual({
      "org.opencontainers.image.title": "models/weights.bin",
      "olot.layer.content.type": "file",
      "olot.layer.content.digest": sha256(weights),
      "olot.layer.content.inlayerpath": "/models/weights.bin",
      "olot.layer.content.name": "weights.bin",
    });
    expect(sha256(await layerBytes(big))).toBe(big.descriptor.digest);
    // The same file's layer as one layer per file made it: a version that shares these weights sends nothing for them.
    expect((await oneLayerPerFile(image)).layers.at(-1)?.descriptor.digest).toBe(big.descriptor.digest);
    // Another folder with the same weights, other small files: the weights' layer is the same blob.
    const other = mkdtempSync(join(tmpdir(), "modelcar-build-"));
    writeFileSync(join(other, "weights.bin"), weights);
    writeFileSync(join(other, "README.md"), "v2");
    const second = await buildModelcar((await walkFiles(other)).files, undefined, { platform });
    expect(second.layers.map((l) => l.descriptor.digest)).toContain(big.descriptor.digest);
    expect(second.digest).not.toBe(image.digest);
  });

  it("names in olot's annotations what a signer reading only the manifest and the packs finds: the folder's files", async () => {
    const dir = smallFolder();
    writeFileSync(join(dir, "weights.bin"), new Uint8Array(OWN_LAYER_BYTES + 1).fill(3));
    const { files } = await walkFiles(dir);
    const image = await buildModelcar(files, undefined, { platform });
    const seen: [string, string][] = [];
    for (const layer of image.layers) {
      const a = layer.descriptor.annotations ?? {};
      if (a["olot.layer.content.type"] === "file")
        seen.push([
          String(a["olot.layer.content.inlayerpath"]).replace("/models/", ""),
          String(a["olot.layer.content.digest"]),
        ]);
      else {
        const out = mkdtempSync(join(tmpdir(), "modelcar-pack-"));
        writeFileSync(join(out, "layer.tar"), await layerBytes(layer));
        execFileSync("tar", ["-xf", join(out, "layer.tar"), "-C", out]);
        for (const f of layer.files)
          seen.push([f.relativePath, sha256(readFileSync(join(out, "models", f.relativePath)))]);
      }
    }
    expect(seen.sort()).toEqual(files.map((f) => [f.relativePath, sha256(readFileSync(f.path))]).sort());
  });
});
