// One deployment, one record: the InferenceService record of a deployment, whoever made it. This client names the
// records it creates after the InferenceService (`<name>`); the upstream InferenceService controller names the ones it
// creates `<name>/<uid>` (the Kubernetes object's uid; pkg/inferenceservice-controller in kubeflow/hub). Both are
// the same deployment, so every lookup by name finds either.
import type { CallOptions } from "../../client/call-options.js";
import type { InferenceService } from "../../client/entities.js";
import type { RegistryClient } from "../registry-client.js";

/** Whether a record's name is that of deployment `name`: `name` itself, or the controller's `name/<uid>`. */
export function isRecordOf(recordName: string, name: string): boolean {
  return (
    recordName === name ||
    (recordName.startsWith(`${name}/`) && !recordName.slice(name.length + 1).includes("/"))
  );
}

const newestFirst = (a: InferenceService, b: InferenceService) =>
  Number(b.lastUpdateTimeSinceEpoch ?? 0) - Number(a.lastUpdateTimeSinceEpoch ?? 0) ||
  Number(b.id) - Number(a.id);

/**
 * The record of deployment `name` in a serving environment: with `uid` (the live InferenceService's), the
 * controller's record of it (`name/<uid>`); else, among the records named `name` or `name/<uid>`, a DEPLOYED one (the
 * deployment that runs, not a stale one left by an earlier apply), then the one named `name`, then the most recently
 * updated. Undefined when there is none.
 */
export async function findDeploymentRecord(
  mr: RegistryClient,
  servingEnvironmentId: string,
  name: string,
  options: CallOptions & { uid?: string | undefined } = {},
): Promise<InferenceService | undefined> {
  const { uid, ...call } = options;
  if (uid) {
    const own = await mr.inferenceServices.find({ name: `${name}/${uid}`, servingEnvironmentId }, call);
    if (own) return own;
  }
  const all = await mr.servingEnvironments.inferenceServices(servingEnvironmentId).list(call).toArray();
  const rank = (record: InferenceService) =>
    (record.desiredState === "DEPLOYED" ? 0 : 2) + (record.name === name ? 0 : 1);
  return all
    .filter((record) => isRecordOf(record.name ?? "", name))
    .sort((a, b) => rank(a) - rank(b) || newestFirst(a, b))[0];
}
