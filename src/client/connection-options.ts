// How to reach a server of the Model Registry project (the registry, or its model catalog): the options the two
// clients share, over the one transport (transport-send.ts).

import type { RetryOptions } from "./retry.js";
import type { TokenProvider } from "./transport-send.js";

/** How to reach a server: its address, token, TLS, time limit, retries. */
export interface ConnectionOptions {
  /** Base URL, e.g. `http://localhost:8080` or `https://registry.example.com` (the API path is added per request). */
  url: string;
  /** Bearer token, or a function returning one (called per request, so a rotating token file works). */
  token?: TokenProvider | undefined;
  /** The fetch to send with. Default: on Node, Node's own http and https modules (lighter than its fetch), unless
   * `globalThis.fetch` is not Node's own (an interceptor, a stub, a polyfill), then that; elsewhere
   * `globalThis.fetch`. Looked up at each request. */
  fetch?: ((request: Request) => Promise<Response>) | undefined;
  /** Time limit of one HTTP attempt in ms; 0 disables it. Default 30_000. */
  timeout?: number | undefined;
  /** Retries of transient failures (connection errors, 408/429/502/503/504) for requests safe to repeat.
   * Default `{ attempts: 5 }`; `false` disables them. Creates are never retried. */
  retry?: RetryOptions | false | undefined;
  /** Path of a PEM CA bundle to trust (e.g. a cluster's service CA); on Node, besides the CAs Node trusts by
   * default. */
  caFile?: string | undefined;
  /** Accept any TLS certificate. Development only. Default false. */
  insecureSkipVerify?: boolean | undefined;
  /** User-Agent header. Default `model-registry-ts/<version>`. */
  userAgent?: string | undefined;
}
