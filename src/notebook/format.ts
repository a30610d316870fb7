// Values as short readable text for the notebook views (the views escape it for HTML).

/** Milliseconds since the epoch, as the API sends them, as `YYYY-MM-DD HH:MM:SS` UTC; "" when absent. */
export function formatTime(ms: unknown): string {
  const n = typeof ms === "string" || typeof ms === "number" ? Number(ms) : Number.NaN;
  if (!Number.isFinite(n) || n <= 0) return "";
  return new Date(n).toISOString().replace("T", " ").slice(0, 19);
}

const UNITS = ["B", "KiB", "MiB", "GiB", "TiB"];

/** A byte count as `1.5 MiB`. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(value < 10 ? 2 : 1)} ${UNITS[unit]}`;
}

/** `text` cut to `max` characters, ending in "…" when cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

/** A field or custom property value as text: objects as JSON, nothing for null and undefined. */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** Custom properties as `key=value, …` for a table cell. */
export function formatProperties(properties: Record<string, unknown> | undefined, max = 80): string {
  const text = Object.entries(properties ?? {})
    .map(([key, value]) => `${key}=${formatValue(value)}`)
    .join(", ");
  return truncate(text, max);
}

/** A value as plain JSON (what `application/json` carries): undefined fields dropped. */
export function toJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? null));
}
