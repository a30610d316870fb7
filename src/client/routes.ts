// The path of each operation in each API generation, typed by the generated specs: a template that is not a path of
// that generation's spec, or lacks the method it is used with, does not compile. API v1 renamed the path parameters
// (`{registeredmodelId}` became `{registered_model_id}`) and removed experiment tracking, so each route names its
// template per generation.
import { ConfigError } from "../errors.js";
import type { ApiVersion } from "./api-version.js";
import type { paths as AlphaSpec } from "./generated/schema.js";
import type { paths as V1Spec } from "./generated/schema-v1.js";

type Under<S, Prefix extends string> = {
  [K in keyof S as K extends `${Prefix}${infer Rest}` ? Rest : never]: S[K];
};
/** The paths of API v1alpha3, without their prefix. */
export type AlphaPaths = Under<AlphaSpec, "/api/model_registry/v1alpha3">;
/** The paths of API v1, without their prefix. */
export type V1Paths = Under<V1Spec, "/api/model_registry/v1">;

/** The HTTP methods the resources use. */
export type Method = "get" | "post" | "patch";

/** The paths of a spec that have `method`. */
export type PathWith<S, M extends Method> = {
  [K in keyof S]: S[K] extends Record<M, object> ? K : never;
}[keyof S] &
  string;

/** One operation: its path template in each generation, `v1: null` where API v1 removed it. Templates hold at most
 * one `{parameter}`, filled with the call's `id`. */
export interface Route<M extends Method> {
  v1alpha3: PathWith<AlphaPaths, M>;
  v1: PathWith<V1Paths, M> | null;
}

type QueryOf<O> = O extends { parameters: { query?: infer Q } } ? keyof NonNullable<Q> : never;
type QueryKeysOf<S> = { [P in keyof S]: { [M in keyof S[P]]: QueryOf<S[P][M]> }[keyof S[P]] }[keyof S];
/** Every query parameter either spec defines (`pageSize`, `filterQuery`, `parentResourceId`, …). */
export type QueryKey = Extract<QueryKeysOf<AlphaPaths> | QueryKeysOf<V1Paths>, string>;

/** A route whose template is the same in both generations. */
export function same<P extends keyof AlphaPaths & keyof V1Paths & string>(path: P): { v1alpha3: P; v1: P } {
  return { v1alpha3: path, v1: path };
}

/** A route whose templates differ between the generations (API v1 renamed its path parameters). */
export function route<A extends keyof AlphaPaths & string, V extends keyof V1Paths & string>(
  v1alpha3: A,
  v1: V,
): { v1alpha3: A; v1: V } {
  return { v1alpha3, v1 };
}

/** A route of experiment tracking, which exists only in API v1alpha3. */
export function alphaOnly<A extends keyof AlphaPaths & string>(v1alpha3: A): { v1alpha3: A; v1: null } {
  return { v1alpha3, v1: null };
}

const PARAMETER = /\{([^}]+)\}/;

/** A route resolved for one generation: its template there, and openapi-fetch's path params filled with the id. */
export type Resolved<M extends Method> = (
  | { version: "v1"; template: PathWith<V1Paths, M> }
  | { version: "v1alpha3"; template: PathWith<AlphaPaths, M> }
) & { params: Record<string, string> | undefined };

/** The route in `version`, or `null` when that generation has no such operation. */
export function resolveRoute<M extends Method>(
  target: Route<M>,
  version: ApiVersion,
  id: string | undefined,
): Resolved<M> | null {
  const params = (template: string) => {
    const name = template.match(PARAMETER)?.[1];
    if (name === undefined) return undefined;
    // An empty id would address the collection (or another route) instead, and the 404 would blame the URL.
    if (typeof id !== "string" || id === "")
      throw new ConfigError(
        `an id is needed here (${template}), not ${id === "" ? "an empty string" : String(id)}; nothing was sent`,
      );
    return { [name]: id };
  };
  if (version === "v1")
    return target.v1 === null ? null : { version, template: target.v1, params: params(target.v1) };
  return { version, template: target.v1alpha3, params: params(target.v1alpha3) };
}

/** Every operation the resources use. The compiler checks each template against its generation's spec; the
 * method a route is used with is checked where it is used (`Route<"get"> & Route<"post">` and so on). */
export const ROUTES = {
  registeredModels: same("/registered_models"),
  registeredModel: route(
    "/registered_models/{registeredmodelId}",
    "/registered_models/{registered_model_id}",
  ),
  findRegisteredModel: same("/registered_model"),
  versionsOfModel: route(
    "/registered_models/{registeredmodelId}/versions",
    "/registered_models/{registered_model_id}/versions",
  ),
  modelVersions: same("/model_versions"),
  modelVersion: route("/model_versions/{modelversionId}", "/model_versions/{model_version_id}"),
  findModelVersion: same("/model_version"),
  artifactsOfVersion: route(
    "/model_versions/{modelversionId}/artifacts",
    "/model_versions/{model_version_id}/artifacts",
  ),
  modelArtifacts: same("/model_artifacts"),
  modelArtifact: route("/model_artifacts/{modelartifactId}", "/model_artifacts/{model_artifact_id}"),
  findModelArtifact: same("/model_artifact"),
  artifacts: same("/artifacts"),
  artifact: same("/artifacts/{id}"),
  findArtifact: same("/artifact"),
  servingEnvironments: same("/serving_environments"),
  servingEnvironment: route(
    "/serving_environments/{servingenvironmentId}",
    "/serving_environments/{serving_environment_id}",
  ),
  findServingEnvironment: same("/serving_environment"),
  servicesOfEnvironment: route(
    "/serving_environments/{servingenvironmentId}/inference_services",
    "/serving_environments/{serving_environment_id}/inference_services",
  ),
  inferenceServices: same("/inference_services"),
  inferenceService: route(
    "/inference_services/{inferenceserviceId}",
    "/inference_services/{inference_service_id}",
  ),
  findInferenceService: same("/inference_service"),
  modelOfService: route(
    "/inference_services/{inferenceserviceId}/model",
    "/inference_services/{inference_service_id}/model",
  ),
  versionOfService: route(
    "/inference_services/{inferenceserviceId}/version",
    "/inference_services/{inference_service_id}/version",
  ),
  servesOfService: route(
    "/inference_services/{inferenceserviceId}/serves",
    "/inference_services/{inference_service_id}/serves",
  ),
  experiments: alphaOnly("/experiments"),
  experiment: alphaOnly("/experiments/{experimentId}"),
  findExperiment: alphaOnly("/experiment"),
  runsOfExperiment: alphaOnly("/experiments/{experimentId}/experiment_runs"),
  experimentRuns: alphaOnly("/experiment_runs"),
  experimentRun: alphaOnly("/experiment_runs/{experimentrunId}"),
  findExperimentRun: alphaOnly("/experiment_run"),
  artifactsOfRun: alphaOnly("/experiment_runs/{experimentrunId}/artifacts"),
  metricHistory: alphaOnly("/experiment_runs/metric_history"),
  metricHistoryOfRun: alphaOnly("/experiment_runs/{experimentrunId}/metric_history"),
} as const;
