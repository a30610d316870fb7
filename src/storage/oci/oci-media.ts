// The OCI image spec's media types and descriptors this client reads and writes, and the error of a registry
// response it did not expect (the distribution spec's error body: `{"errors":[{"code","message"}]}`).
import { OciError } from "../../errors.js";
import type { FoundCredentials } from "./oci-auth.js";

/** The media types this client reads and writes (OCI image spec). */
export const MEDIA_TYPES = {
  manifest: "application/vnd.oci.image.manifest.v1+json",
  index: "application/vnd.oci.image.index.v1+json",
  config: "application/vnd.oci.image.config.v1+json",
  layer: "application/vnd.oci.image.layer.v1.tar",
  dockerManifest: "application/vnd.docker.distribution.manifest.v2+json",
  dockerList: "application/vnd.docker.distribution.manifest.list.v2+json",
} as const;

/** A content descriptor (OCI image spec): what a manifest lists for its config and each layer. */
export interface Descriptor {
  mediaType: string;
  /** `sha256:…` of the content. */
  digest: string;
  /** Bytes. */
  size: number;
  annotations?: Record<string, string>;
}

/** What a manifest GET accepts: OCI and Docker manifests and indexes. */
export const MANIFEST_ACCEPT = [
  MEDIA_TYPES.manifest,
  MEDIA_TYPES.index,
  MEDIA_TYPES.dockerManifest,
  MEDIA_TYPES.dockerList,
];

/** The error for an unexpected status: the registry's error code and message (distribution spec's error body). */
export async function registryFailure(
  response: Response,
  what: string,
  credentials: FoundCredentials | undefined,
): Promise<OciError> {
  let code: string | undefined;
  let detail = "";
  try {
    const body = (await response.json()) as { errors?: { code?: string; message?: string }[] };
    code = body.errors?.[0]?.code;
    detail = body.errors?.[0]?.message ?? "";
  } catch {
    // not the spec's JSON error body (a proxy's page, an empty 5xx)
  }
  const status = response.status;
  const denied = status === 401 || status === 403;
  const hint = denied
    ? credentials
      ? `; the credentials from ${credentials.source} were refused or lack the permission`
      : "; no credentials were found for this registry in the container auth files (REGISTRY_AUTH_FILE, $XDG_RUNTIME_DIR/containers/auth.json, $DOCKER_CONFIG/config.json, ~/.docker/config.json; credential helpers are not run): log in with docker login or podman login, or give oci.credentials"
    : "";
  return new OciError(
    `${what}: the registry answered ${status}${code ? ` ${code}` : ""}${detail ? `: ${detail}` : ""}${hint}`,
    status,
    code,
    {
      denied,
      transient: status >= 500 || status === 429,
      fix: denied && !credentials ? [{ setting: "oci.credentials" }] : [],
    },
  );
}
