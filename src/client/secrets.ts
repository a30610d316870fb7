// Redaction by value. A client knows its secrets (the bearer tokens it sent, the S3 secret key and session token it
// signs with), so whatever a server or gateway echoes back (an error body quoting the request's headers, a proxy page)
// is scrubbed of them before it reaches a message, a cause, `toJSON`, `inspect` or a CLI's output.

/** What a secret is replaced with. */
export const REDACTED = "[REDACTED]";

// Shorter values are not secrets worth the name, and replacing them would mangle ordinary text.
const MIN_SECRET_LENGTH = 4;
// An Authorization header quoted in an error body, whatever credential it carries (16+ characters: real tokens are
// long, and "Basic model" or "bearer token" in ordinary text is not one).
const CREDENTIAL = /\b(Bearer|Basic)(\s+|%20|\+)[A-Za-z0-9\-._~+/=%]{16,}/g;

/** The secrets one client knows, and the scrubbing of text and errors by them. */
export class Secrets {
  // A private field: what inspecting or serialising a client shows never holds the secrets themselves.
  readonly #forms = new Set<string>();

  /** Remembers a secret (and the forms it takes inside URLs and JSON strings). Empty and very short values are
   * ignored. */
  add(secret: string | undefined): void {
    if (!secret || secret.length < MIN_SECRET_LENGTH || this.#forms.has(secret)) return;
    for (const form of [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)])
      this.#forms.add(form);
  }

  /** The text with every known secret replaced by `[REDACTED]`. */
  scrub(text: string): string {
    let out = text;
    // Longest first, so a secret that contains another is replaced whole.
    for (const form of [...this.#forms].sort((a, b) => b.length - a.length))
      if (out.includes(form)) out = out.split(form).join(REDACTED);
    return out;
  }

  /**
   * Scrubs an error in place and returns it: the message, the stack and every string field of it and of each of its
   * causes (so `String(error)`, `JSON.stringify(error)`, `util.inspect(error)` and a verbose log are clean). In errors,
   * any quoted `Bearer …`/`Basic …` credential of 16 or more characters goes too, known or not.
   */
  scrubError<E>(error: E): E {
    const seen = new Set<unknown>();
    let current: unknown = error;
    while (current && typeof current === "object" && !seen.has(current)) {
      seen.add(current);
      const fields = current as Record<string, unknown>;
      for (const key of [...Object.getOwnPropertyNames(current), "message", "stack"]) {
        const value = fields[key];
        if (typeof value !== "string") continue;
        const clean = this.scrub(value).replace(CREDENTIAL, `$1 ${REDACTED}`);
        if (clean === value) continue;
        try {
          Object.defineProperty(current, key, { value: clean, writable: true, configurable: true });
        } catch {
          // a frozen or non-configurable field: nothing this library made
        }
      }
      current = fields.cause;
    }
    return error;
  }
}
