// npm run spec:sync [-- --check]
// Takes api/openapi/model-registry.yaml from the pinned server release (stack/server/go.mod) out of the Go module
// cache, keeps its structure (paths, operations, parameters, schemas, enums, formats, patterns, required lists) and
// drops its prose (descriptions, summaries, examples, titles), then writes api/model-registry.yaml (API v1alpha3).
// The same for api/openapi/model-registry-v1.yaml (and the model catalog's specs: api/openapi/catalog.yaml, its
// v1alpha1, into api/model-catalog.yaml; api/openapi/catalog-v1.yaml, its v1, into api/model-catalog-v1.yaml) of the
// v1 server's source (stack/lib.sh v1_source: MR_STACK_V1_SRC
// or ../shared/upstream/*.tar.gz) into api/model-registry-v1.yaml (API v1); without that source it says so in one
// line and leaves the committed file as it is.
// With --check it writes nothing and fails when a committed file differs from what its source gives.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { basename } from "node:path";
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

/** The spec's structure, headed by where it came from and how to change it. */
function render(text, from, change, title = "Model Registry REST API") {
  const spec = parse(text);
  const stripped = stripProse(spec);
  stripped.info = { title, version: spec.info.version };
  const header = [
    `# Derived from ${from} by npm run spec:sync:`,
    `# the structure of the upstream spec with its prose removed. Do not edit; ${change}.`,
  ].join("\n");
  return `${header}\n${stringify(stripped, { lineWidth: 0 })}`;
}

/** The v1 server's source (an archive or a checkout), as stack:up finds it, or undefined. */
function v1Source() {
  try {
    return execFileSync("bash", ["-c", `source "${root}stack/lib.sh" && v1_source`], {
      encoding: "utf8",
    }).trim();
  } catch {
    return undefined;
  }
}

/** A spec of an upstream archive or checkout (default: api/openapi/model-registry-v1.yaml). */
function readV1Spec(source, inside = "api/openapi/model-registry-v1.yaml") {
  if (!source.endsWith(".tar.gz")) return readFileSync(`${source}/${inside}`, "utf8");
  return execFileSync("tar", ["-xzOf", source, "--wildcards", `*/${inside}`], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const pin = pinnedRelease();
  const release = readFileSync(`${moduleDir(pin)}/api/openapi/model-registry.yaml`, "utf8");
  writeOrCheck({
    path: target,
    label: "api/model-registry.yaml",
    text: render(
      release,
      `${pin.module}@${pin.version} api/openapi/model-registry.yaml`,
      "change the pin in stack/server/go.mod",
    ),
    source: `${pin.module}@${pin.version}`,
    fix: "npm run spec:sync",
  });
  const source = v1Source();
  if (source === undefined)
    console.log(
      "api/model-registry-v1.yaml not checked: no v1 server source (MR_STACK_V1_SRC or ../shared/upstream/)",
    );
  else
    writeOrCheck({
      path: `${root}api/model-registry-v1.yaml`,
      label: "api/model-registry-v1.yaml",
      text: render(
        readV1Spec(source),
        `${basename(source)} api/openapi/model-registry-v1.yaml`,
        "change the v1 server source (MR_STACK_V1_SRC or ../shared/upstream/)",
      ),
      source: basename(source),
      fix: "npm run spec:sync",
    });
  // The model catalog's REST API in both generations (the `catalog` command of the same upstream build, which serves
  // /api/model_catalog/v1alpha1 and /v1; see stack/up.sh).
  for (const [inside, target] of [
    ["api/openapi/catalog.yaml", "api/model-catalog.yaml"],
    ["api/openapi/catalog-v1.yaml", "api/model-catalog-v1.yaml"],
  ]) {
    if (source === undefined) break;
    writeOrCheck({
      path: `${root}${target}`,
      label: target,
      text: render(
        readV1Spec(source, inside),
        `${basename(source)} ${inside}`,
        "change the v1 server source (MR_STACK_V1_SRC or ../shared/upstream/)",
        "Model Catalog REST API",
      ),
      source: basename(source),
      fix: "npm run spec:sync",
    });
  }
}
