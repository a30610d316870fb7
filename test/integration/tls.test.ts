import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, ConnectionError, ModelRegistry } from "../../src/index.js";

// A real HTTPS server on 127.0.0.1 with a certificate from a throwaway CA, made with openssl for this run.
const dir = mkdtempSync(join(tmpdir(), "mr-tls-"));
let server: Server;
let url: string;

function openssl(...args: string[]): void {
  execFileSync("openssl", args, { cwd: dir, stdio: "ignore" });
}

beforeAll(async () => {
  openssl(
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    "ca.key",
    "-out",
    "ca.pem",
    "-days",
    "1",
    "-subj",
    "/CN=mr-test-ca",
  );
  writeFileSync(join(dir, "san.ext"), "subjectAltName=IP:127.0.0.1\n");
  openssl(
    "req",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    "server.key",
    "-out",
    "server.csr",
    "-subj",
    "/CN=127.0.0.1",
  );
  openssl(
    "x509",
    "-req",
    "-in",
    "server.csr",
    "-CA",
    "ca.pem",
    "-CAkey",
    "ca.key",
    "-CAcreateserial",
    "-out",
    "server.pem",
    "-days",
    "1",
    "-extfile",
    "san.ext",
  );
  server = createServer(
    { key: readFileSync(join(dir, "server.key")), cert: readFileSync(join(dir, "server.pem")) },
    (req, res) => {
      res.setHeader("content-type", "application/json");
      res.end(
        JSON.stringify({
          id: "1",
          name: "over-tls",
          customProperties: {},
          seenAuth: req.headers.authorization ?? null,
        }),
      );
    },
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("TLS to the registry", () => {
  it("refuses a certificate from an unknown CA with a ConnectionError", async () => {
    const mr = new ModelRegistry({ url, retry: false });
    await expect(mr.registeredModels.get("1")).rejects.toBeInstanceOf(ConnectionError);
  });

  it("trusts the server when given its CA file, and still sends the token", async () => {
    const mr = new ModelRegistry({ url, caFile: join(dir, "ca.pem"), token: "t0ken" });
    const model = await mr.registeredModels.get("1");
    expect(model).toMatchObject({ name: "over-tls", seenAuth: "Bearer t0ken" });
  });

  it("accepts any certificate only when insecureSkipVerify is set", async () => {
    const mr = new ModelRegistry({ url, insecureSkipVerify: true });
    expect((await mr.registeredModels.get("1")).name).toBe("over-tls");
  });

  it("says which CA file it cannot read, as a ConfigError", async () => {
    const failure = new ModelRegistry({ url, caFile: join(dir, "missing.pem") }).registeredModels.get("1");
    await expect(failure).rejects.toBeInstanceOf(ConfigError);
    await expect(failure).rejects.toThrow(/^cannot read the CA file .*missing\.pem \(ENOENT\)/);
  });
});
