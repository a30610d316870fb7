// npm run spec:sync:kserve [-- --check]
// Takes KServe's InferenceService CRD (config/crd/full/serving.kserve.io_inferenceservices.yaml of the pinned
// github.com/kserve/kserve release, from the Go module proxy), keeps the structure of its v1beta1 openAPIV3Schema
// (types, properties, required lists, enums, patterns, formats, Kubernetes extensions) without its prose, and writes
// api/kserve-inferenceservice.yaml. Only the paths a Model Registry manifest can use are kept in full; every other
// field keeps its name with an empty schema (any value), so the file stays small and still knows every field name.
// With --check it writes nothing and fails when the committed file differs from what the release gives.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse, stringify } from "yaml";
import { stripProse } from "./spec-sync.mjs";
import { writeOrCheck } from "./write-or-check.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
/** The KServe release whose CRD the manifests are checked against. */
export const KSERVE = { module: "github.com/kserve/kserve", version: "v0.16.0" };
const CRD = "config/crd/full/serving.kserve.io_inferenceservices.yaml";

/** The fields of an InferenceService that the manifests may set, kept in full (with everything under them). */
const KEPT = [
  "apiVersion",
  "kind",
  "metadata",
  "spec.predictor.model.modelFormat",
  "spec.predictor.model.storage",
  "spec.predictor.model.storageUri",
  "spec.predictor.model.runtime",
  "spec.predictor.model.runtimeVersion",
  "spec.predictor.model.protocolVersion",
  "spec.predictor.model.name",
  "spec.predictor.serviceAccountName",
  "spec.predictor.minReplicas",
  "spec.predictor.maxReplicas",
];

/** `node` with its `properties` cut to what lies on a kept path (others become `{}`: any value, name known). */
function prune(node, path) {
  if (KEPT.some((kept) => path === kept || path.startsWith(`${kept}.`))) return node;
  if (!node || typeof node !== "object" || !node.properties) return {};
  const properties = {};
  for (const [name, child] of Object.entries(node.properties)) {
    const childPath = path ? `${path}.${name}` : name;
    const onTheWay = KEPT.some((kept) => kept === childPath || kept.startsWith(`${childPath}.`));
    properties[name] = onTheWay ? prune(child, childPath) : {};
  }
  return { ...node, properties };
}

function moduleDir({ module, version }) {
  const out = execFileSync("go", ["mod", "download", "-json", `${module}@${version}`], {
    encoding: "utf8",
    cwd: process.env.TMPDIR ?? "/tmp",
    env: { ...process.env, GOFLAGS: "-mod=mod" },
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(out).Dir;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const crd = parse(readFileSync(`${moduleDir(KSERVE)}/${CRD}`, "utf8"));
  const version = crd.spec.versions.find((v) => v.name === "v1beta1");
  const schema = prune(stripProse(version.schema.openAPIV3Schema), "");
  const header = [
    `# Derived from ${KSERVE.module}@${KSERVE.version} ${CRD} (v1beta1) by npm run spec:sync:kserve:`,
    "# the structure of its openAPIV3Schema without prose; fields a manifest of ours never sets keep only their name.",
    "# Do not edit; change KSERVE in scripts/kserve-schema-sync.mjs.",
  ].join("\n");
  writeOrCheck({
    path: `${root}api/kserve-inferenceservice.yaml`,
    label: "api/kserve-inferenceservice.yaml",
    text: `${header}\n${stringify(schema, { lineWidth: 0 })}`,
    source: `${KSERVE.module}@${KSERVE.version}`,
    fix: "npm run spec:sync:kserve",
  });
}
