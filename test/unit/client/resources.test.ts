import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { wireCustomProperties } from "../../../src/client/entity.js";
import type {
  InferenceService,
  ModelVersion,
  RegisteredModel,
  RegisteredModelList,
} from "../../../src/client/types.js";
import { ConfigError, ConflictError } from "../../../src/errors.js";
import { API, mockRegistry, queryOf, useMockServer } from "../../support/msw.js";

const { server, requests } = useMockServer();

const rm = (id: string, name = `model-${id}`, extra: Partial<RegisteredModel> = {}) =>
  ({ id, name, state: "LIVE", customProperties: {}, ...extra }) satisfies RegisteredModel;

describe("listing", () => {
  it("walks every page, resending page size, order and filter with each token, and stops on an empty token", async () => {
    const pages: Record<string, RegisteredModelList> = {
      "": { items: [rm("1"), rm("2")], nextPageToken: "t1", pageSize: 2, size: 2 },
      t1: { items: [rm("3"), rm("4")], nextPageToken: "t2", pageSize: 2, size: 2 },
      t2: { items: [rm("5")], nextPageToken: "", pageSize: 2, size: 1 },
    };
    server.use(
      http.get(`${API}/registered_models`, ({ request }) => {
        const page = pages[new URL(request.url).searchParams.get("nextPageToken") ?? ""];
        return page
          ? HttpResponse.json(page)
          : HttpResponse.json({ code: "Bad Request", message: "bad token" }, { status: 400 });
      }),
    );
    const names: string[] = [];
    const listing = mockRegistry().registeredModels.list({
      pageSize: 2,
      orderBy: "ID",
      sortOrder: "DESC",
      filter: 'state = "LIVE"',
    });
    for await (const model of listing) names.push(model.name);
    expect(names).toEqual(["model-1", "model-2", "model-3", "model-4", "model-5"]);
    expect(requests.map(queryOf)).toEqual([
      { pageSize: "2", orderBy: "ID", sortOrder: "DESC", filterQuery: 'state = "LIVE"' },
      { pageSize: "2", orderBy: "ID", sortOrder: "DESC", filterQuery: 'state = "LIVE"', nextPageToken: "t1" },
      { pageSize: "2", orderBy: "ID", sortOrder: "DESC", filterQuery: 'state = "LIVE"', nextPageToken: "t2" },
    ]);
  });

  it("always sends a page size, 100 by default, because the server would otherwise return every row", async () => {
    server.use(
      http.get(`${API}/registered_models`, () =>
        HttpResponse.json({ items: [], nextPageToken: "", pageSize: 100, size: 0 }),
      ),
    );
    expect(await mockRegistry().registeredModels.list().toArray()).toEqual([]);
    expect(queryOf(requests[0] as Request)).toEqual({ pageSize: "100", orderBy: "ID", sortOrder: "ASC" });
  });

  it("sizes the pages to the limit and makes no request beyond it", async () => {
    server.use(
      http.get(`${API}/registered_models`, ({ request }) => {
        const size = Number(new URL(request.url).searchParams.get("pageSize"));
        const items = Array.from({ length: size }, (_, i) => rm(String(i + 1)));
        return HttpResponse.json({ items, nextPageToken: `after-${size}`, pageSize: size, size });
      }),
    );
    const got = await mockRegistry().registeredModels.list({ pageSize: 3, limit: 5 }).toArray();
    expect(got).toHaveLength(5);
    expect(requests.map((r) => queryOf(r).pageSize)).toEqual(["3", "2"]);
  });

  it("stops with an error when the server repeats a page token instead of looping forever", async () => {
    server.use(
      http.get(`${API}/registered_models`, () =>
        HttpResponse.json({ items: [rm("1")], nextPageToken: "same", pageSize: 1, size: 1 }),
      ),
    );
    await expect(mockRegistry().registeredModels.list({ pageSize: 1 }).toArray()).rejects.toThrow(
      /same nextPageToken twice/,
    );
    expect(requests).toHaveLength(2);
  });

  it("refuses a filter where the server would silently ignore it", () => {
    const mr = mockRegistry();
    expect(() => mr.servingEnvironments.list({ filter: 'name = "x"' } as never)).toThrow(ConfigError);
    expect(requests).toHaveLength(0);
  });

  it("refuses an orderBy the server would silently replace with ID", () => {
    expect(() => mockRegistry().registeredModels.list({ orderBy: "NAME" as never })).toThrow(
      /orderBy must be one of/,
    );
  });
});

describe("find", () => {
  it("returns the exact match for a plain name with one request", async () => {
    server.use(http.get(`${API}/registered_model`, () => HttpResponse.json(rm("7", "mnist"))));
    expect(await mockRegistry().registeredModels.find({ name: "mnist" })).toMatchObject({ id: "7" });
    expect(queryOf(requests[0] as Request)).toEqual({ name: "mnist" });
  });

  it("returns null when nothing has that name", async () => {
    server.use(
      http.get(`${API}/registered_model`, () =>
        HttpResponse.json({ code: "Not Found", message: "not found" }, { status: 404 }),
      ),
    );
    expect(await mockRegistry().registeredModels.find({ name: "nope" })).toBeNull();
    expect(requests).toHaveLength(1);
  });

  it("confirms a name holding LIKE wildcards by listing with an exact filter, ignoring look-alikes", async () => {
    server.use(
      http.get(`${API}/registered_model`, () =>
        HttpResponse.json(
          { code: "Not Found", message: "multiple registered models found" },
          { status: 404 },
        ),
      ),
      http.get(`${API}/registered_models`, () =>
        HttpResponse.json({ items: [rm("8", "a_c")], nextPageToken: "", pageSize: 100, size: 1 }),
      ),
    );
    expect(await mockRegistry().registeredModels.find({ name: "a_c" })).toMatchObject({
      id: "8",
      name: "a_c",
    });
    expect(queryOf(requests[1] as Request).filterQuery).toBe('name = "a_c"');
  });

  it("does not return a different entity the server matched by wildcard", async () => {
    server.use(
      http.get(`${API}/registered_model`, () => HttpResponse.json(rm("9", "abc"))),
      http.get(`${API}/registered_models`, () =>
        HttpResponse.json({ items: [], nextPageToken: "", pageSize: 100, size: 0 }),
      ),
    );
    expect(await mockRegistry().registeredModels.find({ name: "a_c" })).toBeNull();
  });

  it("finds a version by name under its model, sending the model as parentResourceId", async () => {
    const version = {
      id: "4",
      name: "v1",
      registeredModelId: "2",
      customProperties: {},
    } satisfies ModelVersion;
    server.use(http.get(`${API}/model_version`, () => HttpResponse.json(version)));
    expect(await mockRegistry().modelVersions.find({ name: "v1", registeredModelId: "2" })).toMatchObject({
      id: "4",
    });
    expect(queryOf(requests[0] as Request)).toEqual({ name: "v1", parentResourceId: "2" });
  });
});

describe("create and update", () => {
  it("encodes custom properties on create and decodes them on the way back", async () => {
    server.use(
      http.post(`${API}/registered_models`, async ({ request }) => {
        const body = (await request.json()) as RegisteredModel;
        return HttpResponse.json({ ...body, id: "3" } satisfies RegisteredModel, { status: 201 });
      }),
    );
    const created = await mockRegistry().registeredModels.create({
      name: "m",
      customProperties: { epochs: 10, accuracy: 0.98 },
    });
    expect(await requests[0]?.json()).toEqual({
      name: "m",
      customProperties: {
        epochs: { metadataType: "MetadataIntValue", int_value: "10" },
        accuracy: { metadataType: "MetadataDoubleValue", double_value: 0.98 },
      },
    });
    expect(created.customProperties).toEqual({ epochs: 10, accuracy: 0.98 });
    expect(wireCustomProperties(created).epochs).toEqual({
      metadataType: "MetadataIntValue",
      int_value: "10",
    });
  });

  it("surfaces a duplicate name as a ConflictError that names the model, the request and the server's words", async () => {
    server.use(
      http.post(`${API}/registered_models`, () =>
        HttpResponse.json(
          { code: "Conflict", message: "registered model with name m already exists: conflict" },
          { status: 409 },
        ),
      ),
    );
    const failure = mockRegistry().registeredModels.create({ name: "m" });
    await expect(failure).rejects.toBeInstanceOf(ConflictError);
    // The message names what was asked, the request and the server's words; the create was sent once, not retried.
    await expect(failure).rejects.toThrow(
      /^409 Conflict: new registered model "m" \(POST http:\/\/registry\.test\/api\/model_registry\/v1alpha3\/registered_models\): registered model with name m already exists/,
    );
    expect(requests.filter((r) => r.method === "POST")).toHaveLength(1);
  });

  it("sends the current state with a partial update, so an archived model stays archived", async () => {
    server.use(
      http.get(`${API}/registered_models/5`, () => HttpResponse.json(rm("5", "m", { state: "ARCHIVED" }))),
      http.patch(`${API}/registered_models/5`, async ({ request }) =>
        HttpResponse.json({ ...rm("5", "m", { state: "ARCHIVED" }), ...((await request.json()) as object) }),
      ),
    );
    await mockRegistry().registeredModels.update("5", { description: "better" });
    expect(requests.map((r) => r.method)).toEqual(["GET", "PATCH"]);
    expect(await requests[1]?.json()).toEqual({ description: "better", state: "ARCHIVED" });
  });

  it("skips the read when the patch already sets the state", async () => {
    server.use(
      http.patch(`${API}/registered_models/5`, () => HttpResponse.json(rm("5", "m", { state: "ARCHIVED" }))),
    );
    await mockRegistry().registeredModels.archive("5");
    expect(requests.map((r) => r.method)).toEqual(["PATCH"]);
    expect(await requests[0]?.json()).toEqual({ state: "ARCHIVED" });
  });

  it("keeps an undeployed service undeployed when its runtime changes", async () => {
    const isvc = {
      id: "6",
      registeredModelId: "1",
      servingEnvironmentId: "2",
      desiredState: "UNDEPLOYED",
      customProperties: {},
    } satisfies InferenceService;
    server.use(
      http.get(`${API}/inference_services/6`, () => HttpResponse.json(isvc)),
      http.patch(`${API}/inference_services/6`, () => HttpResponse.json(isvc)),
    );
    await mockRegistry().inferenceServices.update("6", { runtime: "mlserver" });
    expect(await requests[1]?.json()).toEqual({ runtime: "mlserver", desiredState: "UNDEPLOYED" });
  });

  it("merges custom properties when asked, removing keys set to null", async () => {
    const current = rm("5", "m", {
      customProperties: {
        keep: { metadataType: "MetadataStringValue", string_value: "k" },
        drop: { metadataType: "MetadataBoolValue", bool_value: true },
      },
    });
    server.use(
      http.get(`${API}/registered_models/5`, () => HttpResponse.json(current)),
      http.patch(`${API}/registered_models/5`, () => HttpResponse.json(current)),
    );
    await mockRegistry().registeredModels.update(
      "5",
      { customProperties: { drop: null, added: 1 } },
      { mergeCustomProperties: true },
    );
    expect(await requests[1]?.json()).toEqual({
      state: "LIVE",
      customProperties: {
        keep: { metadataType: "MetadataStringValue", string_value: "k" },
        added: { metadataType: "MetadataIntValue", int_value: "1" },
      },
    });
  });

  it("creates a version under its model with the model id in both the path and the body", async () => {
    server.use(
      http.post(`${API}/registered_models/2/versions`, async ({ request }) =>
        HttpResponse.json({ ...((await request.json()) as ModelVersion), id: "4" }, { status: 201 }),
      ),
    );
    await mockRegistry().registeredModels.versions("2").create({ name: "v1", author: "ada" });
    expect(await requests[0]?.json()).toEqual({ name: "v1", author: "ada", registeredModelId: "2" });
  });
});
