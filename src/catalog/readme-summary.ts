// A catalog model's readme in one line, for cards in the terminal and in notebooks.

/** The first paragraph of a Markdown readme that is not a heading, on one line, cut to `max` characters (default
 * 160) with an ellipsis; undefined when there is none. */
export function readmeSummary(readme: string | undefined, max = 160): string | undefined {
  const paragraph = (readme ?? "")
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .find((p) => p !== "" && !p.startsWith("#"));
  if (!paragraph) return undefined;
  const line = paragraph.replace(/\s+/g, " ");
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
