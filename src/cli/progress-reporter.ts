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
  const { quiet, verbose } = ctx.globals();
  const { stderr } = ctx.io;
  const drawn = quiet
    ? undefined
    : ctx.format() === "json"
      ? jsonEvents(ctx)
      : ctx.io.stderr.isTTY
        ? terminal(ctx)
        : undefined;
  if (!verbose || ctx.format() === "json") return drawn;
  // --verbose: which storage settings are used and where each came from, whatever else is shown.
  return (event) => {
    if (event.type === "storage")
      for (const [name, value] of Object.entries(event.settings))
        stderr.write(`mr-cli: storage ${name}: ${value}\n`);
    drawn?.(event);
  };
}

function jsonEvents(ctx: CliContext): ProgressCallback {
  return (event) => ctx.io.stderr.write(`${JSON.stringify(event)}\n`);
}

function terminal(ctx: CliContext): ProgressCallback {
  const { stderr } = ctx.io;
  let drawn = false;
  let last = 0;
  return (event) => {
    if (event.type === "phase") {
      if (drawn) stderr.write("\n");
      drawn = false;
      if (event.phase !== "done") stderr.write(`${event.phase}${event.detail ? ` ${event.detail}` : ""}\n`);
      return;
    }
    if (event.type === "warning" || event.type === "storage") return; // warnings: printed once, with the result

    const now = Date.now();
    const finished = event.overall.loadedBytes >= event.overall.totalBytes;
    if (now - last < 100 && !finished) return; // at most ten redraws a second
    last = now;
    stderr.write(`\r\u001b[2K${bar(event)}`);
    drawn = true;
  };
}
