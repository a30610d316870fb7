// The catalog client without a server: what it sends (path, query, token, per-call headers), how it reads pages,
// what it refuses before sending, where fromEnv finds its settings, and that a token never shows in an error.
import { describe, expect, it } from "vitest";
import { ModelCatalog } from "../../../src/catalog/model-catalog.js";
import { readmeSummary } from "../../../src/catalog/readme-summary.js";
import { catalogFromEnv } from "../../../src/catalog-from-env.js";
import { resolveCatalogSettings } from "../../../src/config/resolve-catalog-settings.js";
import { envLayer } from "../../../src/config/settings-layer.js";
import { AuthError, ConfigError, NotFoundError } from "../../../src/errors.js";

/** A catalog answering from `reply`, recording every request. */
function fakeCatalog(reply: (url: URL) => { status?: number; body: unknown }) {
  const requests: Request[] = [];
  const fetch = async (request: Request) => {
    requests.push(request);
    const { status = 200, body } = reply(new URL(request.url));
    return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  };
  return { fetch, requests };
}

const page = (items: unknown[], nextPageToken = "") => ({
  items,
  nextPageToken,
  size: items.length,
  pageSize: 10,
});

describe("ModelCatalog", () => {
  it("sends search, filters, order and tuning as the spec's query parameters, lists comma-separated", async () => {
    const { fetch, requests } = fakeCatalog(() => ({ body: page([]) }));
    const catalog = new ModelCatalog({
      url: "http://catalog.test/",
      fetch,
      token: "t0k3n",
      apiVersion: "v1alpha1",
    });
    await catalog.models
      .list({
        q: "granite",
        source: ["a", "b"],
        filterQuery: "license='MIT'",
        orderBy: "RECOMMENDED",
        sortOrder: "DESC",
        targetRPS: 10,
        latencyProperty: "ttft_p95",
        pageSize: 5,
      })
      .toArray();
    const url = new URL(requests[0]?.url ?? "");
    expect(url.pathname).toBe("/api/model_catalog/v1alpha1/models");
    expect(url.searchParams.getAll("source")).toEqual(["a,b"]); // the catalog reads only the first of repeated keys
    expect(Object.fromEntries([...url.searchParams].filter(([k]) => k !== "source"))).toEqual({
      q: "granite",
      filterQuery: "license='MIT'",
      orderBy: "RECOMMENDED",
      sortOrder: "DESC",
      targetRPS: "10",
      latencyProperty: "ttft_p95",
      pageSize: "5",
    });
    expect(requests[0]?.headers.get("authorization")).toBe("Bearer t0k3n");
  });

  it("follows page tokens, decodes custom properties, and encodes a model name with a slash as one path segment", async () => {
    const { fetch, requests } = fakeCatalog((url) =>
      url.pathname.endsWith("/models")
        ? url.searchParams.get("nextPageToken") === "p2"
          ? { body: page([{ id: "2", name: "b/y" }]) }
          : {
              body: page(
                [
                  {
                    id: "1",
                    name: "a/x",
                    customProperties: { size: { metadataType: "MetadataIntValue", int_value: "7" } },
                  },
                ],
                "p2",
              ),
            }
        : { body: { id: "1", name: "a/x", source_id: "s" } },
    );
    const catalog = new ModelCatalog({ url: "http://catalog.test", fetch, apiVersion: "v1alpha1" });
    const models = await catalog.models.list().toArray();
    expect(models.map((m) => [m.name, m.customProperties])).toEqual([
      ["a/x", { size: 7 }],
      ["b/y", {}],
    ]);
    await catalog.models.get("my source", "org/model x");
    expect(requests.at(-1)?.url).toBe(
      "http://catalog.test/api/model_catalog/v1alpha1/sources/my%20source/models/org%2Fmodel%20x",
    );
    await catalog.models.artifacts("s", "org/m").toArray();
    expect(new URL(requests.at(-1)?.url ?? "").pathname).toBe(
      "/api/model_catalog/v1alpha1/sources/s/models/org%2Fm/artifacts",
    );
  });

  it("refuses bad options before sending anything", () => {
    const { fetch, requests } = fakeCatalog(() => ({ body: page([]) }));
    const catalog = new ModelCatalog({ url: "http://catalog.test", fetch });
    expect(() => catalog.models.list({ orderBy: "POPULAR" as never })).toThrow(
      /orderBy must be one of ID, NAME, CREATE_TIME, LAST_UPDATE_TIME, RECOMMENDED/,
    );
    expect(() => catalog.sources.list({ orderBy: "CREATE_TIME" as never })).toThrow(ConfigError);
    expect(() => catalog.models.list({ orderBy: "RECOMMENDED", targetRPS: 1.5 })).toThrow(/targetRPS/);
    expect(() => catalog.models.list({ targetRPS: 5, latencyProperty: "p95" })).toThrow(
      /targetRPS, latencyProperty: these apply to orderBy "RECOMMENDED" only/,
    );
    expect(() => catalog.models.list({ source: [""] })).toThrow(/source must be a non-empty string/);
    expect(() => catalog.models.artifacts("", "m")).toThrow(/catalog source/);
    expect(() => new ModelCatalog({ url: "localhost:8081" })).toThrow(ConfigError);
    expect(() => new ModelCatalog({ url: "http://h/api/model_catalog/v1alpha1" })).toThrow(/base address/);
    expect(requests).toEqual([]);
  });

  it("turns error statuses into typed errors that name the catalog and never carry the token", async () => {
    const { fetch } = fakeCatalog((url) =>
      url.pathname.endsWith("/filter_options")
        ? { status: 401, body: { code: "Unauthorized", message: "token s3cr3t-t0k3n refused" } }
        : { status: 404, body: { code: "Not Found", message: "No model found 'x' in source 's'" } },
    );
    const catalog = new ModelCatalog({ url: "http://catalog.test", fetch, token: "s3cr3t-t0k3n" });
    const refused = await catalog.models.filterOptions().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AuthError);
    expect(String(refused)).not.toContain("s3cr3t-t0k3n");
    expect(String(refused)).toMatch(/MODEL_CATALOG_TOKEN/);
    const missing = await catalog.models.get("s", "x").catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(String(missing)).toMatch(/catalog model "x" of source "s"/);
  });

  it("sends a call's own headers, and scrubs a per-call token from errors", async () => {
    const { fetch, requests } = fakeCatalog(() => ({
      status: 403,
      body: { code: "Forbidden", message: "other-t0k3n may not" },
    }));
    const catalog = new ModelCatalog({ url: "http://catalog.test", fetch });
    const error = await catalog.models
      .filterOptions({ headers: { Authorization: "Bearer other-t0k3n", "X-Trace": "1" } })
      .catch((e: unknown) => e);
    expect(requests[0]?.headers.get("x-trace")).toBe("1");
    expect(String(error)).not.toContain("other-t0k3n");
    await expect(catalog.models.filterOptions({ headers: { "bad name": "x" } })).rejects.toThrow(ConfigError);
  });

  it("catalogFromEnv: MODEL_CATALOG_URL, MODEL_CATALOG_TOKEN before the registry's token, and says what is missing", async () => {
    const { fetch, requests } = fakeCatalog(() => ({ body: page([]) }));
    const env = {
      MODEL_CATALOG_URL: "http://c.test",
      MODEL_REGISTRY_TOKEN: "reg",
      MODEL_CATALOG_TOKEN: "cat",
      MODEL_CATALOG_API_VERSION: "v1", // no question: one request per listing
    };
    await (await catalogFromEnv({ env, fetch })).sources.list().toArray();
    expect(requests[0]?.headers.get("authorization")).toBe("Bearer cat");
    await (await catalogFromEnv({ env: { ...env, MODEL_CATALOG_TOKEN: "" }, fetch })).sources
      .list()
      .toArray();
    expect(requests[1]?.headers.get("authorization")).toBe("Bearer reg");
    await expect(catalogFromEnv({ env: {} })).rejects.toThrow(
      /MODEL_CATALOG_URL is not set; set it to the model catalog's address/,
    );
  });

  it("the deprecated ModelCatalog.fromEnv resolves the same settings", async () => {
    const { fetch, requests } = fakeCatalog(() => ({ body: page([]) }));
    const env = { MODEL_CATALOG_URL: "http://c.test", MODEL_CATALOG_TOKEN: "cat" };
    const catalog = await ModelCatalog.fromEnv({ env, fetch });
    await catalog.sources.list().toArray();
    expect(catalog.url).toBe("http://c.test");
    expect(requests[0]?.headers.get("authorization")).toBe("Bearer cat");
  });

  it("resolves the catalog's URL from layers, naming where it came from", async () => {
    const env = { MODEL_CATALOG_URL: "http://env.test" };
    const layers = [
      { values: { catalogUrl: "ftp://flag.test" }, source: { catalogUrl: "--catalog-url" } },
      envLayer(env),
    ];
    await expect(resolveCatalogSettings({ env, layers, serviceAccountTokenPath: "/none" })).rejects.toThrow(
      /--catalog-url/,
    );
    const settings = await resolveCatalogSettings({
      env,
      layers: layers.slice(1),
      serviceAccountTokenPath: "/none",
    });
    expect(settings).toMatchObject({ url: "http://env.test", sources: { url: "MODEL_CATALOG_URL" } });
  });
});

describe("readmeSummary", () => {
  it("takes the first paragraph that is not a heading, on one line, cut with an ellipsis", () => {
    expect(readmeSummary("# Title\n\nFirst line\nsecond line.\n\nMore.")).toBe("First line second line.");
    expect(readmeSummary("# Only a heading")).toBeUndefined();
    expect(readmeSummary(undefined)).toBeUndefined();
    expect(readmeSummary("x".repeat(200), 10)).toBe(`${"x".repeat(9)}…`);
  });
});

describe("catalog values in a notebook", () => {
  const model = {
    id: "3",
    name: "acme/digits-onnx",
    source_id: "stack_demo",
    provider: "Acme <Labs>",
    license: "Apache 2.0",
    tasks: ["image-classification"],
    language: ["en", "de"],
    readme: "# digits\n\nClassifies digits.",
    artifactCounts: { "model-artifact": 1, "accuracy-metrics": 1 },
    customProperties: { framework: { metadataType: "MetadataStringValue", string_value: "onnx" } },
  };
  const artifacts = [
    { id: "5", artifactType: "model-artifact", uri: "oci://quay.io/acme/digits-onnx:1.0" },
    {
      id: "6",
      artifactType: "metrics-artifact",
      metricsType: "accuracy-metrics",
      customProperties: { accuracy: { metadataType: "MetadataDoubleValue", double_value: 0.918 } },
    },
  ];
  const catalog = () =>
    new ModelCatalog({
      url: "http://catalog.test",
      fetch: fakeCatalog((url) =>
        url.pathname.endsWith("/sources")
          ? {
              body: page([
                { id: "stack_demo", name: "Demo Models", labels: ["Demo", "Acme"], status: "available" },
              ]),
            }
          : url.pathname.endsWith("/labels")
            ? { body: page([{ name: "Demo", displayName: "Demo models" }]) }
            : url.pathname.endsWith("/artifacts")
              ? { body: page(artifacts) }
              : url.pathname.endsWith("/models")
                ? { body: page([model]) }
                : { body: model },
      ).fetch,
    });

  it("shows a model as a card: readme summary, licence, tasks, artifact counts; escaped HTML", async () => {
    const { toMimeBundle } = await import("../../../src/notebook/mime-bundle.js");
    const bundle = await toMimeBundle(await catalog().models.get("stack_demo", "acme/digits-onnx"));
    const text = bundle["text/plain"] as string;
    expect(text).toMatch(/^catalog model "acme\/digits-onnx"/);
    expect(text).toMatch(/license\s+Apache 2\.0/);
    expect(text).toMatch(/tasks\s+image-classification/);
    expect(text).toMatch(/readme\s+Classifies digits\./);
    expect(text).toMatch(/artifacts\s+1 model-artifact, 1 accuracy-metrics/);
    expect(bundle["text/html"]).toContain("Acme &lt;Labs&gt;");
  });

  it("shows describe() as the card with artifact URIs and metrics, and a search as a table", async () => {
    const { toMimeBundle } = await import("../../../src/notebook/mime-bundle.js");
    const described = await toMimeBundle(await catalog().models.describe("stack_demo", "acme/digits-onnx"));
    expect(described["text/plain"]).toMatch(/model artifact\s+oci:\/\/quay\.io\/acme\/digits-onnx:1\.0/);
    expect(described["text/plain"]).toMatch(/accuracy-metrics\s+accuracy 0\.918/);
    const table = (await toMimeBundle(catalog().models.list()))["text/plain"] as string;
    expect(table).toMatch(/source\s+name\s+provider\s+license\s+tasks/);
    expect(table).toMatch(
      /stack_demo\s+acme\/digits-onnx\s+Acme <Labs>\s+Apache 2\.0\s+image-classification/,
    );
    const artifactTable = (await toMimeBundle(catalog().models.artifacts("s", "m")))["text/plain"] as string;
    expect(artifactTable).toMatch(/accuracy-metrics/);
  });

  it("shows sources and labels as tables, and leaves their JSON as the catalog sent it", async () => {
    const { toMimeBundle } = await import("../../../src/notebook/mime-bundle.js");
    const sources = await toMimeBundle(catalog().sources.list());
    expect(sources["text/plain"]).toMatch(/1 catalog source\b/);
    expect(sources["text/plain"]).toMatch(/stack_demo\s+Demo Models\s+Demo, Acme\s+available/);
    expect(sources["application/json"]).toEqual([
      { id: "stack_demo", name: "Demo Models", labels: ["Demo", "Acme"], status: "available" },
    ]);
    const labels = await toMimeBundle(await catalog().labels.list().toArray());
    expect(labels["text/plain"]).toMatch(/Demo\s+Demo models/);
    expect(labels["application/json"]).toEqual([{ name: "Demo", displayName: "Demo models" }]);
  });
});
