// Registry credentials and the distribution spec's auth flow: anonymous, HTTP Basic, and the bearer-token flow (a
// 401 carries `WWW-Authenticate: Bearer realm=…,service=…,scope=…`; the client asks the realm for a token for those
// scopes, with Basic credentials when it has any). Credentials come from explicit options or from the container tools'
// auth files; none is ever part of a message.

import { homedir } from "node:os";
import { join } from "node:path";
import { builtin } from "../../builtin.js";
import { requestSignal } from "../../client/request-signal.js";
import { ConfigError, OciError } from "../../errors.js";
import { DOCKER_HUB_NAMES, dockerHub } from "./oci-reference.js";

/** Credentials for one registry: a user name and password (or access token used as password), or an identity token
 * (an OAuth2 refresh token, as `docker login` stores for some registries). */
export type OciCredentials = (
  | { username: string; password: string; identityToken?: undefined }
  | { identityToken: string; username?: undefined; password?: undefined }
) & {
  /** The registry (host[:port]; Docker Hub by any of its names) these credentials are for: they are sent to it
   * alone. Default: the registry the call pushes to or reads from, and never another (a base image elsewhere is
   * pulled with the auth files' credentials for its host, else anonymously). */
  registry?: string | undefined;
};

/** Where credentials were found, for messages (never the credentials). */
export interface FoundCredentials {
  credentials: OciCredentials;
  /** `option`, or the auth file's path. */
  source: string;
}

/** The auth files the container tools write, in the order they are read: `REGISTRY_AUTH_FILE` (podman, skopeo),
 * `$XDG_RUNTIME_DIR/containers/auth.json` (podman's default), `$DOCKER_CONFIG/config.json`, `~/.docker/config.json`. */
export function authFilePaths(env: Record<string, string | undefined>): string[] {
  const paths: string[] = [];
  if (env.REGISTRY_AUTH_FILE) paths.push(env.REGISTRY_AUTH_FILE);
  if (env.XDG_RUNTIME_DIR) paths.push(join(env.XDG_RUNTIME_DIR, "containers", "auth.json"));
  if (env.DOCKER_CONFIG) paths.push(join(env.DOCKER_CONFIG, "config.json"));
  const home = env.HOME || homedir();
  if (home) paths.push(join(home, ".docker", "config.json"));
  return paths;
}

interface AuthEntry {
  auth?: string;
  username?: string;
  password?: string;
  identitytoken?: string;
}

/** The entry of `registry` in an auth file's `auths`: keyed by host[:port], possibly with a scheme and a path. */
function entryFor(auths: Record<string, AuthEntry>, registry: string): AuthEntry | undefined {
  const wanted = dockerHub(registry) ? DOCKER_HUB_NAMES : [registry];
  for (const [key, entry] of Object.entries(auths)) {
    const host = key.replace(/^[a-z]+:\/\//, "").replace(/\/.*$/, "");
    if (wanted.includes(host)) return entry;
  }
  return undefined;
}

/** Credentials of one auth-file entry; `auth` is base64 of `user:password`. */
function credentialsOf(entry: AuthEntry, path: string): OciCredentials | undefined {
  if (entry.identitytoken) return { identityToken: entry.identitytoken };
  if (entry.username && entry.password) return { username: entry.username, password: entry.password };
  if (!entry.auth) return undefined;
  const decoded = Buffer.from(entry.auth, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon <= 0) throw new ConfigError(`the auth entry in ${path} is not base64 of user:password`);
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** Whether explicit credentials go to `registry`: the one they name, else only the call's own (`target`). */
function forRegistry(credentials: OciCredentials, registry: string, target: boolean): boolean {
  if (credentials.registry === undefined) return target;
  const named = credentials.registry.replace(/^[a-z]+:\/\//, "").replace(/\/.*$/, "");
  return named === registry || (dockerHub(named) && dockerHub(registry));
}

/**
 * The credentials for `registry`: the explicit ones (when they are for it: see {@link OciCredentials}`.registry`;
 * `target` false for a registry the call only reads a base image from), else the first auth file (see {@link authFilePaths}) with an
 * entry for it, else none (anonymous). Credential helpers (`credHelpers`, `credsStore`) run external programs and
 * are not used. @throws ConfigError for an auth file that is not JSON.
 */
export async function findCredentials(
  registry: string,
  explicit: OciCredentials | undefined,
  env: Record<string, string | undefined>,
  target = true,
): Promise<FoundCredentials | undefined> {
  if (explicit && forRegistry(explicit, registry, target)) return { credentials: explicit, source: "option" };
  for (const path of authFilePaths(env)) {
    let text: string;
    try {
      text = await builtin("node:fs/promises").readFile(path, "utf8");
    } catch (error) {
      // A file named on purpose must be there; the default places are only looked in.
      if (path === env.REGISTRY_AUTH_FILE)
        throw new ConfigError(
          `REGISTRY_AUTH_FILE names ${path}, which cannot be read (${(error as { code?: string }).code ?? "unreadable"})`,
        );
      continue;
    }
    let parsed: { auths?: Record<string, AuthEntry> };
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new ConfigError(`the container auth file ${path} is not JSON`);
    }
    const entry = parsed.auths && entryFor(parsed.auths, registry);
    const credentials = entry && credentialsOf(entry, path);
    if (credentials) return { credentials, source: path };
  }
  return undefined;
}

/** A `WWW-Authenticate` challenge: its scheme and parameters (`realm`, `service`, `scope`, `error`). */
export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/** Parses `Bearer realm="…",service="…",scope="…"` (quoted or token values). */
export function parseChallenge(header: string | null): Challenge | undefined {
  if (!header) return undefined;
  const match = /^\s*([A-Za-z]+)\s*(.*)$/.exec(header);
  if (!match) return undefined;
  const params: Record<string, string> = {};
  for (const [, key, quoted, bare] of (match[2] ?? "").matchAll(
    /([A-Za-z_]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g,
  ))
    params[(key as string).toLowerCase()] =
      quoted !== undefined ? quoted.replace(/\\(.)/g, "$1") : (bare ?? "");
  return { scheme: (match[1] as string).toLowerCase(), params };
}

/** The `Authorization` value of Basic credentials. */
export function basicAuthorization(credentials: OciCredentials): string | undefined {
  if (credentials.username === undefined) return undefined;
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`, "utf8").toString("base64")}`;
}

/** What the auth flow needs of the registry client. */
export interface AuthContext {
  credentials?: FoundCredentials | undefined;
  fetch?: ((input: Request) => Promise<Response>) | undefined;
  signal?: AbortSignal | undefined;
  onSecret?: ((secret: string) => void) | undefined;
  userAgent: string;
}

/** A bearer token for one scope set: when it stops being good, and the challenge that got it (to renew it). */
interface HeldToken {
  token: string;
  /** `Date.now()` ms after which it is renewed before use: `expires_in` (default 60 s, as the token spec says) after
   * it was issued, less a margin for requests in flight. */
  renewAt: number;
  challenge: Challenge;
}

/** Seconds before a token's expiry at which it is renewed, so that a request sent with it still finds it good. */
const RENEW_MARGIN_S = 30;

/** The auth state of one registry client: its bearer tokens by scope set, and whether it uses Basic. A token is
 * renewed with the same credentials before it expires (`expires_in`), and whenever the registry refuses one (it
 * expired while a long upload ran; containerd and buildx renew too); the sender gives up when a token it has just
 * got is refused at once (the credentials lack the permission; see OciRegistry's sendOnce). */
export class RegistryAuth {
  readonly #options: AuthContext;
  readonly #tokens = new Map<string, HeldToken>();
  readonly #pending = new Map<string, Promise<HeldToken>>();
  #basic = false;

  constructor(options: AuthContext) {
    this.#options = options;
  }

  /** The `Authorization` value for a request needing `scopes`: a bearer token got for them, else Basic once the
   * registry asked for it, else none. */
  authorizationFor(scopes: string[]): string | undefined {
    const held = this.#tokens.get(scopes.join(" "));
    if (held) return `Bearer ${held.token}`;
    if (this.#basic && this.#options.credentials)
      return basicAuthorization(this.#options.credentials.credentials);
    return undefined;
  }

  /** Reads a 401's challenge to a request sent with `sent` (its Authorization, if any) and gets what it asks for:
   * `newer` when another request got new credentials meanwhile (send again with those), `asked` when this call got
   * them (Basic, or a token, renewed when the one sent was refused: it expired), false when there is nothing more to
   * try. Concurrent requests share one token request per scope set. */
  async authorise(
    response: Response,
    scopes: string[],
    what: string,
    sent: string | undefined,
  ): Promise<false | "newer" | "asked"> {
    if (this.authorizationFor(scopes) !== sent) return "newer";
    const challenge = parseChallenge(response.headers.get("www-authenticate"));
    const credentials = this.#options.credentials?.credentials;
    if (challenge?.scheme === "basic") {
      if (!credentials || this.#basic || credentials.username === undefined) return false;
      this.#basic = true;
      this.#options.onSecret?.(credentials.password);
      return "asked";
    }
    if (challenge?.scheme !== "bearer" || !challenge.params.realm) return false;
    // A token sent and refused expired mid-way (a long upload), or lacks the scope: a new one is asked for either way.
    await this.renew(scopes.join(" "), challenge, scopes, what);
    return "asked";
  }

  /** Renews, before a request is sent, a token for `scopes` that expires soon. */
  async beforeSend(scopes: string[], what: string): Promise<void> {
    const key = scopes.join(" ");
    const held = this.#tokens.get(key);
    if (held && Date.now() >= held.renewAt) await this.renew(key, held.challenge, scopes, what);
  }

  /** Gets a token for `scopes` (concurrent requests share one token request per scope set). */
  private async renew(key: string, challenge: Challenge, scopes: string[], what: string): Promise<void> {
    let pending = this.#pending.get(key);
    if (!pending) {
      pending = this.fetchToken(challenge, scopes, what).finally(() => this.#pending.delete(key));
      this.#pending.set(key, pending);
    }
    this.#tokens.set(key, await pending);
  }

  /** A bearer token for `scopes` from the challenge's realm (GET, with Basic credentials when there are any; an
   * identity token is exchanged by POST, as the token spec's OAuth2 flow says). */
  private async fetchToken(challenge: Challenge, scopes: string[], what: string): Promise<HeldToken> {
    const { fetch = (input: Request) => globalThis.fetch(input), signal, userAgent } = this.#options;
    const realm = new URL(challenge.params.realm as string);
    const wanted = new Set([...scopes, ...(challenge.params.scope ? challenge.params.scope.split(" ") : [])]);
    const service = challenge.params.service;
    const credentials = this.#options.credentials?.credentials;
    const headers = new Headers({ "user-agent": userAgent });
    let request: Request;
    if (credentials?.identityToken !== undefined) {
      this.#options.onSecret?.(credentials.identityToken);
      const form = new URLSearchParams({
        grant_type: "refresh_token",
        refresh_token: credentials.identityToken,
      });
      if (service) form.set("service", service);
      form.set("scope", [...wanted].join(" "));
      form.set("client_id", "model-registry-ts");
      headers.set("content-type", "application/x-www-form-urlencoded");
      request = new Request(realm, { method: "POST", headers, body: form, signal: requestSignal(signal) });
    } else {
      if (service) realm.searchParams.set("service", service);
      for (const scope of wanted) realm.searchParams.append("scope", scope);
      const basic = credentials && basicAuthorization(credentials);
      if (basic && credentials?.password) {
        this.#options.onSecret?.(credentials.password);
        headers.set("authorization", basic);
      }
      request = new Request(realm, { headers, signal: requestSignal(signal) });
    }
    let response: Response;
    try {
      response = await fetch(request);
    } catch (error) {
      throw new OciError(
        `${what}: cannot reach the registry's token service at ${realm.origin}`,
        undefined,
        undefined,
        {
          cause: error,
          unreachable: true,
        },
      );
    }
    if (!response.ok) {
      const from = this.#options.credentials
        ? ` with the credentials from ${this.#options.credentials.source}`
        : " anonymously";
      throw new OciError(
        `${what}: the registry's token service refused a token${from} (${response.status})`,
        response.status,
        undefined,
        { denied: response.status === 401 || response.status === 403 },
      );
    }
    const asked = Date.now();
    const body = (await response.json()) as {
      token?: string;
      access_token?: string;
      expires_in?: number;
      issued_at?: string;
    };
    const token = body.token ?? body.access_token;
    if (!token)
      throw new OciError(`${what}: the registry's token service sent no token`, response.status, undefined);
    this.#options.onSecret?.(token);
    // The token spec: expires_in in seconds, 60 when not given; issued_at when the service says, else when asked.
    const lifetime = typeof body.expires_in === "number" && body.expires_in > 0 ? body.expires_in : 60;
    const issued = body.issued_at ? Date.parse(body.issued_at) : Number.NaN;
    const from = Number.isFinite(issued) ? Math.min(issued, asked) : asked;
    const renewAt = from + Math.max(lifetime - RENEW_MARGIN_S, lifetime / 2) * 1000;
    return { token, renewAt, challenge };
  }
}
