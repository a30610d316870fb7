// The catalog's API generation against the stack's catalog, which serves /api/model_catalog/v1 beside /v1alpha1, with
// the requests counted: auto sends v1 only, after one question; forced generations ask nothing; and in front of the
// same catalog with /v1 hidden (as older builds answer: 404 with a plain text), auto falls back to v1alpha1 after that
// one question. Each v1 difference the docs note is checked against the server itself.
import { describe, expect, it } from "vitest";
import { ModelCatalog } from "../../src/catalog/model-catalog.js";
import { ApiVersionError, NotFoundError } from "../../src/errors.js";
import { stackEnv, stackSetting } from "../support/stack-env.js";

/** A fetch that records every path it sends; with `hideV1`, a catalog without API v1 (404 text under /v1). */
function counting(hideV1 = false) {
  const paths: string[] = [];
  const fetch = async (request: Request) => {
    const path = new URL(request.url).pathname;
    paths.push(path);
    if (hideV1 && path.startsWith("/api/model_catalog/v1/"))
      return new Response("404 page not found\n", { status: 404, headers: { "content-type": "text/plain" } });
    return globalThis.fetch(request);
  };
  return { fetch, paths };
}

const generation = (path: string) => path.split("/")[3];

describe.runIf(stackEnv().MODEL_CATALOG_URL !== undefined)(
  "the catalog's API generation on the stack",
  () => {
    const url = () => stackSetting("MODEL_CATALOG_URL");

    it("auto: one question, then v1 only, on a catalog serving v1", async () => {
      const { fetch, paths } = counting();
      const catalog = new ModelCatalog({ url: url(), fetch });
      await catalog.sources.list().toArray();
      const { model, artifacts } = await catalog.models.describe("stack_demo", "acme/digits-onnx");
      await catalog.models.list({ q: "digits" }).toArray();
      expect(await catalog.apiVersion()).toEqual({ version: "v1", chosenBy: "probe" });
      expect(model.sourceId).toBe("stack_demo");
      expect(model.source_id).toBe("stack_demo");
      expect(artifacts.length).toBeGreaterThan(0);
      expect(paths).toEqual([
        "/api/model_catalog/v1/sources", // the question
        "/api/model_catalog/v1/sources",
        "/api/model_catalog/v1/sources/stack_demo/models/acme%2Fdigits-onnx",
        "/api/model_catalog/v1/sources/stack_demo/models/acme%2Fdigits-onnx/artifacts",
        "/api/model_catalog/v1/models",
      ]);
    });

    it("auto: one question, then v1alpha1 only, on a catalog without v1", async () => {
      const { fetch, paths } = counting(true);
      const catalog = new ModelCatalog({ url: url(), fetch });
      await catalog.sources.list().toArray();
      const model = await catalog.models.get("stack_demo", "acme/digits-onnx");
      await catalog.models.artifacts("stack_demo", "acme/digits-onnx").toArray();
      expect(await catalog.apiVersion()).toEqual({ version: "v1alpha1", chosenBy: "probe" });
      expect(model.source_id).toBe("stack_demo");
      expect(model.sourceId).toBe("stack_demo");
      expect(paths.map(generation)).toEqual(["v1", "v1alpha1", "v1alpha1", "v1alpha1"]);
    });

    it("forced generations ask nothing; v1 forced on a catalog without it is an ApiVersionError", async () => {
      for (const apiVersion of ["v1", "v1alpha1"] as const) {
        const { fetch, paths } = counting();
        const catalog = new ModelCatalog({ url: url(), fetch, apiVersion });
        await catalog.models.list({ source: "stack_demo" }).toArray();
        expect(paths.map(generation)).toEqual([apiVersion]);
      }
      const { fetch } = counting(true);
      await expect(
        new ModelCatalog({ url: url(), fetch, apiVersion: "v1" }).sources.list().toArray(),
      ).rejects.toThrow(ApiVersionError);
    });

    it("v1 differences, as the server answers them", async () => {
      const base = url();
      const get = async (generation: string, path: string) => {
        const response = await fetch(`${base}/api/model_catalog/${generation}${path}`);
        return { status: response.status, body: (await response.json()) as Record<string, unknown> };
      };
      // A model's source: sourceId on v1, source_id on v1alpha1.
      const v1 = await get("v1", "/sources/stack_demo/models/acme%2Fdigits-onnx");
      const alpha = await get("v1alpha1", "/sources/stack_demo/models/acme%2Fdigits-onnx");
      expect([v1.body.sourceId, v1.body.source_id]).toEqual(["stack_demo", undefined]);
      expect([alpha.body.source_id, alpha.body.sourceId]).toEqual(["stack_demo", undefined]);
      // Path parameters unchanged; a name with a slash is found raw or encoded, for the model and its artifacts.
      for (const generation of ["v1", "v1alpha1"])
        for (const name of ["acme/digits-onnx", "acme%2Fdigits-onnx"]) {
          expect((await get(generation, `/sources/stack_demo/models/${name}`)).status).toBe(200);
          expect(
            (await get(generation, `/sources/stack_demo/models/${name}/artifacts?pageSize=1`)).status,
          ).toBe(200);
        }
      // The alpha's snake_case artifact_type filters; v1 ignores it and lists every kind.
      const types = async (generation: string) =>
        (
          (
            await get(
              generation,
              "/sources/stack_demo/models/acme%2Fdigits-onnx/artifacts?artifact_type=metrics-artifact",
            )
          ).body.items as { artifactType: string }[]
        ).map((a) => a.artifactType);
      expect(new Set(await types("v1alpha1"))).toEqual(new Set(["metrics-artifact"]));
      expect(new Set(await types("v1"))).toEqual(new Set(["model-artifact", "metrics-artifact"]));
      // What this client sends (artifactType) filters on both.
      for (const apiVersion of ["v1", "v1alpha1"] as const) {
        const found = await new ModelCatalog({ url: base, apiVersion }).models
          .artifacts("stack_demo", "acme/digits-onnx", { artifactType: "metrics-artifact" })
          .toArray();
        expect(new Set(found.map((a) => a.artifactType))).toEqual(new Set(["metrics-artifact"]));
      }
      // A missing model: 404 JSON for the model, 400 for its artifacts, on both; the client says NotFoundError.
      for (const generation of ["v1", "v1alpha1"]) {
        expect((await get(generation, "/sources/stack_demo/models/nope%2Fx")).status).toBe(404);
        expect((await get(generation, "/sources/stack_demo/models/nope%2Fx/artifacts")).status).toBe(400);
      }
      for (const apiVersion of ["v1", "v1alpha1"] as const)
        await expect(
          new ModelCatalog({ url: base, apiVersion }).models.artifacts("stack_demo", "nope/x").toArray(),
        ).rejects.toThrow(NotFoundError);
    });
  },
);
