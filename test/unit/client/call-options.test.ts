// Every public call takes its own signal, time limit, retries and headers; a listing resumes from a page's token.
import { delay, HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { ConfigError, ConnectionError, ServerError } from "../../../src/index.js";
import { API, mockRegistry, queryOf, useMockServer } from "../../support/msw.js";

const { server, requests } = useMockServer();
const MODEL = { id: "1", name: "mnist", customProperties: {} };
const VERSION = { id: "11", name: "v1", registeredModelId: "1", customProperties: {} };
const ENV = { id: "5", name: "prod", customProperties: {} };

/** Listing of 7 models; the token is the offset of the next item (`o3`), as a real token resumes right after the last
 * item sent. `ignorePageSize`: always 3 items per page, as an endpoint that ignores pageSize would. */
function sevenModels(ignorePageSize = false) {
  const all = Array.from({ length: 7 }, (_, i) => ({
    id: String(i + 1),
    name: `m${i + 1}`,
    customProperties: {},
  }));
  server.use(
    http.get(`${API}/registered_models`, ({ request }) => {
      const { nextPageToken, pageSize } = queryOf(request);
      const start = nextPageToken ? Number(nextPageToken.slice(1)) : 0;
      const items = all.slice(start, start + (ignorePageSize ? 3 : Number(pageSize)));
      const next = start + items.length < all.length ? `o${start + items.length}` : "";
      return HttpResponse.json({ items, size: items.length, pageSize, nextPageToken: next });
    }),
  );
}

describe("per-call options", () => {
  it("deploy sends the call's headers with every request it makes, and its token replaces the client's", async () => {
    server.use(
      http.get(`${API}/registered_model`, () => HttpResponse.json(MODEL)),
      http.get(`${API}/model_version`, () => HttpResponse.json(VERSION)),
      http.get(`${API}/serving_environment`, () => HttpResponse.json(ENV)),
      http.get(`${API}/inference_service`, () =>
        HttpResponse.json({ code: "Not Found", message: "none" }, { status: 404 }),
      ),
      http.get(`${API}/serving_environments/5/inference_services`, () =>
        HttpResponse.json({ items: [], size: 0, pageSize: 100, nextPageToken: "" }),
      ),
      http.post(`${API}/serving_environments/5/inference_services`, async ({ request }) =>
        HttpResponse.json(
          { id: "9", ...((await request.json()) as object), customProperties: {} },
          { status: 201 },
        ),
      ),
    );
    const mr = mockRegistry({ token: "client-token" });
    await mr.deploy({
      name: "mnist",
      version: "v1",
      servingEnvironment: "prod",
      headers: { "x-request-id": "trace-1", authorization: "Bearer call-token" },
    });
    expect(requests.length).toBeGreaterThanOrEqual(5);
    for (const request of requests) {
      expect(request.headers.get("x-request-id")).toBe("trace-1");
      expect(request.headers.get("authorization")).toBe("Bearer call-token");
    }
  });

  it("an aborted signal stops deploy and undeploy before any request", async () => {
    const mr = mockRegistry();
    const signal = AbortSignal.abort(new Error("stopped by the caller"));
    await expect(
      mr.deploy({ name: "mnist", version: "v1", servingEnvironment: "prod", signal }),
    ).rejects.toThrow("stopped by the caller");
    await expect(mr.undeploy({ inferenceServiceId: "9", signal })).rejects.toThrow("stopped by the caller");
    await expect(mr.getModelVersion("mnist", "v1", { signal })).rejects.toThrow("stopped by the caller");
    expect(requests).toEqual([]);
  });

  it("a call's retry setting overrides the client's: retry false sends a failing GET once", async () => {
    server.use(http.get(`${API}/registered_models/1`, () => new HttpResponse("busy", { status: 503 })));
    const mr = mockRegistry(); // 3 attempts by default here
    await expect(mr.registeredModels.get("1", { retry: false })).rejects.toBeInstanceOf(ServerError);
    expect(requests).toHaveLength(1);
    requests.length = 0;
    await expect(mr.registeredModels.get("1")).rejects.toBeInstanceOf(ServerError);
    expect(requests).toHaveLength(3);
  });

  it("a call's timeout overrides the client's, per attempt", async () => {
    server.use(
      http.get(`${API}/registered_models/1`, async () => {
        await delay(300);
        return HttpResponse.json(MODEL);
      }),
    );
    const mr = mockRegistry({ timeout: 5_000 });
    await expect(mr.registeredModels.get("1", { timeout: 20, retry: false })).rejects.toThrow(
      /no response from the Model Registry within 20 ms/,
    );
    await expect(mr.registeredModels.get("1", { timeout: 20, retry: false })).rejects.toBeInstanceOf(
      ConnectionError,
    );
    expect((await mr.registeredModels.get("1")).name).toBe("mnist");
  });

  it("refuses a timeout or retry setting that is not valid, sending nothing", async () => {
    const mr = mockRegistry();
    await expect(mr.registeredModels.get("1", { timeout: -1 })).rejects.toThrow(
      /the timeout of this call must be a whole number of milliseconds/,
    );
    await expect(mr.registeredModels.get("1", { retry: { attempts: 0 } })).rejects.toBeInstanceOf(
      ConfigError,
    );
    expect(requests).toEqual([]);
  });
});

describe("page tokens", () => {
  it("each page carries the token of the next; the last has none", async () => {
    sevenModels();
    const pages = [];
    for await (const page of mockRegistry().registeredModels.list({ pageSize: 3 }).pages())
      pages.push([page.items.map((m) => m.name).join(","), page.nextPageToken]);
    expect(pages).toEqual([
      ["m1,m2,m3", "o3"],
      ["m4,m5,m6", "o6"],
      ["m7", undefined],
    ]);
  });

  it("a listing resumes from a token: it asks for that page first and never for the pages before it", async () => {
    sevenModels();
    const rest = await mockRegistry().registeredModels.list({ pageSize: 3, nextPageToken: "o3" }).toArray();
    expect(rest.map((m) => m.name)).toEqual(["m4", "m5", "m6", "m7"]);
    expect(requests.map((r) => queryOf(r).nextPageToken ?? "")).toEqual(["o3", "o6"]);
  });

  it("a page that ends at limit gives the token that resumes right after it", async () => {
    sevenModels();
    const tokens = [];
    for await (const page of mockRegistry().registeredModels.list({ pageSize: 3, limit: 4 }).pages())
      tokens.push(page.nextPageToken);
    expect(tokens).toEqual(["o3", "o4"]); // the second page is asked for with pageSize 1
    const rest = await mockRegistry().registeredModels.list({ pageSize: 3, nextPageToken: "o4" }).toArray();
    expect(rest.map((m) => m.name)).toEqual(["m5", "m6", "m7"]);
  });

  it("a page cut short by limit (the server sent more than asked) gives no token: none resumes mid-page", async () => {
    sevenModels(true);
    const pages = [];
    for await (const page of mockRegistry().registeredModels.list({ pageSize: 3, limit: 4 }).pages())
      pages.push([page.items.length, page.nextPageToken]);
    expect(pages).toEqual([
      [3, "o3"],
      [1, undefined],
    ]);
  });
});

describe("calls that cannot be sent are refused with what to fix", () => {
  it("an empty or missing id, bad headers, a timeout given as text, and an aborted signal with a cached API version", async () => {
    const mr = mockRegistry();
    await expect(mr.registeredModels.get("")).rejects.toThrow(
      /an id is needed here .*not an empty string; nothing was sent/,
    );
    await expect(mr.registeredModels.get(undefined as unknown as string)).rejects.toBeInstanceOf(ConfigError);
    await expect(mr.registeredModels.get("1", { headers: { "bad name": "x" } })).rejects.toThrow(
      /not valid HTTP headers \(names: bad name/,
    );
    await expect(mr.registeredModels.get("1", { timeout: "5000" as unknown as number })).rejects.toThrow(
      /not "5000"/,
    );
    await expect(mr.apiVersion({ signal: AbortSignal.abort(new Error("stop")) })).rejects.toThrow("stop");
    await expect(mr.inferenceServices.find({ name: "" } as never)).rejects.toThrow(
      /^finding an inference service needs/,
    );
    expect(requests).toEqual([]);
  });

  it("the serves shortcut passes the call's options on", async () => {
    await expect(
      mockRegistry().serves.create(
        "9",
        { modelVersionId: "1" },
        { signal: AbortSignal.abort(new Error("stop")) },
      ),
    ).rejects.toThrow("stop");
    expect(requests).toEqual([]);
  });
});
