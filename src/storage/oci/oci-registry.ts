// The requests of the OCI distribution spec this client makes to one registry: blobs (HEAD, cross-repository mount,
// monolithic and chunked upload, GET) and manifests (HEAD, GET, PUT), each authorised by the auth flow of
// oci-auth.ts and turned into an OciError that names the operation when it fails.

import { builtin } from "../../builtin.js";
import { networkCode } from "../../client/network-code.js";
import { requestSignal } from "../../client/request-signal.js";
import { backoffMs, type RetryPolicy, retryPolicy, sleep } from "../../client/retry.js";
import { OciError } from "../../errors.js";
import { type FoundCredentials, RegistryAuth } from "./oci-auth.js";
import { type Descriptor, MANIFEST_ACCEPT, MEDIA_TYPES, registryFailure } from "./oci-media.js";
import { dockerHub } from "./oci-reference.js";

const DEFAULT_POLICY = retryPolicy(undefined);

/** A chunk's PATCH or the closing PUT that finds the upload session unknown (404) or at another offset (416): a
 * repeat after a lost reply, or an expired session. The blob is sent again from the start (transient: the workflow's
 * converging step runs the push again, skipping the blobs already there). */
function lostPlace(error: unknown, what: string): unknown {
  if (!(error instanceof OciError) || (error.status !== 404 && error.status !== 416)) return error;
  return new OciError(
    `${what}: the registry lost the upload's place (${error.status}${error.code ? ` ${error.code}` : ""}), after a lost reply or an expired upload; the blob is sent again`,
    error.status,
    error.code,
    { cause: error, transient: true },
  );
}

/** `:tag`, or `@sha256:…` for a digest. */
const at = (reference: string) => (reference.startsWith("sha256:") ? `@${reference}` : `:${reference}`);

/** How to reach one registry. */
export interface OciRegistryOptions {
  /** host[:port]. */
  registry: string;
  /** Credentials and where they came from; undefined: anonymous. */
  credentials?: FoundCredentials | undefined;
  /** Use http:// instead of https://. */
  plainHttp: boolean;
  /** The fetch to use. Default `globalThis.fetch`. */
  fetch?: ((input: Request) => Promise<Response>) | undefined;
  /** Cancels every request. */
  signal?: AbortSignal | undefined;
  /** Called with every token and password the client sends, so that errors can be scrubbed of them. */
  onSecret?: ((secret: string) => void) | undefined;
  /** User-Agent. */
  userAgent: string;
  /** How a request that fails in passing (no reply, 5xx, 429) is sent again. Default: the client's default policy
   * (5 attempts, backoff from 200 ms). */
  retry?: RetryPolicy | undefined;
}

/** One request: the access it needs (`repository:<name>:pull,push`), its headers and body, the statuses it expects. */
interface Send {
  method: "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** A path under `/v2/` or an absolute upload location the registry gave. */
  url: string;
  scopes: string[];
  headers?: Record<string, string>;
  /** The body; a function, so that a retry after a 401 sends it again (a stream is opened again from the start). */
  body?: (() => Uint8Array | ReadableStream<Uint8Array>) | undefined;
  /** False: sent once (a streamed upload cannot be repeated in place; its caller starts the blob again). */
  retry?: false | undefined;
  expect: number[];
  /** What is being done, for messages: `pushing layer sha256:… to host/repo`. */
  what: string;
}

/** A client of one registry. */
export class OciRegistry {
  readonly #options: OciRegistryOptions;
  readonly #auth: RegistryAuth;
  /** Blobs whose streamed upload was cut: sent in chunks from then on. */
  readonly #streamCut = new Set<string>();

  constructor(options: OciRegistryOptions) {
    this.#options = options;
    this.#auth = new RegistryAuth(options);
  }

  /** The base URL, e.g. `https://quay.io`. */
  get base(): string {
    const host = dockerHub(this.#options.registry) ? "registry-1.docker.io" : this.#options.registry;
    return `${this.#options.plainHttp ? "http" : "https"}://${host}`;
  }

  /** Whether the repository has the blob (HEAD). */
  async hasBlob(repository: string, digest: string): Promise<boolean> {
    const response = await this.send({
      method: "HEAD",
      url: `/v2/${repository}/blobs/${digest}`,
      scopes: [`repository:${repository}:pull`],
      expect: [200, 404],
      what: `checking blob ${digest} in ${repository}`,
    });
    return response.status === 200;
  }

  /** Checks that these credentials may push to `repository`: starts an upload session and cancels it. @throws
   * OciError (denied) when the registry refuses. */
  async checkPush(repository: string): Promise<void> {
    const response = await this.send({
      method: "POST",
      url: `/v2/${repository}/blobs/uploads/`,
      scopes: [`repository:${repository}:pull,push`],
      expect: [202],
      what: `checking that ${repository} may be pushed to`,
    });
    const location = response.headers.get("location");
    if (location) await this.cancelUpload(repository, location);
  }

  /** Mounts a blob of `from` (same registry) into `repository`; false when the registry started an upload instead
   * (it cannot mount: the caller uploads). */
  async mountBlob(repository: string, digest: string, from: string): Promise<boolean> {
    const response = await this.send({
      method: "POST",
      url: `/v2/${repository}/blobs/uploads/?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(from)}`,
      scopes: [`repository:${repository}:pull,push`, `repository:${from}:pull`],
      expect: [201, 202],
      what: `mounting blob ${digest} from ${from} into ${repository}`,
    });
    if (response.status === 201) return true;
    const location = response.headers.get("location");
    if (location) await this.cancelUpload(repository, location);
    return false;
  }

  /**
   * Uploads a blob whose digest and size are known, from `chunks` (an async iterable of at most `chunkSize` bytes
   * each): one PUT when it is a single chunk (monolithic), else one PATCH per chunk and a closing PUT (chunked), so
   * memory stays at one chunk. `onBytes` is called with the bytes of each chunk once the registry accepted it.
   */
  async uploadBlob(
    repository: string,
    blob: { digest: string; size: number },
    chunks: AsyncIterable<Uint8Array>,
    onBytes?: (bytes: number) => void,
  ): Promise<void> {
    const { scopes, what, location: first } = await this.startUpload(repository, blob);
    let location = first;
    let offset = 0;
    let pending: Uint8Array | undefined;
    const octets = { "content-type": "application/octet-stream" };
    for await (const chunk of chunks) {
      if (pending) {
        // Not the last chunk: PATCH it. Content-Range is the chunk's first and last byte offset.
        const part = pending;
        const response = await this.send({
          method: "PATCH",
          url: location,
          scopes,
          headers: { ...octets, "content-range": `${offset}-${offset + part.length - 1}` },
          body: () => part,
          expect: [202],
          what,
        }).catch((error: unknown) => {
          throw lostPlace(error, what);
        });
        location = this.location(response, what);
        offset += part.length;
        onBytes?.(part.length);
      }
      pending = chunk;
    }
    const last = pending ?? new Uint8Array(0);
    await this.closeUpload(repository, blob, location, last, { scopes, what });
    onBytes?.(last.length);
    if (offset + last.length !== blob.size)
      throw new OciError(
        `${what}: ${offset + last.length} bytes were read, not ${blob.size}: the file changed while it was pushed`,
        undefined,
        undefined,
      );
  }

  /**
   * Uploads a blob whose digest and size are known as one streamed PATCH (no Content-Range: the upload docker and
   * containerd make), then the closing PUT: no request per chunk, so it goes as fast as one request can, with memory at
   * what `open` yields at a time. A streamed upload cannot be repeated in place: when it is cut (no reply, 5xx, a lost
   * place) the error is transient and the blob is marked, so that the push, run again, sends it in chunks
   * ({@link uploadBlob}); {@link streamed} says which blobs may still be streamed.
   */
  async streamBlob(
    repository: string,
    blob: { digest: string; size: number },
    open: () => AsyncIterable<Uint8Array>,
    onBytes?: (bytes: number) => void,
  ): Promise<void> {
    const { scopes, what, location: started } = await this.startUpload(repository, blob);
    let read = 0;
    const stream = () => {
      const iterator = open()[Symbol.asyncIterator]();
      read = 0;
      return new ReadableStream<Uint8Array>({
        async pull(controller) {
          const next = await iterator.next();
          if (next.done) return controller.close();
          read += next.value.length;
          onBytes?.(next.value.length);
          controller.enqueue(next.value);
        },
        async cancel() {
          await iterator.return?.();
        },
      });
    };
    let location: string;
    try {
      const response = await this.send({
        method: "PATCH",
        url: started,
        scopes,
        headers: { "content-type": "application/octet-stream" },
        body: stream,
        retry: false,
        expect: [202],
        what,
      });
      location = this.location(response, what);
    } catch (error) {
      const cut = lostPlace(error, what);
      if (!(cut instanceof OciError && cut.transient) && !(error instanceof OciError && error.transient))
        throw error;
      this.#streamCut.add(blob.digest);
      throw new OciError(
        `${what}: the streamed upload was cut; the blob is sent again in chunks`,
        undefined,
        undefined,
        {
          cause: error,
          transient: true,
        },
      );
    }
    if (read !== blob.size)
      throw new OciError(
        `${what}: ${read} bytes were read, not ${blob.size}: the file changed while it was pushed`,
        undefined,
        undefined,
      );
    await this.closeUpload(repository, blob, location, new Uint8Array(0), { scopes, what }).catch(
      (error: unknown) => {
        this.#streamCut.add(blob.digest);
        throw error;
      },
    );
  }

  /** Starts an upload session for `blob`: its Location, and the scopes and words of every request of the upload. */
  private async startUpload(repository: string, blob: { digest: string; size: number }) {
    const scopes = [`repository:${repository}:pull,push`];
    const what = `pushing blob ${blob.digest} (${blob.size} bytes) to ${repository}`;
    const started = await this.send({
      method: "POST",
      url: `/v2/${repository}/blobs/uploads/`,
      scopes,
      expect: [202],
      what,
    });
    return { scopes, what, location: this.location(started, what) };
  }

  /** The closing PUT of an upload, with its last bytes (none after a streamed PATCH) and the blob's digest. */
  private async closeUpload(
    repository: string,
    blob: { digest: string },
    location: string,
    last: Uint8Array,
    upload: { scopes: string[]; what: string },
  ): Promise<void> {
    const separator = location.includes("?") ? "&" : "?";
    await this.send({
      method: "PUT",
      url: `${location}${separator}digest=${encodeURIComponent(blob.digest)}`,
      scopes: upload.scopes,
      headers: { "content-type": "application/octet-stream", "content-length": String(last.length) },
      body: () => last,
      expect: [201],
      what: upload.what,
    }).catch(async (error: unknown) => {
      // A closing PUT whose reply was lost went through: its repeat finds the upload closed. The blob, checked by
      // its digest on the registry, says whether it is there.
      if (error instanceof OciError && error.status === 404 && (await this.hasBlob(repository, blob.digest)))
        return;
      throw lostPlace(error, upload.what);
    });
  }

  /** Whether a blob may be streamed: false once a streamed upload of it was cut. */
  streamed(digest: string): boolean {
    return !this.#streamCut.has(digest);
  }

  /** The manifest's digest, media type and size under `reference` (a tag or a digest), or undefined when there is
   * none (HEAD). A registry that sends no Docker-Content-Digest (the spec only recommends it; ECR and some proxies
   * omit it) is asked for the manifest, whose bytes are hashed, as containerd does. */
  async manifestDigest(
    repository: string,
    reference: string,
  ): Promise<{ digest: string; mediaType: string; size: number } | undefined> {
    const response = await this.send({
      method: "HEAD",
      url: `/v2/${repository}/manifests/${reference}`,
      scopes: [`repository:${repository}:pull`],
      headers: { accept: MANIFEST_ACCEPT.join(", ") },
      expect: [200, 404],
      what: `looking up ${repository}${at(reference)}`,
    });
    if (response.status === 404) return undefined;
    const digest = response.headers.get("docker-content-digest");
    if (!digest) {
      const manifest = await this.getManifest(repository, reference);
      const hash = builtin("node:crypto").createHash("sha256").update(manifest.bytes).digest("hex");
      return { digest: `sha256:${hash}`, mediaType: manifest.mediaType, size: manifest.bytes.length };
    }
    return {
      digest,
      mediaType: (response.headers.get("content-type") ?? "").split(";")[0] ?? "",
      size: Number(response.headers.get("content-length") ?? 0),
    };
  }

  /** The manifest (or index) under `reference`, its bytes as sent (the digest is over these bytes). */
  async getManifest(
    repository: string,
    reference: string,
  ): Promise<{ bytes: Uint8Array; mediaType: string }> {
    const response = await this.send({
      method: "GET",
      url: `/v2/${repository}/manifests/${reference}`,
      scopes: [`repository:${repository}:pull`],
      headers: { accept: MANIFEST_ACCEPT.join(", ") },
      expect: [200],
      what: `reading the manifest of ${repository}${at(reference)} on ${this.#options.registry}`,
    });
    return {
      bytes: new Uint8Array(await response.arrayBuffer()),
      mediaType: (response.headers.get("content-type") ?? "").split(";")[0] ?? "",
    };
  }

  /** Stores a manifest under a tag (or its digest); returns the digest the registry computed. */
  async putManifest(
    repository: string,
    reference: string,
    bytes: Uint8Array,
    mediaType: string,
  ): Promise<string> {
    const response = await this.send({
      method: "PUT",
      url: `/v2/${repository}/manifests/${reference}`,
      scopes: [`repository:${repository}:pull,push`],
      headers: { "content-type": mediaType },
      body: () => bytes,
      expect: [201],
      what: `pushing the manifest of ${repository}${at(reference)}`,
    });
    return response.headers.get("docker-content-digest") ?? "";
  }

  /** A blob's bytes as a stream (GET, following the registry's redirect to its storage). */
  /** The manifests that name `digest` as their subject, of `artifactType` (OCI 1.1 referrers API); undefined when the
   * registry has no referrers API (it answers 404). */
  async referrers(
    repository: string,
    digest: string,
    artifactType: string,
  ): Promise<(Descriptor & { artifactType?: string })[] | undefined> {
    const response = await this.send({
      method: "GET",
      url: `/v2/${repository}/referrers/${digest}?artifactType=${encodeURIComponent(artifactType)}`,
      scopes: [`repository:${repository}:pull`],
      headers: { accept: MEDIA_TYPES.index },
      expect: [200, 404],
      what: `listing what refers to ${repository}@${digest}`,
    });
    if (response.status === 404) return undefined;
    const index = (await response.json()) as { manifests?: (Descriptor & { artifactType?: string })[] };
    // A registry may ignore the filter (the spec lets it): filtered here too.
    return (index.manifests ?? []).filter((m) => m.artifactType === artifactType);
  }

  async getBlob(repository: string, digest: string): Promise<Response> {
    return this.send({
      method: "GET",
      url: `/v2/${repository}/blobs/${digest}`,
      scopes: [`repository:${repository}:pull`],
      expect: [200],
      what: `reading blob ${digest} of ${repository}`,
    });
  }

  private async cancelUpload(repository: string, location: string): Promise<void> {
    await this.send({
      method: "DELETE",
      url: location,
      scopes: [`repository:${repository}:pull,push`],
      expect: [204, 404],
      what: `cancelling an upload to ${repository}`,
    }).catch(() => undefined); // an abandoned upload session expires on the registry by itself
  }

  private location(response: Response, what: string): string {
    const location = response.headers.get("location");
    if (!location)
      throw new OciError(`${what}: the registry sent no upload Location`, response.status, undefined);
    return location;
  }

  /** Sends a request, authorising it as the registry asks (Basic, or a bearer token for the scopes), and checks the
   * status. */
  /** Sends a request, again on a passing failure (no reply, 5xx, 429: the fault is retried here, request by request,
   * so that a push of many blobs does not start over for each one). Every request this client makes may be sent
   * again: reads and manifest PUTs repeat exactly, and an upload request that did go through makes its repeat fail
   * (an unknown upload, a range already sent), which the workflow's converging step resolves by asking again. */
  private async send(request: Send): Promise<Response> {
    const policy = this.#options.retry ?? DEFAULT_POLICY;
    if (request.retry === false) return this.sendOnce(request);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.sendOnce(request);
      } catch (error) {
        const signal = this.#options.signal;
        if (signal?.aborted || attempt >= policy.attempts || !(error instanceof OciError && error.transient))
          throw error;
        await sleep(backoffMs(policy, attempt), signal);
      }
    }
  }

  private async sendOnce(request: Send): Promise<Response> {
    await this.#auth.beforeSend(request.scopes, request.what);
    let { response, sent } = await this.attempt(request);
    // Asks for what a 401 wants (Basic, a token, a token for more scopes, a renewed token for one that expired), and
    // sends again; but a token got for this very request and refused at once is final: the credentials lack the
    // permission. Bounded, whatever the registry answers.
    let asked: string | undefined;
    for (let round = 0; round < 4 && response.status === 401; round++) {
      if (sent !== undefined && sent === asked) break;
      const got = await this.#auth.authorise(response, request.scopes, request.what, sent);
      if (!got) break;
      asked = got === "asked" ? this.#auth.authorizationFor(request.scopes) : undefined;
      ({ response, sent } = await this.attempt(request));
    }
    if (request.expect.includes(response.status)) return response;
    throw await registryFailure(response, request.what, this.#options.credentials);
  }

  private async attempt(request: Send): Promise<{ response: Response; sent: string | undefined }> {
    const { fetch = (input: Request) => globalThis.fetch(input), signal, userAgent } = this.#options;
    const url = request.url.startsWith("/")
      ? `${this.base}${request.url}`
      : new URL(request.url, this.base).href;
    const headers = new Headers(request.headers);
    headers.set("user-agent", userAgent);
    const authorization = this.#auth.authorizationFor(request.scopes);
    if (authorization) headers.set("authorization", authorization);
    const body = request.body?.() as BodyInit | undefined; // TypeScript's DOM types want an ArrayBuffer view of one kind
    try {
      // Its own signal for each request, following the caller's (see client/request-signal.ts).
      const init = {
        method: request.method,
        headers,
        body,
        signal: requestSignal(signal),
        // A streamed body goes as it is read (fetch's half-duplex streaming; Node needs it said), and a redirect is an
        // error: unless it is, undici keeps every byte sent, to send again after one (a 1 GiB blob in memory, seen
        // with "follow" and "manual" alike). A registry that redirects the upload gets the blob in chunks instead.
        ...(body instanceof ReadableStream
          ? { duplex: "half", redirect: "error" as const }
          : { redirect: "follow" as const }),
      };
      return { response: await fetch(new Request(url, init)), sent: authorization };
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      const code = networkCode(error) ?? (error as Error).message;
      const hint = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)
        ? "its TLS certificate is not trusted: give the CA bundle that signed it (oci.caFile)"
        : this.#options.plainHttp
          ? "check the address, and that the registry speaks plain HTTP there"
          : "check the address, and oci.plainHttp true for a registry without TLS";
      throw new OciError(
        `${request.what}: cannot reach the registry at ${this.base} (${code}); ${hint}`,
        undefined,
        undefined,
        {
          cause: error,
          unreachable: true,
          fix: [
            { setting: "oci.plainHttp", value: String(this.#options.plainHttp ?? false) },
            { setting: "oci.caFile" },
          ],
        },
      );
    }
  }
}
