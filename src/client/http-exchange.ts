// One request and its reply, whole in memory, as the transport sends them (registry and catalog calls are small JSON
// documents). Two senders: Node's own http/https modules (node-http.ts), and any fetch (Deno, Bun, a browser, a
// fetch given in the options, or an interceptor that replaced the global fetch).

/** One HTTP request. */
export interface HttpExchange {
  method: string;
  /** The absolute URL. */
  url: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** The body, as text (JSON); none for a GET. */
  body?: string | undefined;
  /** Aborts the request, including the reading of its reply. */
  signal?: AbortSignal | undefined;
}

/** Read access to a reply's headers (names are case-insensitive): the read-only part of fetch's `Headers`. */
export interface HttpHeadersView extends Iterable<[string, string]> {
  get(name: string): string | null;
  has(name: string): boolean;
  forEach(callback: (value: string, name: string) => void): void;
}

/** Headers from a plain object of lower-case names (as Node's http module gives them; a list is joined by `, `). */
export class HeaderMap implements HttpHeadersView {
  constructor(private readonly raw: Readonly<Record<string, string | string[] | undefined>> = {}) {}
  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(", ") : value;
  }
  has(name: string): boolean {
    return this.raw[name.toLowerCase()] !== undefined;
  }
  forEach(callback: (value: string, name: string) => void): void {
    for (const [name, value] of this) callback(value, name);
  }
  *[Symbol.iterator](): Iterator<[string, string]> {
    for (const name of Object.keys(this.raw).sort()) {
      const value = this.get(name);
      if (value !== null) yield [name, value];
    }
  }
}

/** What the client reads of a reply: the fields of fetch's `Response` it uses, with the body already read. */
export interface HttpResponseView {
  readonly ok: boolean;
  readonly status: number;
  readonly statusText: string;
  /** The URL that answered (after redirects); may be empty for a reply made up in memory. */
  readonly url: string;
  readonly headers: HttpHeadersView;
}

/** A reply read whole, within the attempt's time limit: a body cut off midway fails the attempt, not a later read.
 * It reads like fetch's `Response` (`ok`, `status`, `statusText`, `url`, `redirected`, `headers.get()`, `text()`,
 * `json()`, `arrayBuffer()`), so the raw typed clients' `response` is one whatever sent it. */
export class HttpReply implements HttpResponseView {
  readonly ok: boolean;

  constructor(
    readonly status: number,
    readonly statusText: string,
    readonly headers: HttpHeadersView,
    readonly url: string,
    /** The body decoded as UTF-8; empty for 204 and 304. */
    readonly bodyText: string,
    /** Whether a redirect was followed to get here. */
    readonly redirected = false,
  ) {
    this.ok = status >= 200 && status < 300;
  }

  /** An empty reply of this status, made up in memory (no URL, no headers). */
  static empty(status: number): HttpReply {
    return new HttpReply(status, "", new HeaderMap(), "", "");
  }

  /** The body as text. */
  text(): Promise<string> {
    return Promise.resolve(this.bodyText);
  }

  /** The body parsed as JSON. Rejects with a SyntaxError when it is not JSON. */
  json(): Promise<unknown> {
    return new Promise((resolve) => resolve(JSON.parse(this.bodyText)));
  }

  /** The body as UTF-8 bytes. */
  arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = new TextEncoder().encode(this.bodyText);
    return Promise.resolve(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
  }
}

/** Sends one request and reads its reply whole. Rejects with the runtime's network error (its `code`, or its
 * `cause`'s, names the failure), or with the signal's reason once aborted. */
export type HttpSend = (exchange: HttpExchange) => Promise<HttpReply>;

/** A fetch, as the client's options take it. */
export type FetchFunction = (request: Request) => Promise<Response>;

/** The sender over a fetch: `fetch()` is called per request, so a fetch that is a getter's latest value (say, the
 * global one) can be passed as a function that reads it. */
export function fetchSend(fetch: () => FetchFunction): HttpSend {
  return async (exchange) => {
    const { method, url, headers, body, signal } = exchange;
    const response = await fetch()(new Request(url, { method, headers, body, signal }));
    const text = response.status === 204 || response.status === 304 ? "" : await response.text();
    return new HttpReply(
      response.status,
      response.statusText,
      response.headers as unknown as HttpHeadersView,
      response.url || url,
      text,
      response.redirected,
    );
  };
}
