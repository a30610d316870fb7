// Pins the public signatures. These assertions are checked by the compiler (`npm run check` runs tsc over test/).
import { describe, expectTypeOf, it } from "vitest";
import type {
  Artifact,
  CallOptions,
  CustomPropertyValue,
  DeployParams,
  DownloadModelParams,
  ModelVersion,
  Page,
  PageOptions,
  Paginated,
  RegisteredModel,
  RegisterModelParams,
  UndeployParams,
  UndeployResult,
  VerifyModelParams,
} from "../../src/index.js";
import { ModelRegistry } from "../../src/index.js";

const mr = new ModelRegistry({ url: "http://registry.test" });

describe("public types", () => {
  it("returns entities with a required id and plain custom property values", () => {
    expectTypeOf(mr.registeredModels.get).returns.resolves.toEqualTypeOf<RegisteredModel>();
    expectTypeOf<RegisteredModel["id"]>().toEqualTypeOf<string>();
    expectTypeOf<RegisteredModel["customProperties"]>().toEqualTypeOf<Record<string, CustomPropertyValue>>();
    expectTypeOf(mr.registeredModels.find).returns.resolves.toEqualTypeOf<RegisteredModel | null>();
  });

  it("lists as an async iterable of entities", () => {
    expectTypeOf(mr.modelVersions.list()).toEqualTypeOf<Paginated<ModelVersion>>();
    expectTypeOf(mr.registeredModels.versions("1").list()).toEqualTypeOf<Paginated<ModelVersion>>();
  });

  it("narrows artifacts on artifactType", () => {
    const artifact = {} as Artifact;
    if (artifact.artifactType === "model-artifact")
      expectTypeOf(artifact.modelFormatName).toEqualTypeOf<string | undefined>();
    if (artifact.artifactType === "metric") expectTypeOf(artifact.value).toEqualTypeOf<number | undefined>();
  });

  it("takes only the find keys each entity supports", () => {
    expectTypeOf(mr.modelVersions.find)
      .parameter(0)
      .toEqualTypeOf<{ name: string; registeredModelId: string } | { externalId: string }>();
    expectTypeOf(mr.registeredModels.find)
      .parameter(0)
      .toEqualTypeOf<{ name: string } | { externalId: string }>();
  });

  it("offers no filter option where the server ignores filterQuery", () => {
    type Options<F extends (...args: never[]) => unknown> = NonNullable<Parameters<F>[0]>;
    expectTypeOf<Options<typeof mr.servingEnvironments.list>>().not.toHaveProperty("filter");
    expectTypeOf<Options<typeof mr.inferenceServices.list>>().not.toHaveProperty("filter");
    expectTypeOf<Options<typeof mr.registeredModels.list>>().toHaveProperty("filter");
  });

  it("exposes the raw typed client with every path of the spec", () => {
    // A typo in the path or a wrong parameter type would not compile.
    const call = () =>
      mr.api.GET("/api/model_registry/v1alpha3/registered_models/{registeredmodelId}/versions", {
        params: { path: { registeredmodelId: "1" }, query: { pageSize: "10", orderBy: "ID" } },
      });
    expectTypeOf(call).returns.resolves.toHaveProperty("data");
  });

  it("names a version the same way in every workflow: name and version", () => {
    type Names = { name: string; version: string };
    expectTypeOf<RegisterModelParams>().toExtend<Names>();
    expectTypeOf<DeployParams>().toExtend<Names>();
    expectTypeOf<DownloadModelParams>().toExtend<Names>();
    expectTypeOf<VerifyModelParams>().toExtend<Names>();
    expectTypeOf<DeployParams>().not.toHaveProperty("model");
    expectTypeOf<DownloadModelParams>().not.toHaveProperty("dir");
    expectTypeOf<RegisterModelParams>().not.toHaveProperty("artifact");
    expectTypeOf<VerifyModelParams>().not.toHaveProperty("concurrency"); // it is storage.concurrency
  });

  it("takes ids as …Id and names as the entity's word", () => {
    expectTypeOf<{ inferenceServiceId: string }>().toExtend<UndeployParams>();
    expectTypeOf<{ inferenceService: string; servingEnvironment: string }>().toExtend<UndeployParams>();
    expectTypeOf<{ inferenceService: string }>().not.toExtend<UndeployParams>();
    expectTypeOf(mr.undeploy).returns.resolves.toEqualTypeOf<UndeployResult>();
  });

  it("takes a signal in every call, and the registry calls take timeout, retry and headers too", () => {
    for (const params of [
      {} as RegisterModelParams,
      {} as DeployParams,
      {} as DownloadModelParams,
      {} as VerifyModelParams,
      {} as UndeployParams,
      {} as PageOptions,
      {} as CallOptions,
    ])
      expectTypeOf(params).toHaveProperty("signal");
    expectTypeOf(mr.registeredModels.get).parameter(1).toEqualTypeOf<CallOptions | undefined>();
    expectTypeOf(mr.getModelVersion).parameter(2).toEqualTypeOf<CallOptions | undefined>();
    expectTypeOf<DeployParams>().toExtend<CallOptions>();
    expectTypeOf<PageOptions>().toExtend<CallOptions>();
  });

  it("gives each page its token, and takes one to resume", () => {
    expectTypeOf<Page<ModelVersion>>().toEqualTypeOf<{
      items: ModelVersion[];
      nextPageToken: string | undefined;
    }>();
    expectTypeOf<PageOptions["nextPageToken"]>().toEqualTypeOf<string | undefined>();
  });
});
