// Which Kubernetes API server to talk to and how to authenticate, read as kubectl reads it: an explicit kubeconfig
// path, else the files listed in KUBECONFIG (merged, the first file to set a value wins), else ~/.kube/config, else
// the pod's service account (in-cluster). Facts from client-go's clientcmd (loading rules and merge order) and
// rest.InClusterConfig (KUBERNETES_SERVICE_HOST/PORT and /var/run/secrets/kubernetes.io/serviceaccount/).
import { ClusterError, ConfigError } from "../errors.js";

/** How a request to the API server authenticates. Never printed. */
export type KubeAuth =
  | { kind: "none" }
  | { kind: "token"; token: string }
  /** A token file read at each request (a projected service-account token rotates). */
  | { kind: "token-file"; path: string }
  | { kind: "basic"; username: string; password: string }
  | { kind: "client-certificate"; cert: string; key: string }
  /** A credential plugin (client.authentication.k8s.io ExecCredential), e.g. `aws eks get-token`, `kubelogin`. */
  | { kind: "exec"; exec: ExecConfig };

/** A kubeconfig user's `exec` stanza. */
export interface ExecConfig {
  command: string;
  args: string[];
  env: Record<string, string>;
  apiVersion: string;
  /** Where relative commands are found: the kubeconfig's folder. */
  dir: string;
}

/** Where the API server is and how to reach it: what a kubeconfig context (or the service account) says. */
export interface KubeTarget {
  /** The API server's URL, e.g. `https://127.0.0.1:6443`. */
  server: string;
  /** The namespace of the context (or the pod's), else `default`. */
  namespace: string;
  /** The context's name; undefined in-cluster. */
  context: string | undefined;
  /** Where this came from, for messages: `<file> (context <name>)` or `in-cluster service account`. */
  source: string;
  /** PEM text of the CA to trust, if the config names one. */
  ca: string | undefined;
  /** The config asks not to verify the server's certificate. */
  insecureSkipVerify: boolean;
  /** The server name to verify instead of the URL's host (`tls-server-name`), if any. */
  tlsServerName: string | undefined;
  auth: KubeAuth;
}

/** What to read: every field optional; by default as kubectl does. */
export interface KubeconfigOptions {
  /** A kubeconfig file. Default: `KUBECONFIG` (a `:`-separated list), else `~/.kube/config`, else in-cluster. */
  kubeconfig?: string | undefined;
  /** The context to use. Default: the kubeconfig's `current-context`. */
  context?: string | undefined;
  /** Use the pod's service account even where a kubeconfig exists. Default false. */
  inCluster?: boolean | undefined;
  /** The environment to read `KUBECONFIG`, `HOME` and `KUBERNETES_SERVICE_HOST` from. Default `process.env`. */
  env?: Record<string, string | undefined> | undefined;
}

/** Where a pod's service account is mounted. */
export const SERVICE_ACCOUNT_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";

type Named<T> = { name: string } & T;
interface KubeconfigFile {
  "current-context"?: string;
  clusters?: Named<{ cluster?: Record<string, unknown> }>[];
  contexts?: Named<{ context?: { cluster?: string; user?: string; namespace?: string } }>[];
  users?: Named<{ user?: Record<string, unknown> }>[];
}

interface Loaded {
  path: string;
  dir: string;
  config: KubeconfigFile;
}

const fs = () => import("node:fs/promises");
const pathModule = () => import("node:path");

async function exists(path: string): Promise<boolean> {
  try {
    await (await fs()).access(path);
    return true;
  } catch {
    return false;
  }
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return await (await fs()).readFile(path, "utf8");
  } catch (error) {
    const code = (error as { code?: string }).code ?? "unreadable";
    throw new ConfigError(`cannot read ${what} ${path} (${code})`, {
      fix: [{ setting: "cluster.kubeconfig", value: path }],
    });
  }
}

async function loadFile(path: string): Promise<Loaded> {
  const { parse } = await import("yaml");
  const { dirname, resolve } = await pathModule();
  const text = await readText(path, "the kubeconfig");
  let config: unknown;
  try {
    config = parse(text);
  } catch (error) {
    throw new ConfigError(`the kubeconfig ${path} is not YAML: ${(error as Error).message.split("\n")[0]}`, {
      fix: [{ setting: "cluster.kubeconfig", value: path }],
    });
  }
  if (config !== null && config !== undefined && (typeof config !== "object" || Array.isArray(config)))
    throw new ConfigError(`the kubeconfig ${path} is not a kubeconfig (a YAML mapping)`);
  return { path, dir: dirname(resolve(path)), config: (config ?? {}) as KubeconfigFile };
}

/** The named entry of a kubeconfig list across the files, the first file that has it winning (clientcmd's merge). */
function pick<T extends { name: string }>(
  files: Loaded[],
  list: (config: KubeconfigFile) => T[] | undefined,
  name: string,
): { entry: T; file: Loaded } | undefined {
  for (const file of files) {
    const entry = (list(file.config) ?? []).find((item) => item?.name === name);
    if (entry) return { entry, file };
  }
  return undefined;
}

const str = (value: unknown) => (typeof value === "string" && value !== "" ? value : undefined);

/** Inline base64 data, else a file relative to the kubeconfig's folder. */
async function pemOf(data: unknown, file: unknown, dir: string, what: string): Promise<string | undefined> {
  const inline = str(data);
  if (inline)
    return new TextDecoder().decode(
      Uint8Array.from(atob(inline.replace(/\s+/g, "")), (c) => c.charCodeAt(0)),
    );
  const path = str(file);
  if (!path) return undefined;
  const { resolve } = await pathModule();
  return readText(resolve(dir, path), what);
}

async function authOf(user: Record<string, unknown>, dir: string, where: string): Promise<KubeAuth> {
  const { resolve } = await pathModule();
  const cert = await pemOf(
    user["client-certificate-data"],
    user["client-certificate"],
    dir,
    "the client certificate",
  );
  const key = await pemOf(user["client-key-data"], user["client-key"], dir, "the client key");
  if (cert && key) return { kind: "client-certificate", cert, key };
  if (cert || key)
    throw new ConfigError(`${where}: a client certificate needs both the certificate and its key`);
  const token = str(user.token);
  if (token) return { kind: "token", token };
  const tokenFile = str(user.tokenFile);
  if (tokenFile) return { kind: "token-file", path: resolve(dir, tokenFile) };
  const exec = user.exec as Record<string, unknown> | undefined;
  if (exec && typeof exec === "object") {
    const command = str(exec.command);
    if (!command) throw new ConfigError(`${where}: its exec credential plugin names no command`);
    const env: Record<string, string> = {};
    for (const item of (exec.env as { name?: unknown; value?: unknown }[] | undefined) ?? [])
      if (str(item?.name)) env[item.name as string] = String(item.value ?? "");
    return {
      kind: "exec",
      exec: {
        command,
        args: ((exec.args as unknown[] | undefined) ?? []).map(String),
        env,
        apiVersion: str(exec.apiVersion) ?? "client.authentication.k8s.io/v1",
        dir,
      },
    };
  }
  if (user["auth-provider"])
    throw new ConfigError(
      `${where}: it uses an auth-provider plugin, which kubectl itself no longer supports; use an exec credential plugin (e.g. kubelogin) or a token`,
    );
  const username = str(user.username);
  if (username) return { kind: "basic", username, password: String(user.password ?? "") };
  return { kind: "none" };
}

/** The files a kubeconfig is read from, as kubectl finds them (none when there are none). */
async function kubeconfigFiles(options: KubeconfigOptions, env: Record<string, string | undefined>) {
  if (options.kubeconfig) return [options.kubeconfig];
  const listed = (env.KUBECONFIG ?? "").split(":").filter((path) => path !== "");
  if (listed.length > 0) {
    const present: string[] = [];
    for (const path of listed) if (await exists(path)) present.push(path);
    if (present.length === 0)
      throw new ConfigError(`none of the files KUBECONFIG lists exists: ${listed.join(", ")}`, {
        fix: [{ setting: "cluster.kubeconfig", source: "KUBECONFIG" }],
      });
    return present;
  }
  const home = env.HOME ?? env.USERPROFILE;
  const fallback = home ? `${home}/.kube/config` : undefined;
  return fallback && (await exists(fallback)) ? [fallback] : [];
}

/** The pod's own service account, as client-go's InClusterConfig reads it. */
async function inClusterTarget(env: Record<string, string | undefined>): Promise<KubeTarget> {
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT;
  const tokenPath = `${SERVICE_ACCOUNT_DIR}/token`;
  if (!host || !port || !(await exists(tokenPath)))
    throw new ConfigError(
      "no Kubernetes cluster is configured: no kubeconfig (KUBECONFIG, ~/.kube/config) and not in a pod (no KUBERNETES_SERVICE_HOST and service-account token)",
      { fix: [{ setting: "cluster.kubeconfig" }] },
    );
  const namespace = (await exists(`${SERVICE_ACCOUNT_DIR}/namespace`))
    ? (await readText(`${SERVICE_ACCOUNT_DIR}/namespace`, "the service account's namespace")).trim()
    : "default";
  const ca = (await exists(`${SERVICE_ACCOUNT_DIR}/ca.crt`))
    ? await readText(`${SERVICE_ACCOUNT_DIR}/ca.crt`, "the service account's CA")
    : undefined;
  return {
    server: `https://${host.includes(":") ? `[${host}]` : host}:${port}`,
    namespace: namespace || "default",
    context: undefined,
    source: "in-cluster service account",
    ca,
    insecureSkipVerify: false,
    tlsServerName: undefined,
    auth: { kind: "token-file", path: tokenPath },
  };
}

/**
 * Resolves the cluster to talk to: the context of a kubeconfig (explicit, `KUBECONFIG`, `~/.kube/config`), else the
 * pod's service account.
 * @throws ConfigError when no cluster is configured, the kubeconfig cannot be read, or it lacks the context, its
 * cluster, a server URL or a complete client certificate.
 */
export async function resolveKubeTarget(options: KubeconfigOptions = {}): Promise<KubeTarget> {
  const env = options.env ?? (globalThis as { process?: { env: Record<string, string> } }).process?.env ?? {};
  if (options.inCluster) return inClusterTarget(env);
  const paths = await kubeconfigFiles(options, env);
  if (paths.length === 0) return inClusterTarget(env);
  const files: Loaded[] = [];
  for (const path of paths) files.push(await loadFile(path));
  const where = paths.join(":");
  const contextName =
    options.context ?? files.map((file) => str(file.config["current-context"])).find(Boolean);
  if (!contextName)
    throw new ConfigError(`the kubeconfig ${where} sets no current-context: name a context`, {
      fix: [{ setting: "cluster.context" }],
    });
  const context = pick(files, (config) => config.contexts, contextName);
  if (!context) {
    const known = [...new Set(files.flatMap((file) => (file.config.contexts ?? []).map((c) => c?.name)))];
    throw new ConfigError(
      `the kubeconfig ${where} has no context ${JSON.stringify(contextName)}${known.length ? `; it has ${known.map((n) => JSON.stringify(n)).join(", ")}` : ""}`,
      {
        fix: [{ setting: "cluster.context", value: contextName }],
      },
    );
  }
  const clusterName = context.entry.context?.cluster ?? "";
  const cluster = pick(files, (config) => config.clusters, clusterName);
  const spec = cluster?.entry.cluster;
  const server = str(spec?.server);
  if (!cluster || !spec || !server)
    throw new ConfigError(
      `the kubeconfig ${where}: context ${JSON.stringify(contextName)} names cluster ${JSON.stringify(clusterName)}, which has no server URL`,
    );
  const userName = context.entry.context?.user;
  const user = userName ? pick(files, (config) => config.users, userName) : undefined;
  const source = `${where} (context ${contextName})`;
  const auth = user?.entry.user
    ? await authOf(user.entry.user, user.file.dir, source)
    : { kind: "none" as const };
  return {
    server: server.replace(/\/+$/, ""),
    namespace: str(context.entry.context?.namespace) ?? "default",
    context: contextName,
    source,
    ca: await pemOf(
      spec["certificate-authority-data"],
      spec["certificate-authority"],
      cluster.file.dir,
      "the cluster's CA",
    ),
    insecureSkipVerify: spec["insecure-skip-tls-verify"] === true,
    tlsServerName: str(spec["tls-server-name"]),
    auth,
  };
}

/** An ExecCredential's answer: a token or a client certificate, and when it expires. */
export interface ExecCredential {
  token?: string | undefined;
  cert?: string | undefined;
  key?: string | undefined;
  expires?: Date | undefined;
}

/**
 * Runs an exec credential plugin as kubectl does (KUBERNETES_EXEC_INFO set, non-interactive) and reads its
 * ExecCredential from stdout.
 * @throws ClusterError (`auth`) when the plugin fails or prints no credential; its stderr is cut to 300 characters.
 */
export async function runExecPlugin(exec: ExecConfig, server: string): Promise<ExecCredential> {
  const { execFile } = await import("node:child_process");
  const info = JSON.stringify({
    apiVersion: exec.apiVersion,
    kind: "ExecCredential",
    spec: { interactive: false, cluster: { server } },
  });
  const env = {
    ...(globalThis as { process?: { env: object } }).process?.env,
    ...exec.env,
    KUBERNETES_EXEC_INFO: info,
  };
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(
      exec.command,
      exec.args,
      { env, cwd: exec.dir, timeout: 60_000, maxBuffer: 1 << 20 },
      (error, out, err) => {
        if (error)
          reject(
            new ClusterError(
              `the kubeconfig's credential plugin ${exec.command} failed: ${String(err || error.message)
                .trim()
                .slice(0, 300)}`,
              "auth",
            ),
          );
        else resolve(String(out));
      },
    );
  });
  let status: Record<string, unknown> | undefined;
  try {
    status = (JSON.parse(stdout) as { status?: Record<string, unknown> }).status;
  } catch {
    status = undefined;
  }
  const token = str(status?.token);
  const cert = str(status?.clientCertificateData);
  const key = str(status?.clientKeyData);
  if (!token && !(cert && key))
    throw new ClusterError(
      `the kubeconfig's credential plugin ${exec.command} printed no ExecCredential with a token or a client certificate`,
      "auth",
    );
  const expires = str(status?.expirationTimestamp);
  return { token, cert, key, expires: expires ? new Date(expires) : undefined };
}
