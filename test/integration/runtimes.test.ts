import { execFileSync } from "node:child_process";
import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildModelcar } from "../../src/storage/oci/modelcar-push.js";
import { nodeBinary } from "../support/node-runtime.js";
import { stackEnv } from "../support/stack-env.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const bin = (path: string) => `${root}node_modules/${path}`;
const smoke = "test/runtime/smoke.mjs";

/** The image digest of the smoke script's fixed file, computed here (the sources, on the Node running the suite):
 * every runtime must push the very same image. */
async function fixedDigest(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "runtime-fixed-"));
  writeFileSync(join(dir, "fixed.bin"), "the same bytes in every runtime\n");
  const file = {
    path: join(dir, "fixed.bin"),
    relativePath: "fixed.bin",
    size: statSync(join(dir, "fixed.bin")).size,
  };
  return (await buildModelcar([file], undefined, { platform: { os: "linux", architecture: "amd64" } }))
    .digest;
}

// The supported runtimes, each from npm: Deno and Bun are devDependencies; Node 22 and 24 are installed on first use
// (scripts/node-runtime.mjs), whichever Node runs the suite.
const runtimes = [
  { label: "Node 22", command: () => nodeBinary(22), args: [smoke], expect: /^node v22\./ },
  { label: "Node 24", command: () => nodeBinary(24), args: [smoke], expect: /^node v24\./ },
  {
    label: "Deno 2",
    command: () => bin(".bin/deno"),
    args: ["run", "--allow-net", "--allow-env", "--allow-read", "--allow-write", "--allow-sys", smoke],
    expect: /^deno 2\./,
  },
  { label: "Bun", command: () => bin(".bin/bun"), args: [smoke], expect: /^bun 1\./ },
];

describe.each(runtimes)("the built package on $label", (runtime) => {
  it("connects from the environment, creates, finds, lists, raises typed errors, registers and verifies a file (in S3 and as an OCI image)", {
    timeout: 360_000,
  }, async () => {
    // `npm test` builds dist/ before the suites run; the smoke script imports dist/index.js, not the sources.
    const out = execFileSync(runtime.command(), runtime.args, {
      cwd: root,
      env: { ...process.env, ...stackEnv(), NO_COLOR: "1" },
      encoding: "utf8",
      timeout: 90_000,
    });
    const result = JSON.parse(out.trim().split("\n").at(-1) ?? "{}");
    expect(result.runtime).toMatch(runtime.expect);
    expect(result.foundId).toBe(result.createdId);
    expect(result.listedIds).toEqual([result.createdId]);
    expect(result.epochs).toBe(3);
    expect(result.notFound).toBe(true);
    expect(result).toMatchObject({
      registeredStatus: "created",
      registeredModelId: result.createdId,
      verified: true,
    });
    if (stackEnv().OCI_REGISTRY !== undefined)
      expect(result.oci).toEqual({
        status: "created",
        layers: 1,
        verified: true,
        fixedDigest: await fixedDigest(),
      });
  });
});
