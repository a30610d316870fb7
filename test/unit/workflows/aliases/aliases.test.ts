// Aliases against a registry in memory (msw): how they are stored (one `alias.<name>` custom property of the model,
// the version's name as its value), every place a version is named accepting `@alias`, and the errors.
import { HttpResponse, http } from "msw";
import { beforeEach, describe, expect, it } from "vitest";
import { ConfigError, EntityNotFoundError } from "../../../../src/index.js";
import { versionAliases } from "../../../../src/workflows/aliases/version-aliases.js";
import { serviceName } from "../../../../src/workflows/deploy/deploy.js";
import { API, mockRegistry, queryOf, useMockServer } from "../../../support/msw.js";

const { server, requests } = useMockServer();
type Props = Record<string, { metadataType: string; string_value?: string }>;
let model: { id: string; name: string; state: string; customProperties: Props };
const VERSIONS = [
  {
    id: "2",
    name: "v1",
    registeredModelId: "1",
    state: "LIVE",
    createTimeSinceEpoch: "1",
    customProperties: {},
  },
  {
    id: "3",
    name: "v2",
    registeredModelId: "1",
    state: "LIVE",
    createTimeSinceEpoch: "2",
    customProperties: {},
  },
  {
    id: "4",
    name: "v3",
    registeredModelId: "1",
    state: "ARCHIVED",
    createTimeSinceEpoch: "3",
    customProperties: {},
  },
];
const notFound = () => HttpResponse.json({ code: "Not Found", message: "no entity found" }, { status: 404 });

beforeEach(() => {
  model = {
    id: "1",
    name: "mnist",
    state: "ARCHIVED",
    customProperties: { team: { metadataType: "MetadataStringValue", string_value: "vision" } },
  };
  server.use(
    http.get(`${API}/registered_model`, ({ request }) =>
      queryOf(request).name === "mnist" ? HttpResponse.json(model) : notFound(),
    ),
    http.get(`${API}/registered_models/1`, () => HttpResponse.json(model)),
    http.patch(`${API}/registered_models/1`, async ({ request }) => {
      const body = (await request.json()) as typeof model;
      model = { ...model, ...body };
      return HttpResponse.json(model);
    }),
    http.get(`${API}/model_version`, ({ request }) => {
      const found = VERSIONS.find((v) => v.name === queryOf(request).name);
      return found ? HttpResponse.json(found) : notFound();
    }),
    http.get(`${API}/registered_models/1/versions`, ({ request }) => {
      const q = queryOf(request);
      const items = [...VERSIONS].sort(
        (a, b) =>
          (q.sortOrder === "DESC" ? -1 : 1) *
          (Number(a.createTimeSinceEpoch) - Number(b.createTimeSinceEpoch)),
      );
      return HttpResponse.json({ items, size: items.length, pageSize: items.length, nextPageToken: "" });
    }),
  );
});

const mr = () => mockRegistry();
const patches = async () =>
  Promise.all(
    requests
      .filter((r) => r.method === "PATCH")
      .map(async (r) => (await r.clone().json()) as Record<string, unknown>),
  );

describe("aliases: one custom property of the registered model per alias", () => {
  it("setAlias stores alias.<name> = the version's name beside the other properties, and keeps the model's state", async () => {
    const result = await mr().setAlias({ name: "mnist", alias: "champion", version: "v2", settleMs: 0 });
    expect(result).toMatchObject({ alias: "champion", version: "v2", previous: undefined, status: "set" });
    expect(await patches()).toEqual([
      {
        state: "ARCHIVED",
        customProperties: {
          team: { metadataType: "MetadataStringValue", string_value: "vision" },
          "alias.champion": { metadataType: "MetadataStringValue", string_value: "v2" },
        },
      },
    ]);
  });

  it("moves an alias (one version at a time), and writes nothing when it already names the version", async () => {
    const registry = mr();
    await registry.setAlias({ name: "mnist", alias: "champion", version: "v1", settleMs: 0 });
    expect(
      await registry.setAlias({ name: "mnist", alias: "@champion", version: "v2", settleMs: 0 }),
    ).toMatchObject({
      status: "moved",
      previous: "v1",
      version: "v2",
    });
    requests.length = 0;
    expect(
      await registry.setAlias({ name: "mnist", alias: "champion", version: "v2", settleMs: 0 }),
    ).toMatchObject({
      status: "unchanged",
    });
    expect(await patches()).toEqual([]);
    expect(await registry.listAliases({ name: "mnist" })).toEqual({ champion: "v2" });
  });

  it("points an alias at the version another alias names, and removes one", async () => {
    const registry = mr();
    await registry.setAlias({ name: "mnist", alias: "challenger", version: "v1", settleMs: 0 });
    await registry.setAlias({ name: "mnist", alias: "champion", version: "@challenger", settleMs: 0 });
    expect(await registry.listAliases({ name: "mnist" })).toEqual({ challenger: "v1", champion: "v1" });
    expect(await registry.removeAlias({ name: "mnist", alias: "challenger", settleMs: 0 })).toMatchObject({
      status: "removed",
      previous: "v1",
    });
    expect(await registry.removeAlias({ name: "mnist", alias: "challenger", settleMs: 0 })).toMatchObject({
      status: "unchanged",
    });
    expect(model.customProperties).not.toHaveProperty("alias.challenger");
    expect(model.customProperties).toHaveProperty("team");
  });

  it("names a version wherever one is named: getModelVersion, and the version found carries its aliases", async () => {
    const registry = mr();
    await registry.setAlias({ name: "mnist", alias: "champion", version: "v2", settleMs: 0 });
    await registry.setAlias({ name: "mnist", alias: "stable", version: "v2", settleMs: 0 });
    const version = await registry.getModelVersion("mnist", "@champion");
    expect(version).toMatchObject({ id: "3", name: "v2" });
    expect(versionAliases(version ?? {})).toEqual(["champion", "stable"]);
    expect((await registry.resolveAlias({ name: "mnist", alias: "stable" })).modelVersion.name).toBe("v2");
  });

  it("@latest is the newest version that is not archived", async () => {
    expect(await mr().getModelVersion("mnist", "@latest")).toMatchObject({ name: "v2" });
  });

  it("names the missing alias, with the model's aliases, as EntityNotFoundError", async () => {
    const registry = mr();
    await registry.setAlias({ name: "mnist", alias: "champion", version: "v2", settleMs: 0 });
    const resolving = registry.resolveAlias({ name: "mnist", alias: "prod" });
    await expect(resolving).rejects.toBeInstanceOf(EntityNotFoundError);
    await expect(resolving).rejects.toThrow(
      /alias "prod" of model "mnist" does not exist .*its aliases: champion/,
    );
    await expect(
      registry.setAlias({ name: "mnist", alias: "x", version: "v9", settleMs: 0 }),
    ).rejects.toThrow(/version "v9" of model "mnist" does not exist/);
  });

  it("refuses invalid aliases and setting latest before any request; registerModel refuses version names with @", async () => {
    const registry = mr();
    await expect(registry.setAlias({ name: "mnist", alias: "9lives", version: "v1" })).rejects.toBeInstanceOf(
      ConfigError,
    );
    await expect(registry.setAlias({ name: "mnist", alias: "latest", version: "v1" })).rejects.toThrow(
      /cannot be set/,
    );
    await expect(registry.getModelVersion("mnist", "@no way")).rejects.toThrow(/is not valid/);
    await expect(registry.registerModel({ name: "mnist", version: "@v4", uri: "s3://b/k" })).rejects.toThrow(
      /starts with "@"/,
    );
    expect(requests).toEqual([]);
  });

  it("deploying @champion names the service after the alias: the same service wherever the alias points", () => {
    expect(serviceName("mnist", "@champion")).toBe("mnist-champion-59493c");
    expect(serviceName("mnist", "v3")).toBe("mnist-v3");
    // No clash with a version named like the alias, nor with an alias differing in case.
    expect(serviceName("mnist", "champion")).toBe("mnist-champion");
    expect(serviceName("mnist", "@Champion")).not.toBe(serviceName("mnist", "@champion"));
  });
});
