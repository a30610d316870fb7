// The server fails a PATCH without customProperties on an entity holding a struct property (it decodes the stored
// JSON as base64); update() then resends the current properties, re-encoded, once.
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { BadRequestError } from "../../../src/index.js";
import { API, mockRegistry, useMockServer } from "../../support/msw.js";

const { server, requests } = useMockServer();
const VERSION = {
  id: "7",
  name: "v1",
  registeredModelId: "1",
  state: "LIVE",
  customProperties: { layers: { metadataType: "MetadataStructValue", struct_value: '{"a":1}' } },
};
const BASE64_FAILURE = {
  code: "Bad Request",
  message:
    "error setting field CustomProperties: bad request: unable to decode illegal base64 data at input byte 0 for key layers: bad request",
};

describe("update on an entity with a struct property", () => {
  it("resends the current properties, with the struct base64-encoded, after the server's base64 failure", async () => {
    const bodies: Record<string, unknown>[] = [];
    server.use(
      http.get(`${API}/model_versions/7`, () => HttpResponse.json(VERSION)),
      http.patch(`${API}/model_versions/7`, async ({ request }) => {
        const body = (await request.json()) as Record<string, unknown>;
        bodies.push(body);
        return body.customProperties
          ? HttpResponse.json({ ...VERSION, state: "ARCHIVED" })
          : HttpResponse.json(BASE64_FAILURE, { status: 400 });
      }),
    );
    const archived = await mockRegistry().modelVersions.archive("7");
    expect(archived.state).toBe("ARCHIVED");
    expect(bodies).toHaveLength(2);
    expect(bodies[1]?.customProperties).toEqual({
      layers: {
        metadataType: "MetadataStructValue",
        struct_value: Buffer.from('{"a":1}').toString("base64"),
      },
    });
  });

  it("passes any other 400 through untouched, without a second PATCH", async () => {
    server.use(
      http.patch(`${API}/model_versions/7`, () =>
        HttpResponse.json({ code: "Bad Request", message: "invalid state" }, { status: 400 }),
      ),
    );
    await expect(mockRegistry().modelVersions.archive("7")).rejects.toBeInstanceOf(BadRequestError);
    expect(requests.filter((request) => request.method === "PATCH")).toHaveLength(1);
  });
});
