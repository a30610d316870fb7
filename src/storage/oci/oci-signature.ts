// Where the signature of a version stored as a modelcar lives: attached to the image in the registry, as the
// model-signing tools for images (PyPI rh-model-signing) attach and look for it. An artifact manifest whose subject is
// the image (OCI 1.1 referrers, artifact type `application/vnd.model-signing.signature.v0.1`), and, for registries
// without the referrers API, a manifest tagged `sha256-<hex>.sig`; each holds the Sigstore bundle as its one layer.
// The files a signature covers are those of the image's /models, as read from its layers (a file layer's own digest,
// a pack's files hashed), which is the statement those tools build from the same image.
import { createHash } from "node:crypto";
import { SignatureError, UploadError } from "../../errors.js";
import type { Manifest } from "../manifest.js";
import type { PullRequest, SignaturePlace, StoreContext } from "../model-store.js";
import { OCI_PROPERTIES } from "../recorded-properties.js";
import { pullModelcar } from "./modelcar-pull.js";
import { type Descriptor, MEDIA_TYPES } from "./oci-media.js";
import { connectRegistry } from "./oci-options.js";
import { parseOciReference } from "./oci-reference.js";
import type { OciRegistry } from "./oci-registry.js";

/** The artifact type of a model signature attached to an image. */
export const SIGNATURE_ARTIFACT_TYPE = "application/vnd.model-signing.signature.v0.1";
const SIGNATURE_CONFIG_TYPE = "application/vnd.model-signing.signature.v0.1.config+json";
/** A signature layer: the Sigstore bundle itself. */
const BUNDLE_TYPE = "application/vnd.dev.sigstore.bundle.v0.3+json";
const sha256 = (bytes: Uint8Array) => `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

async function pushBlob(registry: OciRegistry, repository: string, bytes: Uint8Array, mediaType: string) {
  const descriptor: Descriptor = { mediaType, digest: sha256(bytes), size: bytes.length };
  if (!(await registry.hasBlob(repository, descriptor.digest)))
    await registry.uploadBlob(
      repository,
      descriptor,
      (async function* () {
        yield bytes;
      })(),
    );
  return descriptor;
}

/** The bundle a signature manifest holds (its first layer, checked against its digest). */
async function bundleOf(
  registry: OciRegistry,
  repository: string,
  reference: string,
): Promise<Uint8Array | undefined> {
  const { bytes } = await registry.getManifest(repository, reference);
  const layer = (JSON.parse(new TextDecoder().decode(bytes)) as { layers?: Descriptor[] }).layers?.[0];
  if (!layer) return undefined;
  const blob = new Uint8Array(await (await registry.getBlob(repository, layer.digest)).arrayBuffer());
  return sha256(blob) === layer.digest ? blob : undefined;
}

/** The signature's place for a version stored as an image, and the files its image holds. */
export async function ociSignaturePlace(ctx: StoreContext, request: PullRequest): Promise<SignaturePlace> {
  const { artifact, what } = request;
  const ref = parseOciReference(artifact.uri ?? "", "the artifact's URI");
  const env = ctx.env ?? (await import("../../config/default-env.js")).defaultEnv();
  const registry = await connectRegistry(
    ref.registry,
    { ...ctx.oci, ...request.oci },
    { env, signal: ctx.signal, onSecret: (secret) => ctx.addSecret(secret) },
  );
  const recorded = artifact.customProperties[OCI_PROPERTIES.digest];
  const named = ref.digest ?? ref.tag ?? "latest";
  const subject = await ctx.step(() =>
    registry.manifestDigest(ref.repository, typeof recorded === "string" ? recorded : named),
  );
  if (!subject) throw new UploadError(`${what}: ${artifact.uri} names no image in its registry`);
  if (typeof recorded === "string" && ref.tag && !ref.digest) {
    // KServe pulls the tag: a tag moved to other content would serve what was not signed.
    const tagged = await ctx.step(() => registry.manifestDigest(ref.repository, ref.tag as string));
    if (tagged?.digest !== recorded)
      throw new SignatureError(
        `${what}: ${artifact.uri} now names ${tagged ? `other content (${tagged.digest})` : "nothing"}, not the image registered (${recorded}); what KServe would pull is not what was signed`,
        "mismatch",
      );
  }
  // Every file of the image, each checked against its layer's digest as it is read: only when asked for.
  let files: Promise<Manifest> | undefined;
  const readFiles = async () => {
    const pulled = await ctx.step(() =>
      pullModelcar(registry, ref.repository, subject.digest, {
        expectedDigest: subject.digest,
        signal: ctx.signal,
      }),
    );
    if (pulled.mismatches.length > 0)
      throw new UploadError(
        `${what}: the image ${subject.digest} does not match its own digests (${pulled.mismatches[0]?.path})`,
      );
    return pulled.manifest;
  };
  const tag = `${subject.digest.replace(":", "-")}.sig`;
  const repository = ref.repository;
  return {
    uri: `oci://${ref.registry}/${repository}:${tag}`,
    name: "model.sig",
    files: () => {
      files ??= readFiles();
      return files;
    },
    read: async () => {
      // The newest referrer first (where the registry has the API), then the tag.
      const referrers = await ctx.step(() =>
        registry.referrers(repository, subject.digest, SIGNATURE_ARTIFACT_TYPE),
      );
      for (const referrer of [...(referrers ?? [])].reverse()) {
        const bytes = await ctx.step(() => bundleOf(registry, repository, referrer.digest));
        if (bytes) return bytes;
      }
      if (!(await ctx.step(() => registry.manifestDigest(repository, tag)))) return undefined;
      return ctx.step(() => bundleOf(registry, repository, tag));
    },
    write: async (bytes) => {
      const layer = await ctx.step(() => pushBlob(registry, repository, bytes, BUNDLE_TYPE));
      const empty = json({});
      // A referrer of the image (found through the referrers API, where the registry has one)…
      const config = await ctx.step(() => pushBlob(registry, repository, empty, SIGNATURE_CONFIG_TYPE));
      const referrer = json({
        schemaVersion: 2,
        mediaType: MEDIA_TYPES.manifest,
        artifactType: SIGNATURE_ARTIFACT_TYPE,
        config,
        layers: [layer],
        subject: {
          mediaType: subject.mediaType || MEDIA_TYPES.manifest,
          digest: subject.digest,
          size: subject.size,
        },
      });
      await ctx.step(() =>
        registry.putManifest(repository, sha256(referrer), referrer, MEDIA_TYPES.manifest),
      );
      // …and under the tag `sha256-<hex>.sig`, for registries without it (the newest signature).
      const tagConfig = await ctx.step(() => pushBlob(registry, repository, empty, MEDIA_TYPES.config));
      const tagged = json({
        schemaVersion: 2,
        mediaType: MEDIA_TYPES.manifest,
        config: tagConfig,
        layers: [layer],
        annotations: { "dev.sigstore.model-signing.artifact-type": SIGNATURE_ARTIFACT_TYPE },
      });
      await ctx.step(() => registry.putManifest(repository, tag, tagged, MEDIA_TYPES.manifest));
    },
  };
}
