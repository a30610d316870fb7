// Deployments both ways: the registry's InferenceService records beside the InferenceServices the cluster has, and
// where they disagree. A record and an object are the same deployment when the object carries the record's id as its
// `inference-service-id` label, or else when the record is named after it (`<name>` or the controller's `<name>/<uid>`)
// in the serving environment named after its namespace.
import type { CallOptions } from "../../client/call-options.js";
import type { InferenceService } from "../../client/entities.js";
import { tagKind } from "../../client/entity.js";
import type { KubeCluster, KubeObject } from "../../kube/kube-cluster.js";
import { resourcePath } from "../../kube/kube-cluster.js";
import type { RegistryClient } from "../registry-client.js";
import { INFERENCE_SERVICES, isReady, LLM_INFERENCE_SERVICES, labelOf } from "./cluster-deploy.js";
import { isRecordOf } from "./deployment-record.js";

/** One deployment as the registry and the cluster each have it. */
export interface DeploymentState {
  /** The namespace (and serving environment). */
  namespace: string;
  /** The InferenceService's name (the record's name without the controller's `/<uid>`). */
  name: string;
  /** The record's id, when the registry has one. */
  recordId: string | undefined;
  /** The record's desired state, when there is one. */
  desiredState: string | undefined;
  /** The registered model's id: the record's, else the object's label. */
  registeredModelId: string | undefined;
  /** The version the record names. */
  modelVersionId: string | undefined;
  /** The version the cluster's object is labelled with. */
  clusterVersionId: string | undefined;
  /** Whether the cluster has it. */
  inCluster: boolean;
  /** Whether KServe reports it Ready. */
  ready: boolean;
  /** Where they disagree, each in a sentence; empty when they agree. */
  problems: string[];
}

const isRegistryLabelled = (object: KubeObject) =>
  labelOf(object, "registered-model-id") !== undefined ||
  labelOf(object, "inference-service-id") !== undefined;

function problemsOf(
  record: InferenceService | undefined,
  object: KubeObject | undefined,
  linkedMissing: boolean,
) {
  const problems: string[] = [];
  if (linkedMissing && object)
    problems.push(
      `linked to record ${labelOf(object, "inference-service-id")}, which the registry does not have`,
    );
  if (record && !object && record.desiredState === "DEPLOYED")
    problems.push("DEPLOYED in the registry, but the cluster has no such InferenceService");
  if (record && object && record.desiredState !== "DEPLOYED")
    problems.push(`in the cluster, but ${record.desiredState ?? "not DEPLOYED"} in the registry`);
  if (object && !labelOf(object, "inference-service-id") && !object.metadata.deletionTimestamp)
    problems.push(
      "not linked to a registry record yet (is the registry's InferenceService controller running?)",
    );
  const clusterVersion = object ? labelOf(object, "model-version-id") : undefined;
  if (record && clusterVersion && record.modelVersionId !== clusterVersion)
    problems.push(
      `the cluster's model-version label is ${clusterVersion}, the record's version ${record.modelVersionId}`,
    );
  if (object?.metadata.deletionTimestamp) problems.push("being deleted in the cluster");
  return problems;
}

/**
 * The deployments of a namespace (or of every namespace and serving environment), as the registry records them and as
 * the cluster has them, with where they disagree: DEPLOYED in the registry but gone from the cluster, in the cluster
 * but UNDEPLOYED, a model-version label that no longer matches the record, an object no controller linked. Reads
 * only. Objects without the registry's labels are not the registry's and are left out.
 */
export async function deploymentStates(
  mr: RegistryClient,
  params: CallOptions & { cluster: KubeCluster; namespace?: string | undefined },
): Promise<DeploymentState[]> {
  const { cluster, namespace, ...call } = params;
  const resources = [INFERENCE_SERVICES];
  const { group, version, plural } = LLM_INFERENCE_SERVICES;
  if (await cluster.serves(group, version, plural, call.signal)) resources.push(LLM_INFERENCE_SERVICES);
  const listed = await Promise.all(
    resources.map((resource) =>
      cluster.list(resourcePath({ ...resource, namespace }), { signal: call.signal }),
    ),
  );
  const objects = listed.flat().filter(isRegistryLabelled);
  const environments = (await mr.servingEnvironments.list(call).toArray()).filter(
    (environment) => namespace === undefined || environment.name === namespace,
  );
  const records: { namespace: string; record: InferenceService }[] = [];
  for (const environment of environments)
    for (const record of await mr.servingEnvironments.inferenceServices(environment.id).list(call).toArray())
      records.push({ namespace: environment.name ?? "", record });
  const claimed = new Set<string>();
  const states: DeploymentState[] = [];
  for (const object of objects) {
    const ns = object.metadata.namespace ?? "";
    const name = object.metadata.name;
    const linked = labelOf(object, "inference-service-id");
    const match =
      records.find(({ record }) => linked !== undefined && record.id === linked) ??
      (linked === undefined
        ? records.find(({ namespace: n, record }) => n === ns && isRecordOf(record.name ?? "", name))
        : undefined);
    if (match) claimed.add(match.record.id);
    const record = match?.record;
    states.push({
      namespace: ns,
      name,
      recordId: record?.id,
      desiredState: record?.desiredState,
      registeredModelId: record?.registeredModelId ?? labelOf(object, "registered-model-id"),
      modelVersionId: record?.modelVersionId,
      clusterVersionId: labelOf(object, "model-version-id"),
      inCluster: true,
      ready: isReady(object),
      problems: problemsOf(record, object, linked !== undefined && !record),
    });
  }
  for (const { namespace: ns, record } of records) {
    if (claimed.has(record.id)) continue;
    states.push({
      namespace: ns,
      name: (record.name ?? "").replace(/\/[^/]*$/, ""),
      recordId: record.id,
      desiredState: record.desiredState,
      registeredModelId: record.registeredModelId,
      modelVersionId: record.modelVersionId,
      clusterVersionId: undefined,
      inCluster: false,
      ready: false,
      problems: problemsOf(record, undefined, false),
    });
  }
  return states.map((state) => tagKind(state, "deployment state"));
}
