// One view per kind (src/views/): the code that creates a value names its kind, the views read that name, and
// mr-cli's text and the notebook's HTML draw the same fields.
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { run } from "../../../src/cli/run.js";
import { decodeEntity, entityKind } from "../../../src/client/entity.js";
import type * as wire from "../../../src/client/types.js";
import { entityKindOf, kindOf } from "../../../src/views/kind-of.js";
import { tableFields, terminalFields } from "../../../src/views/view-of.js";
import { API, BASE, mockRegistry, useMockServer } from "../../support/msw.js";

const { server } = useMockServer();

const experiment = { id: "6", name: "exp", state: "LIVE", customProperties: {} } satisfies wire.Experiment;
const version = {
  id: "7",
  name: "v2",
  registeredModelId: "3",
  state: "LIVE",
  customProperties: {},
} satisfies wire.ModelVersion;
const service = {
  id: "12",
  name: "mnist-v2",
  servingEnvironmentId: "4",
  registeredModelId: "3",
  modelVersionId: "7",
  runtime: "ovms",
  desiredState: "DEPLOYED",
  customProperties: {},
} satisfies wire.InferenceService;
const page = (items: unknown[]) => HttpResponse.json({ items, nextPageToken: "", pageSize: 100, size: 1 });

describe("the kind of a value", () => {
  it("is what the client tagged it with, which a shape could not tell (an experiment looks like a model)", () => {
    const tagged = decodeEntity(experiment, "experiment");
    expect(kindOf(tagged)).toBe("experiment");
    expect(tagged).toEqual({ ...experiment });
    expect(JSON.stringify(tagged)).toBe(JSON.stringify(experiment));
  });

  it("of a copy made in user code falls back to its shape; an artifact's own type survives any copy", () => {
    expect(kindOf({ ...decodeEntity(experiment, "experiment") })).toBe("registered model");
    expect(kindOf(structuredClone(decodeEntity(version, "model version")))).toBe("model version");
    const artifact = { id: "9", artifactType: "doc-artifact", customProperties: {} };
    expect(kindOf(structuredClone(decodeEntity(artifact, "artifact")))).toBe("doc artifact");
  });

  it("of the facade's results is read from the entities they hold; they are no entities themselves", () => {
    const outcome = { inferenceService: decodeEntity(service), action: "created" };
    expect(kindOf(outcome)).toBe("deploy outcome");
    expect(entityKindOf(outcome)).toBeUndefined();
    expect(kindOf({ a: 1 })).toBeUndefined();
  });

  it("is tagged on children the client lists and creates (a model's versions)", async () => {
    server.use(
      http.get(`${API}/registered_models/3/versions`, () => page([version])),
      http.post(`${API}/registered_models/3/versions`, () => HttpResponse.json(version)),
    );
    const versions = mockRegistry().registeredModels.versions("3");
    const [listed] = await versions.list().toArray();
    expect(entityKind(listed as object)).toBe("model version");
    expect(entityKind(await versions.create({ name: "v2" }))).toBe("model version");
  });
});

describe("one view for both edges", () => {
  it("gives mr-cli and the notebook the same columns of a catalog model", () => {
    expect(terminalFields("catalog model")).toBe(tableFields(new Set(["catalog model"])));
  });

  it("heads mr-cli's deployments with the view's short labels, in capitals", async () => {
    server.use(http.get(`${API}/inference_services`, () => page([service])));
    const out: string[] = [];
    const io = {
      stdout: { write: (text: string) => out.push(text) },
      stderr: { write: () => {} },
      env: { MODEL_REGISTRY_URL: BASE, MR_CLI_CONFIG: "/nonexistent/mr-cli.yaml", NO_COLOR: "1" },
    };
    expect(await run(["list", "deployments", "--api-version", "v1alpha3"], io)).toBe(0);
    expect(out.join("").split("\n")).toEqual([
      "ID  NAME      ENV  MODEL  VERSION  DESIRED   RUNTIME",
      "12  mnist-v2  4    3      7        DEPLOYED  ovms",
      "",
    ]);
  });
});
