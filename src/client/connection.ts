// The one transport of every client, built in one place: the checked base address, the one fetch (token, TLS,
// retries, time limits, network failures as ConnectionError), typed openapi-fetch clients over it, and each call
// turned into its data or a typed error with the secrets scrubbed. What differs between servers is a Service.
import createClient, { type Client, type ClientOptions } from "openapi-fetch";
import { VERSION } from "../version.js";
import { type CallInit, type CallOptions, callInit, callOptions } from "./call-options.js";
import type { ConnectionOptions } from "./connection-options.js";
import { type CreateFetchOptions, createFetch, type TransportFetch } from "./create-fetch.js";
import { parseRegistryUrl } from "./parse-registry-url.js";
import { checkTimeoutMs, retryPolicy } from "./retry.js";
import { Secrets } from "./secrets.js";
import type { Service } from "./service.js";
import { type CallContext, type FetchResult, unwrap } from "./unwrap.js";

/** The transport's settings, as its fetch takes them. */
export interface TransportOptions extends Omit<CreateFetchOptions, "userAgent" | "service"> {
  /** Base URL of the server, e.g. `http://localhost:8080` (the API path is added per request). */
  url: string;
  /** Sent as User-Agent. Default `model-registry-ts/<version>`. */
  userAgent?: string | undefined;
}

/** How openapi-fetch writes a query for one server (the catalog wants lists comma-separated). */
export type QuerySerializer = ClientOptions["querySerializer"];

/** A connection to one server: nothing is sent until the first call. */
export class Connection {
  /** The base URL, without a trailing slash. */
  readonly url: string;
  /** The fetch every request of this connection goes through; a call may override its time limit and retries. */
  readonly fetch: TransportFetch;
  /** The tokens sent, scrubbed from every error. */
  readonly secrets: Secrets;

  /** @throws ConfigError for an address that is not a server's base address. */
  constructor(
    options: TransportOptions,
    /** The server, as messages name it. */
    readonly service: Service,
  ) {
    this.url = parseRegistryUrl(options.url, service.urlSource, service.urlServer);
    this.secrets = options.secrets ?? new Secrets();
    this.fetch = createFetch({
      ...options,
      secrets: this.secrets,
      service: service.title,
      userAgent: options.userAgent ?? `model-registry-ts/${VERSION}`,
    });
  }

  /**
   * A connection from a client's options, each checked before anything is sent; the token, when a string, is
   * scrubbed from errors from the start.
   * @throws ConfigError for a bad address, time limit or retry setting.
   */
  static fromOptions(options: ConnectionOptions, service: Service, secrets = new Secrets()): Connection {
    const url = parseRegistryUrl(options.url, service.urlSource, service.urlServer);
    retryPolicy(options.retry);
    checkTimeoutMs(options.timeout, "the timeout option");
    if (typeof options.token === "string") secrets.add(options.token);
    return new Connection(
      {
        url,
        token: options.token,
        fetch: options.fetch,
        timeoutMs: options.timeout,
        retry: options.retry,
        tls: { caFile: options.caFile, insecureSkipVerify: options.insecureSkipVerify },
        userAgent: options.userAgent,
        secrets,
      },
      service,
    );
  }

  /** The typed openapi-fetch client of one spec (`P`: its generated `paths`) over this connection. */
  client<P extends {}>(querySerializer?: QuerySerializer): Client<P> {
    const send = this.fetch;
    return createClient<P>({
      baseUrl: this.url,
      fetch: (request: Request) => send(request),
      ...(querySerializer ? { querySerializer } : {}),
    });
  }

  /** The init of one call: its signal and headers, and a fetch with its own time limit and retries. */
  init(options: CallOptions): CallInit {
    return callInit(callOptions(options), this.secrets, this.fetch);
  }

  /**
   * Sends one call of a typed client (`send` is given the call's init) and returns its data.
   * @throws ApiError (by status) for an error answer, ConnectionError, or ConfigError for bad call options; none
   * carries a secret this connection knows.
   */
  async call<T>(
    context: Partial<CallContext>,
    options: CallOptions,
    send: (init: CallInit) => Promise<FetchResult<T>>,
  ): Promise<T> {
    const { method = "GET", path = this.service.prefix, subject } = context;
    try {
      const result = await send(this.init(options));
      return unwrap(result, { method, path, subject, service: this.service.kind });
    } catch (error) {
      throw this.secrets.scrubError(error);
    }
  }
}
