import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, open, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";

/** A fresh temporary folder. */
export function tempDir(prefix = "mr-model-"): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** Writes files (relative path → content) under `root`. */
export async function writeTree(root: string, files: Record<string, string | Uint8Array>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
}

/** A model folder of 60 files in nested folders, with an empty file and non-ASCII names. */
export async function nestedModel(seed: string): Promise<string> {
  const root = await tempDir();
  const files: Record<string, string> = {
    "empty.bin": "",
    "données/été.txt": `accent ${seed}`,
    "模型/权重.bin": `weights ${seed}`,
  };
  for (let i = 0; i < 57; i++)
    files[`layer-${i % 5}/block-${Math.floor(i / 5)}/part-${i}.bin`] = `${seed}:${i}:${"x".repeat(i * 7)}`;
  await writeTree(root, files);
  return root;
}

/** A file of `bytes` random bytes, written in 8 MiB chunks (never held in memory at once). */
export async function bigFile(path: string, bytes: number): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  const handle = await open(path, "w");
  try {
    const chunk = 8 * 1024 * 1024;
    for (let written = 0; written < bytes; written += chunk)
      await handle.write(randomBytes(Math.min(chunk, bytes - written)));
  } finally {
    await handle.close();
  }
  return path;
}

/** Every file under `dir`, by path relative to it (POSIX separators on POSIX), with its bytes. */
export function filesUnder(dir: string): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else out[relative(dir, path)] = readFileSync(path);
    }
  };
  walk(dir);
  return out;
}
