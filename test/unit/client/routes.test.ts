// The route table: every template is a path of its generation's spec (checked by the compiler, the @ts-expect-error
// lines below fail `npm run check` if a wrong path ever compiles), every path of both specs has a route, and each
// generation gets its own parameter name.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { alphaOnly, ROUTES, type Route, resolveRoute, route, same } from "../../../src/client/routes.js";

const specPaths = (file: string, prefix: string) =>
  Object.keys(
    (parse(readFileSync(new URL(`../../../api/${file}`, import.meta.url), "utf8")) as { paths: object })
      .paths,
  )
    .map((path) => path.slice(prefix.length))
    .sort();

describe("routes", () => {
  it("cover every path of both specs, and nothing else", () => {
    const routes = Object.values(ROUTES);
    const alpha = [...new Set(routes.map((r) => r.v1alpha3))].sort();
    const v1 = [...new Set(routes.flatMap((r) => (r.v1 === null ? [] : [r.v1])))].sort();
    expect(alpha).toEqual(specPaths("model-registry.yaml", "/api/model_registry/v1alpha3"));
    expect(v1).toEqual(specPaths("model-registry-v1.yaml", "/api/model_registry/v1"));
  });

  it("only experiment tracking is missing from API v1", () => {
    const alphaOnlyRoutes = Object.values(ROUTES).filter((r) => r.v1 === null);
    expect(alphaOnlyRoutes.map((r) => r.v1alpha3).every((path) => path.startsWith("/experiment"))).toBe(true);
    expect(alphaOnlyRoutes.length).toBe(10);
  });

  it("fill each generation's own parameter with the id", () => {
    expect(resolveRoute<"get">(ROUTES.registeredModel, "v1alpha3", "7")).toEqual({
      version: "v1alpha3",
      template: "/registered_models/{registeredmodelId}",
      params: { registeredmodelId: "7" },
    });
    expect(resolveRoute<"get">(ROUTES.registeredModel, "v1", "7")).toEqual({
      version: "v1",
      template: "/registered_models/{registered_model_id}",
      params: { registered_model_id: "7" },
    });
    expect(resolveRoute<"get">(ROUTES.registeredModels, "v1", undefined)?.params).toBeUndefined();
    expect(resolveRoute<"get">(ROUTES.experiment, "v1", "1")).toBeNull();
    expect(() => resolveRoute<"get">(ROUTES.modelVersion, "v1", undefined)).toThrow(
      /an id is needed here \(\/model_versions\/{model_version_id}\), not undefined/,
    );
  });

  it("refuse, at compile time, paths a generation does not have and methods a path does not take", () => {
    // @ts-expect-error: v1 names the parameter registered_model_id, so this is not a v1 path
    same("/registered_models/{registeredmodelId}");
    // @ts-expect-error: v1alpha3 has no such path
    route("/registered_models/{registered_model_id}", "/registered_models/{registered_model_id}");
    // @ts-expect-error: API v1 has no experiments
    route("/experiments", "/experiments");
    // @ts-expect-error: the find route takes GET only
    const patchable: Route<"patch"> = ROUTES.findRegisteredModel;
    // @ts-expect-error: an experiment route cannot claim a v1 template
    const wrong: Route<"get"> = { v1alpha3: "/experiments", v1: "/experiments" };
    const right: Route<"get"> = alphaOnly("/experiments");
    expect([patchable, wrong, right].length).toBe(3);
  });
});
