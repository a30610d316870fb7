// The sender over Node's own http and https modules. On Node, fetch is undici: its first use loads undici's bundle and
// compiles its WebAssembly HTTP parser (about 10 MiB before the first byte), and each request builds WHATWG streams
// and headers that V8 collects late (200 registrations by URI peaked at 118 MiB with it, 62 MiB with this; see
// docs/library.md, "Runtimes"). Node's http module parses natively and its objects are cheap. It does what fetch did for the
// client: keep-alive connections (Node's global agents, or one of our own for TLS settings), redirects followed as
// fetch follows them, compressed bodies decoded, the whole body read before the reply is handed on.
import type * as Http from "node:http";
import type * as Https from "node:https";
import { builtin } from "../builtin.js";
import { HeaderMap, type HttpExchange, HttpReply, type HttpSend } from "./http-exchange.js";

type HttpModule = typeof Http;
type HttpsModule = typeof Https;

/** TLS settings of a connection of our own (PEM text). */
export interface NodeTlsOptions {
  /** CA certificates to trust besides Node's own store. */
  ca?: string | undefined;
  cert?: string | undefined;
  key?: string | undefined;
  rejectUnauthorized?: boolean | undefined;
}

/** Whether this is Node itself (Deno and Bun emulate `process`, but their fetch is their own and light), 22.3 or
 * later (`process.getBuiltinModule`, which gives `node:http` without building an ES module namespace: that would read
 * its lazy `WebSocket` export and load undici after all). */
export function onNode(): boolean {
  const runtime = globalThis as {
    Deno?: unknown;
    Bun?: unknown;
    process?: { release?: { name?: string }; getBuiltinModule?: unknown };
  };
  if (runtime.Deno !== undefined || runtime.Bun !== undefined) return false;
  return runtime.process?.release?.name === "node" && typeof runtime.process.getBuiltinModule === "function";
}

const MAX_REDIRECTS = 20; // as fetch
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
// What fetch drops from a request whose method a redirect turns into GET, and from one sent to another origin.
const BODY_HEADERS = [
  "content-type",
  "content-length",
  "content-encoding",
  "content-language",
  "content-location",
];
const CREDENTIAL_HEADERS = ["authorization", "cookie", "proxy-authorization"];

function failure(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

/** A reply that arrived but cannot be used: sending the request again would get the same (transport-send.ts says
 * so rather than report a lost connection, and does not retry it). */
function unusable(message: string, code: string, cause?: unknown): Error {
  return Object.assign(new Error(message, { cause }), { code, unusableReply: true });
}

/** How long a new connection may take to open by default (as undici's), within the attempt's own time limit: a host
 * that drops the connection attempt is then a failure that never reached the server, retried even for a create. */
const CONNECT_TIMEOUT_MS = 10_000;

/** The body as text: decoded from each content coding in turn (the last applied first), as UTF-8, without a
 * byte-order mark (as fetch's `text()`). We ask for gzip, deflate and br, as fetch does. */
function decode(body: Buffer, encoding: string | undefined): string {
  const codings = (encoding ?? "")
    .split(",")
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== "" && coding !== "identity")
    .reverse();
  let bytes = body;
  for (const coding of codings) {
    if (bytes.length === 0) break;
    if (coding !== "gzip" && coding !== "x-gzip" && coding !== "deflate" && coding !== "br")
      throw unusable(
        `the reply is encoded as ${coding}, which the client cannot decode`,
        "ERR_CONTENT_ENCODING",
      );
    const zlib = builtin("node:zlib");
    try {
      if (coding === "deflate") bytes = zlib.inflateSync(bytes);
      else if (coding === "br") bytes = zlib.brotliDecompressSync(bytes);
      else bytes = zlib.gunzipSync(bytes);
    } catch (error) {
      throw unusable(`the reply's ${coding} encoding is corrupt`, "ERR_CONTENT_ENCODING", error);
    }
  }
  const text = bytes.toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The CA certificates Node trusts by default (its bundled store with NODE_EXTRA_CA_CERTS, or the system's store
 * under --use-system-ca; Node 22.15+), else its bundled store. A `ca` option replaces them, so a CA file is added to
 * these. */
function defaultCertificates(): readonly string[] {
  const tls = builtin("node:tls") as typeof import("node:tls") & {
    getCACertificates?: (type: "default") => string[];
  };
  return tls.getCACertificates?.("default") ?? tls.rootCertificates;
}

/** One request, no redirects: the reply's status, headers and whole body, or a redirect's target. */
function once(
  transport: { module: HttpModule | HttpsModule; agent: Http.Agent; connectTimeoutMs: number },
  url: URL,
  exchange: HttpExchange,
): Promise<{ reply: HttpReply; location?: string | undefined }> {
  const headers: Record<string, string> = { ...exchange.headers };
  if (exchange.body !== undefined) headers["content-length"] = String(Buffer.byteLength(exchange.body));
  return new Promise((resolve, reject) => {
    const request = transport.module.request(
      url,
      { method: exchange.method, headers, agent: transport.agent, signal: exchange.signal },
      (response) => {
        const status = response.statusCode ?? 0;
        const location = response.headers.location;
        if (REDIRECTS.has(status) && location !== undefined) {
          response.resume(); // the redirect's own body is not wanted
          resolve({
            reply: new HttpReply(status, "", new HeaderMap(response.headers), url.href, ""),
            location,
          });
          return;
        }
        const chunks: Buffer[] = [];
        let ended = false;
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          ended = true;
          try {
            const body = decode(Buffer.concat(chunks), response.headers["content-encoding"]);
            const reply = new HttpReply(
              status,
              response.statusMessage ?? "",
              new HeaderMap(response.headers),
              url.href,
              body,
            );
            resolve({ reply });
          } catch (error) {
            reject(error);
          }
        });
        // A connection that closes before the body's end (and no error said so) is a cut-off reply.
        response.on("close", () => {
          if (!ended) reject(failure("the connection closed before the reply's end", "ECONNRESET"));
        });
      },
    );
    request.on("error", reject);
    request.on("socket", (socket) => {
      if (!socket.connecting) return; // a kept-alive connection
      const timer = setTimeout(() => {
        const message = `no connection to ${url.host} within ${transport.connectTimeoutMs} ms`;
        request.destroy(failure(message, "ERR_CONNECT_TIMEOUT"));
      }, transport.connectTimeoutMs);
      const stop = () => clearTimeout(timer);
      socket.once("connect", stop);
      socket.once("close", stop);
    });
    request.end(exchange.body);
  });
}

/**
 * The sender over Node's http and https modules, or undefined when this is not Node (see {@link onNode}).
 * Keep-alive connections come from Node's global agents (so agent settings, and `NODE_USE_ENV_PROXY`'s proxies,
 * apply), or, when `tls` is given, from an https agent of its own with those settings (and no proxy). The https
 * module (and with it TLS, about 5 MiB) is loaded by the first https request.
 */
export function nodeHttpSend(
  tls?: NodeTlsOptions,
  /** How long a new connection may take to open, in ms. Default 10_000. */
  connectTimeoutMs = CONNECT_TIMEOUT_MS,
): HttpSend | undefined {
  if (!onNode()) return undefined;
  const http = builtin("node:http");
  let ownAgent: Https.Agent | undefined;
  type Transport = { module: HttpModule | HttpsModule; agent: Http.Agent; connectTimeoutMs: number };
  const transportFor = (url: URL): Transport => {
    // The global agents are read per request: they may be replaced.
    if (url.protocol === "http:") return { module: http, agent: http.globalAgent, connectTimeoutMs };
    if (url.protocol !== "https:")
      throw failure(`cannot send to a ${url.protocol} URL`, "ERR_INVALID_PROTOCOL");
    const https = builtin("node:https");
    if (!tls) return { module: https, agent: https.globalAgent, connectTimeoutMs };
    ownAgent ??= new https.Agent({
      keepAlive: true,
      ...(tls.ca === undefined ? {} : { ca: [...defaultCertificates(), tls.ca] }),
      ...(tls.cert && tls.key ? { cert: tls.cert, key: tls.key } : {}),
      rejectUnauthorized: tls.rejectUnauthorized ?? true,
    });
    return { module: https, agent: ownAgent, connectTimeoutMs };
  };

  return async (first) => {
    let exchange = first;
    for (let redirects = 0; ; redirects++) {
      const url = new URL(exchange.url);
      const { reply, location } = await once(transportFor(url), url, exchange);
      if (location === undefined)
        return redirects === 0
          ? reply
          : new HttpReply(reply.status, reply.statusText, reply.headers, reply.url, reply.bodyText, true);
      if (redirects === MAX_REDIRECTS)
        throw unusable(
          `more than ${MAX_REDIRECTS} redirects, the last to ${location}`,
          "ERR_TOO_MANY_REDIRECTS",
        );
      const to = URL.canParse(location, url) ? new URL(location, url) : undefined;
      if (to?.protocol !== "http:" && to?.protocol !== "https:")
        throw unusable(
          `a ${reply.status} redirect to ${JSON.stringify(location)}, not an http(s) URL`,
          "ERR_INVALID_REDIRECT",
        );
      const headers = { ...exchange.headers };
      let { method, body } = exchange;
      const toGet =
        reply.status === 303
          ? method !== "HEAD"
          : (reply.status === 301 || reply.status === 302) && method === "POST";
      if (toGet) {
        method = "GET";
        body = undefined;
        for (const name of BODY_HEADERS) delete headers[name];
      }
      if (to.origin !== url.origin) for (const name of CREDENTIAL_HEADERS) delete headers[name];
      exchange = { ...exchange, method, url: to.href, headers, body };
    }
  };
}
