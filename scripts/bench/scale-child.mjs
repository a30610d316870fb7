// The TypeScript side of scale.mjs's memory comparison, in a process of its own (Node, or Bun): <count> new models registered by URI
// through the library, then one JSON line: seconds, peak RSS (KiB) and the storage code that was loaded (none is
// expected: a registration by URI needs no store, and the AWS SDK is loaded only by one that uploads).
//
//   node scripts/bench/scale-child.mjs <registry-url> <prefix> <count>      (or: bun scripts/bench/scale-child.mjs …)
import * as nodeModule from "node:module";

// Every module resolved, where the runtime lets us see them (Node 22's module hooks; Bun has none: `storageModules`
// is then null).
const loaded = new Set();
const hooked = typeof nodeModule.registerHooks === "function";
nodeModule.registerHooks?.({
  resolve(specifier, context, next) {
    const resolved = next(specifier, context);
    loaded.add(resolved.url);
    return resolved;
  },
});
const [url, prefix, count] = process.argv.slice(2);
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
const storage = [...loaded].filter((u) =>
  /@aws-sdk|@smithy|dist\/storage\/(s3|oci)\/(s3-store|oci-store|upload|multipart|modelcar)/.test(u),
);
console.log(
  JSON.stringify({
    seconds: (performance.now() - started) / 1000,
    items: Number(count),
    maxRssKiB: process.resourceUsage().maxRSS,
    storageModules: hooked
      ? storage.map((u) => u.replace(/^.*node_modules\//, "").replace(/^.*dist\//, "dist/"))
      : null,
  }),
);
