// The state of long work, folded from its progress events, and its look: phase, a bar, bytes, files, speed.
import type { ProgressEvent } from "../storage/progress.js";
import { formatBytes, truncate } from "./format.js";
import { BOX_STYLE, badge, escapeHtml, MUTED_STYLE } from "./html.js";
import type { MimeBundle } from "./mime-bundle.js";

/** What the view shows. */
export interface ProgressState {
  phase: string;
  detail?: string | undefined;
  /** What the bytes are: "upload", "download" or "hash". */
  activity?: string | undefined;
  file?: string | undefined;
  loadedBytes: number;
  totalBytes: number;
  filesDone: number;
  fileCount: number;
  /** When the current activity's first bytes were reported (ms), for the speed. */
  since?: number | undefined;
  /** The error message, once the work failed. */
  error?: string | undefined;
}

export function initialState(): ProgressState {
  return { phase: "starting", loadedBytes: 0, totalBytes: 0, filesDone: 0, fileCount: 0 };
}

/** Folds one event into the state; true for a change of phase (worth showing at once). */
export function applyEvent(state: ProgressState, event: ProgressEvent, now = Date.now()): boolean {
  if (event.type === "phase") {
    state.phase = event.phase;
    state.detail = event.detail;
    return true;
  }
  if (event.type === "warning") {
    state.detail = `warning: ${event.message}`;
    return true;
  }
  if (event.type === "storage") return false; // a diagnostic, not in the notebook's bar
  Object.assign(state, event.overall);
  state.file = event.file;
  if (event.type !== "file" && state.activity !== event.type) {
    state.activity = event.type;
    state.since = now;
  }
  return false;
}

const VERB: Record<string, string> = { upload: "sent", download: "received", hash: "hashed" };

/** `1.2 MiB of 3.4 MiB (35%) · 1 of 3 files · 2.0 MiB/s · model.onnx`, or "" before any bytes. */
function summary(state: ProgressState, now: number): string {
  if (state.totalBytes === 0 && state.fileCount === 0) return "";
  const percent = state.totalBytes > 0 ? Math.floor((100 * state.loadedBytes) / state.totalBytes) : 100;
  const seconds = state.since === undefined ? 0 : (now - state.since) / 1000;
  const speed =
    seconds >= 0.5 && state.phase !== "done" ? `${formatBytes(state.loadedBytes / seconds)}/s` : "";
  return [
    [
      formatBytes(state.loadedBytes),
      "of",
      formatBytes(state.totalBytes),
      VERB[state.activity ?? ""],
      `(${percent}%)`,
    ]
      .filter(Boolean)
      .join(" "),
    // done means every file was handled, whether or not the last one reported it
    `${state.phase === "done" ? state.fileCount : state.filesDone} of ${state.fileCount} ${state.fileCount === 1 ? "file" : "files"}`,
    speed,
    state.file && state.phase !== "done" ? truncate(state.file, 80) : "",
  ]
    .filter(Boolean)
    .join(" · ");
}

function bar(fraction: number, failed: boolean): string {
  const width = `${Math.round(Math.min(1, Math.max(0, fraction)) * 1000) / 10}%`;
  const color = failed ? "#cf222e" : "#0969da";
  return (
    `<div style="height: 6px; margin: 6px 0; border-radius: 3px; overflow: hidden; background: var(--jp-layout-color3, #eaeef2)">` +
    `<div style="height: 100%; width: ${width}; background: ${color}"></div></div>`
  );
}

/** The state as a MIME bundle. */
export function progressView(state: ProgressState, title: string, now = Date.now()): MimeBundle {
  const failed = state.error !== undefined;
  const phase = failed ? "failed" : state.phase;
  const detail = failed ? state.error : state.detail;
  const line = summary(state, now);
  const fraction =
    state.totalBytes > 0 ? state.loadedBytes / state.totalBytes : state.phase === "done" ? 1 : 0;
  const html = [
    `<div style="${BOX_STYLE}">`,
    `<div><strong>${escapeHtml(title)}</strong> ${badge(phase)}`,
    detail ? ` <span style="${MUTED_STYLE}">${escapeHtml(truncate(detail, 300))}</span>` : "",
    "</div>",
    bar(fraction, failed),
    line ? `<div style="${MUTED_STYLE}">${escapeHtml(line)}</div>` : "",
    "</div>",
  ].join("");
  const text = [`${title}: ${phase}${detail ? ` (${detail})` : ""}`, ...(line ? [`  ${line}`] : [])].join(
    "\n",
  );
  return { "text/plain": text, "text/html": html };
}
