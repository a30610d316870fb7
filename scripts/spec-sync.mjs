// npm run spec:sync [-- --check]
// Takes api/openapi/model-registry.yaml from the pinned server release (stack/server/go.mod) out of the Go module
// cache, keeps its structure (paths, operations, parameters, schemas, enums, formats, patterns, required lists) and
// drops its prose (descriptions, summaries, examples, titles), then writes api/model-registry.yaml.
// With --check it writes nothing and fails when the committed file differs from what the pin gives.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse, stringify } from "yaml";
import { writeOrCheck } from "./write-or-check.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const target = `${root}api/model-registry.yaml`;
const PROSE = new Set(["description", "summary", "example", "examples", "title", "externalDocs", "contact"]);
// Objects whose keys are names chosen by the spec's authors (a property may well be called "description").
const NAME_MAPS = new Set([
  "properties",
  "paths",
  "schemas",
  "responses",
  "parameters",
  "requestBodies",
  "securitySchemes",
  "headers",
  "content",
  "mapping",
  "links",
  "callbacks",
  "variables",
  "patternProperties",
]);

/** The spec without prose; `inNameMap` is true when the keys of `node` are names, not keywords. */
export function stripProse(node, inNameMap = false) {
  if (Array.isArray(node)) return node.map((item) => stripProse(item));
  if (node === null || typeof node !== "object") return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (!inNameMap && PROSE.has(key)) continue;
    out[key] = stripProse(value, !inNameMap && NAME_MAPS.has(key) && !Array.isArray(value));
  }
  return out;
}

function pinnedRelease() {
  const [module, version] = execFileSync("bash", [`${root}stack/build.sh`, "pin"], { encoding: "utf8" })
    .trim()
    .split(" ");
  if (!module || !version) throw new Error("no server pin in stack/server/go.mod");
  return { module, version };
}

function moduleDir({ module, version }) {
  const out = execFileSync("go", ["mod", "download", "-json", `${module}@${version}`], {
    encoding: "utf8",
    cwd: process.env.TMPDIR ?? "/tmp",
    env: { ...process.env, GOFLAGS: "-mod=mod" },
  });
  return JSON.parse(out).Dir;
}

function render(pin) {
  const spec = parse(readFileSync(`${moduleDir(pin)}/api/openapi/model-registry.yaml`, "utf8"));
  const stripped = stripProse(spec);
  stripped.info = { title: "Model Registry REST API", version: spec.info.version };
  const header = [
    `# Derived from ${pin.module}@${pin.version} api/openapi/model-registry.yaml by npm run spec:sync:`,
    "# the structure of the upstream spec with its prose removed. Do not edit; change the pin in stack/server/go.mod.",
  ].join("\n");
  return `${header}\n${stringify(stripped, { lineWidth: 0 })}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const pin = pinnedRelease();
  writeOrCheck({
    path: target,
    label: "api/model-registry.yaml",
    text: render(pin),
    source: `${pin.module}@${pin.version}`,
    fix: "npm run spec:sync",
  });
}
