// The one lookup by names (model → version → model artifact), as the Python client's get_model_version and
// get_model_artifact: exact names, at most one GET per level, and NotFoundError naming the first missing level.
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { ApiError, EntityNotFoundError } from "../../../src/index.js";
import { requireVersion } from "../../../src/workflows/lookup.js";
import { API, mockRegistry, queryOf, useMockServer } from "../../support/msw.js";

const { server, requests } = useMockServer();
const MODEL = { id: "1", name: "mnist", customProperties: {} };
const VERSION = { id: "2", name: "v3", registeredModelId: "1", customProperties: {} };
const ARTIFACT = {
  id: "3",
  name: "model",
  artifactType: "model-artifact",
  uri: "s3://b/k",
  customProperties: {},
};
const notFound = (what: string) =>
  HttpResponse.json({ code: "Not Found", message: `no ${what} found` }, { status: 404 });

function registry(has: { model?: boolean; version?: boolean; artifact?: boolean }) {
  server.use(
    http.get(`${API}/registered_model`, () =>
      has.model ? HttpResponse.json(MODEL) : notFound("registered model"),
    ),
    http.get(`${API}/model_version`, ({ request }) =>
      has.version && queryOf(request).parentResourceId === "1"
        ? HttpResponse.json(VERSION)
        : notFound("model version"),
    ),
    http.get(`${API}/model_versions/2/artifacts`, () =>
      HttpResponse.json({ items: has.artifact ? [ARTIFACT] : [], nextPageToken: "", pageSize: 10, size: 0 }),
    ),
  );
  return mockRegistry();
}
const paths = () =>
  requests.map((request) => new URL(request.url).pathname.replace("/api/model_registry/v1alpha3", ""));

describe("getModelVersion and getModelArtifact", () => {
  it("find the version and its artifact by names, one GET per level", async () => {
    const mr = registry({ model: true, version: true, artifact: true });
    expect(await mr.getModelVersion("mnist", "v3")).toMatchObject({ id: "2", name: "v3" });
    expect(paths()).toEqual(["/registered_model", "/model_version"]);
    expect(await mr.getModelArtifact("mnist", "v3")).toMatchObject({ id: "3", uri: "s3://b/k" });
    expect(paths().slice(2)).toEqual(["/registered_model", "/model_version", "/model_versions/2/artifacts"]);
  });

  it("answer null at the first missing level, without asking further", async () => {
    expect(await registry({}).getModelVersion("mnist", "v3")).toBeNull();
    expect(paths()).toEqual(["/registered_model"]);
    expect(await registry({ model: true }).getModelArtifact("mnist", "v3")).toBeNull();
    expect(await registry({ model: true, version: true }).getModelArtifact("mnist", "v3")).toBeNull();
  });
});

describe("requireVersion (deploy, download, verify, mr-cli)", () => {
  it.each([
    [{}, /registered model "mnist"/],
    [{ model: true }, /version "v3" of model "mnist"/],
    [{ model: true, version: true }, /the model artifact of version "v3" of model "mnist" does not exist/],
  ])("names the first missing level (%o) in an EntityNotFoundError", async (has, message) => {
    const failure = requireVersion(registry(has), { name: "mnist", version: "v3" });
    await expect(failure).rejects.toBeInstanceOf(EntityNotFoundError);
    await expect(failure).rejects.not.toBeInstanceOf(ApiError); // no response said 404: every request succeeded
    await expect(failure).rejects.toThrow(message);
  });

  it("does not ask for the artifact when told not to", async () => {
    const found = await requireVersion(
      registry({ model: true, version: true }),
      { name: "mnist", version: "v3" },
      {
        artifact: false,
      },
    );
    expect(found.modelVersion.id).toBe("2");
    expect(paths()).toEqual(["/registered_model", "/model_version"]);
  });
});
