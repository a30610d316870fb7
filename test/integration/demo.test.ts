import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { stackEnv } from "../support/stack-env.js";
import { uniqueName } from "../support/unique.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** Runs the demo (as `npm run demo` does, on the already running stack and the built package). */
function demo(env: Record<string, string>): string {
  return execFileSync(
    `${root}node_modules/.bin/deno`,
    ["run", "--allow-all", "--config", "examples/deno.json", "examples/demo/demo.ts"],
    {
      cwd: root,
      env: { ...process.env, ...stackEnv(), ...env, NO_COLOR: "1" },
      encoding: "utf8",
      timeout: 120_000,
    },
  );
}

describe("npm run demo", () => {
  it("replays the tech demo, and a second run finds every registration unchanged", () => {
    const env = { DEMO_MODEL_NAME: uniqueName("MNIST"), DEMO_SERVING_ENV: uniqueName("serving") };
    const first = demo(env);
    for (const version of ["v1", "v2", "v3"])
      expect(first).toContain(`created: ${env.DEMO_MODEL_NAME} ${version}`);
    expect(first).toMatch(/deploy: created, InferenceService \d+ ".*-e2e" in .* is DEPLOYED/);
    expect(first).toContain("undeploy: undeployed, now UNDEPLOYED");
    expect(first).toContain("deploy again: redeployed, now DEPLOYED");
    const second = demo(env);
    for (const version of ["v1", "v2", "v3"])
      expect(second).toContain(`unchanged: ${env.DEMO_MODEL_NAME} ${version}`);
    expect(second).toContain("deploy: unchanged");
  });
});
