// mr-cli mcp over streamable HTTP: one endpoint, /mcp, on the loopback address only, for requests that carry the
// bearer token (from a file) and a loopback Host. The SDK's web-standard handler answers; this file carries Node's
// requests to it and its responses (JSON or an SSE stream) back.
import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createMcpHandler, type McpServerFactory } from "@modelcontextprotocol/server";
import type { CliContext } from "../context.js";
import { UsageError } from "../exit-codes.js";

/** The largest request body accepted: 4 MiB. */
const MAX_BODY = 4 * 1024 * 1024;

const digest = (text: string) => createHash("sha256").update(text).digest();

function refuse(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", ...headers }).end(`${message}\n`);
}

/** Node's request as a web-standard Request (its body read whole, up to MAX_BODY), aborted when the client goes. */
async function webRequest(req: IncomingMessage, origin: string, signal: AbortSignal): Promise<Request> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new RangeError("request body too large");
    chunks.push(chunk);
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers))
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value])
      headers.append(name, one);
  const method = req.method ?? "GET";
  const body = method === "GET" || method === "HEAD" ? undefined : Buffer.concat(chunks);
  return new Request(new URL(req.url ?? "/", origin), { method, headers, body, signal });
}

/** Writes a web-standard Response to Node's response, streaming its body. */
async function send(res: ServerResponse, response: Response): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  for (let part = await reader.read(); !part.done; part = await reader.read())
    if (res.destroyed) {
      await reader.cancel();
      return;
    } else res.write(part.value);
  res.end();
}

/** Serves MCP on 127.0.0.1:`port` (0: any free port) until `ctx.io.signal` aborts; says where on stderr, never the
 * token. `onerror` hears the protocol's out-of-band errors. */
export async function serveHttp(
  ctx: CliContext,
  factory: McpServerFactory,
  port: number,
  token: { value: string; file: string },
  onerror: (error: Error) => void,
): Promise<void> {
  const expected = digest(`Bearer ${token.value}`);
  const handler = createMcpHandler(factory, { onerror });
  let origin = "";
  const server = createServer((req, res) => {
    const host = req.headers.host ?? "";
    if (!/^(127\.0\.0\.1|localhost|\[::1\]):\d+$/.test(host)) return refuse(res, 403, "not a loopback Host");
    if (
      req.headers.origin &&
      !/^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(req.headers.origin)
    )
      return refuse(res, 403, "not a loopback Origin");
    // The scheme's name is case-insensitive (RFC 9110); the token is compared as a whole, in constant time.
    const given = (req.headers.authorization ?? "").replace(/^bearer /i, "Bearer ");
    if (!timingSafeEqual(digest(given), expected))
      return refuse(res, 401, "a bearer token is needed", {
        "www-authenticate": 'Bearer realm="mr-cli mcp"',
      });
    if (new URL(req.url ?? "/", origin).pathname !== "/mcp") return refuse(res, 404, "the endpoint is /mcp");
    const gone = new AbortController();
    res.on("close", () => gone.abort());
    webRequest(req, origin, gone.signal)
      .then((request) => handler.fetch(request))
      .then((response) => send(res, response))
      .catch((error: unknown) => {
        if (res.headersSent) res.destroy();
        else refuse(res, error instanceof RangeError ? 413 : 500, String((error as Error).message ?? error));
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE" || error.code === "EACCES"
          ? new UsageError(
              `--http ${port}: cannot listen on 127.0.0.1:${port} (${error.code}); choose another port`,
            )
          : error,
      ),
    );
    server.listen(port, "127.0.0.1", resolve);
  });
  const address = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${address.port}`;
  ctx.io.stderr.write(
    `mr-cli mcp: serving MCP at ${origin}/mcp; clients send the bearer token in ${token.file}\n`,
  );
  await new Promise<void>((resolve) => {
    if (ctx.io.signal?.aborted) return resolve();
    ctx.io.signal?.addEventListener("abort", () => resolve(), { once: true });
  });
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await handler.close();
}
