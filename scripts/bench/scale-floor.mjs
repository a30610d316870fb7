// The floor under scale.mjs's memory comparison on Node: the same requests a registration by URI sends (the model
// looked up by name, then the model, version and artifact created), sent with Node's own http module and no library
// at all, <count> times in one process; then one JSON line: seconds, peak RSS (KiB). What the library adds on Node is
// the difference between this and scale-child.mjs.
//
//   node scripts/bench/scale-floor.mjs <registry-url> <prefix> <count>
const http = process.getBuiltinModule("node:http");
const [url, prefix, count] = process.argv.slice(2);
const base = `${url}/api/model_registry/v1alpha3`;

/** One JSON call; resolves to the parsed reply. */
function call(method, path, body) {
  return new Promise((resolve, reject) => {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const headers =
      text === undefined
        ? {}
        : { "content-type": "application/json", "content-length": Buffer.byteLength(text) };
    const request = http.request(`${base}${path}`, { method, headers }, (response) => {
      const chunks = [];
      response.on("data", (chunk) => chunks.push(chunk));
      response.on("end", () => {
        const reply = Buffer.concat(chunks).toString("utf8");
        if ((response.statusCode ?? 0) >= 400 && response.statusCode !== 404)
          reject(new Error(`${method} ${path}: ${response.statusCode} ${reply}`));
        else resolve(reply ? JSON.parse(reply) : undefined);
      });
    });
    request.on("error", reject);
    request.end(text);
  });
}

const started = performance.now();
for (let i = 0; i < Number(count); i++) {
  const name = `${prefix}-${i}`;
  await call("GET", `/registered_model?name=${encodeURIComponent(name)}`);
  const model = await call("POST", "/registered_models", { name, customProperties: {} });
  const version = await call("POST", `/registered_models/${model.id}/versions`, {
    name: "v1",
    registeredModelId: model.id,
    author: "bench",
    customProperties: {},
  });
  await call("POST", `/model_versions/${version.id}/artifacts`, {
    artifactType: "model-artifact",
    name: "v1",
    uri: `s3://models/${prefix}/${i}/`,
    modelFormatName: "onnx",
    modelFormatVersion: "1",
    customProperties: {},
  });
}
console.log(
  JSON.stringify({
    seconds: (performance.now() - started) / 1000,
    items: Number(count),
    maxRssKiB: process.resourceUsage().maxRSS,
  }),
);
