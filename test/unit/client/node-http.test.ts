// The sender over Node's http modules (node-http.ts), against real servers on 127.0.0.1: what fetch did for the
// client (redirects, compressed replies, whole bodies, aborts) it does too, and a client on Node uses it unless the
// global fetch was replaced. No msw in this file: the global fetch is Node's own.

import { spawn } from "node:child_process";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createInterface } from "node:readline";
import { deflateSync, gzipSync } from "node:zlib";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { nodeHttpSend } from "../../../src/client/node-http.js";
import { neverReachedServer } from "../../../src/client/transport-send.js";
import { ConfigError, ConnectionError } from "../../../src/errors.js";
import { ModelRegistry } from "../../../src/model-registry.js";

type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

/** A server whose handler each test sets, recording what it receives. */
async function serve(): Promise<{ server: Server; url: string; seen: Seen[]; handle: (h: Handler) => void }> {
  let handler: Handler = (_q, _b, response) => response.end();
  const seen: Seen[] = [];
  const server = createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => {
      body += chunk;
    });
    request.on("end", () => {
      seen.push({ method: request.method ?? "", url: request.url ?? "", headers: request.headers, body });
      handler(request, body, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}`, seen, handle: (h) => (handler = h) };
}

const json = (response: ServerResponse, status: number, value: unknown) => {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(value));
};

let one: Awaited<ReturnType<typeof serve>>;
let other: Awaited<ReturnType<typeof serve>>;
beforeAll(async () => {
  one = await serve();
  other = await serve();
});
afterEach(() => {
  one.seen.length = 0;
  other.seen.length = 0;
});
afterAll(() => {
  one.server.close();
  other.server.close();
});

const send = nodeHttpSend();
if (!send) throw new Error("the Node sender must exist on Node");
const exchange = (path: string, init: Partial<Parameters<typeof send>[0]> = {}) =>
  send({ method: "GET", url: `${one.url}${path}`, headers: {}, ...init });

describe("the Node sender", () => {
  it("is what a client on Node sends with: no fetch headers, the token, the User-Agent, JSON in and out", async () => {
    one.handle((_request, body, response) =>
      json(response, 201, { id: "7", name: JSON.parse(body).name, state: "LIVE", customProperties: {} }),
    );
    const mr = new ModelRegistry({ url: one.url, token: "t0ken", apiVersion: "v1alpha3" });
    const created = await mr.registeredModels.create({ name: "mnist" });
    expect(created).toMatchObject({ id: "7", name: "mnist" });
    const [request] = one.seen;
    expect(request?.method).toBe("POST");
    expect(request?.url).toBe("/api/model_registry/v1alpha3/registered_models");
    expect(request?.headers.authorization).toBe("Bearer t0ken");
    expect(request?.headers["user-agent"]).toMatch(/^model-registry-ts\//);
    expect(request?.headers["content-type"]).toBe("application/json");
    // undici's fetch sends this; Node's http module does not.
    expect(request?.headers["sec-fetch-mode"]).toBeUndefined();
    expect(request?.headers.accept).toBe("application/json");
    expect(request?.headers["accept-encoding"]).toBe("gzip, deflate, br");
  });

  it("uses a replaced global fetch instead (an interceptor installed after the client was made)", async () => {
    const mr = new ModelRegistry({ url: "http://nowhere.test", apiVersion: "v1alpha3" });
    const original = globalThis.fetch;
    const asked: string[] = [];
    globalThis.fetch = async (input: RequestInfo | URL) => {
      asked.push(input instanceof Request ? input.url : String(input));
      return Response.json({ id: "1", name: "m", state: "LIVE", customProperties: {} });
    };
    try {
      await expect(mr.registeredModels.get("1")).resolves.toMatchObject({ name: "m" });
    } finally {
      globalThis.fetch = original;
    }
    expect(asked).toEqual(["http://nowhere.test/api/model_registry/v1alpha3/registered_models/1"]);
  });

  it("follows redirects as fetch does: 307 keeps the method and body, 303 turns it into a GET", async () => {
    one.handle((request, _body, response) => {
      if (request.url === "/keep") response.writeHead(307, { location: "/landed" }).end();
      else if (request.url === "/see-other") response.writeHead(303, { location: `${one.url}/landed` }).end();
      else json(response, 200, { method: request.method });
    });
    const body = JSON.stringify({ a: 1 });
    const headers = { "content-type": "application/json" };
    const kept = await exchange("/keep", { method: "POST", body, headers });
    expect(JSON.parse(kept.bodyText)).toEqual({ method: "POST" });
    expect(kept.url).toBe(`${one.url}/landed`);
    expect(kept.redirected).toBe(true);
    expect(one.seen[1]).toMatchObject({ method: "POST", body });
    const seeOther = await exchange("/see-other", { method: "POST", body, headers });
    expect(JSON.parse(seeOther.bodyText)).toEqual({ method: "GET" });
    expect(one.seen[3]).toMatchObject({ method: "GET", body: "" });
    expect(one.seen[3]?.headers["content-type"]).toBeUndefined();
  });

  it("drops credentials on a redirect to another origin, keeps them on the same one", async () => {
    one.handle((request, _body, response) => {
      if (request.url === "/away") response.writeHead(302, { location: `${other.url}/there` }).end();
      else if (request.url === "/near") response.writeHead(302, { location: "/here" }).end();
      else json(response, 200, {});
    });
    other.handle((_request, _body, response) => json(response, 200, {}));
    const headers = { authorization: "Bearer secret", cookie: "c=1" };
    await exchange("/away", { headers });
    expect(other.seen[0]?.headers.authorization).toBeUndefined();
    expect(other.seen[0]?.headers.cookie).toBeUndefined();
    await exchange("/near", { headers });
    expect(one.seen.at(-1)?.headers.authorization).toBe("Bearer secret");
  });

  it("refuses a redirect loop after 20 redirects", async () => {
    one.handle((_request, _body, response) => response.writeHead(302, { location: "/again" }).end());
    await expect(exchange("/again")).rejects.toMatchObject({ code: "ERR_TOO_MANY_REDIRECTS" });
    expect(one.seen).toHaveLength(21);
  });

  it("decodes a gzip-encoded reply (a proxy may compress though nothing asked for it)", async () => {
    one.handle((_request, _body, response) => {
      response.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
      response.end(gzipSync(JSON.stringify({ zipped: "ünïcode" })));
    });
    expect(JSON.parse((await exchange("/z")).bodyText)).toEqual({ zipped: "ünïcode" });
  });

  it("fails a reply cut off midway, and the client retries a GET that lost its reply", async () => {
    let calls = 0;
    one.handle((_request, _body, response) => {
      calls++;
      if (calls === 1) {
        response.writeHead(200, { "content-type": "application/json", "content-length": "100" });
        response.write('{"id":"1",');
        setTimeout(() => response.socket?.destroy(), 10);
      } else json(response, 200, { id: "1", name: "m", state: "LIVE", customProperties: {} });
    });
    await expect(exchange("/cut")).rejects.toMatchObject({ code: "ECONNRESET" });
    const mr = new ModelRegistry({
      url: one.url,
      apiVersion: "v1alpha3",
      retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
    });
    calls = 0;
    await expect(mr.registeredModels.get("1")).resolves.toMatchObject({ name: "m" });
    expect(calls).toBe(2);
  });

  it("turns a refused connection into a ConnectionError naming the server", async () => {
    const closed = await serve();
    closed.server.close();
    const mr = new ModelRegistry({ url: closed.url, apiVersion: "v1alpha3", retry: false });
    const failure = await mr.registeredModels.get("1").catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConnectionError);
    expect(String(failure)).toMatch(
      /cannot reach the Model Registry at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/,
    );
  });

  it("stops waiting when the call is aborted, or its time limit passes", async () => {
    one.handle(() => {}); // never answers
    const mr = new ModelRegistry({ url: one.url, apiVersion: "v1alpha3", retry: false });
    const controller = new AbortController();
    const pending = mr.registeredModels.get("1", { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("stopped by the caller")), 20);
    await expect(pending).rejects.toThrow("stopped by the caller");
    const timedOut = await mr.registeredModels.get("1", { timeout: 30 }).catch((error: unknown) => error);
    expect(timedOut).toBeInstanceOf(ConnectionError);
    expect(String(timedOut)).toMatch(/no response from the Model Registry within 30 ms/);
  });

  it("lets a caller's own Authorization, in any case, win over the token, and drops it on another origin", async () => {
    one.handle((request, _body, response) => {
      if (request.url === "/away") response.writeHead(307, { location: `${other.url}/there` }).end();
      else json(response, 200, {});
    });
    other.handle((_request, _body, response) => json(response, 200, {}));
    const mr = new ModelRegistry({ url: one.url, token: "client-token", apiVersion: "v1alpha3" });
    const raw = mr.api as unknown as {
      GET(path: string, init: object): Promise<{ response: { status: number } }>;
    };
    await raw.GET("/here", { headers: { Authorization: "Bearer caller", Cookie: "c=1" } });
    expect(one.seen.at(-1)?.headers.authorization).toBe("Bearer caller");
    await raw.GET("/away", { headers: { Authorization: "Bearer caller", Cookie: "c=1" } });
    expect(other.seen[0]?.headers.authorization).toBeUndefined();
    expect(other.seen[0]?.headers.cookie).toBeUndefined();
  });

  it("refuses headers that are not Latin-1 text before sending: a ConfigError, not a lost connection", async () => {
    one.handle((_request, _body, response) => json(response, 200, {}));
    const mr = new ModelRegistry({ url: one.url, apiVersion: "v1alpha3" });
    const perCall = mr.registeredModels.get("1", { headers: { "x-note": "日本" } });
    await expect(perCall).rejects.toBeInstanceOf(ConfigError);
    await expect(perCall).rejects.toThrow(/names: x-note\); nothing was sent|not valid HTTP headers/);
    const agent = new ModelRegistry({ url: one.url, apiVersion: "v1alpha3", userAgent: "bot/✓" });
    await expect(agent.registeredModels.get("1")).rejects.toThrow(/user-agent.*nothing was sent/);
    expect(one.seen).toHaveLength(0);
  });

  it("says a reply it cannot use is that, not a lost connection, and does not send it again", async () => {
    one.handle((_request, _body, response) => response.writeHead(302, { location: "ftp://files/x" }).end());
    const mr = new ModelRegistry({
      url: one.url,
      apiVersion: "v1alpha3",
      retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
    });
    const failure = await mr.registeredModels.get("1").catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConnectionError);
    expect(String(failure)).toMatch(
      /the Model Registry at http:\/\/127\.0\.0\.1:\d+ sent a reply the client cannot use: a 302 redirect to "ftp:\/\/files\/x", not an http\(s\) URL/,
    );
    expect(one.seen).toHaveLength(1);
  });

  it("reads a body as fetch's text() does: a byte-order mark dropped, stacked codings undone", async () => {
    one.handle((request, _body, response) => {
      if (request.url === "/bom") {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"bom":true}')]));
      } else {
        response.writeHead(200, { "content-type": "application/json", "content-encoding": "deflate, gzip" });
        response.end(gzipSync(deflateSync(JSON.stringify({ stacked: true }))));
      }
    });
    expect(JSON.parse((await exchange("/bom")).bodyText)).toEqual({ bom: true });
    expect(JSON.parse((await exchange("/stacked")).bodyText)).toEqual({ stacked: true });
    expect(one.seen[0]?.headers["accept-encoding"]).toBeUndefined(); // the bare sender adds nothing
  });

  it("gives up on a connection that does not open within its connect timeout: never reached the server", async () => {
    // A listener whose backlog is full: the kernel drops further connection attempts, as a firewall would.
    const script = [
      "import socket, time",
      "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(0); port = s.getsockname()[1]",
      "fill = []",
      "for _ in range(3):",
      "    c = socket.socket(); c.setblocking(False)",
      "    try: c.connect(('127.0.0.1', port))",
      "    except BlockingIOError: pass",
      "    fill.append(c)",
      "print(port, flush=True); time.sleep(60)",
    ].join("\n");
    const blackhole = spawn("python3", ["-c", script], { stdio: ["ignore", "pipe", "inherit"] });
    try {
      const [port] = await createInterface({ input: blackhole.stdout })
        [Symbol.asyncIterator]()
        .next()
        .then((line) => [line.value]);
      const quick = nodeHttpSend(undefined, 200);
      const started = performance.now();
      const failed = await quick?.({
        method: "POST",
        url: `http://127.0.0.1:${port}/x`,
        headers: {},
        body: "{}",
      }).catch((error: unknown) => error);
      expect(failed).toMatchObject({ code: "ERR_CONNECT_TIMEOUT" });
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(neverReachedServer(failed)).toBe(true);
    } finally {
      blackhole.kill();
    }
  });
});
