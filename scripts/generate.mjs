// npm run generate [-- --check]
// Turns api/model-registry.yaml (API v1alpha3) into src/client/generated/schema.ts and api/model-registry-v1.yaml
// (API v1) into src/client/generated/schema-v1.ts, and the model catalog's api/model-catalog.yaml (v1alpha1) and
// api/model-catalog-v1.yaml (v1) into src/client/generated/catalog.ts and catalog-v1.ts, with openapi-typescript.
// With --check it writes nothing and fails when the committed file differs from what the spec gives.
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import { writeOrCheck } from "./write-or-check.mjs";

const root = new URL("..", import.meta.url);

const BANNER = `/**
 * GENERATED FILE: DO NOT EDIT.
 * Made by \`npm run generate\` (openapi-typescript) from api/model-registry.yaml. Quirks of the API are handled
 * in src/client/, never here.
 */

`;

for (const [spec, target] of [
  ["api/model-registry.yaml", "src/client/generated/schema.ts"],
  ["api/model-registry-v1.yaml", "src/client/generated/schema-v1.ts"],
  ["api/model-catalog.yaml", "src/client/generated/catalog.ts"],
  ["api/model-catalog-v1.yaml", "src/client/generated/catalog-v1.ts"],
]) {
  const ast = await openapiTS(new URL(spec, root), {
    // Fields with a server-side default (state, desiredState, …) stay optional in request bodies.
    defaultNonNullable: false,
    alphabetize: true,
  });
  writeOrCheck({
    path: fileURLToPath(new URL(target, root)),
    label: target,
    text: BANNER.replace("api/model-registry.yaml", spec) + astToString(ast),
    source: spec,
    fix: "npm run generate",
  });
}
