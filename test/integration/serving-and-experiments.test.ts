import { describe, expect, it } from "vitest";
import { ConfigError, ConflictError, NotFoundError } from "../../src/errors.js";
import { filter } from "../../src/index.js";
import { STACK_REGISTRIES, stackRegistry } from "../support/registry.js";
import { uniqueName } from "../support/unique.js";

const mr = stackRegistry();

// Serving runs on both registries; experiments exist only in API v1alpha3, and the raw-client error checks use its
// paths, so those run on the release.
describe.each(STACK_REGISTRIES)("on the $label", ({ url }) => {
  const mr = stackRegistry(url);

  async function modelWithVersion() {
    const model = await mr.registeredModels.create({ name: uniqueName("served") });
    const version = await mr.registeredModels.versions(model.id).create({ name: "v1" });
    return { model, version };
  }

  describe("serving environments, inference services and serves against the real server", () => {
    it("creates an environment and finds, gets, updates and lists it", async () => {
      const name = uniqueName("env");
      const env = await mr.servingEnvironments.create({ name, description: "prod" });
      expect(await mr.servingEnvironments.find({ name })).toMatchObject({ id: env.id });
      expect(await mr.servingEnvironments.get(env.id)).toMatchObject({ name, description: "prod" });
      expect(await mr.servingEnvironments.update(env.id, { description: "production" })).toMatchObject({
        description: "production",
      });
      const listed = await mr.servingEnvironments
        .list({ sortOrder: "DESC", pageSize: 2, limit: 10 })
        .toArray();
      expect(listed.map((e) => e.id)).toContain(env.id);
      await expect(mr.servingEnvironments.create({ name })).rejects.toBeInstanceOf(ConflictError);
    });

    it("deploys, undeploys and redeploys an inference service, keeping desiredState through other updates", async () => {
      const { model, version } = await modelWithVersion();
      const env = await mr.servingEnvironments.create({ name: uniqueName("env") });
      const isvc = await mr.servingEnvironments.inferenceServices(env.id).create({
        name: "mnist-e2e",
        registeredModelId: model.id,
        modelVersionId: version.id,
        runtime: "mmserver1",
        desiredState: "DEPLOYED",
      });
      expect(isvc).toMatchObject({
        servingEnvironmentId: env.id,
        desiredState: "DEPLOYED",
        runtime: "mmserver1",
      });
      await mr.inferenceServices.update(isvc.id, { desiredState: "UNDEPLOYED" });
      await mr.inferenceServices.update(isvc.id, { runtime: "mlserver" });
      expect(await mr.inferenceServices.get(isvc.id)).toMatchObject({
        desiredState: "UNDEPLOYED",
        runtime: "mlserver",
      });
      expect((await mr.inferenceServices.update(isvc.id, { desiredState: "DEPLOYED" })).desiredState).toBe(
        "DEPLOYED",
      );

      expect(
        await mr.inferenceServices.find({ name: "mnist-e2e", servingEnvironmentId: env.id }),
      ).toMatchObject({ id: isvc.id });
      expect(await mr.inferenceServices.model(isvc.id)).toMatchObject({ id: model.id });
      expect(await mr.inferenceServices.version(isvc.id)).toMatchObject({ id: version.id });
      const inEnv = await mr.servingEnvironments.inferenceServices(env.id).list().toArray();
      expect(inEnv.map((s) => s.id)).toEqual([isvc.id]);
      await expect(
        mr.servingEnvironments
          .inferenceServices(env.id)
          .create({ name: "mnist-e2e", registeredModelId: model.id }),
      ).rejects.toBeInstanceOf(ConflictError);
    });

    it("records serves of an inference service", async () => {
      const { model, version } = await modelWithVersion();
      const env = await mr.servingEnvironments.create({ name: uniqueName("env") });
      const isvc = await mr.inferenceServices.create({
        name: "svc",
        registeredModelId: model.id,
        servingEnvironmentId: env.id,
      });
      const serve = await mr.serves.create(isvc.id, {
        modelVersionId: version.id,
        lastKnownState: "RUNNING",
      });
      expect(serve).toMatchObject({ modelVersionId: version.id, lastKnownState: "RUNNING" });
      expect((await mr.serves.list(isvc.id).toArray()).map((s) => s.id)).toEqual([serve.id]);
    });

    it("pins the server's gaps: filterQuery is ignored on inference services, so the SDK refuses to send one", async () => {
      const { response, data } = await mr.api.GET("/api/model_registry/v1alpha3/inference_services", {
        params: { query: { filterQuery: 'name = "no-such-service-anywhere"', pageSize: "1" } },
      });
      expect(response.status).toBe(200);
      expect(data?.items?.length).toBe(1);
      expect(() => mr.inferenceServices.list({ filter: filter.eq("name", "x") } as never)).toThrow(
        ConfigError,
      );
    });
  });
});

describe("experiments and runs against the real server", () => {
  it("creates an experiment with runs, keeps run status through updates, and archives", async () => {
    const name = uniqueName("exp");
    const experiment = await mr.experiments.create({ name, owner: "ada" });
    expect(await mr.experiments.find({ name })).toMatchObject({ id: experiment.id });
    const run = await mr.experiments.runs(experiment.id).create({ name: "run_1", status: "FINISHED" });
    expect(run).toMatchObject({ experimentId: experiment.id, status: "FINISHED" });
    await mr.experimentRuns.update(run.id, { description: "baseline" });
    expect(await mr.experimentRuns.get(run.id)).toMatchObject({
      status: "FINISHED",
      state: "LIVE",
      description: "baseline",
    });
    expect(await mr.experimentRuns.find({ name: "run_1", experimentId: experiment.id })).toMatchObject({
      id: run.id,
    });
    const other = await mr.experimentRuns.create({ name: "run-2", experimentId: experiment.id });
    expect(
      (await mr.experiments.runs(experiment.id).list({ pageSize: 1 }).toArray()).map((r) => r.id),
    ).toEqual([run.id, other.id]);
    expect(
      await mr.experimentRuns.list({ filter: filter.eq("experimentId", Number(experiment.id)) }).toArray(),
    ).toHaveLength(2);

    await mr.experimentRuns.archive(run.id);
    expect(await mr.experimentRuns.get(run.id)).toMatchObject({ state: "ARCHIVED", status: "FINISHED" });
    expect((await mr.experiments.archive(experiment.id)).state).toBe("ARCHIVED");
    expect((await mr.experiments.update(experiment.id, { description: "done" })).state).toBe("ARCHIVED");
  });

  it("logs params and metrics on a run and reads the metric history back", async () => {
    const experiment = await mr.experiments.create({ name: uniqueName("exp") });
    const run = await mr.experimentRuns.create({ name: "r", experimentId: experiment.id });
    const artifacts = mr.experimentRuns.artifacts(run.id);
    await artifacts.upsert({ artifactType: "parameter", name: "lr", value: "0.01", parameterType: "number" });
    for (const [step, value] of [
      [1, 0.5],
      [2, 0.8],
      [3, 0.9],
    ] as const) {
      await artifacts.upsert({ artifactType: "metric", name: "accuracy", value, step });
    }
    const history = await mr.experimentRuns
      .metricHistory({ experimentRunId: run.id, name: "accuracy" })
      .toArray();
    expect(history.map((m) => m.value).sort()).toEqual([0.5, 0.8, 0.9]);
    const steps = await mr.experimentRuns
      .metricHistory({ experimentRunId: run.id, stepIds: [1, 3] })
      .toArray();
    expect(steps.map((m) => m.step).sort()).toEqual([1, 3]);
    expect((await artifacts.list({ artifactType: "parameter" }).toArray()).map((p) => p.name)).toEqual([
      "lr",
    ]);
    await expect(mr.experimentRuns.get("2147483001")).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("errors from the real server", () => {
  it("turns chi's plain-text 404 page into a NotFoundError with its text", async () => {
    const { response, error } = await mr.api.GET("/api/model_registry/v1alpha3/no_such_thing" as never);
    expect(response.status).toBe(404);
    expect(String(error)).toMatch(/404 page not found/);
  });
});
