// The one transport both clients share: a Connection per server (what differs is its Service), one unwrap, and one
// paginate() over a Listing. The registry's and the catalog's suites exercise it through their clients; these pin
// the pieces themselves.
import { describe, expect, it } from "vitest";
import { CATALOG_SERVICE } from "../../../src/catalog/catalog-api.js";
import { ModelCatalog } from "../../../src/catalog/model-catalog.js";
import { Connection } from "../../../src/client/connection.js";
import { paginate } from "../../../src/client/listing.js";
import type { PageQuery } from "../../../src/client/paginate.js";
import { REGISTRY_SERVICE } from "../../../src/client/service.js";
import { ApiError, AuthError, ConfigError, ConnectionError, NotFoundError } from "../../../src/errors.js";

const refusing = async (): Promise<Response> => {
  throw new TypeError("fetch failed", {
    cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
  });
};

describe("Connection", () => {
  it("names its server in connection failures: the registry, or the model catalog", async () => {
    const options = { url: "http://server.test", fetch: refusing, retry: false as const };
    const registry = Connection.fromOptions(options, REGISTRY_SERVICE);
    const catalog = Connection.fromOptions(options, CATALOG_SERVICE);
    const send = (connection: Connection) =>
      connection.call({ subject: "x" }, {}, async (init) => {
        const response = await connection.send({
          method: "GET",
          url: `${connection.url}/api`,
          headers: {},
          ...init,
        });
        return { response };
      });
    await expect(send(registry)).rejects.toThrow(/cannot reach the Model Registry at http:\/\/server\.test/);
    await expect(send(catalog)).rejects.toThrow(/cannot reach the model catalog at http:\/\/server\.test/);
    await expect(send(catalog)).rejects.toBeInstanceOf(ConnectionError);
  });

  it("checks the address, time limit and retries before anything is sent, naming the catalog's option", () => {
    expect(() => Connection.fromOptions({ url: "" }, CATALOG_SERVICE)).toThrow(
      /the catalog url option is not set; set it to the model catalog's address/,
    );
    expect(() => Connection.fromOptions({ url: "http://h", timeout: -1 }, CATALOG_SERVICE)).toThrow(
      ConfigError,
    );
    expect(() =>
      Connection.fromOptions({ url: "http://h", retry: { attempts: 0 } }, REGISTRY_SERVICE),
    ).toThrow(ConfigError);
  });

  it("turns an error status into the typed error with its server's hint, scrubbing the token", async () => {
    const token = "s3cr3t-t0k3n";
    const fetch = async () =>
      Response.json({ code: "Unauthorized", message: `token ${token} refused` }, { status: 401 });
    const catalog = Connection.fromOptions({ url: "http://c.test", fetch, token }, CATALOG_SERVICE);
    const refused = await catalog
      .call({ subject: "catalog sources" }, {}, async (init) => {
        const response = await catalog.send({
          method: "GET",
          url: "http://c.test/api/model_catalog/v1alpha1/sources",
          headers: {},
          ...init,
        });
        return { error: JSON.parse(response.bodyText), response };
      })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AuthError);
    expect(String(refused)).toMatch(/MODEL_CATALOG_TOKEN/);
    expect(String(refused)).not.toContain(token);
  });

  it("sends the catalog's lists comma-separated and encodes path parameters as one segment", async () => {
    const requests: Request[] = [];
    const fetch = async (request: Request) => {
      requests.push(request);
      return Response.json({ items: [], nextPageToken: "" });
    };
    const catalog = new ModelCatalog({ url: "http://c.test", fetch, apiVersion: "v1alpha1" });
    await catalog.models.list({ source: ["a", "b"] }).toArray();
    await catalog.models.performanceArtifacts("my src", "org/m", { recommendations: true }).toArray();
    expect(new URL(requests[0]?.url ?? "").searchParams.getAll("source")).toEqual(["a,b"]);
    const performance = new URL(requests[1]?.url ?? "");
    expect(performance.pathname).toBe(
      "/api/model_catalog/v1alpha1/sources/my%20src/models/org%2Fm/artifacts/performance",
    );
    expect(performance.searchParams.get("recommendations")).toBe("true");
  });
});

describe("paginate", () => {
  it("sends only the paging parameters to fetchPage, decodes each item, and follows the token", async () => {
    const seen: PageQuery<"ID" | "NAME">[] = [];
    const listing = paginate(
      {
        fetchPage: async (page: PageQuery<"ID" | "NAME">) => {
          seen.push(page);
          return page.nextPageToken ? { items: [3] } : { items: [1, 2], nextPageToken: "p2" };
        },
        decode: (item: number) => `#${item}`,
        orderKeys: ["ID", "NAME"],
      },
      { pageSize: 2, orderBy: "NAME" },
    );
    expect(await listing.toArray()).toEqual(["#1", "#2", "#3"]);
    expect(seen).toEqual([
      { pageSize: "2", orderBy: "NAME", sortOrder: "ASC", nextPageToken: undefined },
      { pageSize: "2", orderBy: "NAME", sortOrder: "ASC", nextPageToken: "p2" },
    ]);
  });

  it("refuses a sort key outside orderKeys before fetching, and lets explain replace a page's failure", async () => {
    const fetchPage = async (): Promise<{ items: number[] }> => {
      throw new ApiError({
        status: 400,
        code: "Bad Request",
        serverMessage: "invalid model name",
        method: "GET",
        url: "/x",
      });
    };
    const decode = (item: number) => item;
    expect(() => paginate({ fetchPage, decode, orderKeys: ["ID"] }, { orderBy: "NAME" })).toThrow(
      /orderBy must be one of ID/,
    );
    const explained = paginate({
      fetchPage,
      decode,
      orderKeys: null,
      explain: async () => {
        throw new NotFoundError({
          status: 404,
          code: "Not Found",
          serverMessage: "no such model",
          method: "GET",
          url: "/x",
        });
      },
    });
    await expect(explained.toArray()).rejects.toBeInstanceOf(NotFoundError);
  });
});
