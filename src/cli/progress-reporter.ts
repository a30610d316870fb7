// How long work shows progress: a redrawn bar on a terminal, one JSON event per line with --json, else nothing.
import type { ProgressCallback, ProgressEvent } from "../storage/progress.js";
import type { CliContext } from "./context.js";

const MiB = 1024 * 1024;

function bar(event: Extract<ProgressEvent, { overall: unknown }>): string {
  const { loadedBytes, totalBytes, filesDone, fileCount } = event.overall;
  const ratio = totalBytes > 0 ? loadedBytes / totalBytes : 1;
  const filled = Math.round(ratio * 24);
  const verb = event.type === "hash" ? "hashing" : event.type === "download" ? "downloading" : "uploading";
  return `${verb} [${"#".repeat(filled)}${"-".repeat(24 - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}%  ${(loadedBytes / MiB).toFixed(1)}/${(totalBytes / MiB).toFixed(1)} MiB  ${filesDone}/${fileCount} files`;
}

/** The progress callback for this invocation, or undefined when nothing should be shown. */
export function progressReporter(ctx: CliContext): ProgressCallback | undefined {
  const { quiet } = ctx.globals();
  const { stderr } = ctx.io;
  if (quiet) return undefined;
  if (ctx.format() === "json") return (event) => stderr.write(`${JSON.stringify(event)}\n`);
  if (!stderr.isTTY) return undefined;
  let drawn = false;
  let last = 0;
  return (event) => {
    if (event.type === "phase") {
      if (drawn) stderr.write("\n");
      drawn = false;
      if (event.phase !== "done") stderr.write(`${event.phase}${event.detail ? ` ${event.detail}` : ""}\n`);
      return;
    }
    if (event.type === "warning") return; // printed once, with the result

    const now = Date.now();
    const finished = event.overall.loadedBytes >= event.overall.totalBytes;
    if (now - last < 100 && !finished) return; // at most ten redraws a second
    last = now;
    stderr.write(`\r\u001b[2K${bar(event)}`);
    drawn = true;
  };
}
