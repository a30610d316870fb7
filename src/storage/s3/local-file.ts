// Reading a model's local files for an upload, and the error when one changes underneath it.
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { UploadError } from "../../errors.js";
import type { UploadItem } from "./upload-options.js";

// Files this small are read synchronously: a few microseconds from the page cache, and a tenth of the CPU of an
// fs.promises read (its FileHandle), which dominated uploading many small files (npm run bench).
const SYNC_READ_BYTES = 64 * 1024;

/** A whole file's bytes. */
export async function readWhole(file: UploadItem): Promise<Buffer> {
  try {
    return file.size > SYNC_READ_BYTES ? await readFile(file.path) : readFileSync(file.path);
  } catch (error) {
    const code = (error as { code?: string }).code ?? "error";
    throw new UploadError(`cannot read ${file.path} (${code}) while uploading it; nothing was registered`, {
      cause: error,
    });
  }
}

/** The error for a file whose size changed while it was read: it is being written. */
export function changed(file: UploadItem): UploadError {
  return new UploadError(
    `${file.path} changed while it was being uploaded; upload again once it is complete`,
  );
}
