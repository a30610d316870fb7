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
import { ConfigError } from "../../errors.js";
import { imageVolumeUri, servingUri } from "../../storage/model-stores.js";
import { INFERENCE_SERVICE_NAME, serviceName } from "./deploy.js";
import type {
  KServeInferenceService,
  KServeLabelFlavour,
  KServeLLMInferenceService,
  KServeManifestOptions,
  KServeManifestSubject,
  KServeStorageStyle,
} from "./kserve-types.js";

export type {
  KServeInferenceService,
  KServeLabelFlavour,
  KServeLLMInferenceService,
  KServeManifestOptions,
  KServeManifestSubject,
  KServeStorageStyle,
};

/** The label prefixes each flavour writes. */
export const LABEL_PREFIXES: Record<KServeLabelFlavour, string[]> = {
  kubeflow: ["modelregistry.kubeflow.org"],
  odh: ["modelregistry.opendatahub.io"],
  both: ["modelregistry.kubeflow.org", "modelregistry.opendatahub.io"],
};
/** A Kubernetes label value: at most 63 characters, alphanumeric at both ends, `-`, `_`, `.` inside. */
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
/** A DNS-1123 label: a Service name or a namespace. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** A DNS-1123 subdomain (at most 63 here): a ServiceAccount name. */
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

function check(value: string, pattern: RegExp, what: string, rule: string): string {
  if (value.length > 63 || !pattern.test(value))
    throw new ConfigError(`${what} ${JSON.stringify(value)} is not one Kubernetes accepts: ${rule}`);
  return value;
}

/** The URI KServe's storage initializer reads: an `s3://` URI without the registry-only `?endpoint=…&defaultRegion=…`
 * suffix that versions registered by earlier releases or the official Python client carry (the cluster reaches the
 * store through its own data connection; the suffix is cut as text, whatever it holds); any other URI (`oci://`,
 * `hf://`, `https://`, …) as it is. Each store says how (see `servingUri`). */
export function storageUri(uri: string): string {
  return servingUri(uri);
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
  if (style === "oci-native") {
    const native = imageVolumeUri(modelArtifact.uri ?? "");
    if (!native)
      throw new ConfigError(
        `storage style oci-native serves an oci:// image, and the model artifact's URI is ${modelArtifact.uri ? JSON.stringify(modelArtifact.uri) : "empty"}`,
        { fix: [{ setting: "storage", value: "oci-native" }] },
      );
    return { storageUri: native };
  }
  // KServe runs no storage initializer for a storage spec without a path (it sets the source annotation only with
  // one), so a key alone falls back to the URI.
  if (style === "auto" && modelArtifact.storageKey && modelArtifact.storagePath)
    return {
      storage: {
        key: modelArtifact.storageKey,
        path: modelArtifact.storagePath,
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
  for (const prefix of LABEL_PREFIXES[options.labels ?? "kubeflow"])
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

/** The registry URL the controller is given (annotation `…/url`) as scheme, host and port, without a trailing
 * slash, since the upstream controller appends `/api/model_registry/v1alpha3/…` to it (a path would make it loop on
 * 404s). @throws ConfigError for anything else (credentials are not repeated). */
function checkRegistryUrl(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  // Never the credentials of a URL in a message.
  const shown =
    url && (url.username || url.password) ? `${url.protocol}//…@${url.host}${url.pathname}` : value;
  const refuse = (why: string) =>
    new ConfigError(`registryUrl ${JSON.stringify(shown)} ${why}`, { fix: [{ setting: "registryUrl" }] });
  if (!url) throw refuse("is not a URL: give the registry's http:// or https:// URL");
  if (!/^https?:$/.test(url.protocol) || !/^https?:\/\/[^\s/]+/.test(value))
    throw refuse("must be the registry's http:// or https:// URL");
  if (url.pathname !== "/" || url.search || url.hash || url.username || url.password)
    throw refuse(
      `has a path, query or credentials: the registry's controller appends /api/model_registry/v1alpha3/… to it, so give only scheme, host and port (${url.protocol}//${url.host})`,
    );
  // Without a trailing slash: the controller appends "/api/…", and "//api/…" is a 404 on the registry.
  return url.origin;
}

/** @throws ConfigError for an option or artifact field Kubernetes or KServe would refuse. */
function checkOptions(
  options: KServeManifestOptions,
  artifact: KServeManifestSubject["modelArtifact"],
): void {
  if (!((options.labels ?? "kubeflow") in LABEL_PREFIXES))
    throw new ConfigError(`labels must be kubeflow, odh or both, not ${JSON.stringify(options.labels)}`);
  if (!["auto", "uri", "model-registry", "oci-native"].includes(options.storage ?? "auto"))
    throw new ConfigError(
      `storage must be auto, uri, model-registry or oci-native, not ${JSON.stringify(options.storage)}`,
    );
  if (
    options.protocolVersion !== undefined &&
    !["v1", "v2", "grpc-v1", "grpc-v2"].includes(options.protocolVersion)
  )
    throw new ConfigError(
      `protocolVersion must be v1, v2, grpc-v1 or grpc-v2, not ${JSON.stringify(options.protocolVersion)}`,
    );
  if (options.runtime !== undefined)
    check(
      options.runtime,
      DNS_LABEL,
      "the runtime",
      "the name of a ServingRuntime: lowercase letters, digits and dashes",
    );
  if (artifact.serviceAccountName)
    check(
      artifact.serviceAccountName,
      DNS_SUBDOMAIN,
      "the artifact's serviceAccountName",
      "lowercase letters, digits, dashes and dots",
    );
  if (options.registryUrl !== undefined) checkRegistryUrl(options.registryUrl);
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
  checkOptions(options, artifact);
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
      "the model artifact records no model format, which KServe chooses a runtime by: register the version with modelFormat (a manifest may also be given one)",
      { fix: [{ setting: "modelFormat" }] },
    );
  const registryUrl = options.registryUrl === undefined ? undefined : checkRegistryUrl(options.registryUrl);
  const annotations = registryUrl
    ? Object.fromEntries(LABEL_PREFIXES[flavour].map((prefix) => [`${prefix}/url`, registryUrl]))
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
          ...(options.protocolVersion ? { protocolVersion: options.protocolVersion } : {}),
          ...storageOf(subject, style),
        },
      },
    },
  };
}

/**
 * The LLMInferenceService manifest of a registered version (`serving.kserve.io/v1alpha2`): the same name, namespace,
 * labels and storage URI as {@link toKServeManifest}'s, with the model served under the registered model's name. The
 * registry's InferenceService controller watches `v1beta1` InferenceServices only, so nothing in the cluster records
 * these in the registry: `applyDeployment` records them itself. A `storage: {key, path}` spec is not part of this
 * resource: the artifact's URI is used.
 * @throws ConfigError as {@link toKServeManifest} (a model format is not needed: vLLM reads the model's own config).
 */
export function toLLMInferenceService(
  subject: KServeManifestSubject,
  options: KServeManifestOptions = {},
): KServeLLMInferenceService {
  const style = (options.storage ?? "auto") === "auto" ? "uri" : options.storage;
  const base = toKServeManifest(subject, {
    ...options,
    storage: style,
    modelFormat: options.modelFormat ?? { name: subject.modelArtifact.modelFormatName || "llm" },
  });
  const uri = base.spec.predictor.model.storageUri;
  if (!uri)
    throw new ConfigError(`the model artifact ${subject.modelArtifact.id} has no URI: nothing to serve`);
  return {
    apiVersion: "serving.kserve.io/v1alpha2",
    kind: "LLMInferenceService",
    metadata: base.metadata,
    spec: { model: { uri, name: subject.registeredModel.name } },
  };
}
