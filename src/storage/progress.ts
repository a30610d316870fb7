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
      detail?: string;
    }
  /** The storage settings in use, each as `value (source)`, e.g. `{ endpoint: "http://… (AWS_ENDPOINT_URL_S3)" }`;
   * sent once, before the first storage request. Never holds a secret. */
  | { type: "storage"; settings: Record<string, string> }
  /** Something the caller should know that did not stop the work (also in the result's `warnings`). */
  | { type: "warning"; message: string }
  /** Bytes of one file sent (or received, or hashed) so far. */
  | {
      type: "upload" | "download" | "hash";
      file: string;
      loadedBytes: number;
      totalBytes: number;
      overall: OverallProgress;
    }
  /** One file is complete. */
  | { type: "file"; file: string; size: number; sha256: string; overall: OverallProgress };

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
