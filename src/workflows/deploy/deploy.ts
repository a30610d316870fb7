// deploy/undeploy: the InferenceService records a cluster controller reconciles into real deployments. The registry
// is metadata only; these set `desiredState` and leave the rest to the controller.

import type { KeyObject } from "node:crypto";
import { builtin } from "../../builtin.js";
import { type CallOptions, callOptions } from "../../client/call-options.js";
import type {
  InferenceService,
  ModelVersion,
  RegisteredModel,
  ServingEnvironment,
} from "../../client/entities.js";
import { tagKind } from "../../client/entity.js";
import {
  ConfigError,
  ConflictError,
  EntityNotFoundError,
  InferenceServiceConflictError,
  type SettingRef,
} from "../../errors.js";
import { publicKeyOf } from "../../signing/keys.js";
import { requireVersion } from "../lookup.js";
import type { RegistryClient } from "../registry-client.js";
import { checkSignature, recordedFiles, signaturePlace } from "../sign/signature-place.js";
import { storeContext } from "../store-context.js";
import { type VersionName, versionWhat } from "../version-name.js";
import { findDeploymentRecord } from "./deployment-record.js";

/** What to deploy where: a version by name, into a serving environment by name. */
export interface DeployParams extends VersionName, CallOptions {
  /** The serving environment's name. */
  servingEnvironment: string;
  /** The InferenceService's name. Default `<name>-<version>` (for a version named by an alias, `<name>-<alias>`: the
   * same service whichever version the alias names), lowercased to a Kubernetes name (DNS-1035, at most 63
   * characters). */
  inferenceService?: string | undefined;
  /** Serving runtime, e.g. `mlserver` or `ovms`. Default: none recorded (the controller picks one). */
  runtime?: string | undefined;
  /** Create the serving environment if it does not exist. Default false (EntityNotFoundError instead). */
  createEnvironment?: boolean | undefined;
  /** Deploy only a version whose signature (OpenSSF model signing) holds for this public key (PEM text or a
   * KeyObject) and lists the files its registration recorded; checked before anything is written. Default: no check.
   * @throws SignatureError when it does not hold (see `verifyModel({ signature })`). */
  requireSignature?: { publicKey: KeyObject | string | Uint8Array } | undefined;
}

/** `created`: a new service. `redeployed`: it was UNDEPLOYED. `updated`: it now serves another version or runtime.
 * `unchanged`: it already served this version (or was already undeployed). `undeployed`: set to UNDEPLOYED. */
export type DeployAction = "created" | "redeployed" | "updated" | "unchanged" | "undeployed";

/** What `deploy` did, and the entities involved as they are now. */
export interface DeployResult {
  /** The InferenceService as it is now (`desiredState: DEPLOYED`). */
  inferenceService: InferenceService;
  /** The serving environment it is in (created by this call with `createEnvironment`, or found). */
  servingEnvironment: ServingEnvironment;
  /** The registered model deployed. */
  registeredModel: RegisteredModel;
  /** The version deployed. */
  modelVersion: ModelVersion;
  /** What this call did: see {@link DeployAction}. */
  action: DeployAction;
}

/** A name KServe accepts for an InferenceService (DNS-1035: a lowercase letter first, then lowercase letters, digits
 * and dashes, no dash at the end, at most 63 characters; KServe's validation webhook, `IsvcNameFmt`). */
export const INFERENCE_SERVICE_NAME = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** The longest default name: KServe derives `<name>-predictor` (and Open Data Hub caps names at 53, its
 * MaxISVCLength), which must still fit Kubernetes' 63. */
export const MAX_SERVICE_NAME = 53;

/**
 * The default InferenceService name of a version: `<name>-<version>` as a DNS-1035 name (lowercased, other characters
 * as dashes, `m-` in front when it would not start with a letter), at most 53 characters. When characters were
 * replaced or dropped, or the name was cut, it ends in `-` and 6 hex digits of the SHA-256 of the model and version
 * names, so two versions (or two models) never share a default name.
 */
export function serviceName(model: string, version: string): string {
  // An alias (`@champion`) names the service after itself: moving the alias and deploying again updates that service.
  // Its name always carries the hash, so that it is no version's (`champion`) and no other alias's (`Champion`).
  const alias = version.startsWith("@");
  const wanted = `${model}-${version.replace(/^@/, "")}`.toLowerCase();
  let name = wanted
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-+|-+$/g, "");
  const prefixed = !/^[a-z]/.test(name);
  if (prefixed) name = `m-${name}`.replace(/-+$/, "");
  const lossless = name === (prefixed ? `m-${wanted}` : wanted);
  if (lossless && !alias && name.length <= MAX_SERVICE_NAME) return name;
  const hash = builtin("node:crypto")
    .createHash("sha256")
    .update(`${model}\u0000${version}`)
    .digest("hex")
    .slice(0, 6);
  return `${name.slice(0, MAX_SERVICE_NAME - 7).replace(/-+$/, "")}-${hash}`;
}

const missing = (mr: RegistryClient, subject: string, hint?: string, fix?: SettingRef[]) =>
  new EntityNotFoundError(subject, mr.apiUrl, hint, undefined, fix);

/** What `deploy` would do, read from the registry without changing anything. */
export interface DeployPlan {
  /** The registered model to deploy. */
  registeredModel: RegisteredModel;
  /** The version to deploy. */
  modelVersion: ModelVersion;
  /** The serving environment; undefined when `createEnvironment` would create it. */
  servingEnvironment: ServingEnvironment | undefined;
  /** The InferenceService's name (given, or the default `<name>-<version>`). */
  inferenceServiceName: string;
  /** The InferenceService of that name as it is, if there is one. */
  existing: InferenceService | undefined;
  /** `create` a service, `redeploy` an undeployed one, `update` it to this version or runtime, or leave it
   * `unchanged`. */
  action: "create" | "redeploy" | "update" | "unchanged";
}

/** @throws ConfigError naming a missing or empty field (e.g. `deploy needs servingEnvironment`), or a service name
 * KServe would refuse. */
function checkDeployParams(params: DeployParams): void {
  for (const field of ["name", "version", "servingEnvironment"] as const)
    if (typeof params[field] !== "string" || params[field] === "")
      throw new ConfigError(
        `deploy needs ${field}: ${field === "name" ? "the registered model's name" : field === "version" ? "the version's name" : "the serving environment's name"}`,
      );
  const name = params.inferenceService;
  if (
    name !== undefined &&
    !(typeof name === "string" && name.length <= 63 && INFERENCE_SERVICE_NAME.test(name))
  )
    throw new ConfigError(
      `the inference service name ${JSON.stringify(name)} is not one KServe accepts: a lowercase letter first, then lowercase letters, digits and dashes, at most 63 characters`,
    );
}

/** What a service of that name means for this deploy. @throws InferenceServiceConflictError when it serves another
 * registered model. */
function actionFor(
  existing: InferenceService | undefined,
  plan: { registeredModel: RegisteredModel; modelVersion: ModelVersion; inferenceServiceName: string },
  params: DeployParams,
): DeployPlan["action"] {
  if (!existing) return "create";
  if (existing.registeredModelId !== plan.registeredModel.id)
    throw new InferenceServiceConflictError(
      `inference service ${JSON.stringify(plan.inferenceServiceName)} in ${JSON.stringify(params.servingEnvironment)} (${existing.id}) serves registered model ${existing.registeredModelId}, not ${plan.registeredModel.id}; nothing was changed: give another name`,
    );
  if (existing.desiredState !== "DEPLOYED") return "redeploy";
  const newRuntime = params.runtime !== undefined && existing.runtime !== params.runtime;
  return existing.modelVersionId !== plan.modelVersion.id || newRuntime ? "update" : "unchanged";
}

/** What `deploy` would do: every read it makes, none of its writes.
 * @throws EntityNotFoundError for a model or version that does not exist, or a serving environment that does not
 * and `createEnvironment` is not set. @throws InferenceServiceConflictError as `deploy` would. */
export async function planDeploy(mr: RegistryClient, params: DeployParams): Promise<DeployPlan> {
  checkDeployParams(params);
  const call = callOptions(params);
  const { registeredModel, modelVersion } = await requireVersion(mr, params, { ...call, artifact: false });
  if (params.requireSignature) {
    const { modelArtifact } = await requireVersion(mr, params, call);
    // The signature against the files the registration recorded: a version whose signature does not hold is not
    // deployed, and nothing is written.
    const what = versionWhat(params);
    const ctx = storeContext(mr, { policy: mr.retryPolicy, signal: params.signal }, undefined);
    const place = await signaturePlace(ctx, modelArtifact, what, {});
    await checkSignature(
      place,
      publicKeyOf(params.requireSignature.publicKey),
      await recordedFiles(place),
      what,
    );
  }
  const servingEnvironment =
    (await mr.servingEnvironments.find({ name: params.servingEnvironment }, call)) ?? undefined;
  if (!servingEnvironment && !params.createEnvironment)
    throw missing(
      mr,
      `serving environment ${JSON.stringify(params.servingEnvironment)}`,
      "pass createEnvironment true to create it",
      [{ setting: "createEnvironment" }],
    );
  const inferenceServiceName = params.inferenceService ?? serviceName(params.name, params.version);
  // Ours (`<name>`) or the upstream controller's (`<name>/<uid>`): one deployment, one record.
  const existing = servingEnvironment
    ? await findDeploymentRecord(mr, servingEnvironment.id, inferenceServiceName, call)
    : undefined;
  const base = { registeredModel, modelVersion, servingEnvironment, inferenceServiceName, existing };
  return { ...base, action: actionFor(existing, base, params) };
}

/** The plan's serving environment, created when the plan says so (a concurrent create's 409 finds theirs). */
async function environment(mr: RegistryClient, plan: DeployPlan, params: DeployParams, call: CallOptions) {
  if (plan.servingEnvironment) return plan.servingEnvironment;
  const name = params.servingEnvironment;
  try {
    return await mr.servingEnvironments.create({ name }, call);
  } catch (error) {
    const raced = error instanceof ConflictError && (await mr.servingEnvironments.find({ name }, call));
    if (raced) return raced;
    throw error;
  }
}

/** Marks a model version DEPLOYED in a serving environment: carries out {@link planDeploy}'s plan, creating or
 * updating its InferenceService. A concurrent deploy that created the service first (409) is found and taken over.
 * @throws EntityNotFoundError for a model, version or serving environment that does not exist.
 * @throws InferenceServiceConflictError when a service of that name serves another registered model. */
export async function deploy(mr: RegistryClient, params: DeployParams): Promise<DeployResult> {
  return tagKind(await deployVersion(mr, params), "deploy outcome");
}

async function deployVersion(mr: RegistryClient, params: DeployParams): Promise<DeployResult> {
  const call = callOptions(params);
  const plan = await planDeploy(mr, params);
  const { registeredModel, modelVersion, inferenceServiceName: name } = plan;
  const servingEnvironment = await environment(mr, plan, params, call);
  const base = { registeredModel, modelVersion, servingEnvironment };
  const runtime = params.runtime ? { runtime: params.runtime } : {};
  let existing = plan.existing;
  if (!existing) {
    try {
      const created = await mr.servingEnvironments.inferenceServices(servingEnvironment.id).create(
        {
          name,
          registeredModelId: registeredModel.id,
          modelVersionId: modelVersion.id,
          desiredState: "DEPLOYED",
          ...runtime,
        },
        call,
      );
      return { ...base, inferenceService: created, action: "created" };
    } catch (error) {
      const where = { name, servingEnvironmentId: servingEnvironment.id };
      existing =
        (error instanceof ConflictError && (await mr.inferenceServices.find(where, call))) || undefined;
      if (!existing) throw error;
    }
  }
  const action = actionFor(existing, plan, params);
  if (action === "unchanged") return { ...base, inferenceService: existing, action };
  const inferenceService = await mr.inferenceServices.update(
    existing.id,
    { desiredState: "DEPLOYED", modelVersionId: modelVersion.id, ...runtime },
    call,
  );
  return { ...base, inferenceService, action: action === "redeploy" ? "redeployed" : "updated" };
}
