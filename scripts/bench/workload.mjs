// The benchmark's input files, written to disk in chunks so that the runner never holds a model in memory.
import { randomFillSync } from "node:crypto";
import { mkdir, open, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

const CHUNK_BYTES = 8 * 1024 * 1024;

/**
 * Writes `bytes` random bytes to `path`, one reused 8 MiB buffer at a time.
 * @param {string} path
 * @param {number} bytes
 * @returns {Promise<string>} the path
 */
export async function writeLargeFile(path, bytes) {
  const buffer = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, bytes));
  const handle = await open(path, "w");
  try {
    for (let written = 0; written < bytes; ) {
      const length = Math.min(buffer.length, bytes - written);
      randomFillSync(buffer, 0, length);
      await handle.write(buffer, 0, length);
      written += length;
    }
    await handle.sync(); // on disk now, so that no write-back of it competes with the first scenario
  } finally {
    await handle.close();
  }
  return path;
}

/**
 * Writes `count` files of `fileBytes` random bytes into nested folders under `root`
 * (`layer-<0..7>/block-<0..15>/file-<n>.bin`, so 128 folders two levels deep).
 * @param {string} root
 * @param {number} count
 * @param {number} fileBytes
 * @returns {Promise<string>} the root
 */
export async function writeSmallFiles(root, count, fileBytes) {
  const buffer = Buffer.allocUnsafe(fileBytes);
  for (let i = 0; i < count; i++) {
    const path = join(root, `layer-${i % 8}`, `block-${Math.floor(i / 8) % 16}`, `file-${i}.bin`);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, randomFillSync(buffer));
  }
  return root;
}
