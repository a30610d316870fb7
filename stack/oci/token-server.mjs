// The local stack's token service for the OCI registry with token auth (the distribution spec's bearer-token flow):
// GET /token?service=…&scope=repository:<name>:<actions> answers a JWT signed with a key made at start, whose public
// half it writes as the JWKS the registry trusts. With the stack's user and password (HTTP Basic) every asked action
// is granted; anonymously only `pull`; a wrong password is refused. Test infrastructure on 127.0.0.1 only.
//   node stack/oci/token-server.mjs <port> <jwks-file> <issuer> <service> <user> <password>
import { createHash, generateKeyPairSync, randomUUID, sign } from "node:crypto";
import { writeFileSync } from "node:fs";
import { createServer } from "node:http";

const [port, jwksFile, issuer, service, user, password] = process.argv.slice(2);
const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
const jwk = publicKey.export({ format: "jwk" });
const kid = createHash("sha256")
  .update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y }))
  .digest("base64url");
writeFileSync(jwksFile, JSON.stringify({ keys: [{ ...jwk, kid, alg: "ES256", use: "sig" }] }));

const b64 = (value) => Buffer.from(JSON.stringify(value)).toString("base64url");

function token(subject, access) {
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: "ES256", typ: "JWT", kid };
  const claims = {
    iss: issuer,
    sub: subject,
    aud: service,
    exp: now + 300,
    nbf: now - 10,
    iat: now,
    jti: randomUUID(),
    access,
  };
  const input = `${b64(header)}.${b64(claims)}`;
  const signature = sign("sha256", Buffer.from(input), { key: privateKey, dsaEncoding: "ieee-p1363" });
  return `${input}.${signature.toString("base64url")}`;
}

createServer((request, response) => {
  const url = new URL(request.url ?? "/", "http://localhost");
  if (url.pathname === "/health") return response.end("ok");
  if (url.pathname !== "/token") {
    response.statusCode = 404;
    return response.end();
  }
  const basic = /^Basic (.+)$/i.exec(request.headers.authorization ?? "");
  let subject = "";
  if (basic) {
    const [name, ...rest] = Buffer.from(basic[1], "base64").toString("utf8").split(":");
    if (name !== user || rest.join(":") !== password) {
      response.statusCode = 401;
      response.setHeader("content-type", "application/json");
      return response.end(
        JSON.stringify({ errors: [{ code: "UNAUTHORIZED", message: "wrong user name or password" }] }),
      );
    }
    subject = name;
  }
  const access = url.searchParams.getAll("scope").flatMap((scope) => {
    const [type, ...middle] = scope.split(":");
    const actions = middle.pop()?.split(",") ?? [];
    const granted = subject ? actions : actions.filter((action) => action === "pull");
    return granted.length > 0 ? [{ type, name: middle.join(":"), actions: granted }] : [];
  });
  const issued = token(subject, access);
  response.setHeader("content-type", "application/json");
  response.end(
    JSON.stringify({
      token: issued,
      access_token: issued,
      expires_in: 300,
      issued_at: new Date().toISOString(),
    }),
  );
}).listen(Number(port), "127.0.0.1");
