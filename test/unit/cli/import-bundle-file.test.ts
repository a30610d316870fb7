// mr-cli import's reading of the bundle: a file that cannot be read is a usage error naming it (exit 2), `-` reads
// standard input, and a bundle that is no bundle is refused before the registry is reached.
import { describe, expect, it } from "vitest";
import { EXIT } from "../../../src/cli/exit-codes.js";
import { run } from "../../../src/cli/run.js";
import { fakeIo } from "../../support/fake-io.js";

// No registry and no contexts file: a bundle refused before the registry is reached never needs one.
const ENV = { MODEL_REGISTRY_URL: "http://registry.invalid", MR_CLI_CONFIG: "/nonexistent/mr-cli.yaml" };

describe("mr-cli import <bundle>", () => {
  it("exits 2 naming a bundle file that does not exist, or is a directory", async () => {
    const io = fakeIo(ENV);
    expect(await run(["import", "/nonexistent/bundle.json"], io)).toBe(EXIT.usage);
    expect(io.err.join("")).toMatch(/cannot read the bundle \/nonexistent\/bundle\.json: it does not exist/);
    const dir = fakeIo(ENV);
    expect(await run(["import", "/"], dir)).toBe(EXIT.usage);
    expect(dir.err.join("")).toMatch(/cannot read the bundle \/: it is a directory/);
  });

  it("reads - from standard input, checking the bundle before any request", async () => {
    const io = fakeIo(
      ENV,
      JSON.stringify({ format: "kubeflow-model-registry-bundle", formatVersion: 2, models: [] }),
    );
    expect(await run(["import", "-"], io)).toBe(EXIT.usage);
    expect(io.err.join("")).toMatch(/standard input has format version 2/);
    const notJson = fakeIo(ENV, "{ nope");
    expect(await run(["import", "-"], notJson)).toBe(EXIT.usage);
    expect(notJson.err.join("")).toMatch(/standard input is not JSON/);
  });

  it("exits 2 for - without a standard input", async () => {
    const io = fakeIo(ENV);
    expect(await run(["import", "-"], io)).toBe(EXIT.usage);
    expect(io.err.join("")).toMatch(/no standard input to read the bundle from/);
  });
});
