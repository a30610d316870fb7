// The model catalog the stack runs (the `catalog` command of the upstream build, serving stack/catalog/sources.yaml)
// answers its REST API as its spec (api/model-catalog.yaml, drift-checked) describes: both sources load, and their
// models, artifacts of every URI kind and metrics artifacts are there. Read through openapi-fetch with the generated
// types, so a path or field the spec does not have would not compile.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import createClient from "openapi-fetch";
import { describe, expect, it } from "vitest";
import type { paths } from "../../src/client/generated/catalog.js";
import { stackEnv, stackSetting } from "../support/stack-env.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const catalog = () => createClient<paths>({ baseUrl: stackSetting("MODEL_CATALOG_URL") });

describe("the stack's model catalog", () => {
  if (stackEnv().MODEL_CATALOG_URL === undefined) {
    // A clone without ../shared/upstream/: the catalog comes from the same upstream build as the v1 server.
    it("is reported unavailable, with how to provide its source", () => {
      const status = execFileSync("bash", ["stack/status.sh"], { cwd: root, encoding: "utf8" });
      expect(status).toMatch(/^catalog\s+unavailable .*MR_STACK_V1_SRC/m);
    });
    return;
  }

  it("serves both sources, each available, with its label", async () => {
    const { data, response } = await catalog().GET("/api/model_catalog/v1alpha1/sources", {});
    expect(response.status).toBe(200);
    const sources = Object.fromEntries((data?.items ?? []).map((s) => [s.id, s]));
    expect(sources.stack_demo).toMatchObject({ status: "available", labels: ["Demo"], error: null });
    expect(sources.stack_community).toMatchObject({
      status: "available",
      labels: ["Community"],
      error: null,
    });
  });

  it("lists a source's models, and a model's artifacts with their URIs and metrics", async () => {
    const client = catalog();
    const { data: models } = await client.GET("/api/model_catalog/v1alpha1/models", {
      params: { query: { source: ["stack_demo"] } },
    });
    expect((models?.items ?? []).map((m) => m.name).sort()).toEqual([
      "acme/digits-onnx",
      "acme/sentiment-small",
    ]);
    const { data: artifacts, response } = await client.GET(
      "/api/model_catalog/v1alpha1/sources/{source_id}/models/{model_name}/artifacts",
      { params: { path: { source_id: "stack_demo", model_name: "acme/digits-onnx" } } },
    );
    expect(response.status).toBe(200);
    const items = (artifacts?.items ?? []) as { artifactType?: string; uri?: string; metricsType?: string }[];
    expect(items.find((a) => a.artifactType === "model-artifact")?.uri).toBe(
      "oci://quay.io/acme/digits-onnx:1.0",
    );
    expect(items.find((a) => a.artifactType === "metrics-artifact")?.metricsType).toBe("accuracy-metrics");
  });
});
