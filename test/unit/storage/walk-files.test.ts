import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError } from "../../../src/errors.js";
import { walkFiles } from "../../../src/storage/walk-files.js";

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "mr-walk-files-"));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes files (relative path → content) under `root`, creating parent directories. */
async function tree(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
}

const relativePaths = async (root: string) => (await walkFiles(root)).files.map((file) => file.relativePath);

async function expectConfigError(promise: Promise<unknown>, message: RegExp | string): Promise<void> {
  await expect(promise).rejects.toThrow(ConfigError);
  await expect(promise).rejects.toThrow(message);
}

describe("walkFiles on a single file", () => {
  it("lists the file under its base name with its size and an absolute root", async () => {
    await writeFile(join(dir, "model.onnx"), "12345");
    const result = await walkFiles(join(dir, "model.onnx"));
    expect(result).toEqual({
      root: join(dir, "model.onnx"),
      kind: "file",
      files: [{ path: join(dir, "model.onnx"), relativePath: "model.onnx", size: 5 }],
      totalBytes: 5,
    });
  });

  it("makes a relative path absolute", async () => {
    await writeFile(join(dir, "model.bin"), "x");
    const result = await walkFiles(relative(process.cwd(), join(dir, "model.bin")));
    expect(result.root).toBe(join(dir, "model.bin"));
    expect(result.files[0]?.path).toBe(join(dir, "model.bin"));
  });

  it("lists an empty file with size 0", async () => {
    await writeFile(join(dir, "empty.bin"), "");
    expect((await walkFiles(join(dir, "empty.bin"))).files).toEqual([
      { path: join(dir, "empty.bin"), relativePath: "empty.bin", size: 0 },
    ]);
  });

  it("follows a symlink to a file, keeping the link's name", async () => {
    await writeFile(join(dir, "target.bin"), "abc");
    await symlink(join(dir, "target.bin"), join(dir, "link.bin"));
    const result = await walkFiles(join(dir, "link.bin"));
    expect(result.files).toEqual([{ path: join(dir, "link.bin"), relativePath: "link.bin", size: 3 }]);
  });

  it("rejects a file with a reserved name", async () => {
    await writeFile(join(dir, ".model-manifest.json"), "{}");
    await expectConfigError(
      walkFiles(join(dir, ".model-manifest.json"), { reserved: [".model-manifest.json"] }),
      /reserved/,
    );
  });
});

describe("walkFiles on a directory", () => {
  it("lists a nested tree of 60 files, sorted, with POSIX relative paths, absolute paths and the total size", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 60; i++)
      files[`layer-${i % 3}/block-${i % 7}/shard-${String(i).padStart(2, "0")}.bin`] = "x".repeat(i);
    await tree(dir, files);
    const result = await walkFiles(dir);
    expect(result.kind).toBe("directory");
    expect(result.root).toBe(dir);
    expect(result.files).toHaveLength(60);
    expect(result.files.map((file) => file.relativePath)).toEqual(Object.keys(files).sort());
    expect(result.totalBytes).toBe((59 * 60) / 2);
    for (const file of result.files) {
      expect(file.path).toBe(join(dir, ...file.relativePath.split("/")));
      expect(file.size).toBe(files[file.relativePath]?.length);
    }
  });

  it("sorts by code unit order, not locale: uppercase first, '.' before '/'", async () => {
    await tree(dir, { "b.txt": "", "B.txt": "", "a/x": "", "a.txt": "", "Z/y": "", _u: "" });
    expect(await relativePaths(dir)).toEqual(["B.txt", "Z/y", "_u", "a.txt", "a/x", "b.txt"]);
  });

  it("gives the same result whatever order the files were created in", async () => {
    const one = join(dir, "one");
    const two = join(dir, "two");
    await tree(one, { "c/1": "1", a: "2", "b/2": "3" });
    await tree(two, { "b/2": "3", a: "2", "c/1": "1" });
    expect(await relativePaths(one)).toEqual(await relativePaths(two));
  });

  it("includes hidden files and directories", async () => {
    await tree(dir, { ".config": "c", ".cache/blob": "b", "model.bin": "m" });
    expect(await relativePaths(dir)).toEqual([".cache/blob", ".config", "model.bin"]);
  });

  it("includes empty files and skips empty directories", async () => {
    await tree(dir, { "empty.bin": "", "weights/w.bin": "w" });
    await mkdir(join(dir, "logs/nested/deeper"), { recursive: true });
    const result = await walkFiles(dir);
    expect(result.files.map((file) => [file.relativePath, file.size])).toEqual([
      ["empty.bin", 0],
      ["weights/w.bin", 1],
    ]);
    expect(result.totalBytes).toBe(1);
  });

  it("keeps non-ASCII names as the file system returns them", async () => {
    await tree(dir, { "données/été.bin": "é", "模型.onnx": "m", "emoji-🤖.txt": "r" });
    const result = await walkFiles(dir);
    expect(result.files.map((file) => file.relativePath)).toEqual([
      "donn\u00e9es/\u00e9t\u00e9.bin",
      "emoji-🤖.txt",
      "模型.onnx",
    ]);
    expect(result.files[0]).toMatchObject({ path: join(dir, "données", "été.bin"), size: 2 });
  });

  it("rejects a directory with no files, even with empty subdirectories", async () => {
    await mkdir(join(dir, "a/b"), { recursive: true });
    await expectConfigError(walkFiles(dir), `Model directory "${dir}" contains no files`);
  });

  it("rejects a path that does not exist", async () => {
    await expectConfigError(
      walkFiles(join(dir, "missing")),
      `Model path "${join(dir, "missing")}" does not exist`,
    );
  });

  it("rejects a reserved relative path at the top but not deeper down", async () => {
    await tree(dir, { ".model-manifest.json": "{}", "model.bin": "m" });
    const reserved = [".model-manifest.json"];
    await expectConfigError(walkFiles(dir, { reserved }), /\.model-manifest\.json" uses the reserved name/);
    await rm(join(dir, ".model-manifest.json"));
    await tree(dir, { "sub/.model-manifest.json": "{}" });
    expect((await walkFiles(dir, { reserved })).files.map((file) => file.relativePath)).toEqual([
      "model.bin",
      "sub/.model-manifest.json",
    ]);
  });
});

describe("walkFiles with symlinks and special files", () => {
  it("follows a symlink to a file: the target's size under the link's relative path", async () => {
    await tree(dir, { "store/blob": "12345678", "model/config.json": "{}" });
    await symlink(join(dir, "store/blob"), join(dir, "model/weights.bin"));
    const result = await walkFiles(join(dir, "model"));
    expect(result.files).toEqual([
      { path: join(dir, "model/config.json"), relativePath: "config.json", size: 2 },
      { path: join(dir, "model/weights.bin"), relativePath: "weights.bin", size: 8 },
    ]);
  });

  it("follows a symlink to a directory, listing its files under the link", async () => {
    await tree(dir, {
      "shared/tokenizer/vocab.txt": "v",
      "shared/tokenizer/merges.txt": "mm",
      "model/a.bin": "a",
    });
    await symlink("../shared/tokenizer", join(dir, "model/tokenizer"));
    expect(await relativePaths(join(dir, "model"))).toEqual([
      "a.bin",
      "tokenizer/merges.txt",
      "tokenizer/vocab.txt",
    ]);
  });

  it("follows the same directory twice through two links, since that is not a cycle", async () => {
    await tree(dir, { "shared/v.txt": "v", "model/a.bin": "a" });
    await symlink(join(dir, "shared"), join(dir, "model/one"));
    await symlink(join(dir, "shared"), join(dir, "model/two"));
    expect(await relativePaths(join(dir, "model"))).toEqual(["a.bin", "one/v.txt", "two/v.txt"]);
  });

  it("follows a root that is a symlink to a directory", async () => {
    await tree(dir, { "real/a.bin": "a" });
    await symlink(join(dir, "real"), join(dir, "alias"));
    const result = await walkFiles(join(dir, "alias"));
    expect(result.root).toBe(join(dir, "alias"));
    expect(result.files).toEqual([{ path: join(dir, "alias/a.bin"), relativePath: "a.bin", size: 1 }]);
  });

  it("rejects a symlink back to an ancestor as a cycle, naming the link", async () => {
    await tree(dir, { "model/sub/a.bin": "a" });
    await symlink("..", join(dir, "model/sub/up"));
    await expectConfigError(
      walkFiles(join(dir, "model")),
      `Symlink "${join(dir, "model/sub/up")}" points back`,
    );
  });

  it("rejects a cycle that passes through a sibling directory link", async () => {
    await tree(dir, { "model/a/x.bin": "x", "model/b/y.bin": "y" });
    await symlink(join(dir, "model/b"), join(dir, "model/a/to-b"));
    await symlink(join(dir, "model/a"), join(dir, "model/b/to-a"));
    await expectConfigError(
      walkFiles(join(dir, "model")),
      /Symlink ".*\/to-[ab]" points back .* \(a cycle\)/,
    );
  });

  it("rejects a dangling symlink, naming it", async () => {
    await tree(dir, { "a.bin": "a" });
    await symlink(join(dir, "gone.bin"), join(dir, "b.bin"));
    await expectConfigError(walkFiles(dir), `Symlink "${join(dir, "b.bin")}" is dangling`);
  });

  it("rejects a dangling symlink given as the model path", async () => {
    await symlink(join(dir, "gone"), join(dir, "model"));
    await expectConfigError(
      walkFiles(join(dir, "model")),
      `Model path "${join(dir, "model")}" is a dangling symlink`,
    );
  });

  it("rejects a symlink to itself as a loop", async () => {
    await tree(dir, { "a.bin": "a" });
    await symlink("self", join(dir, "self"));
    await expectConfigError(walkFiles(dir), `Symlink "${join(dir, "self")}" is a symlink loop`);
  });

  it("rejects a FIFO, naming it and its type", async () => {
    await tree(dir, { "a.bin": "a" });
    execFileSync("mkfifo", [join(dir, "pipe")]);
    await expectConfigError(walkFiles(dir), `"${join(dir, "pipe")}" is a FIFO (named pipe)`);
  });

  it("rejects a FIFO given as the model path", async () => {
    execFileSync("mkfifo", [join(dir, "pipe")]);
    await expectConfigError(
      walkFiles(join(dir, "pipe")),
      /is a FIFO \(named pipe\), not a file or directory/,
    );
  });

  it("rejects a socket, naming it and its type", async () => {
    await tree(dir, { "a.bin": "a" });
    const server: Server = createServer();
    await new Promise<void>((done) => server.listen(join(dir, "sock"), done));
    try {
      await expectConfigError(walkFiles(dir), `"${join(dir, "sock")}" is a socket`);
    } finally {
      await new Promise((done) => server.close(done));
    }
  });

  it("rejects a character device reached through a symlink", async () => {
    await tree(dir, { "a.bin": "a" });
    await symlink("/dev/null", join(dir, "null"));
    await expectConfigError(walkFiles(dir), `"${join(dir, "null")}" is a character device`);
  });

  it("checks the whole tree first, then reports the first problem by path and counts the rest", async () => {
    await tree(dir, { "ok.bin": "o", "z/ok.bin": "o" });
    await symlink(join(dir, "gone"), join(dir, "z/dangling"));
    execFileSync("mkfifo", [join(dir, "b-pipe")]);
    await symlink(join(dir, "gone"), join(dir, "a-dangling"));
    await expectConfigError(walkFiles(dir), /Symlink ".*\/a-dangling" is dangling.*\(and 2 more problems\)$/);
  });
});
