// Progress of long work as typed data. The CLI and the notebook decide how to draw it.

/** Totals so far across all files. */
export interface OverallProgress {
  /** Bytes sent (or read) so far, in all files. */
  loadedBytes: number;
  /** Bytes of all files, known before the first byte moves. */
  totalBytes: number;
  /** Files finished so far. */
  filesDone: number;
  /** Files in all. */
  fileCount: number;
}

/** What registerModel, upload, download and verify report while they work. */
export type ProgressEvent =
  | {
      /** A new phase of the work. */
      type: "phase";
      /** `waiting`: another run is uploading this version; registerModel waits for it to finish. */
      phase:
        | "checking"
        | "hashing"
        | "waiting"
        | "uploading"
        | "registering"
        | "downloading"
        | "verifying"
        | "done";
      /** What the phase works on, e.g. the URI being downloaded. */
      detail?: string;
    }
  /** The storage settings in use, each as `value (source)`, e.g. `{ endpoint: "http://… (AWS_ENDPOINT_URL_S3)" }`;
   * sent once, before the first storage request. Never holds a secret. */
  | {
      /** The storage settings event. */
      type: "storage";
      /** Each setting as `value (source)`. */
      settings: Record<string, string>;
    }
  /** Something the caller should know that did not stop the work (also in the result's `warnings`). */
  | {
      /** A warning event. */
      type: "warning";
      /** One line saying what happened and what to do. */
      message: string;
    }
  /** Bytes of one file sent (or received, or hashed) so far. */
  | {
      /** Bytes moved: sent (`upload`), received (`download`) or read to hash (`hash`). */
      type: "upload" | "download" | "hash";
      /** The file's path relative to the model's folder. */
      file: string;
      /** Bytes of this file so far. */
      loadedBytes: number;
      /** Bytes of this file in all. */
      totalBytes: number;
      /** Totals across all files. */
      overall: OverallProgress;
    }
  /** One file is complete. */
  | {
      /** A file is done. */
      type: "file";
      /** The file's path relative to the model's folder. */
      file: string;
      /** Its size in bytes. */
      size: number;
      /** The SHA-256 of its bytes, hex. */
      sha256: string;
      /** Totals across all files. */
      overall: OverallProgress;
    };

/** Called with each progress event, synchronously, as the work goes on; what it throws is not caught. */
export type ProgressCallback = (event: ProgressEvent) => void;

/**
 * Runs work that reports progress through a callback and exposes the events as an async iterator as well:
 * `const { events, result } = trackProgress((onProgress) => mr.registerModel({ ..., onProgress }))`. The iterator
 * ends when the work ends; `result` settles with the work (a failure rejects `result`, not the iterator).
 */
export function trackProgress<T>(start: (onProgress: ProgressCallback) => Promise<T>): {
  events: AsyncIterable<ProgressEvent>;
  result: Promise<T>;
} {
  const queue: ProgressEvent[] = [];
  let wake: (() => void) | undefined;
  let finished = false;
  const result = start((event) => {
    queue.push(event);
    wake?.();
  });
  result
    .then(
      () => {},
      () => {},
    )
    .finally(() => {
      finished = true;
      wake?.();
    });
  const events = {
    async *[Symbol.asyncIterator]() {
      while (true) {
        const next = queue.shift();
        if (next) {
          yield next;
          continue;
        }
        if (finished) return;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
      }
    },
  };
  return { events, result };
}

/** The running totals of one upload, download or verification, and the byte and file events they report. */
export class ProgressTotals {
  private readonly overall: OverallProgress;

  /** `totalBytes` and `fileCount`: of all the files, known before the first byte moves. */
  constructor(
    totalBytes: number,
    fileCount: number,
    private readonly onProgress: ProgressCallback | undefined,
  ) {
    this.overall = { loadedBytes: 0, totalBytes, filesDone: 0, fileCount };
  }

  /** `bytes` more of `file` moved (`loadedBytes` of its `totalBytes` so far): an `upload`, `download` or `hash`
   * event. */
  bytes(
    type: "upload" | "download" | "hash",
    file: string,
    loadedBytes: number,
    totalBytes: number,
    bytes: number,
  ) {
    this.overall.loadedBytes += bytes;
    this.onProgress?.({ type, file, loadedBytes, totalBytes, overall: { ...this.overall } });
  }

  /** A file is finished (a `file` event when it was read, with its size and SHA-256; counted either way). */
  fileDone(file: string, read?: { size: number; sha256: string }): void {
    this.overall.filesDone++;
    if (read) this.onProgress?.({ type: "file", file, ...read, overall: { ...this.overall } });
  }

  /** `files` files moved together are finished (a layer of several): counted, and said in a `type` event of no
   * bytes, so that the overall count is right when the last of them finishes. */
  filesDone(type: "upload" | "download" | "hash", label: string, files: number, size: number): void {
    this.overall.filesDone += files;
    this.onProgress?.({
      type,
      file: label,
      loadedBytes: size,
      totalBytes: size,
      overall: { ...this.overall },
    });
  }
}
