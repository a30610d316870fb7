// Which cluster and credentials a kubeconfig gives, read as kubectl reads it (clientcmd's loading rules and merge).
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ClusterError, ConfigError } from "../../../src/errors.js";
import { resolveKubeTarget, runExecPlugin } from "../../../src/kube/kubeconfig.js";

const dir = mkdtempSync(join(tmpdir(), "kubeconfig-"));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const b64 = (text: string) => Buffer.from(text).toString("base64");

const MAIN = file(
  "main.yaml",
  `apiVersion: v1
kind: Config
current-context: dev
clusters:
- name: dev-cluster
  cluster:
    server: https://10.0.0.1:6443/
    certificate-authority-data: ${b64("CA PEM")}
- name: lab-cluster
  cluster:
    server: https://lab.example:6443
    certificate-authority: ca.crt
contexts:
- name: dev
  context: { cluster: dev-cluster, user: dev-user, namespace: ml }
- name: lab
  context: { cluster: lab-cluster, user: lab-user }
- name: certs
  context: { cluster: dev-cluster, user: cert-user }
- name: half
  context: { cluster: dev-cluster, user: half-user }
- name: legacy
  context: { cluster: dev-cluster, user: legacy-user }
- name: nowhere
  context: { cluster: missing, user: dev-user }
users:
- name: dev-user
  user: { token: secret-token-1 }
- name: lab-user
  user: { tokenFile: token.txt }
- name: cert-user
  user:
    client-certificate-data: ${b64("CERT PEM")}
    client-key-data: ${b64("KEY PEM")}
- name: half-user
  user: { client-certificate-data: ${b64("CERT PEM")} }
- name: legacy-user
  user: { auth-provider: { name: oidc } }
`,
);
file("ca.crt", "LAB CA PEM");

describe("resolveKubeTarget", () => {
  it("reads the current context: server, namespace, CA and token", async () => {
    const target = await resolveKubeTarget({ kubeconfig: MAIN, env: {} });
    expect(target).toMatchObject({
      server: "https://10.0.0.1:6443",
      namespace: "ml",
      context: "dev",
      ca: "CA PEM",
      insecureSkipVerify: false,
      auth: { kind: "token", token: "secret-token-1" },
    });
    expect(target.source).toBe(`${MAIN} (context dev)`);
  });

  it("reads a named context; files are relative to the kubeconfig; the namespace defaults to default", async () => {
    const target = await resolveKubeTarget({ kubeconfig: MAIN, context: "lab", env: {} });
    expect(target).toMatchObject({
      server: "https://lab.example:6443",
      namespace: "default",
      ca: "LAB CA PEM",
      auth: { kind: "token-file", path: join(dir, "token.txt") },
    });
  });

  it("reads a client certificate and key, and refuses one without the other", async () => {
    const target = await resolveKubeTarget({ kubeconfig: MAIN, context: "certs", env: {} });
    expect(target.auth).toEqual({ kind: "client-certificate", cert: "CERT PEM", key: "KEY PEM" });
    await expect(resolveKubeTarget({ kubeconfig: MAIN, context: "half", env: {} })).rejects.toThrow(
      /needs both the certificate and its key/,
    );
  });

  it("refuses an auth-provider, a missing context and a context whose cluster has no server", async () => {
    await expect(resolveKubeTarget({ kubeconfig: MAIN, context: "legacy", env: {} })).rejects.toThrow(
      /auth-provider plugin.*exec credential plugin/,
    );
    const missing = resolveKubeTarget({ kubeconfig: MAIN, context: "prod", env: {} });
    await expect(missing).rejects.toBeInstanceOf(ConfigError);
    await expect(missing).rejects.toThrow(/has no context "prod"/);
    await expect(resolveKubeTarget({ kubeconfig: MAIN, context: "nowhere", env: {} })).rejects.toThrow(
      /names cluster "missing", which has no server URL/,
    );
  });

  it("merges the files KUBECONFIG lists: the first to set a value wins, and missing files are skipped", async () => {
    const first = file(
      "first.yaml",
      `current-context: lab
users:
- name: lab-user
  user: { token: from-first-file }
`,
    );
    const target = await resolveKubeTarget({
      env: { KUBECONFIG: `${join(dir, "absent.yaml")}:${first}:${MAIN}` },
    });
    expect(target.context).toBe("lab");
    expect(target.server).toBe("https://lab.example:6443");
    expect(target.auth).toEqual({ kind: "token", token: "from-first-file" });
    await expect(resolveKubeTarget({ env: { KUBECONFIG: join(dir, "absent.yaml") } })).rejects.toThrow(
      /none of the files KUBECONFIG lists exists/,
    );
  });

  it("falls back to ~/.kube/config, then to the pod's service account, and says when there is neither", async () => {
    const home = mkdtempSync(join(tmpdir(), "home-"));
    await expect(resolveKubeTarget({ env: { HOME: home } })).rejects.toThrow(
      /no Kubernetes cluster is configured: no kubeconfig.*and not in a pod/,
    );
    const kube = join(home, ".kube");
    (await import("node:fs")).mkdirSync(kube);
    writeFileSync(join(kube, "config"), (await import("node:fs")).readFileSync(MAIN));
    expect((await resolveKubeTarget({ env: { HOME: home } })).context).toBe("dev");
  });

  it("refuses a file that is not YAML, naming it", async () => {
    const bad = file("bad.yaml", "clusters: [\n");
    await expect(resolveKubeTarget({ kubeconfig: bad, env: {} })).rejects.toThrow(/is not YAML/);
  });
});

describe("runExecPlugin", () => {
  const plugin = (body: string) => {
    const path = file(`plugin-${Math.random().toString(36).slice(2)}.mjs`, `#!${process.execPath}\n${body}`);
    chmodSync(path, 0o755);
    return path;
  };

  it("runs the plugin with KUBERNETES_EXEC_INFO and its env, and reads its token and expiry", async () => {
    const command = plugin(`const info = JSON.parse(process.env.KUBERNETES_EXEC_INFO);
process.stdout.write(JSON.stringify({ apiVersion: info.apiVersion, kind: "ExecCredential",
  status: { token: process.env.GREETING + ":" + info.spec.cluster.server + ":" + info.spec.interactive,
            expirationTimestamp: "2030-01-01T00:00:00Z" } }));`);
    const credential = await runExecPlugin(
      { command, args: [], env: { GREETING: "hi" }, apiVersion: "client.authentication.k8s.io/v1", dir },
      "https://10.0.0.1:6443",
    );
    expect(credential.token).toBe("hi:https://10.0.0.1:6443:false");
    expect(credential.expires?.toISOString()).toBe("2030-01-01T00:00:00.000Z");
  });

  it("reports a failing plugin with its stderr, and one that prints no credential", async () => {
    const failing = plugin(`process.stderr.write("token expired, run login"); process.exit(3);`);
    const run = runExecPlugin({ command: failing, args: [], env: {}, apiVersion: "v1", dir }, "https://x");
    await expect(run).rejects.toBeInstanceOf(ClusterError);
    await expect(run).rejects.toThrow(/credential plugin .* failed: token expired, run login/);
    const empty = plugin(`process.stdout.write("{}");`);
    await expect(
      runExecPlugin({ command: empty, args: [], env: {}, apiVersion: "v1", dir }, "https://x"),
    ).rejects.toThrow(/printed no ExecCredential/);
  });
});
