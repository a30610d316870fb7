// Where a registration pushes to in an OCI registry (`to: "oci://registry/repository[:tag]"`): the model's files
// become a KServe modelcar image, and the version's artifact records its `oci://` URI with the manifest's digest and
// size. The same re-run rules as S3: the image's manifest digest is computed before anything is written, so a version
// (or a tag) that already holds it is `unchanged` with no blob sent, and one that holds other content is a
// VersionConflictError before any write; a tag is never moved, and only the run whose artifact the registry records
// tags its image; a push cut short is completed by running again (blobs already there are skipped).
import type { ModelArtifact } from "../../client/entities.js";
import { ConfigError, VersionConflictError } from "../../errors.js";
import { RESERVED_NAMES } from "../manifest.js";
import type {
  Destination,
  DestinationRequest,
  DestinationState,
  PutOutcome,
  PutRequest,
  Settled,
  StoreContext,
} from "../model-store.js";
import { ARTIFACT_PROPERTIES, OCI_PROPERTIES } from "../recorded-properties.js";
import { walkFiles } from "../walk-files.js";
import { type BaseImage, resolveBaseImage } from "./base-image.js";
import { DEFAULT_MAX_LAYERS } from "./layer-plan.js";
import {
  buildModelcar,
  type ModelcarImage,
  oneLayerPerFile,
  type PushOptions,
  pushModelcar,
  tagImage,
} from "./modelcar-push.js";
import { checkOciOptions, connectRegistry, type OciOptions, parsePlatform } from "./oci-options.js";
import { formatOciReference, isTag, type OciReference, parseOciReference } from "./oci-reference.js";
import type { OciRegistry } from "./oci-registry.js";

/** The destination reference: `to` with the version's name as the tag when it names none. */
export function destination(request: Pick<DestinationRequest, "to" | "version">): OciReference {
  const ref = parseOciReference(request.to as string, "to");
  if (ref.digest)
    throw new ConfigError(
      `to ${JSON.stringify(request.to)} names a digest: give a tag (the digest is the content's)`,
    );
  if (ref.tag) return ref;
  if (!isTag(request.version))
    throw new ConfigError(
      `the version name ${JSON.stringify(request.version)} is not a valid image tag; give one in to, e.g. ${request.to}:v1`,
    );
  return { ...ref, tag: request.version };
}

/** Everything a registration to `ref` needs before it writes: the registry (reached, and its credentials tried, before
 * any file is read), what the tag names now, and the image with its digest (every file read once). */
interface Prepared {
  registry: OciRegistry;
  /** The manifest the tag named before this run, if any. */
  tagged: { digest: string } | undefined;
  image: ModelcarImage;
  options: PushOptions;
}

async function prepare(ctx: StoreContext, request: DestinationRequest, ref: OciReference): Promise<Prepared> {
  const oci: OciOptions = { ...ctx.oci, ...request.oci };
  checkOciOptions(oci);
  const env = ctx.env ?? (await import("../../config/default-env.js")).defaultEnv();
  const context = { env, signal: ctx.signal, onSecret: (secret: string) => ctx.addSecret(secret) };
  const registry = await connectRegistry(ref.registry, oci, context);
  // The folder is listed (no content read) while the registry is asked; a registry's refusal is said first.
  const listing = walkFiles(request.path, { reserved: RESERVED_NAMES });
  listing.catch(() => undefined); // awaited below, after the registry's answers
  // Asked first: an unreachable registry or refused credentials are said before minutes of hashing.
  const tagged = await ctx.step(() => registry.manifestDigest(ref.repository, ref.tag as string));
  // And whether it lets these credentials push, before any record is created.
  if (tagged === undefined) await ctx.step(() => registry.checkPush(ref.repository));
  const platform = parsePlatform(oci.platform);
  let base: BaseImage | undefined;
  if (oci.baseImage) {
    const baseRef = parseOciReference(oci.baseImage, "oci.baseImage");
    const baseRegistry =
      baseRef.registry === ref.registry
        ? registry
        : await connectRegistry(baseRef.registry, oci, context, false);
    base = await resolveBaseImage(baseRegistry, baseRef, platform);
  }
  const local = await listing;
  ctx.onProgress?.({ type: "phase", phase: "hashing", detail: formatOciReference(ref) });
  const options: PushOptions = {
    chunkSize: oci.chunkSize,
    // A chunk size given (for a proxy that caps a request's body) means chunks from the start.
    stream: oci.chunkSize === undefined,
    concurrency: oci.concurrency,
    onProgress: ctx.onProgress,
    signal: ctx.signal,
  };
  const built = await buildModelcar(local.files, base, { ...options, platform, maxLayers: oci.maxLayers });
  // A tag pushed by a release that put each file in a layer of its own names the same files: that image stands.
  const image = (await sameFiles(built, tagged?.digest, ctx.signal)) ?? built;
  return { registry, tagged, image, options };
}

/** `image`, or the one-layer-per-file image of the same files, whichever has `digest` (the latter built only when
 * `digest` names other content than `image`: a tag or record from before layers were planned, or a conflict). */
async function sameFiles(
  image: ModelcarImage,
  digest: string | undefined,
  signal: AbortSignal | undefined,
): Promise<ModelcarImage | undefined> {
  if (digest === undefined) return undefined;
  if (image.digest === digest) return image;
  const earlier = await oneLayerPerFile(image, signal);
  return earlier.digest === digest ? earlier : undefined;
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

/** Opens the image a registration pushes: `to` with the version as the default tag. The registry is reached, and
 * the files hashed, only when the destination is first asked what it holds. */
export async function openOciDestination(
  ctx: StoreContext,
  request: DestinationRequest,
): Promise<Destination> {
  return new OciDestination(ctx, request, destination(request));
}

class OciDestination implements Destination {
  readonly uri: string;
  private prepared: Promise<Prepared> | undefined;

  constructor(
    private readonly ctx: StoreContext,
    private readonly request: DestinationRequest,
    private readonly ref: OciReference,
  ) {
    this.uri = formatOciReference(ref);
  }

  private prepare(): Promise<Prepared> {
    this.prepared ??= prepare(this.ctx, this.request, this.ref);
    return this.prepared;
  }

  async files() {
    const { files } = (await this.prepare()).image;
    return {
      count: files.length,
      bytes: files.reduce((n, f) => n + f.size, 0),
      list: files.map((f) => f.relativePath),
    };
  }

  /** The image's layer plan, for plans: how many layers (alone, packed, the base image's), the bound, the digest. */
  async describeSettings() {
    const { image } = await this.prepare();
    const alone = image.layers.filter((l) => l.files.length === 1).length;
    const base = image.base?.layers.length ?? 0;
    const asked = { ...this.ctx.oci, ...this.request.oci }.maxLayers;
    return {
      layers: `${image.layers.length} (${alone} of one file, ${image.layers.length - alone} packed)${base ? ` on the base image's ${base}` : ""}`,
      "max layers": `${this.maxLayers()} (${asked === undefined ? "the default" : "asked for"})`,
      "image digest": image.digest,
    };
  }

  /** The layer bound this call builds with. */
  private maxLayers(): number {
    return { ...this.ctx.oci, ...this.request.oci }.maxLayers ?? DEFAULT_MAX_LAYERS;
  }

  /** Refuses a tag that names other content (a tag is never moved). */
  private checkTag({ tagged, image }: Prepared, advice: string): void {
    if (tagged && tagged.digest !== image.digest)
      throw new VersionConflictError(
        `${this.uri} already names other content (${tagged.digest}, this model ${image.digest}); a tag is never moved. ${advice}`,
        tagged.digest,
        image.digest,
      );
  }

  /** Pushes the image, unless the tag names it already. */
  private async push(prepared: Prepared) {
    const { registry, tagged, image, options } = prepared;
    if (tagged?.digest === image.digest)
      return {
        digest: image.digest,
        size: image.manifest.length,
        blobsSent: 0,
        bytesSent: 0,
        blobsMounted: 0,
      };
    this.ctx.onProgress?.({ type: "phase", phase: "uploading", detail: this.uri });
    return this.ctx.step(() => pushModelcar(registry, this.ref, image, options));
  }

  /** Tags the image, unless the tag named it already (refused if another run took the tag meanwhile). */
  private async tag(prepared: Prepared): Promise<void> {
    if (!prepared.tagged) await this.ctx.step(() => tagImage(prepared.registry, this.ref, prepared.image));
  }

  /** The version's artifact records this image's digest, or it is a VersionConflictError (checked before the tag, so
   * that the advice is about the version). */
  private checkVersion(what: string, artifact: ModelArtifact, image: ModelcarImage, pushed = false): void {
    const recorded = artifact.customProperties[OCI_PROPERTIES.digest];
    if (recorded === image.digest) return;
    const held =
      typeof recorded === "string"
        ? `the image ${recorded}`
        : artifact.uri?.startsWith("oci://")
          ? artifact.uri
          : `${artifact.uri}, not as an OCI image`;
    const done = pushed
      ? `Another run registered it meanwhile; this run's image was pushed but not tagged (${image.digest}, untagged)`
      : "Nothing was pushed or changed";
    const bound = artifact.customProperties[OCI_PROPERTIES.maxLayers];
    const layout =
      typeof bound === "number" && bound !== this.maxLayers()
        ? ` It was pushed with at most ${bound} layers and this run allows ${this.maxLayers()}: the same files make another image under another bound; give oci.maxLayers ${bound} if the files are the same.`
        : "";
    throw new VersionConflictError(
      `${what} is already registered with other content (${held}; this model ${image.digest}). ${done}; register the new content as a new version.${layout}`,
      typeof recorded === "string" ? recorded : undefined,
      image.digest,
    );
  }

  /** A version registered earlier with this very image: `unchanged` when its image is where the artifact says; pushed
   * again (`completed`) when it was deleted; a conflict when its tag was moved to other content. */
  async registered(artifact: ModelArtifact, options: { what: string; dryRun: boolean }): Promise<Settled> {
    const prepared = await this.prepare();
    const recorded = artifact.customProperties[OCI_PROPERTIES.digest];
    // Pushed under another layer bound, and none asked for now: the same files under that bound are this version's.
    const bound = artifact.customProperties[OCI_PROPERTIES.maxLayers];
    const asked = { ...this.ctx.oci, ...this.request.oci }.maxLayers;
    if (typeof bound === "number" && asked === undefined && recorded !== prepared.image.digest) {
      const { image, options } = prepared;
      prepared.image = await buildModelcar(image.files, image.base, {
        ...options,
        platform: image.platform,
        maxLayers: bound,
      });
    }
    // Registered by a release that put each file in a layer of its own: that image is this version's.
    prepared.image =
      (await sameFiles(
        prepared.image,
        typeof recorded === "string" ? recorded : undefined,
        this.ctx.signal,
      )) ?? prepared.image;
    const { image, tagged } = prepared;
    this.checkVersion(options.what, artifact, image);
    const uri = artifact.uri ?? "";
    const stored = tagged?.digest === image.digest;
    if (uri !== this.uri) {
      if (options.dryRun) return { uri, status: "unchanged", stored };
      const warning = `version ${JSON.stringify(this.request.version)} is registered with this content at ${uri}; nothing was pushed to ${this.uri}`;
      this.ctx.onProgress?.({ type: "warning", message: warning });
      return { uri, status: "unchanged", image: imageSummary(image, 0, 0), warnings: [warning] };
    }
    this.checkTag(
      prepared,
      options.dryRun
        ? "Nothing would be pushed or registered"
        : "The image registered for this version was replaced behind the registry's back; put it back, or register a new version",
    );
    const status = tagged ? "unchanged" : "completed"; // completed: the deleted image is pushed again
    if (options.dryRun) return { uri, status, stored };
    const pushed = await this.push(prepared);
    await this.tag(prepared);
    return { uri, status, image: imageSummary(image, pushed.blobsSent, pushed.bytesSent) };
  }

  /** Refuses a tag that names other content; `reuse` when it names this very image. */
  async inspect(options: { dryRun: boolean }): Promise<DestinationState> {
    const prepared = await this.prepare();
    this.checkTag(
      prepared,
      options.dryRun
        ? "Nothing would be pushed or registered"
        : "Nothing was pushed or registered; push the new content under another tag",
    );
    return prepared.tagged?.digest === prepared.image.digest ? { reuse: true } : { put: true };
  }

  /** Never busy: a registry has no folder to claim (concurrent runs race on the artifact, and the winner tags). */
  async waitFor(): Promise<void> {}

  async put(request: PutRequest): Promise<PutOutcome> {
    const prepared = await this.prepare();
    const { image } = prepared;
    const pushed = await this.push(prepared);
    this.ctx.onProgress?.({ type: "phase", phase: "registering", detail: this.uri });
    const totalBytes = image.files.reduce((n, f) => n + f.size, 0);
    const { modelArtifact, created } = await request.record({
      uri: this.uri,
      properties: {
        [OCI_PROPERTIES.digest]: image.digest,
        [OCI_PROPERTIES.size]: image.manifest.length,
        [OCI_PROPERTIES.maxLayers]: this.maxLayers(),
        [OCI_PROPERTIES.baseImage]: image.base ? `${image.base.registry}/${image.base.repository}` : "",
        [ARTIFACT_PROPERTIES.size]: totalBytes,
        [ARTIFACT_PROPERTIES.files]: image.files.length,
      },
    });
    const summary = imageSummary(image, pushed.blobsSent, pushed.bytesSent);
    if (!created) {
      // Another run registered the version meanwhile: it tags its image; this one leaves the tag alone.
      this.checkVersion(request.what, modelArtifact, image, true);
      return { modelArtifact, uri: this.uri, wrote: false, byOtherRun: true, image: summary, warnings: [] };
    }
    // The registration is this run's: now the tag may name its image.
    await this.tag(prepared);
    return { modelArtifact, uri: this.uri, wrote: true, byOtherRun: false, image: summary, warnings: [] };
  }
}
