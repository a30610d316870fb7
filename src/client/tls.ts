// A fetch that trusts a custom CA, or (explicitly) skips verification, in whichever runtime we run on.
import { ConfigError } from "../errors.js";

/** TLS settings for the connection to the registry. */
export interface TlsOptions {
  /** Path of a PEM CA bundle to trust. For the registry and catalog on Node: besides the CAs Node trusts by default
   * (its bundled store with NODE_EXTRA_CA_CERTS, or the system's under --use-system-ca). */
  caFile?: string | undefined;
  /** PEM text of a CA bundle (instead of caFile). */
  ca?: string | undefined;
  /** Accept any certificate. Only for development against self-signed servers. Default false. */
  insecureSkipVerify?: boolean | undefined;
  /** The setting that gave `caFile`, named when it cannot be read. Default `caFile`. */
  caSetting?: string | undefined;
  /** PEM text of a client certificate to present (mutual TLS, e.g. a kubeconfig's client-certificate-data), with
   * `key`. */
  cert?: string | undefined;
  /** PEM text of the client certificate's private key. */
  key?: string | undefined;
}

type Fetch = (request: Request) => Promise<Response>;

interface DenoLike {
  createHttpClient(options: { caCerts?: string[]; cert?: string; key?: string }): unknown;
}

/** The CA bundle's PEM text: `ca`, or `caFile` read; undefined for neither.
 * @throws ConfigError when `caFile` cannot be read, naming the setting that gave it. */
export async function readCa(tls: TlsOptions): Promise<string | undefined> {
  if (tls.ca !== undefined || tls.caFile === undefined) return tls.ca;
  const { readFile } = await import("node:fs/promises");
  try {
    return await readFile(tls.caFile, "utf8");
  } catch (error) {
    const code = (error as { code?: string }).code ?? "unreadable";
    const setting = tls.caSetting ?? "caFile";
    throw new ConfigError(
      `cannot read the CA file ${tls.caFile} (${code}); check the path given as ${setting}`,
      {
        fix: [{ setting, value: tls.caFile }],
      },
    );
  }
}

/** Whether any TLS option asks for a non-default connection. */
export function needsTlsFetch(tls: TlsOptions | undefined): tls is TlsOptions {
  return Boolean(
    tls &&
      (tls.ca !== undefined || tls.caFile !== undefined || tls.insecureSkipVerify || tls.cert !== undefined),
  );
}

/** Builds a fetch for these TLS settings: Deno's HTTP client, Bun's `tls` option, or an undici Agent on Node. */
export async function createTlsFetch(tls: TlsOptions): Promise<Fetch> {
  const ca = await readCa(tls);
  const verify = !tls.insecureSkipVerify;
  const deno = (globalThis as { Deno?: DenoLike }).Deno;
  if (deno) {
    if (!verify) {
      throw new ConfigError(
        "Deno cannot skip TLS verification per client: run deno with --unsafely-ignore-certificate-errors=<host>, or pass the server's CA as caFile",
      );
    }
    const pair = tls.cert && tls.key ? { cert: tls.cert, key: tls.key } : {};
    const client = deno.createHttpClient({ caCerts: ca ? [ca] : [], ...pair });
    return (request) => fetch(request, { client } as RequestInit);
  }
  if ((globalThis as { Bun?: unknown }).Bun) {
    const pair = tls.cert && tls.key ? { cert: tls.cert, key: tls.key } : {};
    return (request) => fetch(request, { tls: { ca, rejectUnauthorized: verify, ...pair } } as RequestInit);
  }
  const { Agent, fetch: undiciFetch } = await import("undici");
  const pair = tls.cert && tls.key ? { cert: tls.cert, key: tls.key } : {};
  const dispatcher = new Agent({ connect: { ca, rejectUnauthorized: verify, ...pair } });
  return async (request) => {
    const body =
      request.method === "GET" || request.method === "HEAD" ? undefined : await request.arrayBuffer();
    const response = await undiciFetch(request.url, {
      method: request.method,
      headers: [...request.headers],
      body,
      signal: request.signal,
      dispatcher,
    });
    return response as unknown as Response;
  };
}
