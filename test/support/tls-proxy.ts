// An HTTPS front for a plain-HTTP stack server, with a self-made certificate for localhost and 127.0.0.1: for tools
// that speak only HTTPS to a registry (rh-model-signing's OCI client), trusting the certificate through their CA
// bundle setting (REQUESTS_CA_BUNDLE for Python's requests).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { request } from "node:http";
import { createServer } from "node:https";
import { join } from "node:path";
import { tempDir } from "./model-files.js";

/** Writes `key.pem` and `cert.pem` into `dir`: a P-256 certificate for localhost and 127.0.0.1, valid a day, signed by
 * itself (so it is its own CA bundle). */
export function selfSignedCertificate(dir: string): { keyFile: string; certFile: string } {
  const keyFile = join(dir, "key.pem");
  const certFile = join(dir, "cert.pem");
  execFileSync(
    "openssl",
    [
      ...["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "1"],
      ...["-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
      ...["-keyout", keyFile, "-out", certFile],
    ],
    { stdio: "ignore" },
  );
  return { keyFile, certFile };
}

/** Starts the front on 127.0.0.1; `host` is `localhost:<port>`, `caFile` the certificate to trust. */
export async function startTlsProxy(
  target: string,
): Promise<{ host: string; caFile: string; close(): Promise<void> }> {
  const dir = await tempDir("tls-proxy-");
  selfSignedCertificate(dir);
  const upstream = new URL(target);
  const server = createServer(
    { key: readFileSync(join(dir, "key.pem")), cert: readFileSync(join(dir, "cert.pem")) },
    (incoming, outgoing) => {
      const forwarded = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: incoming.method,
          path: incoming.url,
          headers: { ...incoming.headers, host: upstream.host },
        },
        (reply) => {
          // A Location on the upstream host is rewritten to this front, so that uploads continue through it.
          const headers = { ...reply.headers };
          if (typeof headers.location === "string")
            headers.location = headers.location.replace(
              `http://${upstream.host}`,
              `https://${incoming.headers.host}`,
            );
          outgoing.writeHead(reply.statusCode ?? 502, headers);
          reply.pipe(outgoing);
        },
      );
      forwarded.on("error", () => outgoing.destroy());
      incoming.pipe(forwarded);
    },
  );
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const port = (server.address() as { port: number }).port;
  return {
    host: `localhost:${port}`,
    caFile: join(dir, "cert.pem"),
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
