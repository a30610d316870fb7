// Runtime smoke test: imports the BUILT package (dist/) and uses it against the registry in MODEL_REGISTRY_URL.
// Run by test/integration/runtimes.test.ts under Deno (and any other runtime); prints one JSON line.
import { filter, ModelRegistry, NotFoundError } from "../../dist/index.js";

const mr = await ModelRegistry.fromEnv();
const name = `runtime-${globalThis.Deno ? "deno" : "node"}-${crypto.randomUUID().slice(0, 8)}`;
const created = await mr.registeredModels.create({ name, customProperties: { runtime: name, epochs: 3 } });
const found = await mr.registeredModels.find({ name });
const listed = await mr.registeredModels.list({ filter: filter.eq("runtime", name) }).toArray();
let notFound = false;
try {
  await mr.registeredModels.get("2147483002");
} catch (error) {
  notFound = error instanceof NotFoundError;
}
console.log(
  JSON.stringify({
    runtime: globalThis.Deno ? `deno ${globalThis.Deno.version.deno}` : `node ${process.version}`,
    createdId: created.id,
    foundId: found?.id,
    listedIds: listed.map((m) => m.id),
    epochs: found?.customProperties.epochs,
    notFound,
  }),
);
