// Stands in for cluster DNS, for the upstream InferenceService controller the stack runs as a plain process: the
// controller reaches the registry at http://<service>.<namespace>.svc.cluster.local:<port>, a name nothing resolves
// on this machine. Its HTTP client honours HTTP_PROXY, so the stack points that here. A plain-HTTP forward proxy on
// 127.0.0.1: an absolute-URI request for a host ending in .svc.cluster.local goes to 127.0.0.1 on the same port (the
// stack's servers listen there); every other request is refused (403), and so is CONNECT (no TLS tunnels).
// GET /health (not a proxy request) answers ok. Test infrastructure on 127.0.0.1 only; no dependencies.
//   node stack/kube/cluster-dns-proxy.mjs <port>
import { createServer, request as forward } from "node:http";

const port = Number(process.argv[2]);
const clusterSuffix = ".svc.cluster.local";
// Headers that belong to one hop (RFC 9110, section 7.6.1), not forwarded.
const hopByHop = new Set([
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
]);

function refuse(response, status, message) {
  response.writeHead(status, { "content-type": "text/plain" });
  response.end(`${message}\n`);
}

const server = createServer((request, response) => {
  if (request.url === "/health") return response.end("ok");
  let target;
  try {
    target = new URL(request.url ?? "");
  } catch {
    return refuse(response, 400, "not a proxy request (an absolute URI is expected)");
  }
  const targetPort = Number(target.port || 80);
  if (target.protocol !== "http:" || !target.hostname.endsWith(clusterSuffix)) {
    console.log(`refused ${request.method} ${request.url}`);
    return refuse(response, 403, `this proxy only forwards http://*${clusterSuffix} (cluster DNS stand-in)`);
  }
  const headers = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (!hopByHop.has(name)) headers[name] = value;
  }
  const upstream = forward(
    {
      host: "127.0.0.1",
      port: targetPort,
      method: request.method,
      path: `${target.pathname}${target.search}`,
      headers,
    },
    (reply) => {
      console.log(`${request.method} ${request.url} -> ${reply.statusCode}`);
      const replyHeaders = {};
      for (const [name, value] of Object.entries(reply.headers)) {
        if (!hopByHop.has(name)) replyHeaders[name] = value;
      }
      response.writeHead(reply.statusCode ?? 502, replyHeaders);
      reply.pipe(response);
    },
  );
  upstream.on("error", (error) => {
    console.log(`${request.method} ${request.url} -> ${error.message}`);
    if (!response.headersSent) refuse(response, 502, `127.0.0.1:${targetPort}: ${error.message}`);
    else response.destroy();
  });
  request.pipe(upstream);
});

server.on("connect", (request, socket) => {
  console.log(`refused CONNECT ${request.url}`);
  socket.end("HTTP/1.1 405 Method Not Allowed\r\ncontent-length: 0\r\n\r\n");
});

server.listen(port, "127.0.0.1", () => console.log(`cluster DNS stand-in on 127.0.0.1:${port}`));
