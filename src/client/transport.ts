// The registry's typed openapi-fetch clients (one per API generation) over its one connection.
import type { Client } from "openapi-fetch";
import type { Connection } from "./connection.js";
import type { paths as pathsV1 } from "./generated/schema-v1.js";
import type { TransportSend } from "./transport-send.js";
import type { paths } from "./types.js";

export type { TransportOptions } from "./connection.js";
export { type CallContext, type FetchResult, unwrap } from "./unwrap.js";

/** The raw typed client: every endpoint of the v1alpha3 API, with paths as in the spec. */
export type ApiClient = Client<paths>;

/** The raw typed client of API v1 (servers since the API graduated), with paths as in its spec. */
export type ApiClientV1 = Client<pathsV1>;

/** The registry's typed clients of both API generations over one sender (one token, TLS, retry and timeout
 * setting), and that sender, for calls that override the timeout or retries. */
export interface RegistryTransports {
  api: ApiClient;
  apiV1: ApiClientV1;
  send: TransportSend;
}

/** The registry's typed clients over `connection`. */
export function registryTransports(connection: Connection): RegistryTransports {
  return {
    api: connection.client<paths>(),
    apiV1: connection.client<pathsV1>(),
    send: connection.send,
  };
}
