// A KServe InferenceService manifest for a registered version, labelled so that the Model Registry's cluster controller
// links it to the registry, for GitOps and notebooks: apply it, and the controller records the deployment.
//
// Facts from the upstream InferenceService controller (kubeflow/model-registry pkg/inferenceservice-controller): it
// acts on an ISVC labelled `<prefix>/registered-model-id` (or `<prefix>/inference-service-id`), optionally
// `<prefix>/model-version-id`; `<prefix>/name` names the registry's Kubernetes Service (upstream default
// `model-registry-service`; without it the controller looks for the one Service labelled `component=model-registry`),
// `<prefix>/namespace` its namespace (default `kubeflow`), and the annotation `<prefix>/url` may give the registry URL
// instead. Open Data Hub / RHOAI use the prefix `modelregistry.opendatahub.io` for the same keys. From the registry's
// storage initializer (cmd/csi): `model-registry://<model>/<version>` splits on `/` and drops a `?…` query, then takes
// the version's newest artifact by create time, which must be a ModelArtifact. From KServe (pkg/apis/serving/v1beta1):
// an InferenceService name matches `[a-z]([-a-z0-9]*[a-z0-9])?`.
import type { ModelArtifact, ModelVersion, RegisteredModel } from "../client/entities.js";
import { ConfigError } from "../errors.js";
import { formatS3Uri, parseS3Uri } from "../storage/s3-uri.js";
import { INFERENCE_SERVICE_NAME, serviceName } from "./deploy.js";
import { requireVersion } from "./lookup.js";
import type { RegistryClient } from "./registry-client.js";
import type { VersionName } from "./version-name.js";

/** Which label keys to write: the upstream controller's (`modelregistry.kubeflow.org/`), Open Data Hub's
 * (`modelregistry.opendatahub.io/`), or both. */
export type KServeLabelFlavour = "kubeflow" | "odh" | "both";

/** Where the predictor finds the model: `auto` (the artifact's storageKey/storagePath as `storage: {key, path}` when it
 * has a storageKey, else `storageUri` from its URI), `uri` (always `storageUri` from the URI), or `model-registry`
 * (`storageUri: model-registry://<model>/<version>`, for clusters running the registry's storage initializer). */
export type KServeStorageStyle = "auto" | "uri" | "model-registry";

/** How the manifest is written. Every default matches the upstream controller's. */
export interface KServeManifestOptions {
  /** The InferenceService's name. Default `<name>-<version>` as a DNS-1035 name (see `serviceName`). */
  inferenceService?: string | undefined;
  /** The InferenceService's namespace. Default: none (the one `kubectl apply` uses). */
  namespace?: string | undefined;
  /** The serving runtime, e.g. `kserve-onnxruntime` (KServe's `runtime`). Default: none (KServe picks one by format). */
  runtime?: string | undefined;
  /** The model format, when the artifact records none. Default: the artifact's `modelFormatName`/`Version`. */
  modelFormat?: { name: string; version?: string | undefined } | undefined;
  /** The registry's Kubernetes Service name (label `…/name`). Default `model-registry-service`. */
  registryService?: string | undefined;
  /** The registry's namespace (label `…/namespace`). Default `kubeflow`. */
  registryNamespace?: string | undefined;
  /** The registry's URL, as the annotation `…/url` (instead of finding its Service). Default: none. */
  registryUrl?: string | undefined;
  /** The InferenceService record's id in the registry, when it exists (label `…/inference-service-id`). */
  inferenceServiceId?: string | undefined;
  /** Which label keys to write. Default `kubeflow`. */
  labels?: KServeLabelFlavour | undefined;
  /** Where the predictor finds the model. Default `auto`. */
  storage?: KServeStorageStyle | undefined;
}

/** The registered version a manifest is for. */
export interface KServeManifestSubject {
  /** The registered model. */
  registeredModel: RegisteredModel;
  /** The version. */
  modelVersion: ModelVersion;
  /** The version's model artifact (URI, format, storage key and path, service account). */
  modelArtifact: ModelArtifact;
}

/** A `serving.kserve.io/v1beta1` InferenceService, as much of it as these manifests set. */
export interface KServeInferenceService {
  /** Always `serving.kserve.io/v1beta1`. */
  apiVersion: "serving.kserve.io/v1beta1";
  /** Always `InferenceService`. */
  kind: "InferenceService";
  /** Name, namespace, the registry's labels and annotations. */
  metadata: {
    name: string;
    namespace?: string;
    labels: Record<string, string>;
    annotations?: Record<string, string>;
  };
  /** The predictor: its model (format, runtime, storage) and service account. */
  spec: {
    predictor: {
      serviceAccountName?: string;
      model: {
        modelFormat: { name: string; version?: string };
        runtime?: string;
        storageUri?: string;
        storage?: { key: string; path?: string };
      };
    };
  };
}

const PREFIXES: Record<KServeLabelFlavour, string[]> = {
  kubeflow: ["modelregistry.kubeflow.org"],
  odh: ["modelregistry.opendatahub.io"],
  both: ["modelregistry.kubeflow.org", "modelregistry.opendatahub.io"],
};
/** A Kubernetes label value: at most 63 characters, alphanumeric at both ends, `-`, `_`, `.` inside. */
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
/** A DNS-1123 label: a Service name or a namespace. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function check(value: string, pattern: RegExp, what: string, rule: string): string {
  if (value.length > 63 || !pattern.test(value))
    throw new ConfigError(`${what} ${JSON.stringify(value)} is not one Kubernetes accepts: ${rule}`);
  return value;
}

/** The URI KServe's storage initializer reads: an `s3://` URI without the registry-only `?endpoint=…&defaultRegion=…`
 * suffix (the cluster reaches the store through its own data connection); any other URI (`oci://`, `hf://`,
 * `https://`, …) as it is. */
export function storageUri(uri: string): string {
  if (!/^s3:\/\//i.test(uri.trim())) return uri;
  const { bucket, key } = parseS3Uri(uri);
  return formatS3Uri({ bucket, key });
}

/** The predictor's storage fields for this artifact and style. @throws ConfigError when the artifact gives nothing
 * to point at, or a name the registry's storage initializer cannot address. */
function storageOf(
  subject: KServeManifestSubject,
  style: KServeStorageStyle,
): { storageUri: string } | { storage: { key: string; path?: string } } {
  const { registeredModel, modelVersion, modelArtifact } = subject;
  if (style === "model-registry") {
    for (const name of [registeredModel.name, modelVersion.name])
      if (/[/?]/.test(name))
        throw new ConfigError(
          `the registry's storage initializer cannot address ${JSON.stringify(name)}: it splits model-registry:// URIs on "/" and drops "?…"; use storage style auto or uri`,
        );
    return { storageUri: `model-registry://${registeredModel.name}/${modelVersion.name}` };
  }
  if (style === "auto" && modelArtifact.storageKey)
    return {
      storage: {
        key: modelArtifact.storageKey,
        ...(modelArtifact.storagePath ? { path: modelArtifact.storagePath } : {}),
      },
    };
  if (!modelArtifact.uri)
    throw new ConfigError(
      `the model artifact ${modelArtifact.id} has no URI (and no storageKey): nothing to serve`,
    );
  return { storageUri: storageUri(modelArtifact.uri) };
}

/** The registry's labels (ids, Service name, namespace) under each prefix of the flavour, checked as Kubernetes
 * checks label values. */
function registryLabels(
  subject: KServeManifestSubject,
  options: KServeManifestOptions,
): Record<string, string> {
  const values: Record<string, string | undefined> = {
    "registered-model-id": subject.registeredModel.id,
    "model-version-id": subject.modelVersion.id,
    "inference-service-id": options.inferenceServiceId,
    name: check(
      options.registryService ?? "model-registry-service",
      DNS_LABEL,
      "the registry Service name",
      "lowercase letters, digits and dashes, at most 63",
    ),
    namespace: check(
      options.registryNamespace ?? "kubeflow",
      DNS_LABEL,
      "the registry namespace",
      "lowercase letters, digits and dashes, at most 63",
    ),
  };
  const labels: Record<string, string> = {};
  for (const prefix of PREFIXES[options.labels ?? "kubeflow"])
    for (const [key, value] of Object.entries(values))
      if (value !== undefined)
        labels[`${prefix}/${key}`] = check(
          value,
          LABEL_VALUE,
          `the label value of ${key}`,
          "at most 63 characters",
        );
  return labels;
}

/**
 * The InferenceService manifest of a registered version (serialise it as YAML or JSON and `kubectl apply` it).
 * @throws ConfigError for a name KServe or Kubernetes would refuse, an unknown label flavour or storage style, an
 * artifact with no model format (and no `modelFormat` option) or nothing to point at.
 */
export function toKServeManifest(
  subject: KServeManifestSubject,
  options: KServeManifestOptions = {},
): KServeInferenceService {
  const { modelArtifact: artifact } = subject;
  const flavour = options.labels ?? "kubeflow";
  const style = options.storage ?? "auto";
  if (!(flavour in PREFIXES))
    throw new ConfigError(`labels must be kubeflow, odh or both, not ${JSON.stringify(flavour)}`);
  if (!["auto", "uri", "model-registry"].includes(style))
    throw new ConfigError(`storage must be auto, uri or model-registry, not ${JSON.stringify(style)}`);
  const name = check(
    options.inferenceService ?? serviceName(subject.registeredModel.name, subject.modelVersion.name),
    INFERENCE_SERVICE_NAME,
    "the InferenceService name",
    "a lowercase letter first, then lowercase letters, digits and dashes, at most 63 (KServe)",
  );
  const format =
    options.modelFormat ??
    (artifact.modelFormatName
      ? { name: artifact.modelFormatName, version: artifact.modelFormatVersion }
      : undefined);
  if (!format?.name)
    throw new ConfigError(
      "the model artifact records no model format, which KServe chooses a runtime by: register it with modelFormat (mr-cli --format), or pass modelFormat",
    );
  const annotations = options.registryUrl
    ? Object.fromEntries(PREFIXES[flavour].map((prefix) => [`${prefix}/url`, options.registryUrl as string]))
    : undefined;
  return {
    apiVersion: "serving.kserve.io/v1beta1",
    kind: "InferenceService",
    metadata: {
      name,
      ...(options.namespace
        ? {
            namespace: check(
              options.namespace,
              DNS_LABEL,
              "the namespace",
              "lowercase letters, digits and dashes, at most 63",
            ),
          }
        : {}),
      labels: registryLabels(subject, options),
      ...(annotations ? { annotations } : {}),
    },
    spec: {
      predictor: {
        ...(artifact.serviceAccountName ? { serviceAccountName: artifact.serviceAccountName } : {}),
        model: {
          modelFormat: { name: format.name, ...(format.version ? { version: format.version } : {}) },
          ...(options.runtime ? { runtime: options.runtime } : {}),
          ...storageOf(subject, style),
        },
      },
    },
  };
}

/** What `mr.kserveManifest` takes: the version by name, and how to write its manifest. */
export interface KServeManifestParams extends VersionName, KServeManifestOptions {
  /** Cancels the lookups. */
  signal?: AbortSignal | undefined;
}

/**
 * Looks the version up by name (model, version, model artifact) and writes its manifest. With the `model-registry`
 * storage style, also checks what the registry's storage initializer will resolve: the version's newest artifact by
 * create time must be its model artifact.
 * @throws EntityNotFoundError for a model, version or model artifact that does not exist; ConfigError as
 * {@link toKServeManifest}, or when the newest artifact is not the model artifact.
 */
export async function kserveManifest(
  mr: RegistryClient,
  params: KServeManifestParams,
): Promise<KServeInferenceService> {
  const { signal } = params;
  const subject = await requireVersion(mr, params, { signal });
  if (params.storage === "model-registry") {
    const [newest] = await mr.modelVersions
      .artifacts(subject.modelVersion.id)
      .list({ orderBy: "CREATE_TIME", sortOrder: "DESC", limit: 1, signal })
      .toArray();
    if (newest && newest.artifactType !== "model-artifact")
      throw new ConfigError(
        `the newest artifact of version ${JSON.stringify(params.version)} is a ${newest.artifactType} (${newest.id}), and the registry's storage initializer serves the newest one: use storage style auto or uri`,
      );
  }
  return toKServeManifest(subject, params);
}
