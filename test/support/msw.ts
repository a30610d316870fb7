import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";
import { ModelRegistry, type ModelRegistryOptions } from "../../src/model-registry.js";

/** The fake registry's base URL; msw answers it, nothing leaves the process. */
export const BASE = "http://registry.test";
export const API = `${BASE}/api/model_registry/v1alpha3`;

/** An msw server for one test file, with every request it sees recorded. */
export function useMockServer() {
  const server = setupServer();
  const requests: Request[] = [];
  server.events.on("request:start", ({ request }) => {
    requests.push(request.clone());
  });
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => {
    server.resetHandlers();
    requests.length = 0;
  });
  afterAll(() => server.close());
  return { server, requests };
}

/** A client of the fake registry (which serves API v1alpha3, at {@link API}) with fast retries. */
export function mockRegistry(options: Partial<ModelRegistryOptions> = {}): ModelRegistry {
  return new ModelRegistry({
    url: BASE,
    retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
    apiVersion: "v1alpha3",
    ...options,
  });
}

/** The query of a recorded request as a plain object. */
export function queryOf(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}
