// registerModel to an OCI registry (`to: "oci://registry/repository[:tag]"`): the model's files become a KServe
// modelcar image (storage/oci/), and the version's artifact records its `oci://` URI with the manifest's digest and
// size. The same re-run rules as S3: the image's manifest digest is computed before anything is written, so a version
// (or a tag) that already holds it is `unchanged` with no blob sent, and one that holds other content is a
// VersionConflictError before any write; a tag is never moved; a push cut short is completed by running again
// (blobs already there are skipped).
import { ConfigError, VersionConflictError } from "../errors.js";
import { RESERVED_NAMES } from "../storage/manifest.js";
import { type BaseImage, resolveBaseImage } from "../storage/oci/base-image.js";
import { buildModelcar, type ModelcarImage, pushModelcar } from "../storage/oci/modelcar-push.js";
import {
  checkOciOptions,
  connectRegistry,
  type OciOptions,
  parsePlatform,
} from "../storage/oci/oci-options.js";
import {
  formatOciReference,
  isTag,
  type OciReference,
  parseOciReference,
} from "../storage/oci/oci-reference.js";
import { walkFiles } from "../storage/walk-files.js";
import { converge, type StepContext } from "./converge.js";
import type { FoundVersion } from "./lookup.js";
import { addModelArtifact } from "./model-entities.js";
import { artifactBody } from "./register-artifact.js";
import {
  ARTIFACT_PROPERTIES,
  type RegisterModelParams,
  type RegisterModelResult,
  type RegisterPlan,
} from "./register-params.js";
import type { RegistryClient } from "./registry-client.js";

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

/** The image of this registration, its digest computed (every file read once). */
async function imageOf(
  mr: RegistryClient,
  params: RegisterModelParams,
  ref: OciReference,
): Promise<{
  image: ModelcarImage;
  /** Whether the tag already names this image: nothing to push. */
  tagged: boolean;
  push: (ctx: StepContext) => Promise<Awaited<ReturnType<typeof pushModelcar>>>;
}> {
  const oci: OciOptions = { ...mr.oci, ...params.oci };
  checkOciOptions(oci);
  const env = mr.env ?? (await import("../config/default-env.js")).defaultEnv();
  const context = { env, signal: params.signal, onSecret: (secret: string) => mr.secrets.add(secret) };
  const registry = await connectRegistry(ref.registry, oci, context);
  let base: BaseImage | undefined;
  if (oci.baseImage) {
    const baseRef = parseOciReference(oci.baseImage, "oci.baseImage");
    const baseRegistry =
      baseRef.registry === ref.registry ? registry : await connectRegistry(baseRef.registry, oci, context);
    base = await resolveBaseImage(baseRegistry, baseRef, parsePlatform(oci.platform));
  }
  const local = await walkFiles(params.path as string, { reserved: RESERVED_NAMES });
  params.onProgress?.({ type: "phase", phase: "hashing", detail: formatOciReference(ref) });
  const options = {
    chunkSize: oci.chunkSize,
    concurrency: oci.concurrency,
    onProgress: params.onProgress,
    signal: params.signal,
  };
  const image = await buildModelcar(local.files, base, { ...options, platform: parsePlatform(oci.platform) });
  const existing = await registry.manifestDigest(ref.repository, ref.tag as string);
  if (existing && existing.digest !== image.digest)
    throw new VersionConflictError(
      `${formatOciReference(ref)} already names other content (${existing.digest}, this model ${image.digest}); a tag is never moved. Nothing was pushed; push the new content under another tag`,
      existing.digest,
      image.digest,
    );
  return {
    image,
    tagged: existing !== undefined,
    push: async (ctx) => {
      if (existing)
        return {
          digest: image.digest,
          size: image.manifest.length,
          blobsSent: 0,
          bytesSent: 0,
          blobsMounted: 0,
        };
      params.onProgress?.({ type: "phase", phase: "uploading", detail: formatOciReference(ref) });
      return converge(ctx, () => pushModelcar(registry, ref, image, options));
    },
  };
}

/** The result for a version that already has its artifact: `unchanged` when it records this image's digest. */
function unchangedOrConflict(
  params: RegisterModelParams,
  entities: Pick<RegisterModelResult, "registeredModel" | "modelVersion" | "modelArtifact">,
  image: ModelcarImage,
): RegisterModelResult {
  const recorded = entities.modelArtifact.customProperties[OCI_PROPERTIES.digest];
  if (recorded === image.digest)
    return {
      ...entities,
      uri: entities.modelArtifact.uri ?? "",
      status: "unchanged",
      image: imageSummary(image, 0, 0),
    };
  const what = `version ${JSON.stringify(params.version)} of model ${JSON.stringify(params.name)}`;
  throw new VersionConflictError(
    `${what} is already registered with other content (${typeof recorded === "string" ? recorded : entities.modelArtifact.uri}, this model ${image.digest}). Nothing was pushed or changed; register the new content as a new version`,
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

/** registerModel's steps for an OCI destination; `created`: whether this run created the version. */
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
  const { image, push } = await imageOf(mr, params, ref);
  const { registeredModel, modelVersion, modelArtifact } = known;
  if (registeredModel && modelVersion && modelArtifact)
    return unchangedOrConflict(params, { registeredModel, modelVersion, modelArtifact }, image);
  const entities = await steps.create(known);
  const pushed = await push(ctx);
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
  if (!created) return unchangedOrConflict(params, { ...entities, modelArtifact: entity }, image);
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
  const { image, tagged } = await imageOf(mr, params, ref);
  const { registeredModel, modelVersion, modelArtifact } = known;
  if (registeredModel && modelVersion && modelArtifact)
    unchangedOrConflict(params, { registeredModel, modelVersion, modelArtifact }, image);
  const files = image.layers.map((layer) => layer.file);
  return {
    name: params.name,
    version: params.version,
    uri: modelArtifact?.uri ?? formatOciReference(ref),
    status: modelArtifact ? "unchanged" : modelVersion ? "completed" : "created",
    registeredModel: registeredModel ? `reuse ${registeredModel.id}` : "create",
    modelVersion: modelVersion ? `exists ${modelVersion.id}` : "create",
    modelArtifact: modelArtifact ? `exists ${modelArtifact.id}` : "create",
    files: {
      count: files.length,
      bytes: files.reduce((n, f) => n + f.size, 0),
      list: files.map((f) => f.relativePath),
    },
    reuseStoredFiles: tagged,
  };
}
