// A modelcar layer is a tar that GNU tar reads back as models/<path> with the file's bytes, whatever the name (nested,
// long, not ASCII) or size (empty); and the same file gives the same bytes, so the same digest.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tarLayerFrame } from "../../../../src/storage/oci/tar-layer.js";

function layer(relativePath: string, content: Uint8Array): Uint8Array {
  const frame = tarLayerFrame(relativePath, content.length);
  const out = new Uint8Array(frame.length);
  out.set(frame.head, 0);
  out.set(content, frame.head.length);
  out.set(frame.tail, frame.head.length + content.length);
  return out;
}

describe("tarLayerFrame", () => {
  const cases: [string, string][] = [
    ["model.onnx", "weights"],
    ["config/labels.json", '["0","1"]'],
    ["empty.txt", ""],
    ["données/modèle-é.bin", "é"],
    [`${"deep/".repeat(30)}${"x".repeat(120)}.bin`, "long"],
  ];

  it.each(cases)(
    "GNU tar extracts %s under models/ with its bytes, owner 0, modes 0755/0644",
    (path, text) => {
      const dir = mkdtempSync(join(tmpdir(), "tar-layer-"));
      const content = new TextEncoder().encode(text);
      writeFileSync(join(dir, "layer.tar"), layer(path, content));
      const listing = execFileSync("tar", ["-tvf", join(dir, "layer.tar"), "--numeric-owner"], {
        encoding: "utf8",
      });
      const lines = listing.trim().split("\n");
      expect(lines.at(-1)).toMatch(
        new RegExp(`^-rw-r--r-- 0/0\\s+${content.length} 1970-01-01 00:00 models/`),
      );
      expect(lines.slice(0, -1).every((line) => line.startsWith("drwxr-xr-x 0/0"))).toBe(true);
      expect(lines).toHaveLength(path.split("/").length + 1);
      execFileSync("tar", ["-xf", join(dir, "layer.tar"), "-C", dir]);
      expect(readFileSync(join(dir, "models", path), "utf8")).toBe(text);
    },
  );

  it("gives the same bytes for the same file, and whole 512-byte blocks ending in two zero blocks", () => {
    const content = new Uint8Array(1000).fill(7);
    const digest = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
    const a = layer("a/b.bin", content);
    expect(digest(a)).toBe(digest(layer("a/b.bin", content)));
    expect(digest(a)).not.toBe(digest(layer("a/c.bin", content)));
    expect(a.length % 512).toBe(0);
    expect(a.slice(-1024).every((byte) => byte === 0)).toBe(true);
  });

  it("records a size of 8 GiB or more in a PAX header", () => {
    const frame = tarLayerFrame("huge.bin", 9 * 1024 ** 3);
    expect(new TextDecoder().decode(frame.head)).toContain(`size=${9 * 1024 ** 3}\n`);
  });
});
