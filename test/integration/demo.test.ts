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

/** Runs the demo twice, on the control plane or not, and checks both runs. */
function replay(onCluster: boolean): void {
  const env = {
    DEMO_MODEL_NAME: uniqueName("MNIST"),
    DEMO_SERVING_ENV: uniqueName("serving"),
    ...(onCluster ? {} : { MR_STACK_CONTROLLER: "" }),
  };
  const first = demo(env);
  for (const version of ["v1", "v2", "v3"])
    expect(first).toContain(`created: ${env.DEMO_MODEL_NAME} ${version}`);
  // Real MNIST, real ONNX: ONNX Runtime agrees with the trainer on every test image, for every version.
  expect(first.match(/ONNX Runtime gives the trainer's predictions on all \d+ test images/g)).toHaveLength(3);
  for (const match of first.matchAll(/test accuracy (\d+\.\d)%/g))
    expect(Number(match[1])).toBeGreaterThan(85);
  if (onCluster) {
    // The stack's control plane: applied, linked by the registry's own controller, deleted, applied again.
    expect(first).toMatch(/applied: created: InferenceService serving-[0-9a-f]+\/.*-e2e/);
    const linked = /linked: linked to inference service record (\d+) \(.*-e2e\/[0-9a-f-]{36}\)/.exec(
      first,
    )?.[1];
    expect(linked).toBeTruthy();
    expect(first).toContain("undeploy: the registry's record is UNDEPLOYED");
    expect(first).toContain(`deploy again: record ${linked} `);
    expect(first).toMatch(/is DEPLOYED: one deployment, one record/);
  } else {
    expect(first).toMatch(/deploy: created, InferenceService \d+ ".*-e2e" in .* is DEPLOYED/);
    expect(first).toMatch(/modelregistry\.kubeflow\.org\/inference-service-id: "\d+"/);
    expect(first).toContain("undeploy: undeployed, now UNDEPLOYED");
    expect(first).toContain("deploy again: redeployed, now DEPLOYED");
    expect(first).toContain("npm run stack:up -- etcd kube clusterdns mrcontroller");
  }
  expect(first).toMatch(/storageUri: s3:\/\/models\/[^?\s]+\/v3\/\n/);
  // The deployed version, fetched back by name and verified, predicts a test digit with ONNX Runtime.
  expect(first).toMatch(/serves .* v3: downloaded to .*, 2 files, every file matches its manifest/);
  expect(first).toContain("prediction: 7 (the image is a 7)");
  const second = demo(env);
  for (const version of ["v1", "v2", "v3"])
    expect(second).toContain(`unchanged: ${env.DEMO_MODEL_NAME} ${version}`);
  expect(second).toContain(onCluster ? "applied: unchanged: InferenceService" : "deploy: unchanged");
}

describe("npm run demo", () => {
  it("replays the tech demo on MNIST with ONNX models, ending in a prediction, and a second run finds every registration unchanged", () => {
    replay(stackEnv().MR_STACK_CONTROLLER !== undefined);
  });

  it.runIf(stackEnv().MR_STACK_CONTROLLER !== undefined)(
    "without the control plane, sets the registry's record through the same steps and says how to add it",
    () => replay(false),
  );
});
