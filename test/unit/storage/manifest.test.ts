import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { UploadError } from "../../../src/errors.js";
import {
  buildManifest,
  compareManifests,
  createSha256,
  hashFile,
  MANIFEST_NAME,
  type ManifestEntry,
  manifestDigest,
  parseManifest,
  serializeManifest,
} from "../../../src/storage/manifest.js";

const sha = (text: string) => createHash("sha256").update(text).digest("hex");

const entries: ManifestEntry[] = [
  { path: "weights/model.bin", size: 5, sha256: sha("hello") },
  { path: "config.json", size: 2, sha256: sha("{}") },
  { path: "données/模型.onnx", size: 0, sha256: sha("") },
  { path: "Tokenizer/vocab.txt", size: 3, sha256: sha("abc") },
];

describe("buildManifest", () => {
  it("sorts entries by path in code-unit order and computes the totals", () => {
    const manifest = buildManifest(entries);
    expect(manifest.version).toBe(1);
    expect(manifest.files.map((file) => file.path)).toEqual([
      "Tokenizer/vocab.txt",
      "config.json",
      "données/模型.onnx",
      "weights/model.bin",
    ]);
    expect(manifest.totalBytes).toBe(10);
    expect(manifest.fileCount).toBe(4);
  });

  it("keeps only path, size and sha256 from each entry and leaves the input untouched", () => {
    const input = [entries[1] as ManifestEntry, { path: "b", size: 1, sha256: sha("b"), extra: true }];
    const manifest = buildManifest(input);
    expect(manifest.files[0]).toEqual({ path: "b", size: 1, sha256: sha("b") });
    expect(input.map((entry) => entry.path)).toEqual(["config.json", "b"]);
    expect(input[1]).toHaveProperty("extra", true);
  });

  it("builds an empty manifest from no entries", () => {
    expect(buildManifest([])).toEqual({ version: 1, files: [], totalBytes: 0, fileCount: 0 });
  });

  it("rejects two entries with the same path and a malformed hash", () => {
    expect(() => buildManifest([entries[0] as ManifestEntry, entries[0] as ManifestEntry])).toThrow(
      /more than once/,
    );
    expect(() => buildManifest([{ path: "a", size: 1, sha256: "ABC" }])).toThrow(UploadError);
  });
});

describe("serializeManifest", () => {
  it("writes compact canonical JSON with a fixed key order and a trailing newline", () => {
    const text = serializeManifest(buildManifest([entries[1] as ManifestEntry]));
    expect(text).toBe(
      `{"version":1,"fileCount":1,"totalBytes":2,"files":[{"path":"config.json","size":2,"sha256":"${sha("{}")}"}]}\n`,
    );
  });

  it("writes the same text whatever the order of entries and of their keys", () => {
    const reordered = [...entries]
      .reverse()
      .map(({ sha256, size, path }) => ({ sha256, size, path }) as ManifestEntry);
    const handMade = { version: 1 as const, files: reordered, totalBytes: 10, fileCount: 4 };
    expect(serializeManifest(handMade)).toBe(serializeManifest(buildManifest(entries)));
  });

  it("round-trips through parseManifest", () => {
    const manifest = buildManifest(entries);
    expect(parseManifest(serializeManifest(manifest))).toEqual(manifest);
  });
});

describe("manifestDigest", () => {
  it("is sha256: of the canonical text", () => {
    const manifest = buildManifest(entries);
    expect(manifestDigest(manifest)).toBe(`sha256:${sha(serializeManifest(manifest))}`);
    expect(manifestDigest(manifest)).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it("is stable under reordering of the entries", () => {
    const digest = manifestDigest(buildManifest(entries));
    for (const order of [
      [3, 2, 1, 0],
      [1, 3, 0, 2],
      [2, 0, 3, 1],
    ]) {
      const shuffled = order.map((index) => entries[index] as ManifestEntry);
      expect(manifestDigest(buildManifest(shuffled))).toBe(digest);
    }
  });

  it("changes when one byte of one file changes", () => {
    const changed = entries.map((entry) =>
      entry.path === "weights/model.bin" ? { ...entry, sha256: sha("hellp") } : entry,
    );
    expect(manifestDigest(buildManifest(changed))).not.toBe(manifestDigest(buildManifest(entries)));
  });

  it("changes when a path or a size changes", () => {
    const base = manifestDigest(buildManifest(entries));
    const renamed = entries.map((entry, index) => (index === 1 ? { ...entry, path: "config.JSON" } : entry));
    const resized = entries.map((entry, index) => (index === 1 ? { ...entry, size: 3 } : entry));
    expect(manifestDigest(buildManifest(renamed))).not.toBe(base);
    expect(manifestDigest(buildManifest(resized))).not.toBe(base);
  });
});

describe("parseManifest", () => {
  const good = buildManifest(entries);
  const withTop = (change: Record<string, unknown>) => JSON.stringify({ ...good, ...change });
  const withEntry = (change: Record<string, unknown>) =>
    JSON.stringify({ ...good, files: [{ ...good.files[0], ...change }, ...good.files.slice(1)] });

  it("accepts pretty-printed JSON with entries in any order, returning them sorted", () => {
    const text = JSON.stringify({ ...good, files: [...good.files].reverse() }, null, 2);
    expect(parseManifest(text)).toEqual(good);
  });

  it.each([
    ["text that is not JSON", "{not json", /it is not JSON/],
    ["a JSON array", "[]", /it is not a JSON object/],
    ["null", "null", /it is not a JSON object/],
    [
      "a missing field",
      JSON.stringify({ version: 1, files: [], totalBytes: 0 }),
      /missing field "fileCount"/,
    ],
    ["an unknown field", withTop({ digest: "x" }), /unknown field "digest"/],
    ["another version", withTop({ version: 2 }), /version must be 1, got 2/],
    ["files that are not an array", withTop({ files: {} }), /files must be an array/],
    [
      "an entry that is not an object",
      withTop({ files: ["a"], fileCount: 1 }),
      /files\[0\]: must be an object/,
    ],
    [
      "an entry missing sha256",
      withEntry({ sha256: undefined }),
      /files\[0\] \("Tokenizer\/vocab.txt"\): missing field "sha256"/,
    ],
    ["an entry with an unknown field", withEntry({ mode: 420 }), /unknown field "mode"/],
    ["an empty path", withEntry({ path: "" }), /path must be a non-empty string/],
    ["a path that is not a string", withEntry({ path: 7 }), /path must be a non-empty string, got 7/],
    ["an absolute path", withEntry({ path: "/etc/passwd" }), /path must be relative/],
    ["a '..' segment", withEntry({ path: "a/../../x" }), /'\.\.' segments/],
    ["an empty segment", withEntry({ path: "a//b" }), /empty, '\.' or '\.\.' segments/],
    ["the manifest itself", withEntry({ path: MANIFEST_NAME }), /must not list itself/],
    ["a negative size", withEntry({ size: -1 }), /size must be a non-negative integer, got -1/],
    ["a fractional size", withEntry({ size: 1.5 }), /size must be a non-negative integer/],
    ["a size given as a string", withEntry({ size: "3" }), /size must be a non-negative integer, got "3"/],
    ["an uppercase hash", withEntry({ sha256: sha("abc").toUpperCase() }), /sha256 must be 64 lowercase hex/],
    ["a short hash", withEntry({ sha256: "abc123" }), /sha256 must be 64 lowercase hex digits, got "abc123"/],
    ["a non-hex hash", withEntry({ sha256: "g".repeat(64) }), /sha256 must be 64 lowercase hex/],
    [
      "a duplicate path",
      withTop({ files: [good.files[0], good.files[0]], fileCount: 2, totalBytes: 6 }),
      /more than once/,
    ],
    ["a wrong fileCount", withTop({ fileCount: 5 }), /fileCount is 5 but files lists 4/],
    ["a non-integer fileCount", withTop({ fileCount: "4" }), /fileCount must be a non-negative integer/],
    ["a wrong totalBytes", withTop({ totalBytes: 11 }), /totalBytes is 11 but the file sizes sum to 10/],
  ])("rejects %s and says why", (_case, text, reason) => {
    expect(() => parseManifest(text)).toThrow(UploadError);
    expect(() => parseManifest(text)).toThrow(/^\.model-manifest\.json is not a valid model manifest: /);
    expect(() => parseManifest(text)).toThrow(reason);
  });

  it("names the given source in the message", () => {
    expect(() => parseManifest("{}", "s3://models/mnist/.model-manifest.json")).toThrow(
      's3://models/mnist/.model-manifest.json is not a valid model manifest: missing field "version"',
    );
  });
});

describe("compareManifests", () => {
  const expected = buildManifest(entries);

  it("finds no mismatch between equal manifests listed in different orders", () => {
    expect(compareManifests(expected, buildManifest([...entries].reverse()))).toEqual([]);
  });

  it("reports missing, unexpected, size and sha256 differences, sorted by path", () => {
    const actual = buildManifest([
      { path: "weights/model.bin", size: 6, sha256: sha("hello!") },
      { path: "config.json", size: 2, sha256: sha("[]") },
      { path: "Tokenizer/vocab.txt", size: 3, sha256: sha("abc") },
      { path: "extra.txt", size: 1, sha256: sha("x") },
    ]);
    expect(compareManifests(expected, actual)).toEqual([
      { path: "config.json", problem: "sha256", expected: sha("{}"), actual: sha("[]") },
      { path: "données/模型.onnx", problem: "missing" },
      { path: "extra.txt", problem: "unexpected" },
      { path: "weights/model.bin", problem: "size", expected: 5, actual: 6 },
    ]);
  });
});

describe("createSha256", () => {
  it("hashes chunks incrementally to the same lowercase hex as one update", () => {
    const hash = createSha256();
    for (const part of ["hel", "", "lo"]) hash.update(new TextEncoder().encode(part));
    expect(hash.digest()).toBe(sha("hello"));
  });
});

describe("hashFile", () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "mr-manifest-"));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    ["an empty file", 0],
    ["a one-byte file", 1],
    ["a file of exactly 1 MiB", 1024 * 1024],
    ["a 5 MiB file that does not end on a read boundary", 5 * 1024 * 1024 + 12345],
  ])(
    "matches createHash over the same bytes for %s, reporting chunks that sum to the size",
    async (_case, size) => {
      const bytes = randomBytes(size);
      const path = join(dir, "model.bin");
      await writeFile(path, bytes);
      const chunks: number[] = [];
      const result = await hashFile(path, (read) => chunks.push(read));
      expect(result).toEqual({ sha256: createHash("sha256").update(bytes).digest("hex"), size });
      expect(chunks.reduce((sum, read) => sum + read, 0)).toBe(size);
      expect(chunks.every((read) => read > 0 && read <= 1024 * 1024)).toBe(true);
      expect(chunks.length).toBe(Math.ceil(size / (1024 * 1024)));
    },
  );

  it("rejects a missing file with an UploadError naming it", async () => {
    const path = join(dir, "missing.bin");
    await expect(hashFile(path)).rejects.toThrow(UploadError);
    await expect(hashFile(path)).rejects.toThrow(`Cannot read "${path}" to hash it (ENOENT)`);
  });

  it("stops when the signal is aborted", async () => {
    const path = join(dir, "model.bin");
    await writeFile(path, randomBytes(3 * 1024 * 1024));
    const controller = new AbortController();
    const chunks: number[] = [];
    const hashing = hashFile(
      path,
      (read) => {
        chunks.push(read);
        controller.abort(new Error("stopped by test"));
      },
      controller.signal,
    );
    await expect(hashing).rejects.toThrow("stopped by test");
    expect(chunks).toHaveLength(1);
  });
});
