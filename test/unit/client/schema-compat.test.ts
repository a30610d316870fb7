// The entity and body types the resources use come from the v1alpha3 spec. These compile-time checks (`npm run
// check` type-checks this file; a wrong claim fails it) prove they fit API v1 too: every body our types accept is a
// v1 body, and every entity v1 returns fits our entity types. The differences are named here:
// - experiment links (`experimentId`, `experimentRunId` on artifacts), which v1 dropped: the client refuses them on
//   v1 at run time (api-version.test.ts);
// - a metric's `step`, a number in v1alpha3's spec and a string (int64) in v1's. The v1 server of 2026-08 accepts
//   and returns a number and refuses a string ("cannot unmarshal string into Go struct field MetricCreate.step of
//   type int64"), so ours, the number, is what works (api-versions.test.ts logs one on the v1 server).
import { describe, expect, it } from "vitest";
import type { components as Alpha } from "../../../src/client/generated/schema.js";
import type { components as V1 } from "../../../src/client/generated/schema-v1.js";

type A = Alpha["schemas"];
type B = V1["schemas"];
/** `true` when every X is a Y. */
type Fits<X, Y> = [X] extends [Y] ? true : false;
type NoStep<T> = T extends unknown ? Omit<T, "step"> : never;
type NoLinks<T> = T extends unknown ? Omit<T, "experimentId" | "experimentRunId"> : never;

const bodies: {
  [K in
    | "RegisteredModelCreate"
    | "RegisteredModelUpdate"
    | "ModelVersionCreate"
    | "ModelVersionUpdate"
    | "ModelArtifactCreate"
    | "ModelArtifactUpdate"
    | "DocArtifactCreate"
    | "DocArtifactUpdate"
    | "DataSetCreate"
    | "DataSetUpdate"
    | "ParameterCreate"
    | "ParameterUpdate"
    | "ServingEnvironmentCreate"
    | "ServingEnvironmentUpdate"
    | "InferenceServiceCreate"
    | "InferenceServiceUpdate"
    | "ServeModelCreate"
    | "ServeModelUpdate"]: Fits<A[K], B[K]>;
} & { MetricCreate: Fits<NoStep<A["MetricCreate"]>, NoStep<B["MetricCreate"]>> } = {
  RegisteredModelCreate: true,
  RegisteredModelUpdate: true,
  ModelVersionCreate: true,
  ModelVersionUpdate: true,
  ModelArtifactCreate: true,
  ModelArtifactUpdate: true,
  DocArtifactCreate: true,
  DocArtifactUpdate: true,
  DataSetCreate: true,
  DataSetUpdate: true,
  ParameterCreate: true,
  ParameterUpdate: true,
  ServingEnvironmentCreate: true,
  ServingEnvironmentUpdate: true,
  InferenceServiceCreate: true,
  InferenceServiceUpdate: true,
  ServeModelCreate: true,
  ServeModelUpdate: true,
  MetricCreate: true,
};

const entities: {
  [K in
    | "RegisteredModel"
    | "ModelVersion"
    | "ModelArtifact"
    | "ServingEnvironment"
    | "InferenceService"
    | "ServeModel"]: Fits<B[K], A[K]>;
} & { Artifact: Fits<NoStep<B["Artifact"]>, NoStep<A["Artifact"]>> } = {
  RegisteredModel: true,
  ModelVersion: true,
  ModelArtifact: true,
  ServingEnvironment: true,
  InferenceService: true,
  ServeModel: true,
  Artifact: true,
};

const differences: {
  alphaLinks: Fits<"experimentId" | "experimentRunId", keyof A["ModelArtifact"]>;
  v1Links: Fits<"experimentId" | "experimentRunId", keyof B["ModelArtifact"]>;
  withoutLinks: Fits<NoLinks<A["ModelArtifact"]>, B["ModelArtifact"]>;
  step: Fits<A["MetricCreate"], B["MetricCreate"]>;
} = { alphaLinks: true, v1Links: false, withoutLinks: true, step: false };

describe("the v1alpha3 types the resources use, against the v1 spec", () => {
  it("fit it, but for the differences named above (checked by the compiler; these only list them)", () => {
    expect(Object.values(bodies).every(Boolean)).toBe(true);
    expect(Object.values(entities).every(Boolean)).toBe(true);
    expect(differences).toEqual({ alphaLinks: true, v1Links: false, withoutLinks: true, step: false });
  });
});
