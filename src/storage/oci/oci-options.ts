// How to reach an OCI registry: credentials (explicit, else the container tools' auth files), plain HTTP (only for a
// loopback registry or when allowed), the modelcar's base image and platform, and the upload's sizes.
import { createTlsFetch } from "../../client/tls.js";
import { ConfigError } from "../../errors.js";
import { VERSION } from "../../version.js";
import { checkMaxLayers } from "./layer-plan.js";
import { findCredentials, type OciCredentials } from "./oci-auth.js";
import { OciRegistry } from "./oci-registry.js";

/** Options of pushes to and pulls from OCI registries. */
export interface OciOptions {
  /** Credentials for the registry the call pushes to or reads from (never sent to another, such as a base image's
   * registry, unless their `registry` names it). Default: the container tools' auth files (`REGISTRY_AUTH_FILE`,
   * `$XDG_RUNTIME_DIR/containers/auth.json`, `$DOCKER_CONFIG/config.json`, `~/.docker/config.json`), else anonymous. */
  credentials?: OciCredentials | undefined;
  /** Speak plain HTTP to the registry. Default: only to a loopback registry (`localhost`, `127.0.0.1`, `[::1]`);
   * `true` for any host (a test registry without TLS), `false` for HTTPS even on loopback. */
  plainHttp?: boolean | undefined;
  /** An image the modelcar is built on, e.g. `oci://quay.io/acme/busybox:1.36` (KServe's modelcar sidecar needs a
   * shell): its layers come first, reused by mount where the registry allows. Default: none (only the model). */
  baseImage?: string | undefined;
  /** The platform of the base image to use (from an image index) and of the modelcar. Default `linux/amd64`. */
  platform?: string | undefined;
  /** The largest blob sent in one PUT, and the bytes per request when a larger blob goes in chunks. Default 8 MiB,
   * with larger blobs streamed in one request (in chunks only after a stream was cut short); given, larger blobs go
   * in chunks from the start (for a proxy that caps a request's body). */
  chunkSize?: number | undefined;
  /** Blobs in flight at once. Default 4. */
  concurrency?: number | undefined;
  /** The most layers a modelcar may have, base image included, 1 to 500: files of 16 MiB or more keep a layer of
   * their own (the smallest of them packed when the bound needs it), smaller ones are packed in layers of about
   * 64 MiB. Default 100, under Docker's 125 and CRI-O's 128 with room for a base image. */
  maxLayers?: number | undefined;
  /** Path of a PEM CA bundle to trust for the registry's TLS certificate (besides the system's). */
  caFile?: string | undefined;
  /** The fetch to use. Default `globalThis.fetch` (with `caFile`, one that trusts it). */
  fetch?: ((input: Request) => Promise<Response>) | undefined;
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d+)?$/;

/** `os/architecture`, checked. */
export function parsePlatform(text = "linux/amd64"): { os: string; architecture: string } {
  const [os, architecture, ...rest] = text.split("/");
  if (!os || !architecture || rest.length > 1)
    throw new ConfigError(
      `the platform must be os/architecture, e.g. linux/amd64, not ${JSON.stringify(text)}`,
    );
  return { os, architecture };
}

/** Checks the numbers of OCI options before anything is sent. @throws ConfigError */
export function checkOciOptions(options: OciOptions | undefined): void {
  const { chunkSize, concurrency } = options ?? {};
  if (chunkSize !== undefined && !(Number.isInteger(chunkSize) && chunkSize >= 64 * 1024))
    throw new ConfigError(
      `oci.chunkSize must be a whole number of bytes of at least 65536, not ${chunkSize}`,
    );
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= 1))
    throw new ConfigError(`oci.concurrency must be a whole number of at least 1, not ${concurrency}`);
  checkMaxLayers(options?.maxLayers);
  parsePlatform(options?.platform);
}

/** A client of `registry` with these options; credentials are looked up now (never printed: `onSecret` gets them).
 * `target` false: a registry the call only reads a base image from, which explicit credentials never reach unless
 * they name it. */
export async function connectRegistry(
  registry: string,
  options: OciOptions | undefined,
  context: {
    env: Record<string, string | undefined>;
    signal?: AbortSignal | undefined;
    onSecret?: ((secret: string) => void) | undefined;
  },
  target = true,
): Promise<OciRegistry> {
  const credentials = await findCredentials(registry, options?.credentials, context.env, target);
  if (credentials?.credentials.password) context.onSecret?.(credentials.credentials.password);
  if (credentials?.credentials.identityToken) context.onSecret?.(credentials.credentials.identityToken);
  return new OciRegistry({
    registry,
    credentials,
    plainHttp: options?.plainHttp ?? LOOPBACK.test(registry),
    fetch:
      options?.fetch ??
      (options?.caFile
        ? await createTlsFetch({ caFile: options.caFile, caSetting: "oci.caFile" })
        : undefined),
    signal: context.signal,
    onSecret: context.onSecret,
    userAgent: `model-registry-ts/${VERSION}`,
  });
}
