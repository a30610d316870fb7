// A token the server echoes back never reaches a message, a cause, JSON, inspect or mr-cli's output.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { run } from "../../../src/cli/run.js";
import { Secrets } from "../../../src/client/secrets.js";
import { ModelRegistry } from "../../../src/index.js";

const TOKEN = "sha256~Zm9vYmFyLXRva2VuLXRoYXQtbXVzdC1uZXZlci1sZWFr";

/** A server (or gateway) that quotes the request's Authorization header in its error body, in several forms. */
const echoing = (status: number, json: boolean) => async (request: Request) => {
  const auth = request.headers.get("authorization") ?? "";
  const text = `denied for ${auth} (token=${encodeURIComponent(auth.slice(7))}) headers=${JSON.stringify({ auth })}`;
  return json
    ? Response.json({ code: "Error", message: text }, { status })
    : new Response(text, { status, headers: { "content-type": "text/plain" } });
};

function everything(error: unknown): string {
  const e = error as Error;
  return [String(e), e.message, e.stack, JSON.stringify(e), inspect(e, { depth: 5 }), String(e.cause)].join(
    "\n",
  );
}

describe("redaction by value", () => {
  it("scrubs a secret in its raw, URL-encoded and JSON-escaped forms", () => {
    const secrets = new Secrets();
    secrets.add('to"ken/with+odd=chars');
    const text = `a to"ken/with+odd=chars b ${encodeURIComponent('to"ken/with+odd=chars')} c ${JSON.stringify('to"ken/with+odd=chars')}`;
    expect(secrets.scrub(text)).toBe('a [REDACTED] b [REDACTED] c "[REDACTED]"');
  });

  it("leaves ordinary text alone, and scrubs unknown quoted credentials from errors only", () => {
    const secrets = new Secrets();
    const text = "Basic model trained on bearer tokens; note=Basic auth removed";
    expect(secrets.scrub(text)).toBe(text);
    const error = secrets.scrubError(
      new Error(`${text}; got Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc`),
    );
    expect(error.message).toBe(`${text}; got Authorization: Bearer [REDACTED]`);
  });

  for (const [status, json] of [
    [500, true],
    [400, false],
    [503, false],
    [401, true],
  ] as const) {
    it(`an echoed token is not in a ${status} error (${json ? "JSON" : "text"} body), its stack, inspect or JSON`, async () => {
      const mr = new ModelRegistry({
        url: "http://registry.test",
        token: TOKEN,
        fetch: echoing(status, json),
        retry: false,
      });
      const error = await mr.registeredModels.get("1").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(everything(error)).toMatch(/REDACTED/);
      expect(everything(error)).not.toContain(TOKEN);
      expect(everything(error)).not.toContain(TOKEN.slice(0, 20));
    });
  }

  it("scrubs a token from a provider (a rotating file) and registerModel's errors", async () => {
    const mr = new ModelRegistry({
      url: "http://registry.test",
      token: () => TOKEN,
      fetch: echoing(500, true),
      retry: false,
    });
    const error = await mr
      .registerModel({ name: "m", version: "v1", uri: "s3://models/m/v1/" })
      .catch((e) => e);
    expect(everything(error)).not.toContain(TOKEN);
  });

  it("mr-cli prints no echoed token in any output mode, even with --verbose", async () => {
    const original = globalThis.fetch;
    globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) =>
      echoing(500, true)(new Request(input, init))) as typeof fetch;
    try {
      for (const mode of [[], ["-o", "json"], ["-o", "yaml"], ["--json", "--verbose"]]) {
        let out = "";
        const stream = { write: (text: string) => (out += text), isTTY: false };
        const code = await run(["list", "models", ...mode], {
          stdout: stream,
          stderr: stream,
          env: {
            MODEL_REGISTRY_URL: "http://registry.test",
            MODEL_REGISTRY_TOKEN: TOKEN,
            MR_CLI_CONFIG: "/nonexistent/c.yaml",
          },
        });
        expect(code).toBe(6); // a 500: the server failed, not mr-cli
        expect(out).toMatch(/REDACTED/);
        expect(out).not.toContain(TOKEN);
      }
    } finally {
      globalThis.fetch = original;
    }
  });
});
