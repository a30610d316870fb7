// The catalog client (ModelCatalog) against the stack's catalog: search by keyword, filter by source, label and
// property, every sort key including RECOMMENDED and its tuning, paging through everything, one model, its artifacts,
// performance artifacts and the filter options; and the typed errors of a missing model and a refused option.
import { describe, expect, it } from "vitest";
import { ModelCatalog } from "../../src/catalog/model-catalog.js";
import { ConfigError, ConnectionError, NotFoundError } from "../../src/errors.js";
import { stackEnv, stackSetting } from "../support/stack-env.js";

const names = (items: { name?: string | null }[]) => items.map((item) => item.name);

// On both generations of the catalog's API (the stack's catalog serves both).
describe.runIf(stackEnv().MODEL_CATALOG_URL !== undefined).each(["v1", "v1alpha1"] as const)(
  "ModelCatalog against the stack's catalog, API %s",
  (apiVersion) => {
    const catalog = () => new ModelCatalog({ url: stackSetting("MODEL_CATALOG_URL"), apiVersion });

    it("lists the sources and the labels they carry", async () => {
      const sources = await catalog().sources.list({ orderBy: "NAME", sortOrder: "DESC" }).toArray();
      expect(sources.map((s) => [s.id, s.labels, s.status])).toEqual([
        ["stack_demo", ["Demo"], "available"],
        ["stack_community", ["Community"], "available"],
      ]);
      const named = await catalog().sources.list({ name: "Community" }).toArray();
      expect(named.map((s) => s.id)).toEqual(["stack_community"]);
      const labels = await catalog().labels.list({ orderBy: "name" }).toArray();
      expect(labels).toEqual([
        expect.objectContaining({ name: "Community", displayName: "Community" }),
        expect.objectContaining({ name: "Demo", displayName: "Demo" }),
      ]);
    });

    it("searches by keyword, source, source label and filter query", async () => {
      const c = catalog();
      expect(names(await c.models.list({ q: "SENTIMENT" }).toArray())).toEqual(["acme/sentiment-small"]);
      expect(names(await c.models.list({ q: "text-generation" }).toArray())).toEqual([
        "community/tiny-llm-1b",
      ]);
      expect(names(await c.models.list({ source: "stack_demo", orderBy: "NAME" }).toArray())).toEqual([
        "acme/digits-onnx",
        "acme/sentiment-small",
      ]);
      const both = ["acme/digits-onnx", "acme/sentiment-small", "community/tiny-llm-1b"];
      const order = { orderBy: "NAME" } as const;
      expect(names(await c.models.list({ ...order, sourceLabel: ["Demo", "Community"] }).toArray())).toEqual(
        both,
      );
      expect(
        names(await c.models.list({ ...order, source: ["stack_community", "stack_demo"] }).toArray()),
      ).toEqual(both);
      expect(names(await c.models.list({ sourceLabel: ["Community"] }).toArray())).toEqual([
        "community/tiny-llm-1b",
      ]);
      expect(names(await c.models.list({ filterQuery: "license='MIT'" }).toArray())).toEqual([
        "acme/sentiment-small",
      ]);
      const accurate = await c.models
        .list({ filterQuery: "artifacts.accuracy.double_value > 0.9" })
        .toArray();
      expect(names(accurate)).toEqual(["acme/digits-onnx"]);
      expect(accurate[0]?.customProperties).toEqual({ framework: "onnx" });
      expect(await c.models.list({ source: "no_such_source" }).toArray()).toEqual([]);
    });

    it("orders by every key, each way", async () => {
      const c = catalog();
      const order = async (
        orderBy: "ID" | "NAME" | "CREATE_TIME" | "LAST_UPDATE_TIME",
        sortOrder: "ASC" | "DESC",
      ) => names(await c.models.list({ orderBy, sortOrder }).toArray());
      const byName = ["acme/digits-onnx", "acme/sentiment-small", "community/tiny-llm-1b"];
      expect(await order("NAME", "ASC")).toEqual(byName);
      expect(await order("NAME", "DESC")).toEqual([...byName].reverse());
      // The YAML sets the times: digits, then sentiment, then tiny-llm, a day apart.
      expect(await order("CREATE_TIME", "ASC")).toEqual(byName);
      expect(await order("LAST_UPDATE_TIME", "DESC")).toEqual([...byName].reverse());
      const ids = await c.models.list({ orderBy: "ID" }).toArray();
      expect(ids.map((m) => Number(m.id))).toEqual([...ids.map((m) => Number(m.id))].sort((a, b) => a - b));
    });

    it("orders by RECOMMENDED: lowest recommended latency first, tuned by its parameters", async () => {
      const c = catalog();
      // ttft_p90 of the best configuration: digits 3, sentiment 18, tiny-llm 45 (GPU).
      expect(names(await c.models.list({ orderBy: "RECOMMENDED" }).toArray())).toEqual([
        "acme/digits-onnx",
        "acme/sentiment-small",
        "community/tiny-llm-1b",
      ]);
      expect(names(await c.models.list({ orderBy: "RECOMMENDED", sortOrder: "DESC" }).toArray())).toEqual([
        "community/tiny-llm-1b",
        "acme/sentiment-small",
        "acme/digits-onnx",
      ]);
      // Only sentiment-small has latency_p95_ms: the others have no latency under that property and come last.
      const tuned = await c.models
        .list({ orderBy: "RECOMMENDED", latencyProperty: "latency_p95_ms", targetRPS: 10 })
        .toArray();
      expect(tuned[0]?.name).toBe("acme/sentiment-small");
    });

    it("pages through everything, resumes from a token, and stops at a limit", async () => {
      const c = catalog();
      for (const orderBy of ["NAME", "RECOMMENDED"] as const) {
        const pages = [];
        for await (const page of c.models.list({ orderBy, pageSize: 1 }).pages()) pages.push(page);
        expect(pages.map((p) => p.items.length)).toEqual([1, 1, 1]);
        expect(pages[2]?.nextPageToken).toBeUndefined();
        const resumed = await c.models
          .list({ orderBy, pageSize: 1, nextPageToken: pages[0]?.nextPageToken })
          .toArray();
        expect(names(resumed)).toEqual(names(pages.slice(1).flatMap((p) => p.items)));
      }
      expect(await c.models.list({ limit: 2, pageSize: 1 }).toArray()).toHaveLength(2);
    });

    it("gets one model by source and name, with its artifact counts", async () => {
      const model = await catalog().models.get("stack_demo", "acme/digits-onnx");
      expect(model).toMatchObject({
        name: "acme/digits-onnx",
        source_id: "stack_demo",
        provider: "Acme Labs",
        license: "Apache 2.0",
        tasks: ["image-classification"],
        language: ["en"],
        artifactCounts: { "model-artifact": 1, "accuracy-metrics": 1, "performance-metrics": 1 },
      });
      expect(model.readme).toMatch(/^# digits-onnx/);
    });

    it("lists a model's artifacts by kind and filter, and its performance artifacts for a target load", async () => {
      const c = catalog();
      const all = await c.models.artifacts("stack_community", "community/tiny-llm-1b").toArray();
      expect(all.map((a) => a.artifactType).sort()).toEqual([
        "metrics-artifact",
        "metrics-artifact",
        "model-artifact",
        "model-artifact",
      ]);
      const models = await c.models
        .artifacts("stack_community", "community/tiny-llm-1b", { artifactType: "model-artifact" })
        .toArray();
      expect(models.map((a) => ("uri" in a ? a.uri : undefined)).sort()).toEqual([
        "https://models.example.com/community/tiny-llm-1b.tar.gz",
        "oci://quay.io/community/tiny-llm-1b:modelcar",
      ]);
      const gpu = await c.models
        .artifacts("stack_community", "community/tiny-llm-1b", {
          filterQuery: "hardware_type.string_value='GPU'",
        })
        .toArray();
      expect(gpu.map((a) => a.customProperties.ttft_p90)).toEqual([45]);
      const perf = await c.models
        .performanceArtifacts("stack_community", "community/tiny-llm-1b", { targetRPS: 10 })
        .toArray();
      const replicas = Object.fromEntries(
        perf.map((a) => [a.customProperties.hardware_type, a.customProperties.replicas]),
      );
      expect(replicas).toEqual({ CPU: 5, GPU: 1 }); // 10 rps over 2 and 20 rps per replica
    });

    it("lists the filter options, with values and ranges", async () => {
      const options = await catalog().models.filterOptions();
      expect(options.filters?.license).toMatchObject({
        type: "string",
        values: expect.arrayContaining(["MIT"]),
      });
      expect(options.filters?.["artifacts.ttft_p90.double_value"]).toMatchObject({
        type: "number",
        range: { min: 3, max: 350 },
      });
    });

    it("throws typed errors: a missing model is a NotFoundError naming it, a bad key a ConfigError before sending", async () => {
      const c = catalog();
      const missing = await c.models.get("stack_demo", "acme/nope").catch((e: unknown) => e);
      expect(missing).toBeInstanceOf(NotFoundError);
      expect(String(missing)).toMatch(/404 .*catalog model "acme\/nope" of source "stack_demo"/);
      expect(() => c.models.list({ orderBy: "POPULAR" as never })).toThrow(ConfigError);
      expect(() => c.sources.list({ orderBy: "CREATE_TIME" as never })).toThrow(/ID, NAME/);
      expect(() => c.models.list({ orderBy: "RECOMMENDED", targetRPS: 0 })).toThrow(/targetRPS/);
      // The catalog answers 400 for the artifacts of a model it lacks; the client asks for the model and says 404.
      for (const [source, model] of [
        ["stack_demo", "acme/nope"],
        ["no_such_source", "acme/digits-onnx"],
      ] as const) {
        const artifacts = await c.models
          .artifacts(source, model)
          .toArray()
          .catch((e: unknown) => e);
        expect(artifacts).toBeInstanceOf(NotFoundError);
        expect(String(artifacts)).toContain(`catalog model "${model}" of source "${source}"`);
      }
      const bad = await c.models
        .list({ filterQuery: "bogus ==" })
        .toArray()
        .catch((e: unknown) => e);
      expect(String(bad)).toMatch(/400 .*invalid filter query/);
      const down = new ModelCatalog({ url: "http://127.0.0.1:18199", retry: false });
      const refused = await down.models.filterOptions().catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ConnectionError);
      expect(String(refused)).toMatch(/cannot reach the model catalog at http:\/\/127\.0\.0\.1:18199/);
    });
  },
);
