import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { stackEnv } from "../support/stack-env.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const smoke = "test/runtime/smoke.mjs";

const runtimes = [
  {
    label: "Deno",
    command: `${root}node_modules/.bin/deno`,
    args: ["run", "--allow-net", "--allow-env", "--allow-read", smoke],
    expect: /^deno 2\./,
  },
  { label: "Node", command: process.execPath, args: [smoke], expect: /^node v/ },
];

describe.each(runtimes)("the built package under $label", (runtime) => {
  it("connects from the environment, creates, finds, lists with a filter, and raises typed errors", () => {
    // `npm test` builds dist/ before the suites run; the smoke script imports dist/index.js, not the sources.
    const out = execFileSync(runtime.command, runtime.args, {
      cwd: root,
      env: { ...process.env, ...stackEnv(), NO_COLOR: "1" },
      encoding: "utf8",
      timeout: 60_000,
    });
    const result = JSON.parse(out.trim().split("\n").at(-1) ?? "{}");
    expect(result.runtime).toMatch(runtime.expect);
    expect(result.foundId).toBe(result.createdId);
    expect(result.listedIds).toEqual([result.createdId]);
    expect(result.epochs).toBe(3);
    expect(result.notFound).toBe(true);
  });
});
