// The TypeScript side of scale.mjs's memory comparison, in a process of its own: <count> new models registered by URI
// through the library, then one JSON line: seconds, peak RSS (KiB) and the storage code that was loaded (none is
// expected: a registration by URI needs no store, and the AWS SDK is loaded only by one that uploads).
//
//   node scripts/bench/scale-child.mjs <registry-url> <prefix> <count>
import { registerHooks } from "node:module";

const loaded = new Set();
registerHooks({
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
    storageModules: storage.map((u) => u.replace(/^.*node_modules\//, "").replace(/^.*dist\//, "dist/")),
  }),
);
