// npm run demo: the stack is up (stack/up.sh ran first); show that every component answers.
// A later step of the project turns this into the full replay of the 2023 tech demo.
import { readFileSync } from "node:fs";

const env = Object.fromEntries(
  readFileSync(new URL("../.stack/env", import.meta.url), "utf8")
    .split("\n")
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
);

const checks = [
  ["Model Registry server", `${env.MODEL_REGISTRY_URL}/readyz/health`],
  [
    "Model Registry API",
    `${env.MODEL_REGISTRY_URL}/api/model_registry/v1alpha3/registered_models?pageSize=1`,
  ],
  ["moto S3", `${env.AWS_S3_ENDPOINT}/moto-api/`],
  ["versitygw S3", `${env.VERSITYGW_S3_ENDPOINT}/health`],
];
let failed = 0;
for (const [label, url] of checks) {
  const status = await fetch(url).then(
    (r) => r.status,
    (e) => `unreachable (${e.cause?.code ?? e.message})`,
  );
  if (status !== 200) failed++;
  console.log(`${status === 200 ? "ok  " : "FAIL"} ${label.padEnd(22)} ${url} → ${status}`);
}
process.exit(failed ? 1 : 0);
