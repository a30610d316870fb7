import { HttpResponse, http } from "msw";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RegisteredModel } from "../../../src/client/types.js";
import { ConfigError, ConnectionError, NotFoundError, ServerError, TokenError } from "../../../src/errors.js";
import { API, mockRegistry, useMockServer } from "../../support/msw.js";

// Node's own fetch, before msw replaces it: with it in place the client sends through Node's http module, which
// msw intercepts too, so each case runs over both senders (http-exchange.ts, node-http.ts).
const nodeFetch = globalThis.fetch;
const { server, requests } = useMockServer();

const model = { id: "1", name: "mnist", state: "LIVE", customProperties: {} } satisfies RegisteredModel;

describe.each(["fetch", "Node's http module"])("the transport over %s", (sender) => {
  let mswFetch: typeof fetch;
  beforeEach(() => {
    mswFetch = globalThis.fetch;
    if (sender !== "fetch") globalThis.fetch = nodeFetch;
  });
  afterEach(() => {
    globalThis.fetch = mswFetch;
  });

  it("sends a bearer token from a string, and the User-Agent with the package version", async () => {
    server.use(http.get(`${API}/registered_models/1`, () => HttpResponse.json(model)));
    await mockRegistry({ token: "s3cr3t" }).registeredModels.get("1");
    expect(requests[0]?.headers.get("authorization")).toBe("Bearer s3cr3t");
    expect(requests[0]?.headers.get("user-agent")).toMatch(/^model-registry-ts\/\d+\.\d+\.\d+/);
  });

  it("asks an async token provider on every request, so a rotated token is picked up", async () => {
    server.use(http.get(`${API}/registered_models/1`, () => HttpResponse.json(model)));
    const tokens = ["first", "second"];
    const mr = mockRegistry({ token: async () => tokens.shift() ?? "none" });
    await mr.registeredModels.get("1");
    await mr.registeredModels.get("1");
    expect(requests.map((r) => r.headers.get("authorization"))).toEqual(["Bearer first", "Bearer second"]);
  });

  it("sends no Authorization header without a token", async () => {
    server.use(http.get(`${API}/registered_models/1`, () => HttpResponse.json(model)));
    await mockRegistry().registeredModels.get("1");
    expect(requests[0]?.headers.has("authorization")).toBe(false);
  });

  it("retries a GET on 503 and honours Retry-After, then returns the answer", async () => {
    let calls = 0;
    server.use(
      http.get(`${API}/registered_models/1`, () => {
        calls++;
        if (calls < 3)
          return new HttpResponse("Datastore service is down", {
            status: 503,
            headers: { "retry-after": "0" },
          });
        return HttpResponse.json(model);
      }),
    );
    await expect(mockRegistry().registeredModels.get("1")).resolves.toMatchObject({ name: "mnist" });
    expect(calls).toBe(3);
  });

  it("gives up after the configured attempts with a ServerError that shows the server's text", async () => {
    let calls = 0;
    server.use(
      http.get(`${API}/registered_models/1`, () => {
        calls++;
        return new HttpResponse("Datastore service is down or unavailable", { status: 503 });
      }),
    );
    const failure = mockRegistry().registeredModels.get("1");
    await expect(failure).rejects.toBeInstanceOf(ServerError);
    await expect(failure).rejects.toThrow(/503 .*Datastore service is down/);
    expect(calls).toBe(3);
  });

  it("never retries a create on 503", async () => {
    let calls = 0;
    server.use(
      http.post(`${API}/registered_models`, () => {
        calls++;
        return new HttpResponse("busy", { status: 503 });
      }),
    );
    await expect(mockRegistry().registeredModels.create({ name: "m" })).rejects.toBeInstanceOf(ServerError);
    expect(calls).toBe(1);
  });

  it("does not retry with retry: false", async () => {
    let calls = 0;
    server.use(
      http.get(`${API}/registered_models/1`, () => {
        calls++;
        return new HttpResponse(null, { status: 502 });
      }),
    );
    await expect(mockRegistry({ retry: false }).registeredModels.get("1")).rejects.toBeInstanceOf(
      ServerError,
    );
    expect(calls).toBe(1);
  });

  it("maps a JSON 404 to NotFoundError naming the entity, method and URL", async () => {
    server.use(
      http.get(`${API}/registered_models/99`, () =>
        HttpResponse.json(
          { code: "Not Found", message: "no registered model found for id 99: not found" },
          { status: 404 },
        ),
      ),
    );
    const failure = mockRegistry().registeredModels.get("99");
    await expect(failure).rejects.toBeInstanceOf(NotFoundError);
    await expect(failure).rejects.toMatchObject({ status: 404, code: "Not Found", method: "GET" });
    await expect(failure).rejects.toThrow(
      "404 Not Found: registered model 99 (GET http://registry.test/api/model_registry/v1alpha3/registered_models/99): no registered model found for id 99: not found",
    );
  });

  it("turns a refused connection into a ConnectionError, retrying even a create because nothing reached the server", async () => {
    let calls = 0;
    const refusing = async () => {
      calls++;
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
      });
    };
    const failure = mockRegistry({ fetch: refusing }).registeredModels.create({ name: "m" });
    await expect(failure).rejects.toBeInstanceOf(ConnectionError);
    await expect(failure).rejects.toThrow(
      /cannot reach the Model Registry at http:\/\/registry\.test \(ECONNREFUSED\)/,
    );
    expect(calls).toBe(3);
  });

  it("times out a request that gets no answer", async () => {
    server.use(http.get(`${API}/registered_models/1`, () => new Promise<Response>(() => {})));
    const failure = mockRegistry({ timeout: 30, retry: false }).registeredModels.get("1");
    await expect(failure).rejects.toBeInstanceOf(ConnectionError);
    await expect(failure).rejects.toThrow(/no response from the Model Registry within 30 ms/);
  });

  it("stops at once when the caller aborts, without retrying", async () => {
    let calls = 0;
    server.use(
      http.get(`${API}/registered_models/1`, () => {
        calls++;
        return new Promise<Response>(() => {});
      }),
    );
    const controller = new AbortController();
    const failure = mockRegistry().registeredModels.get("1", { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("user cancelled")), 10);
    await expect(failure).rejects.toThrow("user cancelled");
    expect(calls).toBe(1);
  });

  it("never puts the token into an error message", async () => {
    server.use(
      http.get(`${API}/registered_models/1`, () =>
        HttpResponse.json({ code: "Unauthorized", message: "bad token" }, { status: 401 }),
      ),
    );
    const failure = mockRegistry({ token: "very-secret-token" }).registeredModels.get("1");
    await expect(failure).rejects.toThrow(/401/);
    await failure.catch((error: Error) =>
      expect(`${error.message}${error.stack}`).not.toContain("very-secret-token"),
    );
  });
});

describe("the transport refuses to leak secrets", () => {
  it("rejects a registry URL with credentials, showing it redacted", () => {
    expect(() => mockRegistry({ url: "http://user:s3cr3t@registry.test" })).toThrow(ConfigError);
    expect(() => mockRegistry({ url: "http://user:s3cr3t@registry.test" })).not.toThrow(/s3cr3t/);
  });

  it("rejects a registry URL that includes the API path, suggesting the base address", () => {
    expect(() => mockRegistry({ url: "http://registry.test/api/model_registry/v1alpha3" })).toThrow(
      /use http:\/\/registry\.test instead/,
    );
  });

  it("refuses a token a header cannot carry, without quoting it", async () => {
    const failure = mockRegistry({ token: "line1\nsecret-part" }).registeredModels.get("1");
    await expect(failure).rejects.toBeInstanceOf(TokenError);
    await failure.catch((error: Error) => expect(error.message).not.toContain("secret-part"));
  });

  it("reports a plain-text 404 (a path the server lacks) as a wrong URL, not as a missing entity", async () => {
    server.use(
      http.get(`${API}/registered_model`, () => new HttpResponse("404 page not found", { status: 404 })),
    );
    const failure = mockRegistry().registeredModels.find({ name: "mnist" });
    await expect(failure).rejects.toThrow(/check that the URL is the registry's base address/);
    await expect(failure).rejects.not.toBeInstanceOf(NotFoundError);
  });
});
