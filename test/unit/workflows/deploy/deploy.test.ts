// deploy/undeploy against a fake registry (msw): which InferenceService requests each case sends, in milliseconds.
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { exitCodeFor } from "../../../../src/cli/exit-codes.js";
import {
  type DeployParams,
  EntityNotFoundError,
  InferenceServiceConflictError,
  type UndeployParams,
} from "../../../../src/index.js";
import { serviceName } from "../../../../src/workflows/deploy/deploy.js";
import { API, mockRegistry, queryOf, useMockServer } from "../../../support/msw.js";

const { server, requests } = useMockServer();
const MODEL = { id: "1", name: "mnist", customProperties: {} };
const VERSIONS = {
  v1: { id: "11", name: "v1", registeredModelId: "1" },
  v2: { id: "12", name: "v2", registeredModelId: "1" },
};
const ENV = { id: "5", name: "prod", customProperties: {} };
type Service = {
  id: string;
  name: string;
  servingEnvironmentId: string;
  registeredModelId: string;
  modelVersionId: string;
  desiredState: string;
  runtime?: string;
};
const notFound = () => HttpResponse.json({ code: "Not Found", message: "no entity found" }, { status: 404 });

/** The fake registry: a model with v1 and v2, the environment "prod", and `service` if given. */
function registry(options: { service?: Service; conflictOnCreate?: Service } = {}) {
  let service = options.service;
  server.use(
    http.get(`${API}/registered_model`, () => HttpResponse.json(MODEL)),
    http.get(`${API}/model_version`, ({ request }) => {
      const found = VERSIONS[queryOf(request).name as keyof typeof VERSIONS];
      return found ? HttpResponse.json({ ...found, customProperties: {} }) : notFound();
    }),
    http.get(`${API}/serving_environment`, ({ request }) =>
      queryOf(request).name === "prod" ? HttpResponse.json(ENV) : notFound(),
    ),
    http.get(`${API}/inference_service`, ({ request }) =>
      service && queryOf(request).name === service.name
        ? HttpResponse.json({ ...service, customProperties: {} })
        : notFound(),
    ),
    http.get(`${API}/inference_services/:id`, () => HttpResponse.json({ ...service, customProperties: {} })),
    // The environment's records, where a lookup by name looks for the controller's `<name>/<uid>` records.
    http.get(`${API}/serving_environments/5/inference_services`, () =>
      HttpResponse.json({
        items: service ? [{ ...service, customProperties: {} }] : [],
        size: service ? 1 : 0,
        pageSize: 100,
        nextPageToken: "",
      }),
    ),
    http.post(`${API}/serving_environments/5/inference_services`, async ({ request }) => {
      if (options.conflictOnCreate) {
        service = options.conflictOnCreate; // a concurrent deploy created it first
        return HttpResponse.json({ code: "Conflict", message: "exists" }, { status: 409 });
      }
      service = { id: "9", ...((await request.json()) as Omit<Service, "id">) };
      return HttpResponse.json({ ...service, customProperties: {} }, { status: 201 });
    }),
    http.patch(`${API}/inference_services/:id`, async ({ request }) => {
      service = { ...(service as Service), ...((await request.json()) as Partial<Service>) };
      return HttpResponse.json({ ...service, customProperties: {} });
    }),
  );
  return mockRegistry();
}
const writes = () =>
  requests
    .filter((r) => r.method !== "GET")
    .map((r) => `${r.method} ${new URL(r.url).pathname.replace(API.replace(/^http:\/\/[^/]+/, ""), "")}`);
const deployed = (version: "v1" | "v2", extra: Partial<Service> = {}): Service => ({
  id: "9",
  name: "mnist-v1",
  servingEnvironmentId: "5",
  registeredModelId: "1",
  modelVersionId: VERSIONS[version].id,
  desiredState: "DEPLOYED",
  ...extra,
});

describe("deploy", () => {
  it("creates the InferenceService, DEPLOYED, named <model>-<version>, when there is none", async () => {
    const result = await registry().deploy({
      name: "mnist",
      version: "v1",
      servingEnvironment: "prod",
      runtime: "mlserver",
    });
    expect(result.action).toBe("created");
    expect(result.inferenceService).toMatchObject({
      name: "mnist-v1",
      modelVersionId: "11",
      desiredState: "DEPLOYED",
      runtime: "mlserver",
    });
    expect(writes()).toEqual(["POST /serving_environments/5/inference_services"]);
  });

  it("writes nothing when the service already serves that version", async () => {
    const result = await registry({ service: deployed("v1") }).deploy({
      name: "mnist",
      version: "v1",
      servingEnvironment: "prod",
    });
    expect(result.action).toBe("unchanged");
    expect(writes()).toEqual([]);
  });

  it.each([
    ["redeployed", deployed("v1", { desiredState: "UNDEPLOYED" }), "v1"],
    ["updated", deployed("v1"), "v2"],
  ] as const)("%s: one PATCH that sets DEPLOYED and the version", async (action, service, version) => {
    const result = await registry({ service }).deploy({
      name: "mnist",
      version,
      servingEnvironment: "prod",
      inferenceService: "mnist-v1",
    });
    expect(result.action).toBe(action);
    expect(result.inferenceService).toMatchObject({
      desiredState: "DEPLOYED",
      modelVersionId: VERSIONS[version].id,
    });
    expect(writes()).toEqual(["PATCH /inference_services/9"]);
  });

  it("a concurrent deploy that created the service first (409) is found and taken over, not an error", async () => {
    const mr = registry({ conflictOnCreate: deployed("v2", { name: "mnist-v1" }) });
    const result = await mr.deploy({ name: "mnist", version: "v1", servingEnvironment: "prod" });
    expect(result.action).toBe("updated");
    expect(writes()).toEqual([
      "POST /serving_environments/5/inference_services",
      "PATCH /inference_services/9",
    ]);
  });

  it("refuses a service of that name that serves another model, changing nothing", async () => {
    const mr = registry({ service: deployed("v1", { registeredModelId: "77" }) });
    const failure = mr.deploy({ name: "mnist", version: "v1", servingEnvironment: "prod" });
    await expect(failure).rejects.toBeInstanceOf(InferenceServiceConflictError);
    expect(exitCodeFor(await failure.catch((e: unknown) => e))).toBe(4);
    await expect(failure).rejects.toThrow(/serves registered model 77, not 1/);
    expect(writes()).toEqual([]);
  });

  it("a missing environment says how to create it; a missing version names it", async () => {
    const mr = registry();
    await expect(mr.deploy({ name: "mnist", version: "v1", servingEnvironment: "staging" })).rejects.toThrow(
      /serving environment "staging" does not exist .*; pass createEnvironment/,
    );
    const missing = mr.deploy({ name: "mnist", version: "v9", servingEnvironment: "prod" });
    await expect(missing).rejects.toBeInstanceOf(EntityNotFoundError);
    expect(exitCodeFor(await missing.catch((e: unknown) => e))).toBe(3);
    await expect(missing).rejects.toThrow(/version "v9" of model "mnist"/);
    expect(writes()).toEqual([]);
  });
});

describe("undeploy", () => {
  it("sets UNDEPLOYED by name in an environment, and is unchanged the second time", async () => {
    const mr = registry({ service: deployed("v1") });
    expect((await mr.undeploy({ inferenceService: "mnist-v1", servingEnvironment: "prod" })).action).toBe(
      "undeployed",
    );
    expect((await mr.undeploy({ inferenceServiceId: "9" })).action).toBe("unchanged");
    expect(writes()).toEqual(["PATCH /inference_services/9"]);
  });
});

describe("planDeploy (mr-cli deploy --dry-run)", () => {
  it("plans what deploy does, sending only reads", async () => {
    const plan = await registry({ service: deployed("v1", { desiredState: "UNDEPLOYED" }) }).planDeploy({
      name: "mnist",
      version: "v1",
      servingEnvironment: "prod",
      inferenceService: "mnist-v1",
    });
    expect(plan).toMatchObject({ action: "redeploy", inferenceServiceName: "mnist-v1" });
    expect(requests.every((r) => r.method === "GET")).toBe(true);
  });

  it("refuses a name that serves another model, as deploy would", async () => {
    const mr = registry({ service: deployed("v1", { registeredModelId: "77" }) });
    await expect(
      mr.planDeploy({
        name: "mnist",
        version: "v1",
        servingEnvironment: "prod",
        inferenceService: "mnist-v1",
      }),
    ).rejects.toBeInstanceOf(InferenceServiceConflictError);
    expect(writes()).toEqual([]);
  });
});

describe("deploy and undeploy parameters", () => {
  it("names the missing field instead of failing in a lookup", async () => {
    const mr = registry();
    const old = { model: "mnist", version: "v1", servingEnvironment: "prod" } as unknown as DeployParams;
    await expect(mr.deploy(old)).rejects.toThrow(/^deploy needs name: the registered model's name$/);
    await expect(mr.undeploy({ inferenceService: "9" } as unknown as UndeployParams)).rejects.toThrow(
      /undeploy needs inferenceServiceId \(the InferenceService's id\), or inferenceService and servingEnvironment/,
    );
    await expect(mr.undeploy({ inferenceServiceId: "" })).rejects.toThrow(
      /inferenceServiceId must be the id/,
    );
    expect(requests).toEqual([]);
  });

  it("refuses a service name KServe would refuse, and makes default names KServe accepts", async () => {
    await expect(
      registry().deploy({
        name: "mnist",
        version: "v1",
        servingEnvironment: "prod",
        inferenceService: "9-lives",
      }),
    ).rejects.toThrow(/not one KServe accepts/);
    expect(serviceName("MNIST", "v2")).toBe("mnist-v2");
    expect(serviceName("3d", "v1")).toBe("m-3d-v1");
    // Characters replaced or dropped, or the name cut: a hash of both names keeps versions and models apart.
    expect(serviceName("3D Model", "v1.0")).toMatch(/^m-3d-model-v1-0-[0-9a-f]{6}$/);
    expect(serviceName("MNIST_cnn", "v2")).toMatch(/^mnist-cnn-v2-[0-9a-f]{6}$/);
    expect(serviceName("MNIST_cnn", "v2")).not.toBe(serviceName("MNIST.cnn", "v2"));
    const long = "x".repeat(80);
    expect(serviceName(long, "v1")).toHaveLength(53);
    expect(serviceName(long, "v1")).not.toBe(serviceName(long, "v2"));
    expect(serviceName("模型", "版本")).not.toBe(serviceName("___", "---"));
    for (const name of [serviceName("模型", "版本"), serviceName("--", "--"), serviceName(long, "v1")])
      expect(name).toMatch(/^[a-z]([-a-z0-9]*[a-z0-9])?$/);
  });
});
