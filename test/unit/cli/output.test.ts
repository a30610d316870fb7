// mr-cli's tables and cards stay one line per row whatever the values hold: a catalog readme stored as a custom
// property (many kilobytes, many lines) is cut short there; JSON and YAML output keep it whole.
import { describe, expect, it } from "vitest";
import { resultCard } from "../../../src/cli/commands/register.js";
import { oneLine, properties, renderCard, renderTable } from "../../../src/cli/output.js";
import type { RegisterModelResult } from "../../../src/workflows/register/register-model.js";

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

describe("mr-cli register's card", () => {
  const result = (customProperties: Record<string, unknown>) =>
    ({
      registeredModel: { id: "3", name: "mnist" },
      modelVersion: { id: "7", name: "v1" },
      modelArtifact: { id: "9", uri: "s3://models/mnist/v1/", customProperties },
      uri: "s3://models/mnist/v1/",
      status: "created",
    }) as unknown as RegisterModelResult;

  it("says where a custom S3 store is, beside the plain URI, and nothing more on AWS itself", () => {
    const card = resultCard(result({ s3_endpoint: "http://minio:9000", s3_region: "us-east-1" })).split("\n");
    expect(card.slice(1, 3)).toEqual([
      expect.stringMatching(/^uri:\s+s3:\/\/models\/mnist\/v1\/$/),
      expect.stringMatching(/^store:\s+http:\/\/minio:9000, region us-east-1$/),
    ]);
    expect(resultCard(result({}))).not.toMatch(/store/);
  });
});
