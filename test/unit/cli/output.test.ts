// mr-cli's tables and cards stay one line per row whatever the values hold: a catalog readme stored as a custom
// property (many kilobytes, many lines) is cut short there; JSON and YAML output keep it whole.
import { describe, expect, it } from "vitest";
import { oneLine, properties, renderCard, renderTable } from "../../../src/cli/output.js";

const readme = `# model\n\n${"A long paragraph of the model card. ".repeat(2000)}\n\n## Usage\n`;

describe("mr-cli table output", () => {
  it("puts a value on one line and cuts it with an ellipsis", () => {
    expect(oneLine("a\n\n  b\tc", 10)).toBe("a b c");
    expect(oneLine("x".repeat(20), 10)).toBe(`${"x".repeat(9)}…`);
  });

  it("keeps every table row on one line, cells at most 120 characters", () => {
    const table = renderTable(
      [{ name: "m", props: properties({ readme, license: "MIT" }) }],
      [
        { header: "NAME", value: (r) => r.name },
        { header: "PROPERTIES", value: (r) => r.props },
      ],
    );
    const lines = table.split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^m\s+readme=# model A long paragraph.*…, license=MIT$/);
    expect(lines[1]?.length).toBeLessThanOrEqual(125);
  });

  it("keeps every card field on one line", () => {
    const card = renderCard([
      ["description", "first\nsecond"],
      ["properties", properties({ readme })],
    ]);
    expect(card.split("\n")).toEqual([
      "description: first second",
      expect.stringMatching(/^properties:\s+readme=# model A long paragraph of the model card\. .{0,30}…$/),
    ]);
  });
});
