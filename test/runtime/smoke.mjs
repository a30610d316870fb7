// Runtime smoke test: imports the BUILT package (dist/) and uses it against the registry and S3 storage named by
// the environment (MODEL_REGISTRY_URL, AWS_S3_*). Run by test/integration/runtimes.test.ts under Node 20/22/24, Deno
// and Bun; prints one JSON line.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { filter, ModelRegistry, NotFoundError } from "../../dist/index.js";

const runtime = globalThis.Deno
  ? `deno ${globalThis.Deno.version.deno}`
  : globalThis.Bun
    ? `bun ${globalThis.Bun.version}`
    : `node ${process.version}`;
const mr = await ModelRegistry.fromEnv();
const name = `runtime-${runtime.split(" ")[0]}-${crypto.randomUUID().slice(0, 8)}`;
const created = await mr.registeredModels.create({ name, customProperties: { runtime: name, epochs: 3 } });
const found = await mr.registeredModels.find({ name });
const listed = await mr.registeredModels.list({ filter: filter.eq("runtime", name) }).toArray();
let notFound = false;
try {
  await mr.registeredModels.get("2147483002");
} catch (error) {
  notFound = error instanceof NotFoundError;
}
const dir = await mkdtemp(join(tmpdir(), "mr-runtime-"));
await writeFile(join(dir, "model.bin"), `weights for ${runtime}`);
const registered = await mr.registerModel({
  name,
  version: "v1",
  path: join(dir, "model.bin"),
  lineage: false,
});
const verified = await mr.verifyModel({ name, version: "v1" });
console.log(
  JSON.stringify({
    runtime,
    createdId: created.id,
    foundId: found?.id,
    listedIds: listed.map((m) => m.id),
    epochs: found?.customProperties.epochs,
    notFound,
    registeredStatus: registered.status,
    registeredModelId: registered.registeredModel.id,
    verified: verified.ok,
  }),
);
