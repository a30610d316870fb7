// An image reference as KServe's modelcar takes it: `oci://<registry>[:port]/<repository>[:tag][@digest]`. Grammar
// from the OCI distribution spec (repository names and tags) and the image spec (digests).
import { ConfigError } from "../../errors.js";

/** An image reference, parsed. */
export interface OciReference {
  /** The registry's host and port, e.g. `quay.io` or `127.0.0.1:5000`. */
  registry: string;
  /** The repository, e.g. `acme/mnist`. */
  repository: string;
  /** The tag, e.g. `v3`; undefined when the reference names a digest only. */
  tag?: string | undefined;
  /** The manifest digest, e.g. `sha256:…`. */
  digest?: string | undefined;
}

const REPOSITORY = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;
const REGISTRY = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:]+\])(?::\d{1,5})?$/;

/** The names Docker Hub goes by in references and auth files; its API is at `registry-1.docker.io`. */
export const DOCKER_HUB_NAMES = ["docker.io", "index.docker.io", "registry-1.docker.io"];

/** Whether `registry` is Docker Hub. */
export const dockerHub = (registry: string) => DOCKER_HUB_NAMES.includes(registry);

/** Whether `text` is a valid tag (at most 128 characters: letters, digits, `_`, `.`, `-`; not starting with `.`/`-`). */
export const isTag = (text: string) => TAG.test(text);

/**
 * Parses `oci://registry/repository[:tag][@digest]` (the `oci://` is optional here). On Docker Hub (`docker.io`,
 * `index.docker.io`, `registry-1.docker.io`) a one-part repository is an official image's: `busybox` is
 * `library/busybox`.
 * @throws ConfigError naming the part that is not valid, with an example.
 */
export function parseOciReference(text: string, label = "the OCI reference"): OciReference {
  const example = "oci://registry.example.com/models/mnist:v3";
  const rest = text.replace(/^oci:\/\//, "");
  const slash = rest.indexOf("/");
  if (slash <= 0)
    throw new ConfigError(
      `${label} ${JSON.stringify(text)} names no registry and repository, e.g. ${example}`,
    );
  const registry = rest.slice(0, slash);
  if (!REGISTRY.test(registry))
    throw new ConfigError(
      `${label} ${JSON.stringify(text)}: ${JSON.stringify(registry)} is not a registry host[:port]`,
    );
  let path = rest.slice(slash + 1);
  let digest: string | undefined;
  const at = path.indexOf("@");
  if (at >= 0) {
    digest = path.slice(at + 1);
    path = path.slice(0, at);
    if (!DIGEST.test(digest))
      throw new ConfigError(`${label} ${JSON.stringify(text)}: the digest must be sha256: and 64 hex digits`);
  }
  const colon = path.lastIndexOf(":");
  const tag = colon >= 0 ? path.slice(colon + 1) : undefined;
  const repository = colon >= 0 ? path.slice(0, colon) : path;
  if (!REPOSITORY.test(repository))
    throw new ConfigError(
      `${label} ${JSON.stringify(text)}: the repository ${JSON.stringify(repository)} must be lowercase letters and digits, separated by /, ., _ or -`,
    );
  if (tag !== undefined && !TAG.test(tag))
    throw new ConfigError(
      `${label} ${JSON.stringify(text)}: the tag ${JSON.stringify(tag)} must be at most 128 letters, digits, _, . or -, not starting with . or -`,
    );
  // Docker Hub keeps its official images under library/ (busybox is library/busybox), as docker and crane read it.
  const named = dockerHub(registry) && !repository.includes("/") ? `library/${repository}` : repository;
  return { registry, repository: named, tag, digest };
}

/** `oci://registry/repository[:tag][@digest]`. */
export function formatOciReference(ref: OciReference): string {
  return `oci://${ref.registry}/${ref.repository}${ref.tag ? `:${ref.tag}` : ""}${ref.digest ? `@${ref.digest}` : ""}`;
}
