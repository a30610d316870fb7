// registerModel: store a trained model and create RegisteredModel → ModelVersion → ModelArtifact in one call that
// converges when run again. Every input is checked before the first request; the registry is read first (3 requests
// tell whether the version is already registered), then the destination is asked what it holds, and only then is
// anything created. The destination is a ModelStore's (S3 by default, an OCI registry with `to`), picked by its
// URI's scheme; this file follows one path for every store. Every step retries itself on passing faults.

import { join } from "node:path";
import { builtin } from "../../builtin.js";
import type { ModelVersion, RegisteredModel } from "../../client/entities.js";
import { type CustomPropertiesInput, tagKind } from "../../client/entity.js";
import { ConfigError, shown } from "../../errors.js";
import { privateKeyOf } from "../../signing/keys.js";
import { bundleKeyHint, checkSigningKey, SIGNATURE_FILE } from "../../signing/model-signature.js";
import type { Destination } from "../../storage/model-store.js";
import { destinationStore } from "../../storage/model-stores.js";
import { SIGNATURE_PROPERTIES } from "../../storage/recorded-properties.js";
import { checkStorageOptions } from "../../storage/s3/storage-options.js";
import { converge, type StepContext } from "../converge.js";
import { type FoundVersion, findVersion } from "../lookup.js";
import {
  addModelArtifact,
  ensureModelVersion,
  ensureRegisteredModel,
  findModelArtifact,
} from "../model-entities.js";
import type { RegistryClient } from "../registry-client.js";
import { signModel } from "../sign/sign-model.js";
import { signaturePlace } from "../sign/signature-place.js";
import { storeContext } from "../store-context.js";
import { versionWhat } from "../version-name.js";
import { checkRegistration } from "./check-registration.js";
import { artifactBody, registerUri, uriUnchangedOrConflict } from "./register-artifact.js";
import type { RegisterModelParams, RegisterModelResult } from "./register-params.js";

export {
  ARTIFACT_PROPERTIES,
  type RegisterModelParams,
  type RegisterModelResult,
  type RegisterStatus,
  type StorageOptions,
} from "./register-params.js";

/** Where `params.path` goes: the store of `to`'s scheme (S3 when there is no `to`), opened. Nothing is written. */
export async function openDestination(
  mr: RegistryClient,
  ctx: StepContext,
  params: RegisterModelParams,
): Promise<Destination> {
  const store = await destinationStore(params.to);
  return store.openDestination(storeContext(mr, ctx, params.onProgress), {
    path: params.path as string,
    name: params.name,
    version: params.version,
    to: params.to,
    storage: params.storage,
    oci: params.oci,
  });
}

/** Every check registerModel makes before its first request. @throws ConfigError naming the first problem. */
export function checkParams(
  mr: RegistryClient,
  params: RegisterModelParams,
): { lineage: CustomPropertiesInput; waitTimeout: number } {
  const lineage = params.lineage === false ? {} : (params.lineage ?? mr.lineage);
  checkRegistration(params as unknown as Parameters<typeof checkRegistration>[0], lineage);
  checkStorageOptions(params.storage, "this call's storage");
  const waitTimeout = params.waitTimeout ?? 600_000;
  if (!(Number.isFinite(waitTimeout) && waitTimeout >= 0))
    throw new ConfigError(`waitTimeout must be a number of milliseconds >= 0, not ${shown(waitTimeout)}`);
  return { lineage, waitTimeout };
}

/** What the registry already holds for this name and version: at most three GETs, each a converging step. */
export function readKnown(
  mr: RegistryClient,
  ctx: StepContext,
  params: RegisterModelParams,
): Promise<FoundVersion> {
  return findVersion(mr, params, { signal: ctx.signal, read: (step) => converge(ctx, step) });
}

/** Registers (and stores) a model. See {@link RegisterModelParams}; the result says what happened, and is tagged as a
 * "register result" for the views. */
export async function registerModel(
  mr: RegistryClient,
  params: RegisterModelParams,
): Promise<RegisterModelResult> {
  await checkSign(params);
  const result = await register(mr, params);
  if (!params.sign) return tagKind(await recordOwnSignature(mr, params, result), "register result");
  // Signed in the same call, from the digests the registration recorded.
  const signed = await signModel(mr, {
    name: params.name,
    version: params.version,
    privateKey: params.sign.privateKey,
    replace: params.sign.replace,
    storage: params.storage,
    oci: params.oci,
    signal: params.signal,
  });
  return tagKind(
    {
      ...result,
      modelArtifact: signed.modelArtifact,
      signature: { status: signed.status, uri: signed.signatureUri, keyHint: signed.keyHint },
    },
    "register result",
  );
}

/** Before anything is uploaded: a key the format does not take, files that are not kept here, or a folder that holds
 * a signature made elsewhere (signing it with this key would replace it). @throws ConfigError, SignatureError */
export async function checkSign(params: RegisterModelParams): Promise<void> {
  if (!params.sign) return;
  checkSigningKey(privateKeyOf(params.sign.privateKey, "sign.privateKey"));
  if (!params.path)
    throw new ConfigError(
      "sign signs the files this call stores (path): a URI registered as is has no recorded files to sign",
    );
  if (await isFile(join(params.path, SIGNATURE_FILE)))
    throw new ConfigError(
      `${join(params.path, SIGNATURE_FILE)} is a signature made with the files already: register them as they are (it is checked with its key), or remove it to sign them with this key`,
    );
}

const isFile = (path: string) =>
  builtin("node:fs/promises")
    .stat(path)
    .then(
      (s) => s.isFile(),
      () => false,
    );

/** A folder registered with its own signature (`model.sig` among its files, made by model_signing): recorded on the
 * artifact, as signModel records its own, so that every client sees the version is signed and by which key. */
async function recordOwnSignature(
  mr: RegistryClient,
  params: RegisterModelParams,
  result: RegisterModelResult,
): Promise<RegisterModelResult> {
  if (!params.path || !(await isFile(join(params.path, SIGNATURE_FILE)))) return result;
  if (result.modelArtifact.customProperties[SIGNATURE_PROPERTIES.key] !== undefined) return result;
  const ctx = storeContext(mr, { policy: mr.retryPolicy, signal: params.signal }, undefined);
  const place = await signaturePlace(ctx, result.modelArtifact, versionWhat(params), params);
  const bytes = await place.read();
  let hint: string | undefined;
  try {
    hint = bytes && bundleKeyHint(bytes);
  } catch {
    return result; // not a signature bundle: a file like any other
  }
  if (!hint) return result;
  const modelArtifact = await mr.modelArtifacts.update(
    result.modelArtifact.id,
    { customProperties: { [SIGNATURE_PROPERTIES.uri]: place.uri, [SIGNATURE_PROPERTIES.key]: hint } },
    { mergeCustomProperties: true, signal: params.signal },
  );
  return { ...result, modelArtifact };
}

async function register(mr: RegistryClient, params: RegisterModelParams): Promise<RegisterModelResult> {
  const { signal, onProgress } = params;
  onProgress?.({ type: "phase", phase: "checking" });
  const { lineage, waitTimeout } = checkParams(mr, params);
  const ctx: StepContext = { policy: mr.retryPolicy, signal };
  const what = versionWhat(params);
  if (!params.path) return registerAsIs(mr, ctx, params, lineage, what);
  const destination = await openDestination(mr, ctx, params);
  const waiting = { what, waitTimeout, deadline: Date.now() + waitTimeout };
  const read = await readPhase(mr, ctx, params, destination, waiting);
  if ("registered" in read) {
    const { modelArtifact } = read.registered;
    return { ...read.registered, ...(await destination.registered(modelArtifact, { what, dryRun: false })) };
  }
  const { registeredModel, modelVersion, created } = await createEntities(
    mr,
    ctx,
    params,
    read.known,
    lineage,
  );
  const put = await destination.put({
    ...waiting,
    reuse: read.reuse,
    record: async (content) => {
      const body = artifactBody(params, content.uri, content);
      const { entity, created } = await addModelArtifact(mr, ctx, modelVersion.id, body);
      return { modelArtifact: entity, created };
    },
    recorded: async () =>
      (await converge(ctx, () => findModelArtifact(mr, modelVersion.id, { signal }))) ?? undefined,
  });
  if (!put.byOtherRun) onProgress?.({ type: "phase", phase: "done", detail: put.uri });
  return {
    registeredModel,
    modelVersion,
    modelArtifact: put.modelArtifact,
    uri: put.uri,
    status: created ? "created" : put.wrote ? "completed" : "unchanged",
    ...(put.manifest ? { manifest: put.manifest } : {}),
    ...(put.image ? { image: put.image } : {}),
    ...(put.warnings.length > 0 ? { warnings: put.warnings } : {}),
  };
}

/** Registers `params.uri` as is: nothing is stored. */
async function registerAsIs(
  mr: RegistryClient,
  ctx: StepContext,
  params: RegisterModelParams,
  lineage: CustomPropertiesInput,
  what: string,
): Promise<RegisterModelResult> {
  const known = await readKnown(mr, ctx, params);
  const { registeredModel, modelVersion, modelArtifact } = known;
  if (registeredModel && modelVersion && modelArtifact)
    return uriUnchangedOrConflict(params, what, { registeredModel, modelVersion, modelArtifact });
  const entities = await createEntities(mr, ctx, params, known, lineage);
  const done = await registerUri(mr, ctx, params, entities.modelVersion, what);
  params.onProgress?.({ type: "phase", phase: "done", detail: params.uri });
  return {
    registeredModel: entities.registeredModel,
    modelVersion: entities.modelVersion,
    modelArtifact: done.modelArtifact,
    uri: params.uri as string,
    status: entities.created ? "created" : done.created ? "completed" : "unchanged",
  };
}

/**
 * Everything read before the first write: what the registry holds (the version may be registered already), and what
 * the destination holds. While another run is writing there, waits for it and reads again (it may have registered
 * this very version).
 */
async function readPhase(
  mr: RegistryClient,
  ctx: StepContext,
  params: RegisterModelParams,
  destination: Destination,
  waiting: { what: string; deadline: number; waitTimeout: number },
): Promise<{ registered: Required<FoundVersion> } | { known: FoundVersion; reuse: boolean }> {
  for (let look = 1; ; look++) {
    const known = await readKnown(mr, ctx, params);
    const { registeredModel, modelVersion, modelArtifact } = known;
    if (registeredModel && modelVersion && modelArtifact)
      return { registered: { registeredModel, modelVersion, modelArtifact } };
    const state = await destination.inspect({ newVersion: !modelVersion, what: waiting.what, dryRun: false });
    if ("busy" in state) await destination.waitFor(state.busy, waiting);
    else if (!("changed" in state) || look >= 5) return { known, reuse: "reuse" in state };
  }
}

/** The model and version of this registration: found by the read phase, or created now. */
async function createEntities(
  mr: RegistryClient,
  ctx: StepContext,
  params: RegisterModelParams,
  known: FoundVersion,
  lineage: CustomPropertiesInput,
): Promise<{ registeredModel: RegisteredModel; modelVersion: ModelVersion; created: boolean }> {
  const author = params.author ?? mr.author;
  const registeredModel =
    known.registeredModel ??
    (
      await ensureRegisteredModel(mr, ctx, {
        name: params.name,
        owner: params.owner ?? author,
        description: params.modelDescription,
        customProperties: params.modelMetadata,
      })
    ).entity;
  if (known.modelVersion) return { registeredModel, modelVersion: known.modelVersion, created: false };
  const { entity, created } = await ensureModelVersion(mr, ctx, registeredModel.id, {
    name: params.version,
    author,
    description: params.description,
    customProperties: { ...lineage, ...params.metadata },
  });
  return { registeredModel, modelVersion: entity, created };
}
