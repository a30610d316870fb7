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

// RFC 9110: a field name is a token; a value is Latin-1 text without line breaks or NUL (what every runtime's HTTP
// stack accepts; fetch refuses the rest, and Node throws ERR_INVALID_CHAR).
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE = /^[^\r\n\0\u0100-\uffff]*$/;

/** Headers as fetch takes them: a plain object, a list of pairs, or a `Headers`. */
export type HeaderSource =
  | Readonly<Record<string, string | number | boolean | null | undefined>>
  | Iterable<readonly [string, string]>
  | { forEach(callback: (value: string, name: string) => void): void };

/**
 * The headers as one object with lower-case names and trimmed values (a later one of the same name wins; `null` and
 * `undefined` values are left out), or undefined when one is not a valid HTTP header.
 */
export function headerRecord(...sources: (HeaderSource | undefined)[]): Record<string, string> | undefined {
  const record: Record<string, string> = {};
  let valid = true;
  const add = (name: string, value: unknown) => {
    if (value === null || value === undefined) return;
    const text = String(value).trim();
    if (!HEADER_NAME.test(name) || !HEADER_VALUE.test(text)) valid = false;
    else record[name.toLowerCase()] = text;
  };
  for (const source of sources) {
    if (!source) continue;
    if (typeof (source as { forEach?: unknown }).forEach === "function" && !Array.isArray(source))
      (source as { forEach(callback: (value: string, name: string) => void): void }).forEach(
        (value, name) => {
          add(name, value);
        },
      );
    else if (Symbol.iterator in (source as object))
      for (const [name, value] of source as Iterable<readonly [string, string]>) add(name, value);
    else for (const [name, value] of Object.entries(source)) add(name, value);
  }
  return valid ? record : undefined;
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
  entries(): IterableIterator<[string, string]> {
    return this[Symbol.iterator]();
  }
  *keys(): IterableIterator<string> {
    for (const [name] of this) yield name;
  }
  *values(): IterableIterator<string> {
    for (const [, value] of this) yield value;
  }
  *[Symbol.iterator](): IterableIterator<[string, string]> {
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
 * It reads like fetch's `Response` (`ok`, `status`, `statusText`, `url`, `redirected`, `headers`, `body`, `text()`,
 * `json()`, `bytes()`, `arrayBuffer()`, `blob()`, `clone()`; not `formData()`), so the raw typed clients' `response`
 * is one whatever sent it. */
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
  bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return Promise.resolve(new TextEncoder().encode(this.bodyText));
  }

  /** The body as UTF-8 bytes, in an ArrayBuffer of their own. */
  async arrayBuffer(): Promise<ArrayBuffer> {
    return (await this.bytes()).buffer as ArrayBuffer;
  }

  /** The body as a Blob of the reply's content type. */
  async blob(): Promise<Blob> {
    return new Blob([this.bodyText], { type: this.headers.get("content-type") ?? "" });
  }

  /** The body as a stream, made on each read (the body is in memory already). */
  get body(): ReadableStream<Uint8Array> {
    const bytes = new TextEncoder().encode(this.bodyText);
    return new ReadableStream({
      start(controller) {
        if (bytes.length > 0) controller.enqueue(bytes);
        controller.close();
      },
    });
  }

  /** Always false: every read gets the whole body again. */
  get bodyUsed(): boolean {
    return false;
  }

  /** This reply: it cannot change, so it is its own copy. */
  clone(): HttpReply {
    return this;
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
