// The display hook as Deno's Jupyter kernel sees it. Deno's kernel (cli/js/40_jupyter.js) formats a cell's value
// with `if ($display in obj && typeof obj[$display] === "function") return await obj[$display]()`, where
// `$display = Symbol.for("Jupyter.display")`, and Deno.jupyter exists only there. The package entry installs the
// decorator (src/jupyter-display.ts), which looks for Deno.jupyter the first time the client produces a value, so
// this file stubs it before that (vitest isolates test files).
import { HttpResponse, http } from "msw";
import { afterAll, describe, expect, it, vi } from "vitest";
import type * as wire from "../../../src/client/types.js";
import type { MimeBundle } from "../../../src/notebook/mime-bundle.js";
import { API, mockRegistry, useMockServer } from "../../support/msw.js";

vi.stubGlobal("Deno", { jupyter: { display: async () => {} } });
afterAll(() => {
  vi.unstubAllGlobals();
});
await import("../../../src/index.js");
const { decodeEntity } = await import("../../../src/client/entity.js");

const { server } = useMockServer();
const $display = Symbol.for("Jupyter.display");

/** What Deno's kernel does with a cell's value. */
async function formatLikeDeno(value: unknown): Promise<MimeBundle | undefined> {
  if (value !== null && typeof value === "object" && $display in value) {
    const method = (value as Record<symbol, unknown>)[$display];
    if (typeof method === "function") return await method.call(value);
  }
  return undefined;
}

const raw = {
  id: "3",
  name: "mnist",
  state: "LIVE",
  customProperties: { accuracy: { metadataType: "MetadataDoubleValue", double_value: 0.98 } },
} satisfies wire.RegisteredModel;

describe("in Deno's Jupyter kernel", () => {
  it("an entity has a display method that Deno's kernel renders as a card", async () => {
    const bundle = await formatLikeDeno(decodeEntity(raw));
    expect(bundle?.["text/html"]).toContain("<strong>mnist</strong>");
    expect(bundle?.["text/plain"]).toMatch(/^registered model "mnist"/);
  });

  it("the method is non-enumerable: JSON, spreading, Object.keys and toEqual see the plain entity", () => {
    const entity = decodeEntity(raw);
    const plain = { id: "3", name: "mnist", state: "LIVE", customProperties: { accuracy: 0.98 } };
    expect(Object.getOwnPropertyDescriptor(entity, $display)?.enumerable).toBe(false);
    expect(JSON.stringify(entity)).toBe(JSON.stringify(plain));
    expect(Object.keys(entity)).toEqual(Object.keys(plain));
    expect($display in { ...entity }).toBe(false);
    expect(entity).toEqual(plain);
    expect(entity).toStrictEqual(plain);
  });

  it("a listing renders as a table, fetching only what it shows and counts", async () => {
    server.use(
      http.get(`${API}/registered_models`, () =>
        HttpResponse.json({
          items: [raw, { ...raw, id: "4", name: "other" }],
          nextPageToken: "",
          pageSize: 100,
          size: 2,
        }),
      ),
    );
    const mr = mockRegistry();
    const listing = mr.registeredModels.list();
    const bundle = await formatLikeDeno(listing);
    expect(bundle?.["text/plain"]).toContain("2 registered models");
    expect(bundle?.["text/html"]).toContain("other");
    const array = await listing.toArray();
    expect((await formatLikeDeno(array))?.["text/plain"]).toContain("2 registered models");
    expect(array).toEqual([decodeEntity(raw), decodeEntity({ ...raw, id: "4", name: "other" })]);
  });
});
