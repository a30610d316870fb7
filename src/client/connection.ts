// The one transport of every client, built in one place: the checked base address, the one sender (token, TLS,
// retries, time limits, network failures as ConnectionError), typed clients over it, and each call turned into its
// data or a typed error with the secrets scrubbed. What differs between servers is a Service.
import type { Client } from "openapi-fetch";
import { VERSION } from "../version.js";
import { type CallInit, type CallOptions, callInit, callOptions } from "./call-options.js";
import type { ConnectionOptions } from "./connection-options.js";
import { parseRegistryUrl } from "./parse-registry-url.js";
import { checkTimeoutMs, retryPolicy } from "./retry.js";
import { Secrets } from "./secrets.js";
import type { Service } from "./service.js";
import { type CreateSendOptions, createSend, type TransportSend } from "./transport-send.js";
import { type QuerySerializer, typedClient } from "./typed-client.js";
import { type CallContext, type FetchResult, unwrap } from "./unwrap.js";

export type { QuerySerializer } from "./typed-client.js";

/** The transport's settings, as its sender takes them. */
export interface TransportOptions extends Omit<CreateSendOptions, "userAgent" | "service"> {
  /** Base URL of the server, e.g. `http://localhost:8080` (the API path is added per request). */
  url: string;
  /** Sent as User-Agent. Default `model-registry-ts/<version>`. */
  userAgent?: string | undefined;
}

/** A connection to one server: nothing is sent until the first call. */
export class Connection {
  /** The base URL, without a trailing slash. */
  readonly url: string;
  /** The sender every request of this connection goes through; a call may override its time limit and retries. */
  readonly send: TransportSend;
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
    this.send = createSend({
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

  /** The typed client of one spec (`P`: its generated `paths`) over this connection. */
  client<P extends {}>(querySerializer?: QuerySerializer): Client<P> {
    const send = this.send;
    return typedClient<P>(this.url, (request) => send(request), querySerializer);
  }

  /** The init of one call: its signal and headers, and a fetch with its own time limit and retries. */
  init(options: CallOptions): CallInit {
    return callInit(callOptions(options), this.secrets, this.send);
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
