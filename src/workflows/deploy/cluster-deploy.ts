// Deploying on a Kubernetes cluster: the version's InferenceService applied server-side, then the registry's record
// kept as the cluster has it. The upstream InferenceService controller (kubeflow/hub pkg/inferenceservice-controller)
// links an InferenceService labelled with a registered-model id to a registry record: it creates one named
// `<name>/<uid>` (DEPLOYED), or adopts the one an `inference-service-id` label names, and writes that id back as a
// label; on deletion it sets the record UNDEPLOYED through its finalizer. Afterwards it only re-syncs the record's
// `url`: it never sets an adopted record DEPLOYED again and never follows a changed model-version label. So this
// client carries the record's id in the manifest (one deployment, one record), and itself sets the record DEPLOYED
// and pointing at the version applied.
import { type CallOptions, callOptions } from "../../client/call-options.js";
import type { InferenceService } from "../../client/entities.js";
import { tagKind } from "../../client/entity.js";
import { sleep } from "../../client/retry.js";
import { ClusterError, ConfigError, InferenceServiceConflictError, NotFoundError } from "../../errors.js";
import { type KubeCluster, type KubeObject, resourcePath } from "../../kube/kube-cluster.js";
import { requireVersion } from "../lookup.js";
import type { RegistryClient } from "../registry-client.js";
import type { VersionName } from "../version-name.js";
import { deploy, serviceName } from "./deploy.js";
import { findDeploymentRecord } from "./deployment-record.js";
import { LABEL_PREFIXES, toKServeManifest, toLLMInferenceService } from "./kserve-manifest.js";
import type {
  KServeInferenceService,
  KServeLLMInferenceService,
  KServeManifestOptions,
} from "./kserve-types.js";
import { refuseErrors, type ServingFinding, servingChecks } from "./serving-checks.js";

/** KServe's InferenceService resource. */
export const INFERENCE_SERVICES = {
  group: "serving.kserve.io",
  version: "v1beta1",
  plural: "inferenceservices",
};
/** KServe's LLMInferenceService resource (v1alpha2, KServe 0.16+). */
export const LLM_INFERENCE_SERVICES = {
  group: "serving.kserve.io",
  version: "v1alpha2",
  plural: "llminferenceservices",
};

/** Which KServe resource serves the version: an `InferenceService` (a predictor with a model format), or an
 * `LLMInferenceService` (an LLM, served by vLLM). */
export type ServingKind = "InferenceService" | "LLMInferenceService";

const resourceOf = (kind: ServingKind | undefined) =>
  kind === "LLMInferenceService" ? LLM_INFERENCE_SERVICES : INFERENCE_SERVICES;

/** The field manager this library applies as (server-side apply). */
export const FIELD_MANAGER = "model-registry";

/** What to wait for after applying: `linked` (the registry's controller has linked the InferenceService to its record:
 * the record's id is on it as a label), or `ready` (linked, and KServe reports it Ready). */
export type DeployWait = "linked" | "ready";

/** A step of a cluster deploy or delete, for progress lines. */
export interface ClusterProgress {
  /** `checked`, `applied`, `recorded`, `waiting`, `linked`, `ready`, `deleting`, `deleted`. */
  phase: string;
  /** One line saying what happened. */
  message: string;
}

/** What {@link applyDeployment} takes: the version, the cluster, and how to write the manifest. */
export interface ClusterDeployParams
  extends VersionName,
    CallOptions,
    Omit<KServeManifestOptions, "namespace" | "inferenceServiceId"> {
  /** The cluster (see `KubeCluster.connect`). */
  cluster: KubeCluster;
  /** The InferenceService's namespace. Default: the cluster's (the kubeconfig context's). The registry's controller
   * records the deployment in the serving environment named after it. */
  namespace?: string | undefined;
  /** The serving environment, if named: it must be the namespace (the controller records it there). */
  servingEnvironment?: string | undefined;
  /** Which KServe resource to apply. Default `InferenceService`. The registry's controller watches InferenceServices
   * only: an `LLMInferenceService`'s record is created and kept by this call, and `wait: "linked"` does not apply. */
  kind?: ServingKind | undefined;
  /** Wait for the controller to link it, or for KServe to report it Ready. Default: no wait. */
  wait?: DeployWait | undefined;
  /** How long a wait may take in ms. Default 120_000. */
  timeoutMs?: number | undefined;
  /** Have the API server validate the manifest against its CRDs and store nothing; the registry is not changed. */
  dryRun?: boolean | undefined;
  /** Called at each step. */
  onProgress?: ((event: ClusterProgress) => void) | undefined;
}

/** What {@link applyDeployment} did. */
export interface ClusterDeployResult {
  /** The manifest applied. */
  manifest: KServeInferenceService | KServeLLMInferenceService;
  /** The InferenceService as the API server stored it (or would have, in a dry run). */
  applied: KubeObject;
  /** `created` in the cluster, `updated` (its spec or labels changed), or `unchanged`. */
  action: "created" | "updated" | "unchanged";
  /** The registry's record of it, when known: adopted (an existing record), or linked by the controller (after a
   * wait). Undefined when the controller has yet to create it. */
  inferenceService: InferenceService | undefined;
  /** The controller has linked it (the record's id label is on it). */
  linked: boolean;
  /** KServe reports it Ready. */
  ready: boolean;
  /** What the serving checks warned of (nothing they refuse: that throws). */
  warnings: ServingFinding[];
  /** The cluster: its API server and where its settings came from. */
  cluster: string;
  /** A dry run: nothing was stored. */
  dryRun: boolean;
}

/** A registry label of an object, under whichever prefix it is written (kubeflow's, else Open Data Hub's). */
export function labelOf(object: KubeObject | undefined, key: string): string | undefined {
  const labels = object?.metadata.labels ?? {};
  for (const prefix of LABEL_PREFIXES.both) {
    const value = labels[`${prefix}/${key}`];
    if (value) return value;
  }
  return undefined;
}

/** Whether KServe reports the object Ready. */
export const isReady = (object: KubeObject | undefined) =>
  object?.status?.conditions?.some(
    (condition) => condition.type === "Ready" && condition.status === "True",
  ) ?? false;

function isvcPath(namespace: string, name: string, kind?: ServingKind): string {
  return resourcePath({ ...resourceOf(kind), namespace, name });
}

/** @throws ClusterError (`not-installed`) when the cluster does not serve the KServe resource. */
async function requireKServe(
  cluster: KubeCluster,
  kind: ServingKind | undefined,
  signal?: AbortSignal,
): Promise<void> {
  const { group, version, plural } = resourceOf(kind);
  if (!(await cluster.serves(group, version, plural, signal)))
    throw new ClusterError(
      `the cluster ${cluster.describe()} does not serve ${group}/${version} ${plural}: KServe's CRDs are not installed there`,
      "not-installed",
    );
}

/** The namespace of a deploy, checked against the serving environment. @throws ConfigError when they differ. */
function namespaceOf(params: {
  namespace?: string | undefined;
  servingEnvironment?: string | undefined;
  cluster: KubeCluster;
}) {
  const namespace = params.namespace ?? params.cluster.namespace;
  if (params.servingEnvironment !== undefined && params.servingEnvironment !== namespace)
    throw new ConfigError(
      `servingEnvironment ${JSON.stringify(params.servingEnvironment)} is not the namespace ${JSON.stringify(namespace)}: the registry's controller records an InferenceService in the serving environment named after its namespace, so deploy into namespace ${JSON.stringify(params.servingEnvironment)} or leave servingEnvironment out`,
      { fix: [{ setting: "servingEnvironment" }] },
    );
  return namespace;
}

/** The registry record this deployment already has: the one its live InferenceService is linked to, else one of its
 * name in the namespace's serving environment. @throws InferenceServiceConflictError when that serves another model. */
async function currentRecord(
  mr: RegistryClient,
  live: KubeObject | undefined,
  where: { namespace: string; name: string; registeredModelId: string },
  call: CallOptions,
): Promise<InferenceService | undefined> {
  const linkedId = labelOf(live, "inference-service-id");
  let record: InferenceService | undefined;
  if (linkedId)
    record = await mr.inferenceServices.get(linkedId, call).catch((error: unknown) => {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    });
  if (!record) {
    const environment = await mr.servingEnvironments.find({ name: where.namespace }, call);
    record = environment
      ? await findDeploymentRecord(mr, environment.id, where.name, { ...call, uid: live?.metadata.uid })
      : undefined;
  }
  if (record && record.registeredModelId !== where.registeredModelId)
    throw new InferenceServiceConflictError(
      `inference service ${JSON.stringify(where.name)} in ${JSON.stringify(where.namespace)} (record ${record.id}) serves registered model ${record.registeredModelId}, not ${where.registeredModelId}; nothing was changed: give another name`,
    );
  return record;
}

/** Sets the record DEPLOYED on this version (and runtime): what the controller does not do for a record it adopted. */
async function keepRecord(
  mr: RegistryClient,
  record: InferenceService,
  want: { modelVersionId: string; runtime?: string | undefined },
  call: CallOptions,
): Promise<InferenceService> {
  const runtime =
    want.runtime !== undefined && record.runtime !== want.runtime ? { runtime: want.runtime } : {};
  if (
    record.desiredState === "DEPLOYED" &&
    record.modelVersionId === want.modelVersionId &&
    !("runtime" in runtime)
  )
    return record;
  return mr.inferenceServices.update(
    record.id,
    { desiredState: "DEPLOYED", modelVersionId: want.modelVersionId, ...runtime },
    call,
  );
}

/** Polls until `done` gives a value. @throws ClusterError (`timeout`) with `why()` after `timeoutMs`. */
async function waitFor<T>(
  done: () => Promise<T | undefined>,
  timeoutMs: number,
  why: () => Promise<string>,
  signal?: AbortSignal,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let pause = 100; ; pause = Math.min(pause * 2, 1000)) {
    const value = await done();
    if (value !== undefined) return value;
    if (Date.now() >= deadline) throw new ClusterError(await why(), "timeout");
    await sleep(Math.min(pause, Math.max(0, deadline - Date.now())), signal);
  }
}

/**
 * Applies a version's InferenceService to a cluster (server-side apply as field manager `model-registry`), keeping
 * one registry record per deployment: an existing record (linked to the live object, or of the same name, ours or
 * the controller's) is carried as the `inference-service-id` label and set DEPLOYED on this version. With `wait`,
 * waits for the registry's controller to link it (and for KServe to report it Ready).
 * @throws ConfigError when a serving check refuses (see `checkDeployment`), or the serving environment is not the
 * namespace. @throws InferenceServiceConflictError when the name serves another registered model (in the cluster or
 * the registry). @throws ClusterError when the API server refuses the manifest (`invalid`), KServe is not installed
 * (`not-installed`), or a wait runs out (`timeout`, saying what was and was not seen).
 * @throws EntityNotFoundError for a model or version that does not exist.
 */
export async function applyDeployment(
  mr: RegistryClient,
  params: ClusterDeployParams,
): Promise<ClusterDeployResult> {
  return tagKind(await apply(mr, params), "cluster deploy outcome");
}

async function apply(mr: RegistryClient, params: ClusterDeployParams): Promise<ClusterDeployResult> {
  const { cluster, signal } = params;
  const call = callOptions(params);
  const progress = params.onProgress ?? (() => {});
  const namespace = namespaceOf(params);
  const name = params.inferenceService ?? serviceName(params.name, params.version);
  const llm = params.kind === "LLMInferenceService";
  if (llm && params.wait === "linked")
    throw new ConfigError(
      `the registry's controller does not watch LLMInferenceServices, so nothing links them: wait "ready", or not at all`,
    );
  const subject = await requireVersion(mr, params, call);
  await requireKServe(cluster, params.kind, signal);
  const findings = await servingChecks(mr, subject, { ...params, namespace }, cluster);
  refuseErrors(findings, `${params.name} ${params.version} would not be served`);
  const warnings = findings.filter((finding) => finding.level === "warning");
  progress({
    phase: "checked",
    message: `serving checks passed${warnings.length ? ` (${warnings.length} warning${warnings.length > 1 ? "s" : ""})` : ""}`,
  });

  const path = isvcPath(namespace, name, params.kind);
  const live = await cluster.get(path, signal);
  if (live?.metadata.deletionTimestamp)
    throw new ClusterError(
      `InferenceService ${namespace}/${name} is being deleted (finalizers: ${(live.metadata.finalizers ?? []).join(", ") || "none"}); deploy again once it is gone`,
      "conflict",
    );
  const liveModel = labelOf(live, "registered-model-id");
  if (live && liveModel && liveModel !== subject.registeredModel.id)
    throw new InferenceServiceConflictError(
      `InferenceService ${namespace}/${name} serves registered model ${liveModel}, not ${subject.registeredModel.id}; nothing was changed: give another name`,
    );
  const where = { namespace, name, registeredModelId: subject.registeredModel.id };
  let record = await currentRecord(mr, live, where, call);
  // No controller records an LLMInferenceService: this call makes (or keeps) its record, named after it.
  if (llm && !params.dryRun)
    record = (
      await deploy(mr, {
        name: params.name,
        version: params.version,
        servingEnvironment: namespace,
        inferenceService: name,
        runtime: params.runtime,
        createEnvironment: true,
        ...call,
      })
    ).inferenceService;
  const options = { ...params, namespace, inferenceService: name, inferenceServiceId: record?.id };
  const manifest = llm ? toLLMInferenceService(subject, options) : toKServeManifest(subject, options);
  const applied = await cluster.apply(path, manifest, {
    fieldManager: FIELD_MANAGER,
    force: true,
    dryRun: params.dryRun,
    signal,
  });
  const action = !live
    ? "created"
    : applied.metadata.resourceVersion === live.metadata.resourceVersion
      ? "unchanged"
      : "updated";
  const base = {
    manifest,
    action,
    warnings,
    cluster: cluster.describe(),
    dryRun: Boolean(params.dryRun),
  } as const;
  if (params.dryRun) {
    progress({
      phase: "checked",
      message: `the API server accepted ${namespace}/${name} (dry run: nothing stored)${record ? `; record ${record.id} would be DEPLOYED on ${params.version}` : "; the registry's controller would create its record"}`,
    });
    return {
      ...base,
      applied,
      inferenceService: record,
      linked: Boolean(labelOf(live, "inference-service-id")),
      ready: false,
    };
  }
  progress({
    phase: "applied",
    message: `${action}: InferenceService ${namespace}/${name} in ${cluster.server}`,
  });
  const want = { modelVersionId: subject.modelVersion.id, runtime: params.runtime };
  let kept = record ? await keepRecord(mr, record, want, call) : undefined;
  if (kept)
    progress({
      phase: "recorded",
      message: `inference service record ${kept.id} is DEPLOYED on ${params.version}`,
    });
  if (!params.wait)
    return {
      ...base,
      applied,
      inferenceService: kept,
      linked: Boolean(labelOf(applied, "inference-service-id")),
      ready: isReady(applied),
    };

  const timeoutMs = params.timeoutMs ?? 120_000;
  progress({
    phase: "waiting",
    message: `waiting for the registry's controller to link ${namespace}/${name}`,
  });
  let current: KubeObject | undefined = applied;
  const linked = await waitFor(
    async () => {
      current = await cluster.get(path, signal);
      return labelOf(current, "inference-service-id");
    },
    timeoutMs,
    async () => notLinked(cluster, current, params, namespace, name, timeoutMs),
    signal,
  );
  // The controller made the record, or adopted ours: either way it must be DEPLOYED on this version. A record this
  // registry lacks, or one of another model, means the cluster's controller works with another registry.
  const linkedRecord = await mr.inferenceServices.get(linked, call).catch((error: unknown) => {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  });
  if (!linkedRecord || linkedRecord.registeredModelId !== subject.registeredModel.id)
    throw new ClusterError(
      `the cluster's registry controller linked ${namespace}/${name} to record ${linked}, which ${linkedRecord ? `here serves registered model ${linkedRecord.registeredModelId}, not ${subject.registeredModel.id}` : `this registry (${mr.url}) does not have`}: that controller works with another registry than this client; point it at this one (registryUrl, or registryService and registryNamespace) and delete ${namespace}/${name}, which it recorded in the other registry`,
      "conflict",
      { fix: [{ setting: "registryUrl" }, { setting: "registryService" }, { setting: "registryNamespace" }] },
    );
  kept = await keepRecord(mr, linkedRecord, want, call);
  progress({ phase: "linked", message: `linked to inference service record ${kept.id} (${kept.name})` });
  if (params.wait === "ready") return waitReady();
  return {
    ...base,
    applied: current ?? applied,
    inferenceService: kept,
    linked: true,
    ready: isReady(current),
  };

  async function waitReady(): Promise<ClusterDeployResult> {
    progress({ phase: "waiting", message: `waiting for KServe to report ${namespace}/${name} Ready` });
    current = await waitFor(
      async () => {
        const seen = await cluster.get(path, signal);
        current = seen;
        return isReady(seen) ? seen : undefined;
      },
      timeoutMs,
      async () => {
        const condition = current?.status?.conditions?.find((c) => c.type === "Ready");
        return `${params.kind ?? "InferenceService"} ${namespace}/${name} is not Ready after ${timeoutMs} ms${condition ? `: ${condition.reason ?? condition.status}${condition.message ? ` (${condition.message})` : ""}` : ": KServe has reported no Ready condition (is KServe's controller running?)"}`;
      },
      signal,
    );
    progress({
      phase: "ready",
      message: `KServe reports ${namespace}/${name} Ready at ${current?.status?.url ?? "(no URL yet)"}`,
    });
    const linkedNow = Boolean(labelOf(current, "inference-service-id"));
    return { ...base, applied: current ?? applied, inferenceService: kept, linked: linkedNow, ready: true };
  }
}

/** Why no controller linked the InferenceService in time: what was seen of it. */
async function notLinked(
  cluster: KubeCluster,
  seen: KubeObject | undefined,
  params: ClusterDeployParams,
  namespace: string,
  name: string,
  timeoutMs: number,
): Promise<string> {
  const finalizers = seen?.metadata.finalizers ?? [];
  const touched = finalizers.some((finalizer) => finalizer.endsWith("/finalizer"));
  const flavour = params.labels ?? "kubeflow";
  return `the registry's InferenceService controller did not link ${namespace}/${name} within ${timeoutMs} ms${touched ? " (it added its finalizer but wrote no record id: check its log for the registry's answer)" : `: no controller acted on it; is the Model Registry's InferenceService controller running in ${cluster.server}, with the ${flavour === "odh" ? "modelregistry.opendatahub.io" : "modelregistry.kubeflow.org"} labels?`}`;
}

/** What {@link deleteDeployment} takes. */
export interface ClusterDeleteParams extends CallOptions {
  /** The cluster (see `KubeCluster.connect`). */
  cluster: KubeCluster;
  /** The InferenceService's name. */
  inferenceService: string;
  /** Which KServe resource it is. Default `InferenceService`. */
  kind?: ServingKind | undefined;
  /** Its namespace. Default: the cluster's. */
  namespace?: string | undefined;
  /** Wait until it is gone (the controller removes its finalizer once the record is UNDEPLOYED). Default true. */
  wait?: boolean | undefined;
  /** How long the wait may take in ms. Default 120_000. */
  timeoutMs?: number | undefined;
  /** Called at each step. */
  onProgress?: ((event: ClusterProgress) => void) | undefined;
}

/** What {@link deleteDeployment} did. */
export interface ClusterDeleteResult {
  /** `deleted` from the cluster (and gone), `deleting` (asked, not waited for: finalizers may hold it a while), or
   * `absent` (it was not in the cluster; its record is set UNDEPLOYED). */
  action: "deleted" | "deleting" | "absent";
  /** The registry's record, UNDEPLOYED, when the InferenceService was linked to one (or one of its name exists). */
  inferenceService: InferenceService | undefined;
  /** The cluster: its API server and where its settings came from. */
  cluster: string;
}

/**
 * Deletes an InferenceService from the cluster and, by default, waits until it is gone: the registry's controller
 * sets its record UNDEPLOYED and removes its finalizer. The record is then checked, and set UNDEPLOYED if the
 * controller did not (it does so only on a best-effort basis).
 * @throws ClusterError (`timeout`) when it is still there after `timeoutMs`, naming the finalizers that hold it.
 */
export async function deleteDeployment(
  mr: RegistryClient,
  params: ClusterDeleteParams,
): Promise<ClusterDeleteResult> {
  return tagKind(await remove(mr, params), "cluster deploy outcome");
}

async function remove(mr: RegistryClient, params: ClusterDeleteParams): Promise<ClusterDeleteResult> {
  const { cluster, signal } = params;
  const call = callOptions(params);
  const progress = params.onProgress ?? (() => {});
  const namespace = params.namespace ?? cluster.namespace;
  const name = params.inferenceService;
  const path = isvcPath(namespace, name, params.kind);
  const live = await cluster.get(path, signal);
  const what = `${params.kind ?? "InferenceService"} ${namespace}/${name}`;
  if (!live) {
    // The other kind of the same name: deleting "nothing" would leave it serving while its record says UNDEPLOYED.
    const otherKind: ServingKind =
      params.kind === "LLMInferenceService" ? "InferenceService" : "LLMInferenceService";
    const { group, version, plural } = resourceOf(otherKind);
    if (
      (await cluster.serves(group, version, plural, signal)) &&
      (await cluster.get(isvcPath(namespace, name, otherKind), signal))
    )
      throw new ConfigError(
        `${namespace}/${name} is an ${otherKind}, not an ${params.kind ?? "InferenceService"}: delete it as kind ${JSON.stringify(otherKind)}; nothing was changed`,
        { fix: [{ setting: "kind", value: params.kind ?? "InferenceService" }] },
      );
  }
  const recordId = labelOf(live, "inference-service-id");
  let record = recordId
    ? await mr.inferenceServices.get(recordId, call).catch(() => undefined)
    : await (async () => {
        const environment = await mr.servingEnvironments.find({ name: namespace }, call);
        return environment ? findDeploymentRecord(mr, environment.id, name, call) : undefined;
      })();
  if (!live && !record)
    throw new ClusterError(
      `there is no ${what} in ${cluster.server}, and no record of it in the registry's serving environment ${JSON.stringify(namespace)}`,
      "not-found",
    );
  const action = live && (await cluster.delete(path, { signal })) ? "deleted" : "absent";
  if (action === "deleted") {
    progress({ phase: "deleting", message: `deleting ${what}` });
    if (params.wait !== false) {
      const timeoutMs = params.timeoutMs ?? 120_000;
      let seen: KubeObject | undefined;
      await waitFor(
        async () => {
          seen = await cluster.get(path, signal);
          return seen ? undefined : true;
        },
        timeoutMs,
        async () =>
          `${what} is still there after ${timeoutMs} ms, held by finalizers ${(seen?.metadata.finalizers ?? []).join(", ") || "(none)"}: the registry's controller removes its finalizer once it has marked the record UNDEPLOYED; is it running?`,
        signal,
      );
      progress({ phase: "deleted", message: `${what} is gone` });
    }
  }
  if (record && record.desiredState !== "UNDEPLOYED" && (params.wait !== false || action === "absent")) {
    record = await mr.inferenceServices.get(record.id, call);
    if (record.desiredState !== "UNDEPLOYED")
      record = await mr.inferenceServices.update(record.id, { desiredState: "UNDEPLOYED" }, call);
  }
  const done = action === "deleted" && params.wait === false ? "deleting" : action;
  return { action: done, inferenceService: record, cluster: cluster.describe() };
}
