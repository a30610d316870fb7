// registerModel's registry steps converge on passing faults, shown against a scripted fake registry: a lost reply to
// a create is resolved by finding what the server did, a 5xx is retried, and the status says what happened.
import { describe, expect, it } from "vitest";
import { parseRegistryUrl } from "../../../../src/client/parse-registry-url.js";
import { retryPolicy } from "../../../../src/client/retry.js";
import { ConfigError, ConnectionError, ModelRegistry, ServerError } from "../../../../src/index.js";
import { fakeRegistry } from "../../../support/fake-registry.js";

const client = (fake: ReturnType<typeof fakeRegistry>, attempts = 5) =>
  new ModelRegistry({
    url: "http://registry.test",
    fetch: fake.fetch,
    retry: { attempts, baseDelayMs: 1 },
    apiVersion: "v1alpha3",
  });
const params = { name: "mnist", version: "v1", uri: "s3://models/mnist/v1/" };

describe("registerModel's registry steps", () => {
  it("creates a new model in 4 requests and re-runs in 3 reads", async () => {
    const fake = fakeRegistry();
    const mr = client(fake);
    expect((await mr.registerModel(params)).status).toBe("created");
    expect(fake.log).toEqual([
      "GET /registered_model",
      "POST /registered_models",
      "POST /registered_models/1/versions",
      "POST /model_versions/2/artifacts",
    ]);
    fake.log.length = 0;
    expect((await mr.registerModel(params)).status).toBe("unchanged");
    expect(fake.log).toEqual([
      "GET /registered_model",
      "GET /model_version",
      "GET /model_versions/2/artifacts",
    ]);
  });

  it("resolves a lost reply to each create by finding what the server did: one of each entity, status created", async () => {
    for (const lostAt of [2, 3, 4]) {
      const fake = fakeRegistry();
      fake.lose(lostAt);
      const result = await client(fake).registerModel(params);
      expect(result.status).toBe("created");
      expect([fake.models.length, fake.versions.length, fake.artifacts.length]).toEqual([1, 1, 1]);
    }
  });

  it("retries a create the server failed with a 500 (nothing was written) and still makes one of each", async () => {
    const fake = fakeRegistry();
    fake.fail(2);
    fake.fail(3);
    const result = await client(fake).registerModel(params);
    expect(result.status).toBe("created");
    expect(fake.models).toHaveLength(1);
  });

  it("says what is known when the budget runs out: the create may have gone through, running again is safe", async () => {
    const fake = fakeRegistry();
    for (let n = 2; n < 20; n++) fake.lose(n);
    const failure = client(fake, 2).registerModel(params);
    await expect(failure).rejects.toBeInstanceOf(ConnectionError);
    await expect(failure).rejects.toThrow(/reply was lost|before its reply arrived/);
    await expect(failure).rejects.toThrow(/running the same call again is safe/);
    const fixed = fakeRegistry();
    fixed.models.push(...fake.models);
    fixed.versions.push(...fake.versions);
    expect((await client(fixed).registerModel(params)).registeredModel.id).toBe(fake.models[0]?.id);
  });

  it("a 500 that persists is a ServerError (mr-cli: exit 6), not a bug", async () => {
    const fake = fakeRegistry();
    for (let n = 1; n < 30; n++) fake.fail(n);
    await expect(client(fake, 2).registerModel(params)).rejects.toBeInstanceOf(ServerError);
  });
});

describe("settings refused before anything is sent", () => {
  it("refuses a registry URL with a query string or fragment, which would lose the API path", () => {
    expect(() => parseRegistryUrl("http://h:8080/?", "MODEL_REGISTRY_URL")).toThrow(
      /query string or fragment/,
    );
    expect(() => parseRegistryUrl("http://h:8080/?x=1", "MODEL_REGISTRY_URL")).toThrow(ConfigError);
    expect(() => parseRegistryUrl("http://h:8080/#frag", "MODEL_REGISTRY_URL")).toThrow(
      /query string or fragment/,
    );
  });

  it("refuses a negative or non-finite timeout and a retry policy that is not a count of attempts", () => {
    for (const timeout of [-5, 0.5, 3e9, Number.NaN, Number.POSITIVE_INFINITY])
      expect(() => new ModelRegistry({ url: "http://h", timeout })).toThrow(ConfigError);
    expect(() => retryPolicy({ attempts: 0 })).toThrow(/retry.attempts/);
    expect(() => retryPolicy({ attempts: 1.5 })).toThrow(ConfigError);
    expect(() => retryPolicy({ baseDelayMs: -1 })).toThrow(/retry.baseDelayMs/);
    expect(retryPolicy(undefined).attempts).toBe(5);
  });
});
