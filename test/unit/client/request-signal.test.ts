// Thousands of requests under one caller's signal (a push of a large folder, a long listing): each request gets a
// signal of its own, so no listener piles up on the caller's (Node warned of a leak, MaxListenersExceededWarning, past
// 1,500 requests), and aborting the caller's signal still cancels every request in flight.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ModelRegistry } from "../../../src/index.js";
import { OciRegistry } from "../../../src/storage/oci/oci-registry.js";

let warnings: string[] = [];
const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
beforeEach(() => {
  warnings = [];
  process.on("warning", onWarning);
});
afterEach(() => {
  process.off("warning", onWarning);
});

/** Lets warnings emitted on the next tick arrive. */
const settle = () => new Promise((done) => setTimeout(done, 20));

describe("one signal across many requests", () => {
  it("an OCI registry client sends 2,000 requests under one signal with no leak warning, and abort still cancels", async () => {
    const caller = new AbortController();
    const kept: Request[] = []; // as a push keeps requests alive while bodies stream
    let hang: ((request: Request) => void) | undefined;
    const fetch = async (request: Request) => {
      kept.push(request);
      if (hang) {
        hang(request);
        return new Promise<Response>((_, reject) => {
          if (request.signal.aborted) reject(request.signal.reason);
          request.signal.addEventListener("abort", () => reject(request.signal.reason));
        });
      }
      return new Response(null, { status: 200 });
    };
    const registry = new OciRegistry({
      registry: "reg.test",
      plainHttp: true,
      fetch,
      signal: caller.signal,
      userAgent: "t",
    });
    for (let i = 0; i < 2000; i++) await registry.hasBlob("m", `sha256:${i}`);
    await settle();
    expect(warnings.filter((w) => w.startsWith("MaxListenersExceededWarning"))).toEqual([]);
    hang = () => caller.abort(new Error("stopped by the user"));
    await expect(registry.hasBlob("m", "sha256:last")).rejects.toThrow("stopped by the user");
    expect(kept.at(-1)?.signal.aborted).toBe(true);
  });

  it("the registry client sends 2,000 calls under one signal with no leak warning, and abort still cancels", async () => {
    const caller = new AbortController();
    const kept: Request[] = [];
    const fetch = async (request: Request) => {
      kept.push(request);
      return Response.json({ id: "1", name: "mnist", customProperties: {} });
    };
    const mr = new ModelRegistry({
      url: "http://registry.test",
      fetch,
      apiVersion: "v1alpha3",
      retry: false,
    });
    for (let i = 0; i < 2000; i++) await mr.registeredModels.get("1", { signal: caller.signal });
    await settle();
    expect(warnings.filter((w) => w.startsWith("MaxListenersExceededWarning"))).toEqual([]);
    caller.abort(new Error("stopped by the user"));
    await expect(mr.registeredModels.get("1", { signal: caller.signal })).rejects.toThrow(
      "stopped by the user",
    );
  });
});
