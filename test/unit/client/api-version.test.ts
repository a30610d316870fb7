// Choosing the REST API generation: auto asks once, forced versions send only their paths, deprecations are announced
// once, a retired API and experiments on v1 are typed errors.
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { describeError, exitCodeFor } from "../../../src/cli/exit-codes.js";
import { run } from "../../../src/cli/run.js";
import {
  ApiVersionError,
  AuthError,
  ConfigError,
  GoneError,
  ModelRegistry,
  NotFoundError,
  ServerError,
} from "../../../src/index.js";
import { BASE, useMockServer } from "../../support/msw.js";

const { server, requests } = useMockServer();
const V1 = `${BASE}/api/model_registry/v1`;
const ALPHA = `${BASE}/api/model_registry/v1alpha3`;
const EMPTY = { items: [], nextPageToken: "", pageSize: 0, size: 0 };
const DEPRECATED = {
  Deprecation: "true",
  Sunset: "Thu, 29 Apr 2027 00:00:00 GMT",
  Link: '</api/model_registry/v1/>; rel="successor-version"',
};
const client = (options: Partial<ConstructorParameters<typeof ModelRegistry>[0]> = {}) =>
  new ModelRegistry({ url: BASE, retry: false, ...options });
const paths = () => requests.map((request) => `${request.method} ${new URL(request.url).pathname}`);

describe("apiVersion auto", () => {
  it("uses /v1 where the server serves it, after one question", async () => {
    server.use(http.get(`${V1}/registered_models`, () => HttpResponse.json(EMPTY)));
    const mr = client();
    expect(mr.apiUrl).toBe(`${BASE}/api/model_registry/v1alpha3`); // not chosen yet
    await mr.registeredModels.list().toArray();
    await mr.registeredModels.list().toArray();
    expect(await mr.apiVersion()).toEqual({ version: "v1", chosenBy: "probe" });
    expect(mr.apiUrl).toBe(`${BASE}/api/model_registry/v1`); // messages name the URL in use
    expect(paths()).toEqual([
      "GET /api/model_registry/v1/registered_models",
      "GET /api/model_registry/v1/registered_models",
      "GET /api/model_registry/v1/registered_models",
    ]);
  });

  it("uses /v1alpha3 where /v1 is not served (404), at the cost of that one question", async () => {
    server.use(
      http.get(`${V1}/registered_models`, () => new HttpResponse("404 page not found", { status: 404 })),
      http.get(`${ALPHA}/registered_models`, () => HttpResponse.json(EMPTY)),
    );
    const mr = client();
    await mr.registeredModels.list().toArray();
    await mr.registeredModels.list().toArray();
    expect(await mr.apiVersion()).toEqual({ version: "v1alpha3", chosenBy: "probe" });
    expect(paths().filter((line) => line.includes("/v1/"))).toHaveLength(1);
  });

  it("moves to /v1 when an alpha response names it as the successor, and says so once", async () => {
    server.use(
      http.get(`${V1}/registered_models`, () => new HttpResponse("not here", { status: 404 })),
      http.get(`${ALPHA}/registered_models`, () => HttpResponse.json(EMPTY, { headers: DEPRECATED })),
    );
    const warnings: string[] = [];
    const mr = client({ onWarning: (message) => warnings.push(message) });
    await mr.registeredModels.list().toArray();
    server.use(http.get(`${V1}/registered_models`, () => HttpResponse.json(EMPTY)));
    await mr.registeredModels.list().toArray();
    expect(await mr.apiVersion()).toEqual({ version: "v1", chosenBy: "successor" });
    expect(paths().at(-1)).toBe("GET /api/model_registry/v1/registered_models");
    expect(warnings).toEqual([
      "the registry announces that API v1alpha3 is deprecated; its sunset is 2027-04-29: the client now uses API v1, which it names as the successor",
    ]);
  });

  it("a deprecation that names no successor keeps the client on v1alpha3, and the warning does not claim a move", async () => {
    const { Link: _, ...withoutLink } = DEPRECATED;
    server.use(
      http.get(`${V1}/registered_models`, () => new HttpResponse("not here", { status: 404 })),
      http.get(`${ALPHA}/registered_models`, () => HttpResponse.json(EMPTY, { headers: withoutLink })),
    );
    const warnings: string[] = [];
    const mr = client({ onWarning: (message) => warnings.push(message) });
    await mr.registeredModels.list().toArray();
    await mr.registeredModels.list().toArray();
    expect(await mr.apiVersion()).toEqual({ version: "v1alpha3", chosenBy: "probe" });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).not.toMatch(/now uses/);
    expect(warnings[0]).toMatch(/use API v1 once the server serves it/);
  });

  it.each([
    [500, ServerError, /500/],
    [401, AuthError, /401/],
  ])(
    "an unclear answer (%i) to the question is thrown as what it is, and the next call asks again",
    async (status, kind, text) => {
      server.use(
        http.get(
          `${V1}/registered_models`,
          () => HttpResponse.json({ code: "x", message: "no" }, { status }),
          {
            once: true,
          },
        ),
        http.get(`${V1}/registered_models`, () => new HttpResponse("404 page not found", { status: 404 })),
        http.get(`${ALPHA}/registered_models`, () => HttpResponse.json(EMPTY)),
      );
      const mr = client();
      const failure = mr.registeredModels.list().toArray();
      await expect(failure).rejects.toBeInstanceOf(kind);
      await expect(failure).rejects.toThrow(text);
      await mr.registeredModels.list().toArray();
      expect(await mr.apiVersion()).toEqual({ version: "v1alpha3", chosenBy: "probe" });
      expect(paths()).toEqual([
        "GET /api/model_registry/v1/registered_models",
        "GET /api/model_registry/v1/registered_models",
        "GET /api/model_registry/v1alpha3/registered_models",
      ]);
    },
  );
});

describe("a forced apiVersion", () => {
  it("v1alpha3 on a server that deprecates it: only alpha paths, and exactly one warning naming the sunset and the fix", async () => {
    server.use(
      http.get(`${ALPHA}/registered_models`, () => HttpResponse.json(EMPTY, { headers: DEPRECATED })),
    );
    const warnings: string[] = [];
    const mr = client({ apiVersion: "v1alpha3", onWarning: (message) => warnings.push(message) });
    for (let i = 0; i < 3; i++) await mr.registeredModels.list().toArray();
    expect(paths().every((line) => line.includes("/v1alpha3/"))).toBe(true);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /sunset is 2027-04-29: use API v1 \(apiVersion "v1"; apiVersion "auto" follows the server\)/,
    );
  });

  it("a 410 Gone says the alpha API was retired and what to use (mr-cli exit 2)", async () => {
    server.use(
      http.get(`${ALPHA}/registered_models`, () =>
        HttpResponse.json({ code: "Gone", message: "retired" }, { status: 410 }),
      ),
    );
    const failure = client({ apiVersion: "v1alpha3" }).registeredModels.list().toArray();
    await expect(failure).rejects.toBeInstanceOf(GoneError);
    const error = await failure.catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/410 .*retired this API generation .* use API v1/);
    expect(exitCodeFor(error)).toBe(2);
  });

  it("v1 on a server without it says so (exit 2), not that the URL is wrong", async () => {
    server.use(
      http.get(`${V1}/registered_models`, () => new HttpResponse("404 page not found", { status: 404 })),
    );
    const failure = client({ apiVersion: "v1" }).registeredModels.list().toArray();
    await expect(failure).rejects.toBeInstanceOf(ApiVersionError);
    await expect(failure).rejects.toThrow(
      /404 to \/api\/model_registry\/v1\/registered_models without its JSON: either it does not serve API v1.*apiVersion "auto" picks/,
    );
    const error = await failure.catch((e: unknown) => e);
    expect(exitCodeFor(error)).toBe(2);
    expect(error).toMatchObject({ fix: [{ setting: "apiVersion", value: "v1", source: "option" }] });
    expect(describeError(error, false)).toMatch(/--api-version v1 asked for \(--api-version auto picks/);
  });

  it("a missing entity on v1 stays a NotFoundError (the server's JSON 404)", async () => {
    server.use(
      http.get(`${V1}/registered_models/:id`, () =>
        HttpResponse.json({ code: "Not Found", message: "no registered model" }, { status: 404 }),
      ),
    );
    await expect(client({ apiVersion: "v1" }).registeredModels.get("99")).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(paths()).toEqual(["GET /api/model_registry/v1/registered_models/99"]);
  });

  it("an apiVersion that is none of auto, v1, v1alpha3 is refused at construction", () => {
    expect(() => client({ apiVersion: "v2" as "v1" })).toThrow(
      /the apiVersion option must be auto, v1 or v1alpha3, not "v2"/,
    );
  });

  it("an artifact linked to an experiment is refused on v1 (which would drop the link), before sending", async () => {
    const mr = client({ apiVersion: "v1" });
    // The create types have no such field; JavaScript callers and bodies read through v1alpha3 can still carry it.
    const linked = { artifactType: "metric", name: "loss", value: 1, experimentId: "1" } as const;
    const failure = mr.artifacts.create(linked as Parameters<typeof mr.artifacts.create>[0]);
    await expect(failure).rejects.toBeInstanceOf(ApiVersionError);
    expect(requests).toHaveLength(0);
  });

  it("experiments on v1 fail before anything is sent, as a ConfigError kind", async () => {
    const mr = client({ apiVersion: "v1" });
    const failure = mr.experiments.list().toArray();
    await expect(failure).rejects.toBeInstanceOf(ApiVersionError);
    await expect(failure).rejects.toBeInstanceOf(ConfigError);
    await expect(failure).rejects.toThrow(/API v1, which has no experiment tracking/);
    expect(requests).toHaveLength(0);
  });

  it("MODEL_REGISTRY_API_VERSION is read by fromEnv and checked", async () => {
    const env = { MODEL_REGISTRY_URL: BASE, MODEL_REGISTRY_API_VERSION: "v1" };
    expect(
      await (await ModelRegistry.fromEnv({ env, serviceAccountTokenPath: "/none" })).apiVersion(),
    ).toEqual({
      version: "v1",
      chosenBy: "option",
    });
    await expect(
      ModelRegistry.fromEnv({
        env: { ...env, MODEL_REGISTRY_API_VERSION: "v2" },
        serviceAccountTokenPath: "/none",
      }),
    ).rejects.toThrow(/MODEL_REGISTRY_API_VERSION must be auto, v1 or v1alpha3, not "v2"/);
  });
});

describe("mr-cli info", () => {
  it("prints what it knows when the token is refused, and exits 5", async () => {
    server.use(
      http.get(`${V1}/registered_models`, () =>
        HttpResponse.json({ code: "Unauthorized", message: "bad token" }, { status: 401 }),
      ),
    );
    const out: string[] = [];
    const err: string[] = [];
    const io = {
      stdout: { write: (text: string) => out.push(text) },
      stderr: { write: (text: string) => err.push(text) },
      env: { MODEL_REGISTRY_URL: BASE, MODEL_REGISTRY_TOKEN: "sekrit-token-123456", MR_CLI_CONFIG: "/none" },
    };
    expect(await run(["info", "-o", "json"], io)).toBe(5);
    expect(JSON.parse(out.join(""))).toMatchObject({
      apiVersion: null,
      access: "refused",
      refusal: "401 Unauthorized",
    });
    expect(`${out.join("")}${err.join("")}`).not.toContain("sekrit-token-123456");
  });
});
