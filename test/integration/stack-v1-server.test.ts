// The stack's second registry: the newer server built from upstream source, serving API v1 beside v1alpha3 and
// announcing the alpha API's sunset. Without its source (a clone without ../shared/), the stack says so and runs on.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { stackEnv, stackSetting } from "../support/stack-env.js";
import { uniqueName } from "../support/unique.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const v1Url = stackEnv().MODEL_REGISTRY_V1_URL;

describe("the v1 server of the local stack", () => {
  if (v1Url === undefined) {
    it("is reported unavailable, with how to provide its source", () => {
      const status = execFileSync("bash", ["stack/status.sh"], { cwd: root, encoding: "utf8" });
      expect(status).toMatch(/^v1server\s+unavailable .*MR_STACK_V1_SRC/m);
    });
    return;
  }

  it("serves API v1 without deprecation headers, and v1alpha3 with Deprecation, Sunset and the successor link", async () => {
    const v1 = await fetch(`${v1Url}/api/model_registry/v1/registered_models?pageSize=1`);
    expect(v1.status).toBe(200);
    expect(v1.headers.get("deprecation")).toBeNull();
    const alpha = await fetch(`${v1Url}/api/model_registry/v1alpha3/registered_models?pageSize=1`);
    expect(alpha.status).toBe(200);
    expect(alpha.headers.get("deprecation")).toBe("true");
    const sunset = new Date(stackSetting("MODEL_REGISTRY_ALPHA_SUNSET"));
    expect(new Date(alpha.headers.get("sunset") ?? "").getTime()).toBe(sunset.getTime());
    expect(alpha.headers.get("link")).toBe('</api/model_registry/v1/>; rel="successor-version"');
  });

  it("keeps its own database: a model created there is not on the release server", async () => {
    const name = uniqueName("v1only");
    const created = await fetch(`${v1Url}/api/model_registry/v1/registered_models`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name }),
    });
    expect(created.status).toBe(201);
    const onRelease = await fetch(
      `${stackSetting("MODEL_REGISTRY_URL")}/api/model_registry/v1alpha3/registered_model?name=${name}`,
    );
    expect(onRelease.status).toBe(404);
  });

  it("is the only one serving v1: the pinned release answers 404 there", async () => {
    const release = await fetch(
      `${stackSetting("MODEL_REGISTRY_URL")}/api/model_registry/v1/registered_models`,
    );
    expect(release.status).toBe(404);
  });
});
