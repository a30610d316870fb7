// Every manifest we emit is one KServe accepts: checked against KServe's own InferenceService schema
// (api/kserve-inferenceservice.yaml, the structure of the CRD of the pinned KServe release, kept by
// `npm run spec:sync:kserve`) with unknown fields refused as `kubectl apply --validate=strict` refuses them, and
// against the rules KServe's webhook and Kubernetes add (the name's format, label values, storage with a URI).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { ModelArtifact, ModelVersion, RegisteredModel } from "../../../../src/index.js";
import {
  ConfigError,
  type KServeLabelFlavour,
  type KServeStorageStyle,
  storageUri,
  toKServeManifest,
} from "../../../../src/index.js";

const ROOT = join(import.meta.dirname, "..", "..", "..", "..");
type Schema = Record<string, unknown>;

/** The schema as the API server applies it with strict field validation: no field it does not know. */
function strict(node: Schema): Schema {
  const out: Schema = { ...node };
  if (node.properties && !node["x-kubernetes-preserve-unknown-fields"]) {
    out.properties = Object.fromEntries(
      Object.entries(node.properties as Record<string, Schema>).map(([k, v]) => [k, strict(v)]),
    );
    out.additionalProperties = false;
  }
  if (node.items) out.items = strict(node.items as Schema);
  if (node.additionalProperties && typeof node.additionalProperties === "object")
    out.additionalProperties = strict(node.additionalProperties as Schema);
  for (const key of Object.keys(out)) if (key.startsWith("x-kubernetes")) delete out[key];
  return out;
}

const crd = parse(readFileSync(join(ROOT, "api", "kserve-inferenceservice.yaml"), "utf8")) as Schema;
const validate = new Ajv({ allErrors: true, strict: false, formats: { int32: true, int64: true } }).compile(
  strict(crd),
);

/** Why KServe or Kubernetes would refuse the manifest (schema errors, then the webhook's and API server's rules). */
function refusals(manifest: unknown): string[] {
  const problems = validate(manifest)
    ? []
    : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  const m = manifest as {
    metadata: { name: string; labels: Record<string, string>; annotations?: Record<string, string> };
    spec: { predictor: { model: { storageUri?: string; storage?: unknown } } };
  };
  // KServe's IsvcNameFmt; Kubernetes' label value syntax (and keys: a DNS subdomain prefix and a name).
  if (!/^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(m.metadata.name) || m.metadata.name.length > 63)
    problems.push(`name ${m.metadata.name}`);
  for (const [key, value] of Object.entries(m.metadata.labels)) {
    const [prefix, name] = key.split("/");
    if (
      !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(prefix ?? "") ||
      !/^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(name ?? "")
    )
      problems.push(`label key ${key}`);
    if (value.length > 63 || !/^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/.test(value))
      problems.push(`label ${key}=${value}`);
  }
  // KServe: a storage spec beside a storage URI only for s3://, hdfs://, webhdfs:// (SupportedStorageSpecURIPrefixList).
  const model = m.spec.predictor.model;
  if (model.storage && model.storageUri && !/^(s3|hdfs|webhdfs):\/\//.test(model.storageUri))
    problems.push("storage with an unsupported storageUri");
  if (!model.storage && !model.storageUri) problems.push("no storage");
  return problems;
}

const model = { id: "1", name: "mnist", customProperties: {} } as RegisteredModel;
const version = { id: "4", name: "v3", registeredModelId: "1", customProperties: {} } as ModelVersion;
/** The URI of an upload an earlier release registered (and the Python client registers), with the store's address in
 * its query. */
const EARLIER_URI = "s3://models/mnist/v3/?endpoint=http://minio:9000&defaultRegion=us-east-1";
const artifact = (extra: Partial<ModelArtifact> = {}) =>
  ({
    id: "9",
    artifactType: "model-artifact",
    uri: "s3://models/mnist/v3/",
    modelFormatName: "onnx",
    modelFormatVersion: "1",
    customProperties: { s3_endpoint: "http://minio:9000", s3_region: "us-east-1" },
    ...extra,
  }) as ModelArtifact;

describe("toKServeManifest", () => {
  const flavours: KServeLabelFlavour[] = ["kubeflow", "odh", "both"];
  const styles: KServeStorageStyle[] = ["auto", "uri", "model-registry"];
  const artifacts = {
    "s3 URI": artifact(),
    "s3 URI with an earlier release's ?endpoint= query": artifact({ uri: EARLIER_URI, customProperties: {} }),
    "storage key and path": artifact({ storageKey: "aws-connection-models", storagePath: "mnist/v3" }),
    "oci modelcar": artifact({ uri: "oci://quay.io/acme/mnist:v3", serviceAccountName: "puller" }),
    "hf reference": artifact({ uri: "hf://acme/mnist" }),
  };
  for (const flavour of flavours)
    for (const style of styles)
      for (const [kind, modelArtifact] of Object.entries(artifacts))
        it(`passes KServe's schema and rules: labels ${flavour}, storage ${style}, ${kind}`, () => {
          const manifest = toKServeManifest(
            { registeredModel: model, modelVersion: version, modelArtifact },
            {
              labels: flavour,
              storage: style,
              namespace: "ml",
              runtime: "kserve-onnxruntime",
              registryUrl: "https://registry.example.com",
              inferenceServiceId: "12",
            },
          );
          expect(refusals(manifest)).toEqual([]);
        });

  it("labels for the upstream controller with its defaults, and strips the registry-only suffix of an s3:// URI", () => {
    const manifest = toKServeManifest({
      registeredModel: model,
      modelVersion: version,
      modelArtifact: artifact({ uri: EARLIER_URI, customProperties: {} }),
    });
    expect(manifest).toEqual({
      apiVersion: "serving.kserve.io/v1beta1",
      kind: "InferenceService",
      metadata: {
        name: "mnist-v3",
        labels: {
          "modelregistry.kubeflow.org/registered-model-id": "1",
          "modelregistry.kubeflow.org/model-version-id": "4",
          "modelregistry.kubeflow.org/name": "model-registry-service",
          "modelregistry.kubeflow.org/namespace": "kubeflow",
        },
      },
      spec: {
        predictor: {
          model: { modelFormat: { name: "onnx", version: "1" }, storageUri: "s3://models/mnist/v3/" },
        },
      },
    });
  });

  it("uses the artifact's storage key and path, service account and format; model-registry:// on request", () => {
    const subject = {
      registeredModel: model,
      modelVersion: version,
      modelArtifact: artifact({ storageKey: "conn", storagePath: "mnist/v3", serviceAccountName: "sa" }),
    };
    expect(toKServeManifest(subject).spec.predictor).toEqual({
      serviceAccountName: "sa",
      model: { modelFormat: { name: "onnx", version: "1" }, storage: { key: "conn", path: "mnist/v3" } },
    });
    expect(toKServeManifest(subject, { storage: "uri" }).spec.predictor.model.storageUri).toBe(
      "s3://models/mnist/v3/",
    );
    expect(toKServeManifest(subject, { storage: "model-registry" }).spec.predictor.model.storageUri).toBe(
      "model-registry://mnist/v3",
    );
    expect(storageUri("oci://quay.io/acme/mnist:v3")).toBe("oci://quay.io/acme/mnist:v3");
  });

  it("refuses what KServe, Kubernetes or the storage initializer would refuse, before anything is applied", () => {
    const subject = { registeredModel: model, modelVersion: version, modelArtifact: artifact() };
    const named = { ...subject, registeredModel: { ...model, name: "team/mnist" } };
    expect(() => toKServeManifest(named, { storage: "model-registry" })).toThrow(
      /cannot address "team\/mnist"/,
    );
    expect(() => toKServeManifest(subject, { inferenceService: "9lives" })).toThrow(ConfigError);
    expect(() => toKServeManifest(subject, { registryService: "Model_Registry" })).toThrow(
      /registry Service name/,
    );
    expect(() =>
      toKServeManifest({ ...subject, modelArtifact: artifact({ modelFormatName: undefined }) }),
    ).toThrow(/no model format/);
    expect(
      toKServeManifest(
        { ...subject, modelArtifact: artifact({ modelFormatName: undefined }) },
        { modelFormat: { name: "sklearn" } },
      ).spec.predictor.model.modelFormat,
    ).toEqual({ name: "sklearn" });
  });

  it("the schema check itself refuses an unknown field and a wrong type (it could fail)", () => {
    const manifest = toKServeManifest({
      registeredModel: model,
      modelVersion: version,
      modelArtifact: artifact(),
    });
    const bad = structuredClone(manifest) as unknown as {
      spec: { predictor: { model: Record<string, unknown> } };
    };
    bad.spec.predictor.model.storageURI = "s3://typo/";
    bad.spec.predictor.model.modelFormat = { name: 3 };
    expect(refusals(bad).join("; ")).toMatch(
      /must NOT have additional properties.*must be string|must be string.*additional/,
    );
  });

  it("a storage key without a path falls back to the URI (KServe would start no storage initializer for it)", () => {
    const subject = {
      registeredModel: model,
      modelVersion: version,
      modelArtifact: artifact({ storageKey: "conn" }),
    };
    expect(toKServeManifest(subject).spec.predictor.model).toMatchObject({
      storageUri: "s3://models/mnist/v3/",
    });
    expect(toKServeManifest(subject).spec.predictor.model).not.toHaveProperty("storage");
  });

  it("cuts the registry-only suffix as text, whatever its endpoint holds, and keeps any other query in the key", () => {
    expect(storageUri("s3://bkt/k/?endpoint=x&defaultRegion=y")).toBe("s3://bkt/k/");
    expect(storageUri("S3://bkt/k?endpoint=http://minio:9000")).toBe("s3://bkt/k");
    expect(storageUri("s3://bkt/a?b=c")).toBe("s3://bkt/a?b=c");
  });

  it("writes the protocol and refuses a runtime, service account or registry URL Kubernetes or KServe would refuse", () => {
    const subject = { registeredModel: model, modelVersion: version, modelArtifact: artifact() };
    expect(toKServeManifest(subject, { protocolVersion: "v2" }).spec.predictor.model.protocolVersion).toBe(
      "v2",
    );
    expect(() => toKServeManifest(subject, { protocolVersion: "v3" as never })).toThrow(
      /protocolVersion must be/,
    );
    expect(() => toKServeManifest(subject, { runtime: "Bad Runtime" })).toThrow(/the runtime/);
    expect(() => toKServeManifest(subject, { registryUrl: "not a url" })).toThrow(
      /registryUrl "not a url" is not a URL/,
    );
    const account = { ...subject, modelArtifact: artifact({ serviceAccountName: "Bad SA" }) };
    expect(() => toKServeManifest(account)).toThrow(/serviceAccountName/);
  });
});
