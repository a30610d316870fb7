// A thin Kubernetes API client: the few requests deploy needs (get, list, server-side apply, delete, version,
// discovery), over fetch, with the kubeconfig's TLS and credentials. Why not @kubernetes/client-node: its current
// major needs Node 22 and undici 8 and pulls in about 40 packages for a few REST calls, and it does not run on Deno;
// these calls are plain JSON over HTTPS, and server-side apply makes the API server do the merging.

import { networkCode } from "../client/network-code.js";
import { createTlsFetch } from "../client/tls.js";
import { ClusterError, type ClusterErrorKind, ConfigError } from "../errors.js";
import {
  type ExecCredential,
  type KubeconfigOptions,
  type KubeTarget,
  resolveKubeTarget,
  runExecPlugin,
} from "./kubeconfig.js";

/** A Kubernetes object as the API returns it: what deploy reads of one. */
export interface KubeObject {
  /** `group/version`, e.g. `serving.kserve.io/v1beta1`. */
  apiVersion?: string;
  /** e.g. `InferenceService`. */
  kind?: string;
  /** Name, namespace, uid, labels, annotations, finalizers, and when it is being deleted. */
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    generation?: number;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    finalizers?: string[];
    deletionTimestamp?: string;
    creationTimestamp?: string;
  };
  /** What was asked for (the resource's own shape). */
  spec?: unknown;
  /** What its controllers report: KServe's `url` and `conditions` (e.g. `Ready`). */
  status?: {
    url?: string;
    conditions?: { type: string; status: string; reason?: string; message?: string }[];
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** Which cluster, and how to talk to it. Every field optional: by default as kubectl does. */
export interface ClusterOptions extends KubeconfigOptions {
  /** The namespace to use instead of the context's. */
  namespace?: string | undefined;
  /** Time limit of one request in ms. Default 30_000. */
  timeoutMs?: number | undefined;
  /** The fetch to use (tests). Default: one with the kubeconfig's TLS settings. */
  fetch?: ((request: Request) => Promise<Response>) | undefined;
}

/** Where a resource lives: `/api/v1/...` for the core group, `/apis/<group>/<version>/...` otherwise. */
export interface ResourceRef {
  /** The API group; empty for the core group (`""`). */
  group: string;
  /** The API version within the group, e.g. `v1beta1`. */
  version: string;
  /** The resource's plural, e.g. `inferenceservices`. */
  plural: string;
  /** Omitted for cluster-scoped resources or a list across all namespaces. */
  namespace?: string | undefined;
  /** One object's name; omitted for the collection. */
  name?: string | undefined;
}

/** The URL path of a resource, a collection of them, or one object. */
export function resourcePath(ref: ResourceRef): string {
  const base = ref.group === "" ? `/api/${ref.version}` : `/apis/${ref.group}/${ref.version}`;
  const ns = ref.namespace ? `/namespaces/${encodeURIComponent(ref.namespace)}` : "";
  const name = ref.name ? `/${encodeURIComponent(ref.name)}` : "";
  return `${base}${ns}/${ref.plural}${name}`;
}

const KIND_BY_STATUS: Record<number, ClusterErrorKind> = {
  401: "auth",
  403: "auth",
  404: "not-found",
  409: "conflict",
  422: "invalid",
};

interface RequestOptions {
  body?: unknown;
  contentType?: string;
  query?: Record<string, string | undefined>;
  signal?: AbortSignal | undefined;
}

/** A Kubernetes cluster reached through its API server. Create with {@link KubeCluster.connect}. */
export class KubeCluster {
  /** The API server's URL. */
  readonly server: string;
  /** The namespace requests default to: the option, else the context's (or the pod's), else `default`. */
  readonly namespace: string;
  /** Where the settings came from, for messages (a kubeconfig and its context, or the service account). */
  readonly source: string;
  private readonly timeoutMs: number;
  private fetchFn: ((request: Request) => Promise<Response>) | undefined;
  private readonly givenFetch: boolean;
  #credential: ExecCredential | undefined;

  // Private fields: inspecting, printing or serialising a cluster never shows its credentials.
  readonly #target: KubeTarget;

  private constructor(target: KubeTarget, options: ClusterOptions) {
    this.#target = target;
    this.server = target.server;
    this.namespace = options.namespace ?? target.namespace;
    this.source = target.source;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.fetchFn = options.fetch;
    this.givenFetch = options.fetch !== undefined;
  }

  /** The cluster of the current kubeconfig context (or the one named), else the pod's service account.
   * @throws ConfigError as {@link resolveKubeTarget}. */
  static async connect(options: ClusterOptions = {}): Promise<KubeCluster> {
    const target = await resolveKubeTarget(options);
    if (!/^https?:\/\//.test(target.server))
      throw new ConfigError(`the API server URL ${target.server} (${target.source}) is not http(s)`);
    if (target.tlsServerName)
      throw new ConfigError(
        `${target.source} sets tls-server-name, which this client does not support; use a context whose server URL matches its certificate`,
      );
    return new KubeCluster(target, options);
  }

  /** The cluster's name for messages: its server and where the settings came from. */
  describe(): string {
    return `${this.server} (${this.source})`;
  }

  /** The same as {@link describe}: never a credential. */
  toString(): string {
    return this.describe();
  }

  private async headersAndFetch(): Promise<{
    headers: Record<string, string>;
    fetch: (request: Request) => Promise<Response>;
  }> {
    const auth = this.#target.auth;
    const headers: Record<string, string> = {};
    let cert: { cert?: string; key?: string } = {};
    if (auth.kind === "token") headers.authorization = `Bearer ${auth.token}`;
    else if (auth.kind === "token-file") {
      const { readFile } = await import("node:fs/promises");
      headers.authorization = `Bearer ${(await readFile(auth.path, "utf8")).trim()}`;
    } else if (auth.kind === "basic")
      headers.authorization = `Basic ${btoa(String.fromCharCode(...new TextEncoder().encode(`${auth.username}:${auth.password}`)))}`;
    else if (auth.kind === "client-certificate") cert = { cert: auth.cert, key: auth.key };
    else if (auth.kind === "exec") {
      const fresh =
        this.#credential &&
        (!this.#credential.expires || this.#credential.expires.getTime() - Date.now() > 60_000);
      if (!fresh) {
        this.#credential = await runExecPlugin(auth.exec, this.server);
        if (!this.givenFetch) this.fetchFn = undefined; // a new certificate needs a new connection
      }
      const credential = this.#credential as ExecCredential;
      if (credential.token) headers.authorization = `Bearer ${credential.token}`;
      else cert = { cert: credential.cert, key: credential.key };
    }
    if (!this.fetchFn) {
      const tls = { ca: this.#target.ca, insecureSkipVerify: this.#target.insecureSkipVerify, ...cert };
      this.fetchFn =
        this.server.startsWith("https://") && (tls.ca || tls.insecureSkipVerify || tls.cert)
          ? await createTlsFetch(tls)
          : (request) => fetch(request);
    }
    return { headers, fetch: this.fetchFn };
  }

  /** One request; the parsed JSON body. @throws ClusterError for any failure, with the API server's message. */
  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const url = new URL(`${this.server}${path}`);
    for (const [key, value] of Object.entries(options.query ?? {}))
      if (value !== undefined) url.searchParams.set(key, value);
    const { headers, fetch } = await this.headersAndFetch();
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    const what = `${method} ${url.pathname}`;
    let response: Response;
    try {
      response = await fetch(
        new Request(url, {
          method,
          headers: {
            ...headers,
            accept: "application/json",
            ...(body !== undefined ? { "content-type": options.contentType ?? "application/json" } : {}),
          },
          body,
          signal,
        }),
      );
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason ?? error;
      const code = timeout.aborted
        ? `no answer within ${this.timeoutMs} ms`
        : (networkCode(error) ?? (error as Error).message);
      throw new ClusterError(
        `cannot reach the Kubernetes API server ${this.describe()} (${what}): ${code}`,
        "unreachable",
        { cause: error },
      );
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text === "" ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (response.ok) return parsed as T;
    const status = parsed as { message?: string; reason?: string } | undefined;
    const said = status?.message ?? text.slice(0, 200);
    // Server-side apply answers a value of the wrong type for the schema with a 500 (the typed patch cannot be built),
    // not a 422: it is still the object that is invalid.
    const kind =
      KIND_BY_STATUS[response.status] ??
      (response.status === 500 && /failed to create typed patch object/.test(said) ? "invalid" : "other");
    const hint = kind === "auth" ? `: check the credentials and permissions of ${this.source}` : "";
    throw new ClusterError(
      `${response.status} ${status?.reason ?? response.statusText} from the Kubernetes API server (${what}): ${said}${hint}`,
      kind,
      { status: response.status, reason: status?.reason },
    );
  }

  /** The object at `path`, or undefined when there is none (404). */
  async get<T = KubeObject>(path: string, signal?: AbortSignal): Promise<T | undefined> {
    try {
      return await this.request<T>("GET", path, { signal });
    } catch (error) {
      if (error instanceof ClusterError && error.status === 404) return undefined;
      throw error;
    }
  }

  /** Every object of a collection (following `continue`), optionally filtered by a label selector. */
  async list<T = KubeObject>(
    path: string,
    options: { labelSelector?: string | undefined; signal?: AbortSignal | undefined } = {},
  ): Promise<T[]> {
    const items: T[] = [];
    let next: string | undefined;
    do {
      const page: { items?: T[]; metadata?: { continue?: string } } = await this.request("GET", path, {
        query: { labelSelector: options.labelSelector, limit: "500", continue: next },
        signal: options.signal,
      });
      items.push(...(page.items ?? []));
      next = page.metadata?.continue || undefined;
    } while (next);
    return items;
  }

  /**
   * Server-side apply of `object` at `path` (the object's own path) as `fieldManager`: the API server merges it with
   * what other managers own. `force` takes over fields another manager owns (as `kubectl apply --server-side
   * --force-conflicts`); `dryRun` has the API server validate and default it (schema, CRD, admission) and store
   * nothing. Resolves with the object as stored (or as it would be).
   * @throws ClusterError (`invalid` when the API server refuses the object, `conflict` for fields another manager
   * owns without `force`).
   */
  async apply<T = KubeObject>(
    path: string,
    object: unknown,
    options: { fieldManager: string; force?: boolean; dryRun?: boolean; signal?: AbortSignal | undefined },
  ): Promise<T> {
    return this.request<T>("PATCH", path, {
      body: object,
      contentType: "application/apply-patch+yaml",
      query: {
        fieldManager: options.fieldManager,
        force: options.force ? "true" : undefined,
        dryRun: options.dryRun ? "All" : undefined,
      },
      signal: options.signal,
    });
  }

  /** Deletes the object at `path`. Resolves false when there was none (404). Finalizers may keep it a while. */
  async delete(
    path: string,
    options: { dryRun?: boolean; signal?: AbortSignal | undefined } = {},
  ): Promise<boolean> {
    try {
      await this.request("DELETE", path, {
        query: { dryRun: options.dryRun ? "All" : undefined },
        signal: options.signal,
      });
      return true;
    } catch (error) {
      if (error instanceof ClusterError && error.status === 404) return false;
      throw error;
    }
  }

  /** The API server's version, e.g. `{ major: "1", minor: "34", gitVersion: "v1.34.4" }`. */
  async version(signal?: AbortSignal): Promise<{ major: string; minor: string; gitVersion: string }> {
    return this.request("GET", "/version", { signal });
  }

  /** Whether the cluster serves `plural` in `group/version` (e.g. whether KServe's CRDs are installed). */
  async serves(group: string, version: string, plural: string, signal?: AbortSignal): Promise<boolean> {
    const list = await this.get<{ resources?: { name: string }[] }>(
      group === "" ? `/api/${version}` : `/apis/${group}/${version}`,
      signal,
    );
    return Boolean(list?.resources?.some((resource) => resource.name === plural));
  }
}
