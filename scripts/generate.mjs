// npm run generate [-- --check]
// Turns api/model-registry.yaml into src/client/generated/schema.ts with openapi-typescript.
// With --check it writes nothing and fails when the committed file differs from what the spec gives.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

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

if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(target, "utf8");
  } catch {}
  if (current !== text) {
    console.error(
      "src/client/generated/schema.ts is out of date with api/model-registry.yaml; run npm run generate",
    );
    process.exit(1);
  }
  console.log("src/client/generated/schema.ts matches api/model-registry.yaml");
} else {
  writeFileSync(target, text);
  console.log("wrote src/client/generated/schema.ts");
}
