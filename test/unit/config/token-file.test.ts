import { mkdir, mkdtemp, rm, stat, unlink, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tokenFromFile } from "../../../src/config/token-file.js";
import { ConfigError } from "../../../src/errors.js";

let dir: string;
let path: string;
let reads: number;
const countReads = { onRead: () => void reads++ };

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "mr-token-file-"));
  path = join(dir, "token");
  reads = 0;
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Rewrites the file and moves its modification time away from the previous one. */
async function rotate(content: string, secondsLater = 60): Promise<void> {
  const before = await stat(path);
  await writeFile(path, content);
  const when = new Date(before.mtimeMs + secondsLater * 1000);
  await utimes(path, when, when);
}

describe("tokenFromFile", () => {
  it("reads the file on first call and trims surrounding whitespace and newlines", async () => {
    await writeFile(path, "  eyJhbGciOi.token \n\n");
    const token = tokenFromFile(path, countReads);
    expect(reads).toBe(0);
    await expect(token()).resolves.toBe("eyJhbGciOi.token");
    expect(reads).toBe(1);
  });

  it("does not re-read the file while its mtime and size are unchanged", async () => {
    await writeFile(path, "first-token");
    const token = tokenFromFile(path, countReads);
    for (let i = 0; i < 5; i++) await expect(token()).resolves.toBe("first-token");
    expect(reads).toBe(1);
  });

  it("re-reads the file after it is rewritten with a different mtime", async () => {
    await writeFile(path, "first-token");
    const token = tokenFromFile(path, countReads);
    await expect(token()).resolves.toBe("first-token");
    await rotate("second-token-rotated");
    await expect(token()).resolves.toBe("second-token-rotated");
    await expect(token()).resolves.toBe("second-token-rotated");
    expect(reads).toBe(2);
  });

  it("re-reads the file when only its size changed", async () => {
    await writeFile(path, "short");
    const { mtime } = await stat(path);
    const token = tokenFromFile(path, countReads);
    await expect(token()).resolves.toBe("short");
    await writeFile(path, "a-longer-token");
    await utimes(path, mtime, mtime);
    await expect(token()).resolves.toBe("a-longer-token");
    expect(reads).toBe(2);
  });

  it("re-reads a file replaced by a new one at the same path (rotation by rename)", async () => {
    await writeFile(path, "old-token");
    const token = tokenFromFile(path, countReads);
    await expect(token()).resolves.toBe("old-token");
    await unlink(path);
    await writeFile(path, "new-token-after-rename");
    await expect(token()).resolves.toBe("new-token-after-rename");
  });

  it("shares one read between concurrent calls", async () => {
    await writeFile(path, "shared-token");
    const token = tokenFromFile(path, countReads);
    const results = await Promise.all([token(), token(), token(), token()]);
    expect(results).toEqual(["shared-token", "shared-token", "shared-token", "shared-token"]);
    expect(reads).toBe(1);
  });

  it("rejects with a ConfigError naming the path when the file is missing", async () => {
    const token = tokenFromFile(path);
    const error = await token().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(path);
    expect((error as Error).message).toMatch(/does not exist/);
  });

  it("rejects with a ConfigError when the file is empty or only whitespace", async () => {
    await writeFile(path, " \n\t\n");
    await expect(tokenFromFile(path)()).rejects.toThrow(ConfigError);
    await expect(tokenFromFile(path)()).rejects.toThrow(`the token file ${path} is empty`);
  });

  it("rejects with a ConfigError when the path is a directory", async () => {
    const sub = join(dir, "not-a-file");
    await mkdir(sub);
    await expect(tokenFromFile(sub)()).rejects.toThrow(/not a regular file/);
  });

  it("never puts the token text in an error, even after a successful read", async () => {
    await writeFile(path, "super-secret-token-value");
    const token = tokenFromFile(path);
    await token();
    await rotate("\n");
    const emptied = await token().catch((e: unknown) => e);
    await unlink(path);
    const deleted = await token().catch((e: unknown) => e);
    for (const error of [emptied, deleted]) {
      expect(error).toBeInstanceOf(ConfigError);
      expect(String(error)).not.toContain("super-secret");
      expect(JSON.stringify(error)).not.toContain("super-secret");
    }
  });

  it("recovers once a missing file appears", async () => {
    const token = tokenFromFile(path);
    await expect(token()).rejects.toThrow(ConfigError);
    await writeFile(path, "late-token");
    await expect(token()).resolves.toBe("late-token");
  });
});
