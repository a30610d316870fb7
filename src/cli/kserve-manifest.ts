// A KServe InferenceService manifest for a registered version, labelled the way the Model Registry's cluster
// controller watches (modelregistry.kubeflow.org/*), for GitOps: apply it and the controller links it to the registry.
import type { ModelArtifact, ModelVersion, RegisteredModel } from "../client/entities.js";
import { formatS3Uri, parseS3Uri } from "../storage/s3-uri.js";

export interface KserveManifestParams {
  name: string;
  /** Namespace of the InferenceService; omitted when not given. */
  namespace?: string | undefined;
  registeredModel: RegisteredModel;
  modelVersion: ModelVersion;
  artifact: ModelArtifact;
  runtime?: string | undefined;
  /** Name of the Model Registry instance (label modelregistry.kubeflow.org/name). */
  registryName: string;
  /** Namespace of the Model Registry instance (label modelregistry.kubeflow.org/namespace). */
  registryNamespace: string;
}

/** The URI KServe's storage initializer reads: an `s3://` URI without the registry-only `?endpoint=…&defaultRegion=…`
 * suffix (the cluster reaches the store through its own data connection); any other URI as it is. */
export function storageUri(uri: string): string {
  if (!/^s3:\/\//i.test(uri.trim())) return uri;
  const { bucket, key } = parseS3Uri(uri);
  return formatS3Uri({ bucket, key });
}

/** The manifest as a plain object (serialise it as YAML or JSON). */
export function kserveManifest(params: KserveManifestParams): Record<string, unknown> {
  const { artifact } = params;
  const storage =
    artifact.storageKey !== undefined
      ? {
          storage: {
            key: artifact.storageKey,
            ...(artifact.storagePath ? { path: artifact.storagePath } : {}),
          },
        }
      : { storageUri: artifact.uri && storageUri(artifact.uri) };
  return {
    apiVersion: "serving.kserve.io/v1beta1",
    kind: "InferenceService",
    metadata: {
      name: params.name,
      ...(params.namespace ? { namespace: params.namespace } : {}),
      labels: {
        "modelregistry.kubeflow.org/name": params.registryName,
        "modelregistry.kubeflow.org/namespace": params.registryNamespace,
        "modelregistry.kubeflow.org/registered-model-id": params.registeredModel.id,
        "modelregistry.kubeflow.org/model-version-id": params.modelVersion.id,
      },
    },
    spec: {
      predictor: {
        ...(artifact.serviceAccountName ? { serviceAccountName: artifact.serviceAccountName } : {}),
        model: {
          modelFormat: {
            name: artifact.modelFormatName ?? "unknown",
            ...(artifact.modelFormatVersion ? { version: artifact.modelFormatVersion } : {}),
          },
          ...(params.runtime ? { runtime: params.runtime } : {}),
          ...storage,
        },
      },
    },
  };
}
