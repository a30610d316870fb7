// Choosing the model catalog's API generation, as the registry's is chosen: auto asks once (v1 where served, else
// v1alpha1), a forced generation sends only its paths, a failed question is asked again; where it is set (option,
// MODEL_CATALOG_API_VERSION, a context, mr-cli's flag), and that either generation's models read the same.
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { both, CATALOG_ROUTES } from "../../../src/catalog/catalog-api.js";
import type { CliIo } from "../../../src/cli/cli-io.js";
import { run } from "../../../src/cli/run.js";
import { resolveCatalogSettings } from "../../../src/config/resolve-catalog-settings.js";
import { envLayer } from "../../../src/config/settings-layer.js";
import {
  ApiVersionError,
  AuthError,
  CATALOG_API_PREFIX,
  ConfigError,
  catalogFromEnv,
  ModelCatalog,
  NotFoundError,
} from "../../../src/index.js";
import { useMockServer } from "../../support/msw.js";

const { server, requests } = useMockServer();
const BASE = "http://catalog.test";
const V1 = `${BASE}/api/model_catalog/v1`;
const ALPHA = `${BASE}/api/model_catalog/v1alpha1`;
const page = (items: unknown[]) => ({ items, nextPageToken: "", pageSize: 10, size: items.length });
const SOURCES = page([{ id: "demo", name: "Demo", labels: [], enabled: true, status: "available" }]);
const NOT_SERVED = () => new HttpResponse("404 page not found", { status: 404 });
const catalog = (options: Partial<ConstructorParameters<typeof ModelCatalog>[0]> = {}) =>
  new ModelCatalog({ url: BASE, retry: false, ...options });
const paths = () => requests.map((request) => new URL(request.url).pathname);

/** mr-cli run in-process: its exit code, stdout and stderr. */
async function cli(argv: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: { write: (t) => out.push(t) }, stderr: { write: (t) => err.push(t) }, env };
  const exitCode = await run(argv, io);
  return { exitCode, stdout: out.join(""), stderr: err.join("") };
}

/** A catalog serving v1 (and the alpha beside it, as current builds do), each model named by its generation. */
function servesV1() {
  server.use(
    http.get(`${V1}/sources`, () => HttpResponse.json(SOURCES)),
    http.get(`${V1}/models`, () => HttpResponse.json(page([{ id: "1", name: "org/m", sourceId: "demo" }]))),
    http.get(`${V1}/sources/:source/models/*`, () =>
      HttpResponse.json({ id: "1", name: "org/m", sourceId: "demo" }),
    ),
    http.get(`${ALPHA}/*`, () => HttpResponse.json({ code: "Gone", message: "not asked" }, { status: 500 })),
  );
}

/** A catalog without v1 (older builds): 404 under /v1. */
function alphaOnly() {
  server.use(
    http.get(`${V1}/*`, NOT_SERVED),
    http.get(`${ALPHA}/sources`, () => HttpResponse.json(SOURCES)),
    http.get(`${ALPHA}/models`, () =>
      HttpResponse.json(page([{ id: "1", name: "org/m", source_id: "demo" }])),
    ),
    http.get(`${ALPHA}/sources/:source/models/*`, () =>
      HttpResponse.json({ id: "1", name: "org/m", source_id: "demo" }),
    ),
  );
}

describe("catalog apiVersion auto", () => {
  it("uses /v1 where the catalog serves it, after one question, for every later call", async () => {
    servesV1();
    const c = catalog();
    await c.sources.list().toArray();
    await c.models.list().toArray();
    await c.models.get("demo", "org/m");
    expect(await c.apiVersion()).toEqual({ version: "v1", chosenBy: "probe" });
    expect(paths()).toEqual([
      "/api/model_catalog/v1/sources", // the question (pageSize=1)
      "/api/model_catalog/v1/sources",
      "/api/model_catalog/v1/models",
      "/api/model_catalog/v1/sources/demo/models/org%2Fm",
    ]);
    expect(new URL(requests[0]?.url ?? "").searchParams.get("pageSize")).toBe("1");
  });

  it("uses /v1alpha1 where /v1 is not served (404), at the cost of that one question", async () => {
    alphaOnly();
    const c = catalog();
    await c.sources.list().toArray();
    await c.models.list().toArray();
    expect(await c.apiVersion()).toEqual({ version: "v1alpha1", chosenBy: "probe" });
    expect(paths()).toEqual([
      "/api/model_catalog/v1/sources",
      "/api/model_catalog/v1alpha1/sources",
      "/api/model_catalog/v1alpha1/models",
    ]);
  });

  it("asks once for calls made together, and apiVersion() alone asks the same one question", async () => {
    servesV1();
    const c = catalog();
    await Promise.all([c.sources.list().toArray(), c.models.list().toArray(), c.apiVersion()]);
    expect(paths().filter((path) => path === "/api/model_catalog/v1/sources")).toHaveLength(2);
    expect(requests).toHaveLength(3);
  });

  it("throws a question with no clear answer as its typed error, and asks again on the next call", async () => {
    server.use(
      http.get(`${V1}/sources`, () =>
        HttpResponse.json({ code: "Unauthorized", message: "no" }, { status: 401 }),
      ),
    );
    const c = catalog();
    await expect(c.sources.list().toArray()).rejects.toBeInstanceOf(AuthError);
    servesV1();
    await c.sources.list().toArray();
    expect(await c.apiVersion()).toEqual({ version: "v1", chosenBy: "probe" });
    expect(paths()).toEqual([
      "/api/model_catalog/v1/sources",
      "/api/model_catalog/v1/sources",
      "/api/model_catalog/v1/sources",
    ]);
  });

  it("a missing model is still a NotFoundError on v1 (the catalog's JSON 404, not a missing route)", async () => {
    servesV1();
    server.use(
      http.get(`${V1}/sources/:source/models/*`, () =>
        HttpResponse.json({ code: "Not Found", message: "No model found 'x/y'" }, { status: 404 }),
      ),
    );
    await expect(catalog({ apiVersion: "v1" }).models.get("demo", "x/y")).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});

describe("catalog apiVersion forced", () => {
  it('"v1" and "v1alpha1" send only their own paths, with no question', async () => {
    servesV1();
    const v1 = catalog({ apiVersion: "v1" });
    await v1.models.list().toArray();
    expect(await v1.apiVersion()).toEqual({ version: "v1", chosenBy: "option" });
    alphaOnly();
    const alpha = catalog({ apiVersion: "v1alpha1" });
    await alpha.models.list().toArray();
    expect(await alpha.apiVersion()).toEqual({ version: "v1alpha1", chosenBy: "option" });
    expect(paths()).toEqual(["/api/model_catalog/v1/models", "/api/model_catalog/v1alpha1/models"]);
  });

  it('"v1" on a catalog without it is an ApiVersionError naming the setting, not a missing model', async () => {
    alphaOnly();
    const error = await catalog({ apiVersion: "v1" })
      .models.list()
      .toArray()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiVersionError);
    expect(String(error)).toMatch(/does not serve API v1, which catalogApiVersion "v1" asked for/);
    expect((error as ApiVersionError).fix).toEqual([
      { setting: "catalogApiVersion", value: "v1", source: "option" },
    ]);
  });

  it("refuses a generation that is not one of the choices before sending", () => {
    expect(() => catalog({ apiVersion: "v1alpha3" as never })).toThrow(
      /the catalog apiVersion option must be auto, v1 or v1alpha1, not "v1alpha3"/,
    );
    expect(requests).toEqual([]);
  });
});

describe("catalog models on both generations", () => {
  it("carry their source as sourceId and source_id, whichever generation answered", async () => {
    servesV1();
    const onV1 = await catalog({ apiVersion: "v1" }).models.get("demo", "org/m");
    alphaOnly();
    const onAlpha = await catalog({ apiVersion: "v1alpha1" }).models.get("demo", "org/m");
    for (const model of [onV1, onAlpha]) {
      expect(model.sourceId).toBe("demo");
      expect(model.source_id).toBe("demo");
    }
  });

  it("keep the alpha prefix as a deprecated name, and both generations' templates in one table", () => {
    expect(CATALOG_API_PREFIX).toBe("/api/model_catalog/v1alpha1");
    expect(CATALOG_ROUTES.model).toBe("/sources/{source_id}/models/{model_name+}");
    // @ts-expect-error: neither spec has such a path
    both("/sources/{sourceId}/models");
  });
});

describe("where the catalog's generation is set", () => {
  it("MODEL_CATALOG_API_VERSION, below an explicit option, and never the registry's variable", async () => {
    const env = { MODEL_CATALOG_URL: BASE, MODEL_CATALOG_API_VERSION: "v1alpha1" };
    expect(await resolveCatalogSettings({ env })).toMatchObject({
      apiVersion: "v1alpha1",
      sources: { apiVersion: "MODEL_CATALOG_API_VERSION" },
    });
    alphaOnly();
    const fromEnv = await catalogFromEnv({ env, retry: false });
    expect(await fromEnv.apiVersion()).toEqual({ version: "v1alpha1", chosenBy: "option" });
    const explicit = await catalogFromEnv({ env, apiVersion: "v1" });
    expect(await explicit.apiVersion()).toEqual({ version: "v1", chosenBy: "option" });
    const registryOnly = { MODEL_CATALOG_URL: BASE, MODEL_REGISTRY_API_VERSION: "v1alpha3" };
    expect((await resolveCatalogSettings({ env: registryOnly })).apiVersion).toBeUndefined();
    await expect(
      resolveCatalogSettings({ env: { MODEL_CATALOG_URL: BASE, MODEL_CATALOG_API_VERSION: "v2" } }),
    ).rejects.toThrow(/MODEL_CATALOG_API_VERSION must be auto, v1 or v1alpha1, not "v2"/);
    expect(requests).toEqual([]);
  });

  it("a context's catalogApiVersion, below the environment", async () => {
    const layers = [
      envLayer({}),
      { values: { catalogUrl: BASE, catalogApiVersion: "v1" }, source: "context lab" },
    ];
    expect(await resolveCatalogSettings({ env: {}, layers })).toMatchObject({
      apiVersion: "v1",
      sources: { apiVersion: "context lab" },
    });
    const env = { MODEL_CATALOG_API_VERSION: "v1alpha1" };
    const both = [envLayer(env), ...layers.slice(1)];
    expect((await resolveCatalogSettings({ env, layers: both })).apiVersion).toBe("v1alpha1");
  });

  it("mr-cli: --catalog-api-version, and info reports the generation and how it was chosen", async () => {
    servesV1();
    server.use(
      http.get("http://registry.test/api/model_registry/v1/registered_models", () =>
        HttpResponse.json({ items: [], nextPageToken: "", pageSize: 1, size: 0 }),
      ),
    );
    const env = {
      MODEL_REGISTRY_URL: "http://registry.test",
      MODEL_CATALOG_URL: BASE,
      MR_CLI_CONFIG: "/nonexistent/mr-cli-config.yaml",
      AWS_S3_BUCKET: "models",
    };
    const auto = await cli(["info", "-o", "json"], env);
    expect(JSON.parse(auto.stdout).catalog).toMatchObject({ apiVersion: "v1", apiVersionChosenBy: "probe" });
    const forced = await cli(["info", "-o", "json", "--catalog-api-version", "v1"], env);
    expect(JSON.parse(forced.stdout).catalog).toMatchObject({
      apiVersion: "v1",
      apiVersionChosenBy: "option",
    });
    const table = await cli(["info", "--catalog-api-version", "v1"], env);
    expect(table.stdout).toMatch(/API v1 \(chosen by option\)/);
    const wrong = await cli(["catalog", "sources", "--catalog-api-version", "v1alpha3"], env);
    expect(wrong.exitCode).toBe(2);
    expect(wrong.stderr).toMatch(/v1alpha1/);
  });

  it("ConfigError is what a bad setting throws", async () => {
    await expect(
      catalogFromEnv({ env: { MODEL_CATALOG_URL: BASE }, apiVersion: "beta" as never }),
    ).rejects.toBeInstanceOf(ConfigError);
  });
});
