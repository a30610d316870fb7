// Serving checks: what would keep a version from being served as its manifest says, found before anything is applied.
// Facts they rest on: the registry's storage initializer (kubeflow/hub cmd/csi) serves the version's newest artifact
// and downloads only s3://, gs:// and http(s):// URIs, passing the URI to KServe's providers as stored (a query
// becomes part of the key); KServe's modelcar mode runs a shell (`ln`, `sleep`) in the model image, its image-volume
// mode (`oci+native://`, KServe 0.20) needs none, and image volumes are on by default from Kubernetes 1.35; the
// upstream InferenceService controller finds the registry by the URL annotation, else by the Service its name and
// namespace labels name, and speaks only API v1alpha3, as the initializer does.
import type { CallOptions } from "../../client/call-options.js";
import { ClusterError, ConfigError, type SettingRef } from "../../errors.js";
import { type KubeCluster, type KubeObject, resourcePath } from "../../kube/kube-cluster.js";
import { isImageUri, plainForm, schemeOf } from "../../storage/model-stores.js";
import { OCI_PROPERTIES } from "../../storage/recorded-properties.js";
import { requireVersion } from "../lookup.js";
import type { RegistryClient } from "../registry-client.js";
import type { VersionName } from "../version-name.js";
import { LABEL_PREFIXES } from "./kserve-manifest.js";
import type { KServeManifestOptions, KServeManifestSubject } from "./kserve-types.js";

/** One finding: `error` (it would not be served: refused before applying) or `warning` (it may not be). */
export interface ServingFinding {
  /** `error`: refused before applying; `warning`: said, not refused. */
  level: "error" | "warning";
  /** Which check: `storage`, `modelcar`, `registry-service`, `labels`, `api-version`. */
  check: string;
  /** What is wrong, why, and the fix, in one sentence. */
  message: string;
  /** The settings the message names as the fix. */
  fix?: SettingRef[] | undefined;
}

/** The schemes the registry's storage initializer downloads. */
const INITIALIZER_SCHEMES = ["s3", "gs", "http", "https"];

/** The first Kubernetes version whose image volumes are on by default. */
const IMAGE_VOLUMES_BY_DEFAULT = { major: 1, minor: 35 };

/** Whether a Kubernetes version has image volumes on by default. */
function imageVolumesByDefault(version: { major: string; minor: string }): boolean {
  const major = Number(version.major);
  const minor = Number.parseInt(version.minor, 10);
  return (
    major > IMAGE_VOLUMES_BY_DEFAULT.major ||
    (major === IMAGE_VOLUMES_BY_DEFAULT.major && minor >= IMAGE_VOLUMES_BY_DEFAULT.minor)
  );
}

/** @throws ConfigError naming every `error` finding after `lead` (with their settings as the fix), when there is one. */
export function refuseErrors(findings: readonly ServingFinding[], lead: string): void {
  const refused = findings.filter((finding) => finding.level === "error");
  if (refused.length > 0)
    throw new ConfigError(`${lead}: ${refused.map((finding) => finding.message).join("; ")}`, {
      fix: refused.flatMap((finding) => finding.fix ?? []),
    });
}

/** A URI with a query, which the initializer hands to KServe's S3 provider as part of the key. Uploads record plain
 * URIs; the ?endpoint=… form of earlier releases and the Python client gets the fix spelled out. */
function queryFinding(artifactId: string, uri: string): ServingFinding {
  const plain = plainForm(uri);
  const fix = plain
    ? `register the files again as a new version (registerModel now records the plain URI, and the store's address as custom properties), or update model artifact ${artifactId} to the URI ${plain.uri} with the custom properties ${Object.entries(
        plain.properties,
      )
        .map(([key, value]) => `${key}=${value}`)
        .join(", ")}; or `
    : "";
  const form = plain
    ? " (the ?endpoint=… form older releases of this client and the Python client record)"
    : "";
  return {
    level: "error",
    check: "storage",
    message: `the artifact's URI ${uri} carries a query${form}, which KServe's S3 provider would take as part of the key: ${fix}use storage style auto or uri`,
  };
}

/** What the registry alone says the storage initializer or KServe would refuse to serve (no request to a cluster, no
 * question about the API generation): the manifests' own checks. */
export async function storageRefusals(
  mr: RegistryClient,
  subject: KServeManifestSubject,
  options: KServeManifestOptions & CallOptions,
): Promise<ServingFinding[]> {
  return (await storageFindings(mr, subject, options, undefined, { signal: options.signal })).filter(
    (finding) => finding.level === "error",
  );
}

async function storageFindings(
  mr: RegistryClient,
  subject: KServeManifestSubject,
  options: KServeManifestOptions,
  cluster: KubeCluster | undefined,
  call: CallOptions,
): Promise<ServingFinding[]> {
  const style = options.storage ?? "auto";
  const uri = subject.modelArtifact.uri ?? "";
  const scheme = schemeOf(uri);
  const findings: ServingFinding[] = [];
  if (style === "model-registry") {
    if (!scheme || !INITIALIZER_SCHEMES.includes(scheme))
      findings.push({
        level: "error",
        check: "storage",
        message: `the registry's storage initializer downloads only s3://, gs:// and http(s):// URIs, and this version's artifact is ${uri ? JSON.stringify(uri) : "without a URI"}: use the storage style "auto" or "uri"${isImageUri(uri) ? ' (or "oci-native")' : ""}`,
      });
    else if (uri.includes("?")) findings.push(queryFinding(subject.modelArtifact.id, uri));
    const [newest] = await mr.modelVersions
      .artifacts(subject.modelVersion.id)
      .list({ ...call, orderBy: "CREATE_TIME", sortOrder: "DESC", limit: 1 })
      .toArray();
    if (newest && newest.id !== subject.modelArtifact.id)
      findings.push({
        level: "error",
        check: "storage",
        message: `the registry's storage initializer serves the version's newest artifact, ${newest.artifactType} ${newest.id}, not its model artifact ${subject.modelArtifact.id}: use the storage style "auto" or "uri"`,
      });
  }
  if (isImageUri(uri) && style !== "oci-native" && style !== "model-registry") {
    const base = subject.modelArtifact.customProperties[OCI_PROPERTIES.baseImage];
    if (base === "") {
      const version = cluster ? await cluster.version(call.signal).catch(() => undefined) : undefined;
      const native = version && imageVolumesByDefault(version);
      findings.push({
        level: "warning",
        check: "modelcar",
        message: `the image ${uri} was pushed without a base image, so it has no shell, and KServe's modelcar mode runs one in it: serve it with the storage style "oci-native" (an image volume${version ? `; this cluster runs ${version.gitVersion}, ${native ? "which has them on by default" : "which needs the ImageVolume feature gate, on by default from 1.35"}` : ", Kubernetes 1.35 or the ImageVolume feature gate"}), or push it again with a base image such as busybox`,
      });
    }
  }
  return findings;
}

/** Whether the namespace exists (nothing creates it on apply). A user who may not read namespaces is not refused. */
async function namespaceFindings(
  namespace: string,
  cluster: KubeCluster,
  signal: AbortSignal | undefined,
): Promise<ServingFinding[]> {
  try {
    if (
      await cluster.get(
        resourcePath({ group: "", version: "v1", plural: "namespaces", name: namespace }),
        signal,
      )
    )
      return [];
  } catch (error) {
    if (error instanceof ClusterError && error.kind === "auth") return [];
    throw error;
  }
  return [
    {
      level: "error",
      check: "namespace",
      message: `the namespace ${JSON.stringify(namespace)} does not exist in ${cluster.server}: create it first (kubectl create namespace ${namespace}), or deploy into another one`,
    },
  ];
}

/** Image volumes (oci+native://) before Kubernetes 1.35 need the ImageVolume feature gate. */
async function imageVolumeFindings(
  cluster: KubeCluster,
  signal: AbortSignal | undefined,
): Promise<ServingFinding[]> {
  const version = await cluster.version(signal);
  if (imageVolumesByDefault(version)) return [];
  return [
    {
      level: "warning",
      check: "modelcar",
      message: `the storage style "oci-native" mounts the image as a Kubernetes image volume, which this cluster (${version.gitVersion}) has only with the ImageVolume feature gate on (it is on by default from 1.35): check with its administrator`,
    },
  ];
}

/** Whether the controller will find the registry the labels name: the Service, with a port named `http-api`. */
async function registryServiceFindings(
  options: KServeManifestOptions,
  cluster: KubeCluster,
  signal: AbortSignal | undefined,
): Promise<ServingFinding[]> {
  if (options.registryUrl) return [];
  const name = options.registryService ?? "model-registry-service";
  const namespace = options.registryNamespace ?? "kubeflow";
  let service: (KubeObject & { spec?: { ports?: { name?: string }[] } }) | undefined;
  try {
    service = await cluster.get(
      resourcePath({ group: "", version: "v1", plural: "services", namespace, name }),
      signal,
    );
  } catch (error) {
    // Users whose rights end at their own namespace cannot read the registry's Service: the check is said, not made.
    if (!(error instanceof ClusterError && error.kind === "auth")) throw error;
    return [
      {
        level: "warning",
        check: "registry-service",
        message: `could not check that Service ${namespace}/${name}, which the registry's controller looks for, exists: ${cluster.source} may not read Services in ${namespace} (${error.status}); give registryUrl to name the registry outright`,
        fix: [{ setting: "registryUrl" }],
      },
    ];
  }
  if (!service)
    return [
      {
        level: "error",
        check: "registry-service",
        message: `the registry's controller looks for the registry as Service ${namespace}/${name}, which this cluster does not have: name the registry's Service and namespace (registryService, registryNamespace), or give its registryUrl`,
        fix: [
          { setting: "registryService", value: name },
          { setting: "registryNamespace", value: namespace },
          { setting: "registryUrl" },
        ],
      },
    ];
  if (!(service.spec?.ports ?? []).some((port) => port.name === "http-api"))
    return [
      {
        level: "error",
        check: "registry-service",
        message: `Service ${namespace}/${name} has no port named http-api, which the registry's controller reads its REST port from: name the registry's own Service, or give its registryUrl`,
        fix: [{ setting: "registryService", value: name }, { setting: "registryUrl" }],
      },
    ];
  return [];
}

/** Whether InferenceServices already in the namespace show that the cluster's controller uses other label keys. */
async function labelFindings(
  options: KServeManifestOptions & { namespace: string },
  cluster: KubeCluster,
  signal: AbortSignal | undefined,
): Promise<ServingFinding[]> {
  const flavour = options.labels ?? "kubeflow";
  if (flavour === "both") return [];
  const isvcs = { group: "serving.kserve.io", version: "v1beta1", plural: "inferenceservices" };
  // Every namespace where the user may list them (the controller is the cluster's), else the target namespace.
  const readable = async (namespace?: string) => {
    try {
      return await cluster.list(resourcePath({ ...isvcs, namespace }), { signal });
    } catch (error) {
      if (error instanceof ClusterError && (error.kind === "auth" || error.kind === "not-found"))
        return undefined;
      throw error;
    }
  };
  const existing = (await readable()) ?? (await readable(options.namespace)) ?? [];
  const finalizers = existing.flatMap((object) => object.metadata.finalizers ?? []);
  const ours = LABEL_PREFIXES[flavour].map((prefix) => `${prefix}/finalizer`);
  const other = flavour === "odh" ? "kubeflow" : "odh";
  const theirs = LABEL_PREFIXES[other].map((prefix) => `${prefix}/finalizer`);
  if (finalizers.some((f) => theirs.includes(f)) && !finalizers.some((f) => ours.includes(f)))
    return [
      {
        level: "warning",
        check: "labels",
        message: `InferenceServices in this cluster carry ${theirs[0]}, so its registry controller reads the ${other} label keys, not the ${flavour} keys this manifest has: use the label flavour "${other}" or "both"`,
      },
    ];
  return [];
}

/** The registry announces the end of API v1alpha3, which the upstream controller and initializer alone speak. */
async function apiVersionFindings(mr: RegistryClient, signal?: AbortSignal): Promise<ServingFinding[]> {
  const deprecation = mr.alphaDeprecation ? await mr.alphaDeprecation(signal) : mr.deprecation;
  if (deprecation?.version !== "v1alpha3") return [];
  const when = deprecation.sunset ? ` on ${deprecation.sunset.toISOString().slice(0, 10)}` : "";
  return [
    {
      level: "warning",
      check: "api-version",
      message: `the registry announces the end of API v1alpha3${when}, and the upstream InferenceService controller and storage initializer speak only v1alpha3: after that they can no longer record or fetch this deployment; update them before then`,
    },
  ];
}

/**
 * The serving checks of a version's manifest: what the registry alone tells (storage the initializer cannot fetch, a
 * modelcar without a shell, the API generation), and with a cluster what it tells (the registry's Service, the
 * label keys its controller reads, its Kubernetes version). Reads only.
 */
export async function servingChecks(
  mr: RegistryClient,
  subject: KServeManifestSubject,
  options: KServeManifestOptions & CallOptions & { namespace?: string | undefined },
  cluster?: KubeCluster | undefined,
): Promise<ServingFinding[]> {
  const call: CallOptions = { signal: options.signal };
  const findings = await storageFindings(mr, subject, options, cluster, call);
  findings.push(...(await apiVersionFindings(mr, options.signal)));
  if (cluster) {
    const namespace = options.namespace ?? cluster.namespace;
    findings.push(...(await namespaceFindings(namespace, cluster, options.signal)));
    if (options.storage === "oci-native")
      findings.push(...(await imageVolumeFindings(cluster, options.signal)));
    findings.push(...(await registryServiceFindings(options, cluster, options.signal)));
    findings.push(
      ...(await labelFindings(
        { ...options, namespace: options.namespace ?? cluster.namespace },
        cluster,
        options.signal,
      )),
    );
  }
  return findings;
}

/** What {@link checkDeployment} takes: the version, how its manifest would be written, and optionally the cluster. */
export interface CheckDeploymentParams extends VersionName, CallOptions, KServeManifestOptions {
  /** The cluster it would be applied to: adds the checks only the cluster can answer. */
  cluster?: KubeCluster | undefined;
}

/** The serving checks of a version (see {@link servingChecks}), looked up by name. Reads only.
 * @throws EntityNotFoundError for a model, version or model artifact that does not exist. */
export async function checkDeployment(
  mr: RegistryClient,
  params: CheckDeploymentParams,
): Promise<ServingFinding[]> {
  const subject = await requireVersion(mr, params, { signal: params.signal });
  const namespace = params.namespace ?? params.cluster?.namespace;
  return servingChecks(mr, subject, { ...params, namespace }, params.cluster);
}
