// Runtime smoke test: imports the BUILT package (dist/) and uses it against the registry and S3 storage named by
// the environment (MODEL_REGISTRY_URL, AWS_S3_*, and OCI_REGISTRY/OCI_USERNAME/OCI_PASSWORD when set). Run by test/integration/runtimes.test.ts under Node 22/24, Deno
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
// The same file as a modelcar image, pushed to the stack's OCI registry and read back (when the stack has one).
let oci = null;
if (process.env.OCI_REGISTRY) {
  const credentials = { username: process.env.OCI_USERNAME, password: process.env.OCI_PASSWORD };
  const pushed = await mr.registerModel({
    name,
    version: "v2",
    path: join(dir, "model.bin"),
    to: `oci://${process.env.OCI_REGISTRY}/runtime/${name}`,
    oci: { credentials },
    lineage: false,
  });
  const check = await mr.verifyModel({ name, version: "v2", oci: { credentials } });
  // The same bytes give the same image in every runtime: the test compares this digest with its own.
  const same = await mkdtemp(join(tmpdir(), "mr-runtime-same-"));
  await writeFile(join(same, "fixed.bin"), "the same bytes in every runtime\n");
  const fixed = await mr.registerModel({
    name,
    version: "v3",
    path: same,
    to: `oci://${process.env.OCI_REGISTRY}/runtime/${name}`,
    oci: { credentials },
    lineage: false,
  });
  oci = {
    status: pushed.status,
    layers: pushed.image?.layers,
    verified: check.ok,
    fixedDigest: fixed.image?.digest,
  };
}
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
    oci,
  }),
);
