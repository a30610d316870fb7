// npm run generate [-- --check]
// Turns api/model-registry.yaml into src/client/generated/schema.ts with openapi-typescript.
// With --check it writes nothing and fails when the committed file differs from what the spec gives.
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import { writeOrCheck } from "./write-or-check.mjs";

const root = new URL("..", import.meta.url);
const spec = new URL("api/model-registry.yaml", root);
const target = fileURLToPath(new URL("src/client/generated/schema.ts", root));

const BANNER = `/**
 * GENERATED FILE: DO NOT EDIT.
 * Made by \`npm run generate\` (openapi-typescript) from api/model-registry.yaml. Quirks of the API are handled
 * in src/client/, never here.
 */

`;

const ast = await openapiTS(spec, {
  // Fields with a server-side default (state, desiredState, …) stay optional in request bodies.
  defaultNonNullable: false,
  alphabetize: true,
});
const text = BANNER + astToString(ast);

writeOrCheck({
  path: target,
  label: "src/client/generated/schema.ts",
  text,
  source: "api/model-registry.yaml",
  fix: "npm run generate",
});
