// registerModel to an OCI registry (`to: "oci://registry/repository[:tag]"`): the model's files become a KServe
// modelcar image (storage/oci/), and the version's artifact records its `oci://` URI with the manifest's digest and
// size. The same re-run rules as S3: the image's manifest digest is computed before anything is written, so a version
// (or a tag) that already holds it is `unchanged` with no blob sent, and one that holds other content is a
// VersionConflictError before any write; a tag is never moved; a push cut short is completed by running again
// (blobs already there are skipped).
import { ConfigError, VersionConflictError } from "../../errors.js";
import { RESERVED_NAMES } from "../../storage/manifest.js";
import { type BaseImage, resolveBaseImage } from "../../storage/oci/base-image.js";
import {
  buildModelcar,
  type ModelcarImage,
  type PushOptions,
  pushModelcar,
  tagImage,
} from "../../storage/oci/modelcar-push.js";
import {
  checkOciOptions,
  connectRegistry,
  type OciOptions,
  parsePlatform,
} from "../../storage/oci/oci-options.js";
import {
  formatOciReference,
  isTag,
  type OciReference,
  parseOciReference,
} from "../../storage/oci/oci-reference.js";
import type { OciRegistry } from "../../storage/oci/oci-registry.js";
import { walkFiles } from "../../storage/walk-files.js";
import { converge, type StepContext } from "../converge.js";
import type { FoundVersion } from "../lookup.js";
import { addModelArtifact } from "../model-entities.js";
import type { RegistryClient } from "../registry-client.js";
import { artifactBody } from "./register-artifact.js";
import {
  ARTIFACT_PROPERTIES,
  type RegisterModelParams,
  type RegisterModelResult,
  type RegisterPlan,
} from "./register-params.js";

/** Custom properties of the model artifact of a version pushed as an OCI image. */
export const OCI_PROPERTIES = {
  digest: "oci_manifest_digest",
  size: "oci_manifest_size",
} as const;

/** The destination reference: `to` with the version's name as the tag when it names none. */
export function destination(params: RegisterModelParams): OciReference {
  const ref = parseOciReference(params.to as string, "to");
  if (ref.digest)
    throw new ConfigError(
      `to ${JSON.stringify(params.to)} names a digest: give a tag (the digest is the content's)`,
    );
  if (ref.tag) return ref;
  if (!isTag(params.version))
    throw new ConfigError(
      `the version name ${JSON.stringify(params.version)} is not a valid image tag; give one in to, e.g. ${params.to}:v1`,
    );
  return { ...ref, tag: params.version };
}

/** Everything a registration to `ref` needs before it writes: the registry (reached, and its credentials tried, before
 * any file is read), what the tag names now, and the image with its digest (every file read once). */
interface Prepared {
  registry: OciRegistry;
  ref: OciReference;
  /** The manifest the tag named before this run, if any. */
  tagged: { digest: string } | undefined;
  image: ModelcarImage;
  options: PushOptions;
}

async function prepare(
  mr: RegistryClient,
  params: RegisterModelParams,
  ref: OciReference,
  ctx: StepContext,
): Promise<Prepared> {
  const oci: OciOptions = { ...mr.oci, ...params.oci };
  checkOciOptions(oci);
  const env = mr.env ?? (await import("../../config/default-env.js")).defaultEnv();
  const context = { env, signal: params.signal, onSecret: (secret: string) => mr.secrets.add(secret) };
  const registry = await connectRegistry(ref.registry, oci, context);
  // Asked first: an unreachable registry or refused credentials are said before minutes of hashing.
  const tagged = await converge(ctx, () => registry.manifestDigest(ref.repository, ref.tag as string));
  // And whether it lets these credentials push, before any record is created.
  if (tagged === undefined) await converge(ctx, () => registry.checkPush(ref.repository));
  const platform = parsePlatform(oci.platform);
  let base: BaseImage | undefined;
  if (oci.baseImage) {
    const baseRef = parseOciReference(oci.baseImage, "oci.baseImage");
    const baseRegistry =
      baseRef.registry === ref.registry ? registry : await connectRegistry(baseRef.registry, oci, context);
    base = await resolveBaseImage(baseRegistry, baseRef, platform);
  }
  const local = await walkFiles(params.path as string, { reserved: RESERVED_NAMES });
  params.onProgress?.({ type: "phase", phase: "hashing", detail: formatOciReference(ref) });
  const options: PushOptions = {
    chunkSize: oci.chunkSize,
    concurrency: oci.concurrency,
    onProgress: params.onProgress,
    signal: params.signal,
  };
  const image = await buildModelcar(local.files, base, { ...options, platform });
  return { registry, ref, tagged, image, options };
}

/** Refuses a tag that names other content (a tag is never moved). */
function checkTag({ ref, tagged, image }: Prepared, advice: string): void {
  if (tagged && tagged.digest !== image.digest)
    throw new VersionConflictError(
      `${formatOciReference(ref)} already names other content (${tagged.digest}, this model ${image.digest}); a tag is never moved. ${advice}`,
      tagged.digest,
      image.digest,
    );
}

/** Pushes the image, unless the tag names it already. */
async function push(ctx: StepContext, prepared: Prepared, onProgress: RegisterModelParams["onProgress"]) {
  const { registry, ref, tagged, image, options } = prepared;
  if (tagged?.digest === image.digest)
    return { digest: image.digest, size: image.manifest.length, blobsSent: 0, bytesSent: 0, blobsMounted: 0 };
  onProgress?.({ type: "phase", phase: "uploading", detail: formatOciReference(ref) });
  return converge(ctx, () => pushModelcar(registry, ref, image, options));
}

/** The version's artifact records this image's digest, or it is a VersionConflictError (checked before the tag, so
 * that the advice is about the version). */
function checkVersion(
  params: RegisterModelParams,
  artifact: RegisterModelResult["modelArtifact"],
  image: ModelcarImage,
  pushed = false,
): void {
  const recorded = artifact.customProperties[OCI_PROPERTIES.digest];
  if (recorded === image.digest) return;
  const what = `version ${JSON.stringify(params.version)} of model ${JSON.stringify(params.name)}`;
  const held =
    typeof recorded === "string"
      ? `the image ${recorded}`
      : artifact.uri?.startsWith("oci://")
        ? artifact.uri
        : `${artifact.uri}, not as an OCI image`;
  const done = pushed
    ? `Another run registered it meanwhile; this run's image was pushed but not tagged (${image.digest}, untagged)`
    : "Nothing was pushed or changed";
  throw new VersionConflictError(
    `${what} is already registered with other content (${held}; this model ${image.digest}). ${done}; register the new content as a new version`,
    typeof recorded === "string" ? recorded : undefined,
    image.digest,
  );
}

function imageSummary(image: ModelcarImage, blobsSent: number, bytesSent: number) {
  return {
    digest: image.digest,
    size: image.manifest.length,
    layers: image.layers.length,
    blobsSent,
    bytesSent,
  };
}

/** A version registered earlier with this very image: `unchanged` when its image is where the artifact says; pushed
 * again (`completed`) when it was deleted; a conflict when its tag was moved to other content. */
async function registeredAlready(
  ctx: StepContext,
  params: RegisterModelParams,
  prepared: Prepared,
  entities: Pick<RegisterModelResult, "registeredModel" | "modelVersion" | "modelArtifact">,
): Promise<RegisterModelResult> {
  const { image } = prepared;
  checkVersion(params, entities.modelArtifact, image);
  const uri = entities.modelArtifact.uri ?? "";
  const here = formatOciReference(prepared.ref);
  if (uri !== here) {
    const warning = `version ${JSON.stringify(params.version)} is registered with this content at ${uri}; nothing was pushed to ${here}`;
    params.onProgress?.({ type: "warning", message: warning });
    return { ...entities, uri, status: "unchanged", image: imageSummary(image, 0, 0), warnings: [warning] };
  }
  checkTag(
    prepared,
    "The image registered for this version was replaced behind the registry's back; put it back, or register a new version",
  );
  const pushed = await push(ctx, prepared, params.onProgress);
  if (!prepared.tagged) await converge(ctx, () => tagImage(prepared.registry, prepared.ref, image));
  const status = prepared.tagged ? "unchanged" : "completed"; // completed: the deleted image was pushed again
  return { ...entities, uri, status, image: imageSummary(image, pushed.blobsSent, pushed.bytesSent) };
}

/** registerModel's steps for an OCI destination. */
export async function registerOci(
  mr: RegistryClient,
  ctx: StepContext,
  params: RegisterModelParams,
  steps: {
    read: () => Promise<FoundVersion>;
    create: (
      known: FoundVersion,
    ) => Promise<Pick<RegisterModelResult, "registeredModel" | "modelVersion"> & { created: boolean }>;
  },
): Promise<RegisterModelResult> {
  const ref = destination(params);
  const known = await steps.read();
  const prepared = await prepare(mr, params, ref, ctx);
  const { image } = prepared;
  const { registeredModel, modelVersion, modelArtifact } = known;
  if (registeredModel && modelVersion && modelArtifact)
    return registeredAlready(ctx, params, prepared, { registeredModel, modelVersion, modelArtifact });
  checkTag(prepared, "Nothing was pushed or registered; push the new content under another tag");
  const entities = await steps.create(known);
  const pushed = await push(ctx, prepared, params.onProgress);
  const uri = formatOciReference(ref);
  params.onProgress?.({ type: "phase", phase: "registering", detail: uri });
  const totalBytes = image.layers.reduce((n, l) => n + l.file.size, 0);
  const { entity, created } = await addModelArtifact(mr, ctx, entities.modelVersion.id, {
    ...artifactBody(params, uri),
    customProperties: {
      [OCI_PROPERTIES.digest]: image.digest,
      [OCI_PROPERTIES.size]: image.manifest.length,
      [ARTIFACT_PROPERTIES.size]: totalBytes,
      [ARTIFACT_PROPERTIES.files]: image.layers.length,
    },
  });
  if (!created) {
    // Another run registered the version meanwhile: it tags its image; this one leaves the tag alone.
    checkVersion(params, entity, image, true);
    const summary = imageSummary(image, pushed.blobsSent, pushed.bytesSent);
    return { ...entities, modelArtifact: entity, uri, status: "unchanged", image: summary };
  }
  // The registration is this run's: now the tag may name its image (refused if another run took the tag).
  if (!prepared.tagged) await converge(ctx, () => tagImage(prepared.registry, ref, image));
  params.onProgress?.({ type: "phase", phase: "done", detail: uri });
  return {
    registeredModel: entities.registeredModel,
    modelVersion: entities.modelVersion,
    modelArtifact: entity,
    uri,
    status: entities.created ? "created" : "completed",
    image: imageSummary(image, pushed.blobsSent, pushed.bytesSent),
  };
}

/** What registerModel would do with an OCI destination, from the registry's and the image registry's state: every
 * file is read to know the image's digest; the same VersionConflictError as the real run, nothing written. */
export async function planOci(
  mr: RegistryClient,
  params: RegisterModelParams,
  read: () => Promise<FoundVersion>,
): Promise<RegisterPlan> {
  const ref = destination(params);
  const known = await read();
  const prepared = await prepare(mr, params, ref, { policy: mr.retryPolicy, signal: params.signal });
  const { image, tagged } = prepared;
  const { registeredModel, modelVersion, modelArtifact } = known;
  if (modelArtifact) checkVersion(params, modelArtifact, image);
  if (!modelArtifact || modelArtifact.uri === formatOciReference(ref))
    checkTag(prepared, "Nothing would be pushed or registered");
  const files = image.layers.map((layer) => layer.file);
  return {
    name: params.name,
    version: params.version,
    uri: modelArtifact?.uri ?? formatOciReference(ref),
    status: modelArtifact
      ? tagged || modelArtifact.uri !== formatOciReference(ref)
        ? "unchanged"
        : "completed"
      : modelVersion
        ? "completed"
        : "created",
    registeredModel: registeredModel ? `reuse ${registeredModel.id}` : "create",
    modelVersion: modelVersion ? `exists ${modelVersion.id}` : "create",
    modelArtifact: modelArtifact ? `exists ${modelArtifact.id}` : "create",
    files: {
      count: files.length,
      bytes: files.reduce((n, f) => n + f.size, 0),
      list: files.map((f) => f.relativePath),
    },
    reuseStoredFiles: tagged?.digest === image.digest,
  };
}
