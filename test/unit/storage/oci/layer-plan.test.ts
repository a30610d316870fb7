// The layer plan: every file in exactly one layer, never more layers than the bound (base image included), large files
// alone while the bound allows, the same plan for the same files, and a refusal (before anything is read) when the
// base image leaves no room.
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../../../src/errors.js";
import {
  DEFAULT_MAX_LAYERS,
  OWN_LAYER_BYTES,
  type PlannedLayer,
  planLayers,
} from "../../../../src/storage/oci/layer-plan.js";
import type { LocalFile } from "../../../../src/storage/walk-files.js";

const MiB = 1024 * 1024;
const file = (relativePath: string, size: number): LocalFile => ({
  path: `/m/${relativePath}`,
  relativePath,
  size,
});
const folder = (count: number, size: (i: number) => number, prefix = "f") =>
  Array.from({ length: count }, (_, i) => file(`${prefix}${String(i).padStart(4, "0")}`, size(i))).sort(
    (a, b) => (a.relativePath < b.relativePath ? -1 : 1),
  );
const paths = (layers: PlannedLayer[]) => layers.flatMap((l) => l.files.map((f) => f.relativePath));

describe("planLayers", () => {
  it("packs 1,000 small files into one layer", () => {
    const layers = planLayers(folder(1000, () => 4096));
    expect(layers).toHaveLength(1);
    expect(layers[0]?.kind).toBe("directory");
    expect(layers[0]?.files).toHaveLength(1000);
  });

  it("keeps each large file alone and packs the small ones after them", () => {
    const files = [
      file("config.json", 300),
      file("model-1.safetensors", 2000 * MiB),
      file("model-2.safetensors", 900 * MiB),
      file("tokenizer.json", 3 * MiB),
    ];
    const layers = planLayers(files);
    expect(layers.map((l) => [l.kind, l.files.map((f) => f.relativePath)])).toEqual([
      ["directory", ["config.json", "tokenizer.json"]],
      ["file", ["model-1.safetensors"]],
      ["file", ["model-2.safetensors"]],
    ]);
  });

  it("a lone small file is a file layer, as one layer per file made it", () => {
    expect(planLayers([file("model.joblib", 10)])).toEqual([
      { kind: "file", files: [file("model.joblib", 10)] },
    ]);
  });

  it("300 large shards within the default bound: the largest alone, the smallest packed", () => {
    const files = folder(300, (i) => OWN_LAYER_BYTES + i * MiB, "shard-");
    const layers = planLayers(files);
    expect(layers).toHaveLength(DEFAULT_MAX_LAYERS);
    const alone = layers.filter((l) => l.kind === "file").flatMap((l) => l.files);
    expect(alone).toHaveLength(DEFAULT_MAX_LAYERS - 1);
    expect(Math.min(...alone.map((f) => f.size))).toBeGreaterThan(
      Math.max(...layers.filter((l) => l.kind === "directory").flatMap((l) => l.files.map((f) => f.size))),
    );
  });

  it("holds the bound, base layers included, for any mix; every file once; the same plan twice", () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let round = 0; round < 200; round++) {
      const count = 1 + Math.floor(random() * 600);
      const files = folder(
        count,
        () => (random() < 0.3 ? OWN_LAYER_BYTES * (1 + random() * 4) : random() * 5 * MiB) | 0,
      );
      const maxLayers = 1 + Math.floor(random() * 130);
      const baseLayers = Math.floor(random() * maxLayers);
      const layers = planLayers(files, { maxLayers, baseLayers });
      expect(layers.length + baseLayers).toBeLessThanOrEqual(maxLayers);
      expect(paths(layers).sort()).toEqual(files.map((f) => f.relativePath));
      expect(layers.every((l) => l.files.length > 0 && (l.kind === "file") === (l.files.length === 1))).toBe(
        true,
      );
      expect(planLayers([...files], { maxLayers, baseLayers })).toEqual(layers);
    }
  });

  it("refuses a base image that leaves no room, and a bound runtimes cannot stack", () => {
    expect(() => planLayers([file("a", 1)], { maxLayers: 5, baseLayers: 5 })).toThrow(
      /base image has 5 layers.*no room.*bound of 5/,
    );
    for (const bad of [0, 501, 2.5, Number.NaN])
      expect(() => planLayers([file("a", 1)], { maxLayers: bad })).toThrow(ConfigError);
    expect(planLayers([file("a", 1)], { maxLayers: 500 })).toHaveLength(1);
  });
});
