// The OCI client without a registry: references, credentials from the container tools' auth files, the challenge
// parser, and the bearer-token flow under concurrency (one token request for many blobs, never a password in errors).
import { createHash } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, OciError } from "../../../../src/errors.js";
import { findCredentials, parseChallenge } from "../../../../src/storage/oci/oci-auth.js";
import { formatOciReference, parseOciReference } from "../../../../src/storage/oci/oci-reference.js";
import { OciRegistry } from "../../../../src/storage/oci/oci-registry.js";

describe("OCI references", () => {
  it("parses registry, repository, tag and digest, and writes them back", () => {
    const digest = `sha256:${"a".repeat(64)}`;
    expect(parseOciReference("oci://127.0.0.1:5000/models/mnist:v3")).toEqual({
      registry: "127.0.0.1:5000",
      repository: "models/mnist",
      tag: "v3",
      digest: undefined,
    });
    expect(parseOciReference(`quay.io/a/b@${digest}`)).toMatchObject({ repository: "a/b", digest });
    expect(formatOciReference(parseOciReference("oci://quay.io/a/b:1.0"))).toBe("oci://quay.io/a/b:1.0");
  });

  it("reads a one-part repository on Docker Hub as its official image's, under library/", () => {
    for (const host of ["docker.io", "index.docker.io", "registry-1.docker.io"])
      expect(parseOciReference(`oci://${host}/busybox:1.36`)).toMatchObject({
        registry: host,
        repository: "library/busybox",
        tag: "1.36",
      });
    expect(parseOciReference("oci://docker.io/acme/busybox:1")).toMatchObject({ repository: "acme/busybox" });
    expect(parseOciReference("oci://quay.io/busybox:1")).toMatchObject({ repository: "busybox" });
    expect(formatOciReference(parseOciReference("docker.io/busybox"))).toBe(
      "oci://docker.io/library/busybox",
    );
  });

  it("asks Docker Hub's API (registry-1.docker.io) for library/busybox when given docker.io/busybox", async () => {
    const asked: string[] = [];
    const registry = new OciRegistry({
      registry: "docker.io",
      plainHttp: false,
      fetch: async (request: Request) => {
        asked.push(new URL(request.url).href);
        return new Response(null, { status: 200 });
      },
      userAgent: "test",
    });
    const ref = parseOciReference("oci://docker.io/busybox:1.36");
    await registry.hasBlob(ref.repository, `sha256:${"b".repeat(64)}`);
    expect(asked).toEqual([`https://registry-1.docker.io/v2/library/busybox/blobs/sha256:${"b".repeat(64)}`]);
  });

  it.each([
    ["oci://mnist", /names no registry/],
    ["oci://quay.io/Models/x:v1", /lowercase/],
    ["oci://quay.io/a/b:-bad", /the tag/],
    ["oci://quay.io/a/b@sha256:123", /digest/],
    ["oci://bad host/a", /registry host/],
  ])("refuses %s", (text, message) => {
    expect(() => parseOciReference(text)).toThrow(message);
    expect(() => parseOciReference(text)).toThrow(ConfigError);
  });
});

describe("registries that deviate from the spec's recommendations", () => {
  it("hashes the manifest when the registry sends no Docker-Content-Digest (ECR, some proxies)", async () => {
    const manifest = new TextEncoder().encode('{"schemaVersion":2,"layers":[]}');
    const type = "application/vnd.oci.image.manifest.v1+json";
    const asked: string[] = [];
    const registry = new OciRegistry({
      registry: "reg.test",
      plainHttp: true,
      userAgent: "test",
      fetch: async (request: Request) => {
        asked.push(request.method);
        return request.method === "HEAD"
          ? new Response(null, { status: 200, headers: { "content-type": type } })
          : new Response(manifest, { status: 200, headers: { "content-type": type } });
      },
    });
    expect(await registry.manifestDigest("m", "v1")).toEqual({
      digest: `sha256:${createHash("sha256").update(manifest).digest("hex")}`,
      mediaType: type,
      size: manifest.length,
    });
    expect(asked).toEqual(["HEAD", "GET"]);
  });
});

describe("registry credentials", () => {
  const authFile = (auths: Record<string, unknown>) => {
    const dir = mkdtempSync(join(tmpdir(), "oci-auth-"));
    writeFileSync(join(dir, "config.json"), JSON.stringify({ auths }));
    return dir;
  };
  const basic = Buffer.from("alice:s3cret").toString("base64");

  it("prefers explicit ones, then REGISTRY_AUTH_FILE, then DOCKER_CONFIG, then ~/.docker", async () => {
    const a = authFile({ "reg.test:5000": { auth: basic } });
    const b = authFile({ "https://reg.test:5000/v1/": { identitytoken: "refresh-me" } });
    const env = { REGISTRY_AUTH_FILE: join(a, "config.json"), DOCKER_CONFIG: b, HOME: "/nonexistent" };
    expect(await findCredentials("reg.test:5000", { username: "bob", password: "x" }, env)).toMatchObject({
      source: "option",
    });
    expect(await findCredentials("reg.test:5000", undefined, env)).toEqual({
      credentials: { username: "alice", password: "s3cret" },
      source: join(a, "config.json"),
    });
    expect(
      await findCredentials("reg.test:5000", undefined, { DOCKER_CONFIG: b, HOME: "/nonexistent" }),
    ).toEqual({
      credentials: { identityToken: "refresh-me" },
      source: join(b, "config.json"),
    });
    expect(await findCredentials("other.test", undefined, env)).toBeUndefined();
  });

  it("parses challenges with quoted and bare values", () => {
    expect(
      parseChallenge('Bearer realm="https://auth.test/token",service="reg",scope="repository:a/b:pull,push"'),
    ).toEqual({
      scheme: "bearer",
      params: { realm: "https://auth.test/token", service: "reg", scope: "repository:a/b:pull,push" },
    });
    expect(parseChallenge('Basic realm="x"')?.scheme).toBe("basic");
    expect(parseChallenge(null)).toBeUndefined();
  });
});

describe("the bearer-token flow", () => {
  /** A registry that wants a token for every request, and its token service; counts token requests. */
  function fakeRegistry(password: string) {
    let tokenRequests = 0;
    const fetch = async (request: Request) => {
      const url = new URL(request.url);
      if (url.pathname === "/token") {
        tokenRequests++;
        await new Promise((done) => setTimeout(done, 20));
        const ok =
          request.headers.get("authorization") === `Basic ${Buffer.from(`u:${password}`).toString("base64")}`;
        return ok
          ? Response.json({ token: "tok-123" })
          : new Response(`{"details":"bad password ${password}"}`, { status: 401 });
      }
      if (request.headers.get("authorization") !== "Bearer tok-123")
        return new Response(null, {
          status: 401,
          headers: {
            "www-authenticate":
              'Bearer realm="http://reg.test/token",service="reg",scope="repository:m:pull"',
          },
        });
      return new Response(null, { status: url.pathname.endsWith("missing") ? 404 : 200 });
    };
    return { fetch, tokenRequests: () => tokenRequests };
  }

  it("asks one token for many concurrent requests of the same scopes", async () => {
    const fake = fakeRegistry("pw");
    const secrets: string[] = [];
    const registry = new OciRegistry({
      registry: "reg.test",
      credentials: { credentials: { username: "u", password: "pw" }, source: "option" },
      plainHttp: true,
      fetch: fake.fetch,
      onSecret: (s) => secrets.push(s),
      userAgent: "test",
    });
    const found = await Promise.all(
      Array.from({ length: 8 }, (_, i) => registry.hasBlob("m", i === 7 ? "sha256:missing" : `sha256:${i}`)),
    );
    expect(found).toEqual([true, true, true, true, true, true, true, false]);
    expect(fake.tokenRequests()).toBe(1);
    expect(secrets).toEqual(expect.arrayContaining(["pw", "tok-123"]));
  });

  it("says whose credentials the token service refused, without the password", async () => {
    const registry = new OciRegistry({
      registry: "reg.test",
      credentials: {
        credentials: { username: "u", password: "wrong-pw-99" },
        source: "/home/me/.docker/config.json",
      },
      plainHttp: true,
      fetch: fakeRegistry("right").fetch,
      userAgent: "test",
    });
    const error = await registry.hasBlob("m", "sha256:1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OciError);
    expect((error as OciError).denied).toBe(true);
    expect(String(error)).toMatch(
      /refused a token with the credentials from \/home\/me\/\.docker\/config\.json \(401\)/,
    );
    expect(String(error)).not.toContain("wrong-pw-99");
  });
});

describe("bearer tokens that expire", () => {
  /** A registry that takes only the newest token its service issued, and a service whose tokens last `expiresIn`. */
  function rotatingRegistry(expiresIn?: number) {
    let issued = 0;
    let refusals = 0;
    let acceptAny = true;
    const fetch = async (request: Request) => {
      const url = new URL(request.url);
      if (url.pathname === "/token") {
        issued++;
        return Response.json({ token: `tok-${issued}`, ...(expiresIn ? { expires_in: expiresIn } : {}) });
      }
      const auth = request.headers.get("authorization");
      if (auth === `Bearer tok-${issued}` && (acceptAny || issued > 1))
        return new Response(null, { status: 200 });
      if (auth?.startsWith("Bearer ")) refusals++;
      return new Response(null, {
        status: 401,
        headers: {
          "www-authenticate": `Bearer realm="http://reg.test/token",service="reg",scope="repository:m:pull"${auth ? ',error="invalid_token"' : ""}`,
        },
      });
    };
    const registry = new OciRegistry({ registry: "reg.test", plainHttp: true, fetch, userAgent: "test" });
    return {
      registry,
      issued: () => issued,
      refusals: () => refusals,
      /** Makes the service's current token stop working, as an expiry does. */
      expire: () => {
        acceptAny = false;
        issued = Math.max(issued, 1);
      },
    };
  }

  it("renews a token the registry refuses (it expired during a long push), once, and goes on", async () => {
    const fake = rotatingRegistry();
    expect(await fake.registry.hasBlob("m", "sha256:1")).toBe(true);
    expect(fake.issued()).toBe(1);
    fake.expire(); // tok-1 is refused from now on
    expect(await fake.registry.hasBlob("m", "sha256:2")).toBe(true);
    expect(fake.issued()).toBe(2);
    expect(fake.refusals()).toBe(1);
  });

  it("renews each time a token that worked is refused, however long the push", async () => {
    let issued = 0;
    let validFrom = 1; // tokens issued before this number are expired
    const fetch = async (request: Request) => {
      if (new URL(request.url).pathname === "/token") return Response.json({ token: `tok-${++issued}` });
      const n = Number(request.headers.get("authorization")?.replace("Bearer tok-", "") ?? 0);
      if (n >= validFrom) return new Response(null, { status: 200 });
      return new Response(null, {
        status: 401,
        headers: {
          "www-authenticate": 'Bearer realm="http://reg.test/token",service="reg",error="invalid_token"',
        },
      });
    };
    const registry = new OciRegistry({ registry: "reg.test", plainHttp: true, fetch, userAgent: "test" });
    for (let expiry = 0; expiry < 4; expiry++) {
      expect(await registry.hasBlob("m", `sha256:${expiry}`)).toBe(true);
      validFrom = issued + 1; // every token issued so far expires
    }
    expect(await registry.hasBlob("m", "sha256:last")).toBe(true);
    expect(issued).toBe(5);
  });

  it("renews before a token's expires_in runs out, with no refusal", async () => {
    const fake = rotatingRegistry(2); // renewed after 1 s (half its life, when shorter than the 30 s margin)
    expect(await fake.registry.hasBlob("m", "sha256:1")).toBe(true);
    await new Promise((done) => setTimeout(done, 1100));
    expect(await fake.registry.hasBlob("m", "sha256:2")).toBe(true);
    expect(fake.issued()).toBe(2);
    expect(fake.refusals()).toBe(0);
  });

  it("gives up when the renewed token is refused too, saying the registry refused it", async () => {
    const fetch = async (request: Request) =>
      new URL(request.url).pathname === "/token"
        ? Response.json({ token: "tok" })
        : new Response(null, {
            status: 401,
            headers: { "www-authenticate": 'Bearer realm="http://reg.test/token",service="reg"' },
          });
    const registry = new OciRegistry({ registry: "reg.test", plainHttp: true, fetch, userAgent: "test" });
    const error = await registry.hasBlob("m", "sha256:1").catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(OciError);
    expect((error as OciError).status).toBe(401);
  });
});

describe("TLS to a registry", () => {
  it("trusts a registry's certificate through oci.caFile, and refuses it without", async () => {
    const { createServer } = await import("node:https");
    const { readFileSync } = await import("node:fs");
    const { connectRegistry } = await import("../../../../src/storage/oci/oci-options.js");
    const { selfSignedCertificate } = await import("../../../support/tls-proxy.js");
    const dir = mkdtempSync(join(tmpdir(), "oci-tls-"));
    selfSignedCertificate(dir);
    const server = createServer(
      { key: readFileSync(join(dir, "key.pem")), cert: readFileSync(join(dir, "cert.pem")) },
      (request, response) => {
        response.statusCode = request.url?.includes("/blobs/") ? 200 : 404;
        response.end();
      },
    );
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    const port = (server.address() as { port: number }).port;
    try {
      const context = { env: { HOME: dir } };
      const trusted = await connectRegistry(
        `127.0.0.1:${port}`,
        { plainHttp: false, caFile: join(dir, "cert.pem") },
        context,
      );
      expect(await trusted.hasBlob("m", "sha256:1")).toBe(true);
      const untrusted = await connectRegistry(`127.0.0.1:${port}`, { plainHttp: false }, context);
      const error = await untrusted.hasBlob("m", "sha256:1").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OciError);
      expect((error as OciError).unreachable).toBe(true);
      expect(String(error)).toMatch(
        /TLS certificate is not trusted: give the CA bundle that signed it \(oci\.caFile\)/,
      );
    } finally {
      server.close();
    }
  });
});

describe("explicit credentials", () => {
  const secret = { username: "ci", password: "s3cret-pw" };
  it("go to the call's own registry only, never to a base image's registry unless they name it", async () => {
    expect(await findCredentials("reg.a:5000", secret, {})).toMatchObject({ source: "option" });
    expect(await findCredentials("registry-1.docker.io", secret, {}, false)).toBeUndefined();
    const scoped = { ...secret, registry: "docker.io" };
    expect(await findCredentials("registry-1.docker.io", scoped, {}, false)).toMatchObject({
      source: "option",
    });
    expect(await findCredentials("reg.a:5000", scoped, {})).toBeUndefined();
  });
});
