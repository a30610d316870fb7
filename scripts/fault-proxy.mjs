// A loopback HTTP proxy that injects faults, seeded so a run can be replayed: test infrastructure for the fault
// suite and `npm run bench:faults`, put in front of the registry or an S3 server (it forwards every header as it is,
// Host included, so SigV4 signatures still verify).
//
// Faults, chosen per request with probability `rate` (or scripted for one request):
//   drop-before  the connection is closed before anything is forwarded (the server never sees the request)
//   drop-after   the request is forwarded and handled, then the connection is closed: the reply is lost
//   reset-mid    the reply's head and half its body are sent, then the connection is reset
//   503          a burst: this request and the next `burst - 1` get 503 without being forwarded
//   latency      forwarded after 50-300 ms
//   expired-token  forwarded without its Authorization header, so a token registry answers 401 with its challenge,
//                as it does when a bearer token has expired: only to a token the registry has accepted before (a
//                token expires after use, not on arrival), and for good; only when asked for in `kinds`
// `delayMs` adds a fixed delay to every request (a slow link), fault or not. `rewriteReply` changes a reply's headers or
// body on its way back, as a server or proxy that deviates from its spec does (no digest header, a listing that says
// it is truncated but gives no token).
// Every request is recorded (method, path, status, fault), so the same proxy counts round trips.
import { createHash } from "node:crypto";
import { createServer, request as forward } from "node:http";

/** @typedef {"drop-before" | "drop-after" | "reset-mid" | "503" | "500" | "latency" | "expired-token"} FaultKind */
/** @typedef {{ method: string, path: string, status: number | undefined, fault: FaultKind | "checksum" | undefined }} Recorded */

/** Faults that fail the request, with their weights (latency only slows it down). */
export const DEFAULT_KINDS = /** @type {Record<FaultKind, number>} */ ({
  "drop-before": 1,
  "drop-after": 1,
  "reset-mid": 1,
  503: 1,
  500: 0, // only when injected (an S3 InternalError reply)
  latency: 1,
  "expired-token": 0, // only when asked for (a bearer-token registry)
});

/** A seeded random number generator: the same seed gives the same faults in the same order. */
function random(seed) {
  let drawn = 0;
  return () => createHash("sha256").update(`${seed}:${drawn++}`).digest().readUInt32BE(0) / 2 ** 32;
}

const readAll = (stream) =>
  new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    stream.on("data", (chunk) => chunks.push(chunk));
    stream.on("end", () => resolve(Buffer.concat(chunks)));
    stream.on("error", reject);
  });

/**
 * Starts the proxy on 127.0.0.1 (a free port).
 * @param {{ target: string, seed?: number, rate?: number, kinds?: Partial<Record<FaultKind, number>>, burst?: number,
 *   delayMs?: number, faultable?: (method: string, path: string) => boolean, rejectChecksums?: "501" | "400",
 *   rewriteReply?: (method: string, path: string, status: number, headers: Record<string, string | string[] | undefined>,
 *   body: Buffer) => { headers?: Record<string, string | string[] | undefined>, body?: Buffer } | undefined }} options
 *   `faultable` limits random faults to some requests (default: all). `rejectChecksums` refuses every request that
 *   carries one of the AWS SDK's checksum headers, as R2 ("501") or B2 ("400") do. `rewriteReply` may return new
 *   headers or a new body for a reply (its content-length is set to match).
 */
export async function startFaultProxy(options) {
  const target = new URL(options.target);
  const next = random(options.seed ?? 1);
  const kinds = Object.entries({ ...DEFAULT_KINDS, ...options.kinds }).filter(([, weight]) => weight > 0);
  const total = kinds.reduce((sum, [, weight]) => sum + weight, 0);
  const burst = options.burst ?? 3;
  let rate = options.rate ?? 0;
  let burstLeft = 0;
  /** @type {Recorded[]} */
  const requests = [];
  /** @type {{ when: (method: string, path: string) => boolean, fault: FaultKind, times: number, ms?: number }[]} */
  const scripted = [];
  /** @type {Set<string>} Authorization values the target has accepted, and those expired since */
  const accepted = new Set();
  const expired = new Set();
  /** @type {WeakMap<object, number>} the delay of a scripted latency fault, by request record */
  const scriptedMs = new WeakMap();

  /** @returns {FaultKind | undefined} */
  const choose = (method, path, record) => {
    const script = scripted.find((entry) => entry.times > 0 && entry.when(method, path));
    if (script) {
      script.times--;
      if (script.ms !== undefined) scriptedMs.set(record, script.ms);
      return script.fault;
    }
    if (burstLeft > 0) {
      burstLeft--;
      return "503";
    }
    if (rate <= 0 || (options.faultable && !options.faultable(method, path)) || next() >= rate)
      return undefined;
    let pick = next() * total;
    for (const [kind, weight] of kinds) {
      pick -= weight;
      if (pick < 0) {
        if (kind === "503") burstLeft = burst - 1;
        return /** @type {FaultKind} */ (kind);
      }
    }
    return undefined;
  };

  const server = createServer(async (incoming, outgoing) => {
    const method = incoming.method ?? "GET";
    const path = incoming.url ?? "/";
    /** @type {Recorded} */
    const record = { method, path, status: undefined, fault: undefined };
    const authorization = incoming.headers.authorization;
    let fault = choose(method, path.split("?")[0] ?? path, record);
    if (fault === "expired-token" && !(authorization && accepted.has(authorization))) fault = undefined;
    // An expired token stays expired: every later request with it is refused too.
    if (fault === "expired-token" && authorization) expired.add(authorization);
    else if (!fault && authorization && expired.has(authorization)) fault = "expired-token";
    record.fault = fault;
    requests.push(record);
    const body = await readAll(incoming).catch(() => Buffer.alloc(0));
    if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    const checksumHeader = options.rejectChecksums && checksumHeaderOf(incoming.headers);
    if (checksumHeader) return rejectChecksum(outgoing, record, options.rejectChecksums, checksumHeader);
    if (fault === "drop-before") return incoming.socket.destroy();
    if (fault === "500") {
      record.status = 500;
      outgoing.writeHead(500, { "content-type": "application/xml" });
      return outgoing.end(
        '<?xml version="1.0" encoding="UTF-8"?><Error><Code>InternalError</Code><Message>We encountered an internal error. Please try again.</Message><RequestId>fault-proxy</RequestId></Error>',
      );
    }
    if (fault === "503") {
      record.status = 503;
      outgoing.writeHead(503, { "content-type": "text/plain", "retry-after": "0" });
      return outgoing.end("injected 503");
    }
    if (fault === "latency") {
      const ms = scriptedMs.get(record) ?? 50 + next() * 250;
      await new Promise((resolve) => setTimeout(resolve, ms));
    }
    const headers = { ...incoming.headers };
    delete headers.expect; // answered here already; not part of the signature
    if (fault === "expired-token") delete headers.authorization;
    const upstream = forward(
      { host: target.hostname, port: target.port, method, path, headers, setHost: false },
      async (reply) => {
        const data = await readAll(reply).catch(() => Buffer.alloc(0));
        record.status = reply.statusCode;
        if (authorization && fault !== "expired-token" && reply.statusCode !== 401)
          accepted.add(authorization);
        if (fault === "drop-after") return incoming.socket.destroy();
        const replyHeaders = { ...reply.headers };
        if (fault === "reset-mid") {
          outgoing.writeHead(reply.statusCode ?? 502, replyHeaders);
          outgoing.write(data.subarray(0, Math.floor(data.length / 2)));
          return setTimeout(() => incoming.socket.destroy(), 5);
        }
        const rewritten = options.rewriteReply?.(method, path, reply.statusCode ?? 502, replyHeaders, data);
        const body = rewritten?.body ?? data;
        const finalHeaders = rewritten?.headers ?? replyHeaders;
        if (rewritten?.body) finalHeaders["content-length"] = String(body.length);
        outgoing.writeHead(reply.statusCode ?? 502, finalHeaders);
        outgoing.end(body);
      },
    );
    upstream.on("error", () => incoming.socket.destroy());
    upstream.end(body);
  });
  server.keepAliveTimeout = 2_000;
  await new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(undefined)));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;

  return {
    /** The proxy's base URL, e.g. `http://127.0.0.1:40123`. */
    url: `http://127.0.0.1:${port}`,
    /** Every request so far, in order. */
    requests,
    /** Changes the random fault rate (0 to 1). */
    setRate(value) {
      rate = value;
    },
    /** Injects `fault` into the next `times` requests for which `when(method, path)` holds; `ms` sets the delay
     * of a `latency` fault. */
    inject(when, fault, times = 1, ms = undefined) {
      scripted.push({ when, fault, times, ...(ms === undefined ? {} : { ms }) });
    },
    /** Forgets every injected fault not used yet. */
    clearInjected() {
      scripted.length = 0;
    },
    /** How many requests got each fault. */
    faultCounts() {
      /** @type {Record<string, number>} */
      const counts = {};
      for (const { fault } of requests) if (fault) counts[fault] = (counts[fault] ?? 0) + 1;
      return counts;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}

/** The first header of the AWS SDK's default checksums in a request (`x-amz-checksum-*`, `x-amz-sdk-checksum-algorithm`,
 * `x-amz-trailer`, `x-amz-checksum-mode`), or undefined. */
function checksumHeaderOf(headers) {
  return Object.keys(headers).find(
    (name) =>
      name.startsWith("x-amz-checksum-") ||
      name === "x-amz-sdk-checksum-algorithm" ||
      name === "x-amz-trailer",
  );
}

/** Answers as stores that do not implement the SDK's checksum headers do: Cloudflare R2 with 501 NotImplemented,
 * Backblaze B2 with 400 InvalidArgument (both with an S3 XML error body). */
function rejectChecksum(outgoing, record, style, header) {
  const [status, code, message] =
    style === "501"
      ? [501, "NotImplemented", `Header '${header}' with value 'CRC32' not implemented`]
      : [400, "InvalidArgument", `Unsupported header '${header}' received for this API call.`];
  record.status = status;
  record.fault = "checksum";
  outgoing.writeHead(status, { "content-type": "application/xml" });
  outgoing.end(
    `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`,
  );
}
