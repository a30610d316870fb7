// The TypeScript side of scale.mjs's memory comparison, in a process of its own (Node, or Bun): <count> new models registered by URI
// through the library, then one JSON line: seconds, peak RSS (KiB), the storage code that was loaded (none is
// expected: a registration by URI needs no store, and the AWS SDK is loaded only by one that uploads) and whether
// undici was (on Node it is not expected: the client sends with Node's http module).
//
// The modules loaded are listed only with --modules, whose hooks cost memory of their own (about 0.5 MiB): the memory
// runs go without.
//
//   node scripts/bench/scale-child.mjs <registry-url> <prefix> <count> [--modules]   (or: bun scripts/bench/scale-child.mjs …)
import * as nodeModule from "node:module";

const [url, prefix, count, modules] = process.argv.slice(2);
// Every module resolved, where the runtime lets us see them (Node 22's module hooks; Bun has none: `storageModules`
// is then null).
const loaded = new Set();
const hooked = modules === "--modules" && typeof nodeModule.registerHooks === "function";
if (hooked)
  nodeModule.registerHooks({
    resolve(specifier, context, next) {
      const resolved = next(specifier, context);
      loaded.add(resolved.url);
      return resolved;
    },
  });
const { ModelRegistry } = await import(new URL("../../dist/index.js", import.meta.url).href);
const mr = new ModelRegistry({ url, author: "bench" });
const started = performance.now();
for (let i = 0; i < Number(count); i++)
  await mr.registerModel({
    name: `${prefix}-${i}`,
    version: "v1",
    uri: `s3://models/${prefix}/${i}/`,
    modelFormat: { name: "onnx", version: "1" },
  });
// The package is bundled: the stores are chunks of their own (dist/chunks/s3-store-<hash>.js, oci-store-…).
const storage = [...loaded].filter((u) => /@aws-sdk|@smithy|dist\/chunks\/(s3|oci)-store-/.test(u));
// Whether fetch's machinery (undici) was loaded: on Node the client sends with Node's http module instead.
const undici = globalThis.process?.moduleLoadList?.some((m) => m.includes("deps/undici")) ?? null;
console.log(
  JSON.stringify({
    seconds: (performance.now() - started) / 1000,
    items: Number(count),
    maxRssKiB: process.resourceUsage().maxRSS,
    undici,
    storageModules: hooked
      ? storage.map((u) => u.replace(/^.*node_modules\//, "").replace(/^.*dist\//, "dist/"))
      : null,
  }),
);
