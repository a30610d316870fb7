// HTML building blocks of the notebook views. Every value that reaches HTML goes through escapeHtml: names,
// descriptions and custom properties come from users. Styles are inline (notebook front ends strip <style> from
// untrusted output) and use JupyterLab's theme variables with light fallbacks, so dark themes work too.

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text made safe for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

const BORDER = "var(--jp-border-color2, #d0d7de)";

/** The frame of every view. */
export const BOX_STYLE = [
  "font-family: var(--jp-ui-font-family, system-ui, sans-serif)",
  "font-size: 13px",
  "line-height: 1.4",
  `border: 1px solid ${BORDER}`,
  "border-radius: 6px",
  "padding: 8px 12px",
  "max-width: 960px",
  "overflow-x: auto",
].join("; ");

/** A table's look; JupyterLab right-aligns cells by default, so alignment is set explicitly. */
export const TABLE_STYLE = "border-collapse: collapse; margin: 4px 0; font-size: inherit";
export const TH_STYLE = `text-align: left; padding: 2px 12px 2px 0; font-weight: 600; border-bottom: 1px solid ${BORDER}; white-space: nowrap`;
export const KEY_STYLE =
  "text-align: left; padding: 1px 12px 1px 0; font-weight: 500; opacity: 0.75; white-space: nowrap; vertical-align: top";
export const TD_STYLE = "text-align: left; padding: 1px 12px 1px 0; vertical-align: top";
/** A list's cells stay on one line (values are cut short instead); the frame scrolls sideways if it must. */
export const ROW_CELL_STYLE = `${TD_STYLE}; white-space: nowrap`;
export const MUTED_STYLE = "opacity: 0.7";

const BADGE_COLORS: Record<string, string> = {
  LIVE: "#1a7f37",
  DEPLOYED: "#1a7f37",
  created: "#1a7f37",
  completed: "#0969da",
  redeployed: "#1a7f37",
  updated: "#0969da",
  undeployed: "#6e7781",
  ARCHIVED: "#6e7781",
  UNDEPLOYED: "#6e7781",
  unchanged: "#6e7781",
  failed: "#cf222e",
};

/** A small coloured label, e.g. a state. */
export function badge(text: string): string {
  const color = BADGE_COLORS[text] ?? "#57606a";
  const style = `display: inline-block; padding: 0 6px; border-radius: 10px; font-size: 11px; color: ${color}; border: 1px solid ${color}`;
  return `<span style="${style}">${escapeHtml(text)}</span>`;
}

/** `label: value` rows as a two-column table; values are escaped here. Empty values are left out. */
export function fieldTable(rows: readonly (readonly [string, string | undefined])[]): string {
  const body = rows
    .filter(([, value]) => value !== undefined && value !== "")
    .map(
      ([label, value]) =>
        `<tr><td style="${KEY_STYLE}">${escapeHtml(label)}</td><td style="${TD_STYLE}">${escapeHtml(value ?? "")}</td></tr>`,
    )
    .join("");
  return body ? `<table style="${TABLE_STYLE}"><tbody>${body}</tbody></table>` : "";
}

/** Aligned `label  value` lines for text/plain. Empty values are left out. */
export function fieldLines(
  rows: readonly (readonly [string, string | undefined])[],
  indent = "  ",
): string[] {
  const shown = rows.filter(([, value]) => value !== undefined && value !== "");
  const width = Math.max(0, ...shown.map(([label]) => label.length));
  return shown.map(([label, value]) => `${indent}${label.padEnd(width)}  ${value}`);
}
