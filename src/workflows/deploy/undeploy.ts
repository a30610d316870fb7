// undeploy: an InferenceService record set to UNDEPLOYED (the record stays, so deploy can bring it back); a cluster
// controller removes the deployment.
import { type CallOptions, callOptions } from "../../client/call-options.js";
import type { InferenceService } from "../../client/entities.js";
import { tagKind } from "../../client/entity.js";
import { ConfigError, EntityNotFoundError } from "../../errors.js";
import type { RegistryClient } from "../registry-client.js";
import type { DeployAction } from "./deploy.js";
import { findDeploymentRecord } from "./deployment-record.js";

/** Which InferenceService to undeploy: by id (`inferenceServiceId`), or by name within a serving environment named
 * `servingEnvironment`. */
export type UndeployParams = CallOptions &
  (
    | {
        /** The InferenceService's id. */
        inferenceServiceId: string;
      }
    | {
        /** The InferenceService's name. */
        inferenceService: string;
        /** The name of the serving environment it is in. */
        servingEnvironment: string;
      }
  );

/** What `undeploy` did (`undeployed`, or `unchanged` when it was undeployed already) and the service as it is now. */
export interface UndeployResult {
  /** The InferenceService as it is now (`desiredState: UNDEPLOYED`). */
  inferenceService: InferenceService;
  /** `undeployed` by this call, or `unchanged` when it was undeployed already. */
  action: Extract<DeployAction, "undeployed" | "unchanged">;
}

/** The id of the InferenceService named in `params`. @throws EntityNotFoundError when it or its serving environment
 * does not exist. */
async function serviceId(mr: RegistryClient, params: UndeployParams, call: CallOptions): Promise<string> {
  const given = params as Partial<
    Record<"inferenceServiceId" | "inferenceService" | "servingEnvironment", unknown>
  >;
  const text = (value: unknown) => typeof value === "string" && value !== "";
  if (given.inferenceServiceId !== undefined) {
    if (!text(given.inferenceServiceId))
      throw new ConfigError('undeploy\'s inferenceServiceId must be the id of an InferenceService, e.g. "9"');
    return given.inferenceServiceId as string;
  }
  if (!text(given.inferenceService) || !text(given.servingEnvironment))
    throw new ConfigError(
      "undeploy needs inferenceServiceId (the InferenceService's id), or inferenceService and servingEnvironment (their names)",
    );
  const { inferenceService, servingEnvironment } = given as {
    inferenceService: string;
    servingEnvironment: string;
  };
  const env = await mr.servingEnvironments.find({ name: servingEnvironment }, call);
  if (!env)
    throw new EntityNotFoundError(`serving environment ${JSON.stringify(servingEnvironment)}`, mr.apiUrl);
  // Ours (`<name>`) or the upstream controller's (`<name>/<uid>`).
  const found = await findDeploymentRecord(mr, env.id, inferenceService, call);
  if (!found)
    throw new EntityNotFoundError(
      `inference service ${JSON.stringify(inferenceService)} in ${JSON.stringify(servingEnvironment)}`,
      mr.apiUrl,
    );
  return found.id;
}

/** Marks an InferenceService UNDEPLOYED (the record stays, so it can be redeployed).
 * @throws EntityNotFoundError (by name) or NotFoundError (by id) when there is no such service. */
export async function undeploy(mr: RegistryClient, params: UndeployParams): Promise<UndeployResult> {
  return tagKind(await undeployService(mr, params), "deploy outcome");
}

async function undeployService(mr: RegistryClient, params: UndeployParams): Promise<UndeployResult> {
  const call = callOptions(params);
  const id = await serviceId(mr, params, call);
  const current = await mr.inferenceServices.get(id, call);
  if (current.desiredState === "UNDEPLOYED") return { inferenceService: current, action: "unchanged" };
  return {
    inferenceService: await mr.inferenceServices.update(id, { desiredState: "UNDEPLOYED" }, call),
    action: "undeployed",
  };
}
