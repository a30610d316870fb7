// The shapes of a KServe InferenceService manifest of a registered version, and of the options that write it.
import type { ModelArtifact, ModelVersion, RegisteredModel } from "../../client/entities.js";

/** Which label keys to write: the upstream controller's (`modelregistry.kubeflow.org/`), Open Data Hub's
 * (`modelregistry.opendatahub.io/`), or both. */
export type KServeLabelFlavour = "kubeflow" | "odh" | "both";

/** Where the predictor finds the model: `auto` (the artifact's storageKey/storagePath as `storage: {key, path}` when it
 * has a storageKey, else `storageUri` from its URI), `uri` (always `storageUri` from the URI), `model-registry`
 * (`storageUri: model-registry://<model>/<version>`, for clusters running the registry's storage initializer), or
 * `oci-native` (an `oci://` artifact as `oci+native://`: KServe 0.20 mounts the image as a Kubernetes image volume,
 * which needs no shell in the image; image volumes are on by default from Kubernetes 1.35). */
export type KServeStorageStyle = "auto" | "uri" | "model-registry" | "oci-native";

/** How the manifest is written. Every default matches the upstream controller's. */
export interface KServeManifestOptions {
  /** The InferenceService's name. Default `<name>-<version>` as a DNS-1035 name (see `serviceName`). */
  inferenceService?: string | undefined;
  /** The InferenceService's namespace. Default: none (the one `kubectl apply` uses). */
  namespace?: string | undefined;
  /** The ServingRuntime to use (KServe's `runtime`), e.g. `kserve-tritonserver`. Default: none (KServe picks one that
   * supports the format and protocol). */
  runtime?: string | undefined;
  /** The inference protocol (KServe's `protocolVersion`): `v1`, `v2`, `grpc-v1` or `grpc-v2`. Default: none (KServe
   * assumes v1 when it picks a runtime; ONNX on stock KServe is served by Triton, which speaks v2 only). */
  protocolVersion?: "v1" | "v2" | "grpc-v1" | "grpc-v2" | undefined;
  /** The model format, over the artifact's. Default: the artifact's `modelFormatName`/`Version`. */
  modelFormat?: { name: string; version?: string | undefined } | undefined;
  /** The registry's Kubernetes Service name (label `…/name`). Default `model-registry-service`, the upstream
   * manifests' name; on Open Data Hub / RHOAI the Service is named after the ModelRegistry resource: set it. */
  registryService?: string | undefined;
  /** The registry's namespace (label `…/namespace`). Default `kubeflow`, upstream's; on Open Data Hub / RHOAI the
   * registries' namespace (e.g. `rhoai-model-registries`): set it. */
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

/** A `serving.kserve.io/v1alpha2` LLMInferenceService (KServe 0.16+, for LLMs served by vLLM through llm-d), as much
 * of it as these manifests set: the model's URI and the name it is served under. */
export interface KServeLLMInferenceService {
  /** Always `serving.kserve.io/v1alpha2`. */
  apiVersion: "serving.kserve.io/v1alpha2";
  /** Always `LLMInferenceService`. */
  kind: "LLMInferenceService";
  /** Name, namespace, the registry's labels and annotations. */
  metadata: KServeInferenceService["metadata"];
  /** The model: where it is (`uri`: `hf://`, `s3://`, `oci://`, `pvc://`) and the name clients ask for. */
  spec: { model: { uri: string; name: string } };
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
        protocolVersion?: string;
        storageUri?: string;
        storage?: { key: string; path?: string };
      };
    };
  };
}
