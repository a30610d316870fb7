// registerModel under faults: every request to the registry and to the store goes through a seeded fault-injecting
// proxy. A passing fault must never reach the caller, and nothing may be left behind.
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFaultProxy } from "../../scripts/fault-proxy.mjs";
import { CLAIM_TIMING } from "../../src/storage/s3/upload-claim.js";
import { faultySetting, leftovers } from "../support/faults.js";
import { tempDir, writeTree } from "../support/model-files.js";
import { stackRegistry } from "../support/registry.js";
import { countingClient, S3_SERVERS } from "../support/s3.js";
import { stackSetting } from "../support/stack-env.js";
import { uniqueName } from "../support/unique.js";

describe("registerModel at a 25% fault rate on the registry and on the store", () => {
  let setting: Awaited<ReturnType<typeof faultySetting>>;
  beforeAll(async () => {
    setting = await faultySetting({ seed: 20261201, registryRate: 0.25, storageRate: 0.25 });
  });
  afterAll(() => setting.close());

  it("succeeds on the first call for uri registrations and folder uploads, leaving nothing behind", async () => {
    const registrations: { name: string; version: string; prefix?: string }[] = [];
    const failures: string[] = [];
    const base = uniqueName("faults");
    for (let i = 0; i < 16; i++) {
      const name = `${base}-uri-${i % 4}`;
      const version = `v${i}`;
      registrations.push({ name, version });
      await setting.mr
        .registerModel({ name, version, uri: `s3://models/${name}/${version}/` })
        .catch((error: Error) => failures.push(`${name} ${version}: ${error.message}`));
    }
    for (let i = 0; i < 4; i++) {
      const dir = await tempDir();
      await writeTree(dir, {
        "model.bin": `weights ${i}`,
        "config.json": `{"i":${i}}`,
        "sub/extra.txt": "x",
      });
      const name = `${base}-files`;
      const version = `v${i}`;
      registrations.push({ name, version, prefix: `${name}/${version}` });
      await setting.mr
        .registerModel({ name, version, path: dir })
        .catch((error: Error) => failures.push(`${name} ${version}: ${error.message}`));
    }
    expect(failures).toEqual([]);
    expect(await leftovers(setting.direct, registrations)).toEqual({
      duplicates: 0,
      withoutArtifact: 0,
      claims: 0,
      openUploads: 0,
      unverified: 0,
    });
    console.log(
      "registry faults",
      setting.registry.faultCounts(),
      "storage faults",
      setting.storage.faultCounts(),
    );
  });
});

describe("registerModel's upload claim", () => {
  let setting: Awaited<ReturnType<typeof faultySetting>>;
  beforeAll(async () => {
    setting = await faultySetting({ seed: 7 });
  });
  afterAll(() => setting.close());
  const isClaim = (method: string, path: string, verb: string) =>
    method === verb && path.endsWith("/.model-upload-claim");

  it("takes the claim as its own when the reply to its conditional PUT was lost (the SDK's retry gets 412)", async () => {
    const name = uniqueName("lostclaim");
    const dir = await tempDir();
    await writeTree(dir, { "model.bin": "weights" });
    setting.storage.inject((method, path) => isClaim(method, path, "PUT"), "drop-after");
    const result = await setting.mr.registerModel({ name, version: "v1", path: dir });
    expect(result.status).toBe("created");
    expect(result.warnings).toBeUndefined();
    const claimPuts = setting.storage.requests.filter((r) =>
      isClaim(r.method, r.path.split("?")[0] ?? "", "PUT"),
    );
    expect(claimPuts.map((r) => r.status)).toEqual([200, 412]); // stored, reply lost; the retry met our own claim
    expect(await leftovers(setting.direct, [{ name, version: "v1", prefix: `${name}/v1` }])).toMatchObject({
      claims: 0,
      unverified: 0,
    });
  });

  it("recognises its own claim when the PUT was stored but every retry of the AWS SDK failed", async () => {
    const name = uniqueName("lostclaim2");
    const dir = await tempDir();
    await writeTree(dir, { "model.bin": "weights" });
    const claimPut = (method: string, path: string) => isClaim(method, path, "PUT");
    setting.storage.inject(claimPut, "drop-after"); // stored, reply lost
    setting.storage.inject(claimPut, "drop-before", 2); // the SDK's two retries never arrive: its call fails
    const started = Date.now();
    const result = await setting.mr.registerModel({ name, version: "v1", path: dir });
    expect(result.status).toBe("created");
    expect(Date.now() - started).toBeLessThan(CLAIM_TIMING.staleMs); // it did not wait for its own claim to go stale
    expect(await leftovers(setting.direct, [{ name, version: "v1", prefix: `${name}/v1` }])).toMatchObject({
      claims: 0,
      unverified: 0,
    });
  });

  it("reports a claim it could not remove as a warning, and a later run takes over a claim left by a dead run", async () => {
    const timing = { ...CLAIM_TIMING };
    Object.assign(CLAIM_TIMING, { staleMs: 1_500, pollMs: 100, releaseAttempts: 2 });
    try {
      const name = uniqueName("stuckclaim");
      const dir = await tempDir();
      await writeTree(dir, { "model.bin": "weights" });
      setting.storage.inject((method, path) => isClaim(method, path, "DELETE"), "drop-before", 1_000);
      const events: string[] = [];
      const first = await setting.mr.registerModel({
        name,
        version: "v1",
        path: dir,
        onProgress: (event) => {
          if (event.type === "warning") events.push(event.message);
        },
      });
      setting.storage.clearInjected();
      expect(first.status).toBe("created");
      expect(first.warnings).toHaveLength(1);
      expect(first.warnings?.[0]).toMatch(/could not remove the upload claim s3:\/\/.*\.model-upload-claim/);
      expect(events).toEqual(first.warnings);

      // A run that died holding the claim of a version it created: the next run waits, sees it go stale, takes it
      // over and completes the version.
      const dead = uniqueName("deadrun");
      const version = await setting.direct.mr.registeredModels
        .create({ name: dead })
        .then((model) => setting.direct.mr.registeredModels.versions(model.id).create({ name: "v1" }));
      await setting.direct.s3.send(
        new PutObjectCommand({
          Bucket: setting.bucket,
          Key: `${dead}/v1/.model-upload-claim`,
          Body: JSON.stringify({ nonce: "a-run-that-died" }),
        }),
      );
      const phases: string[] = [];
      const taken = await setting.mr.registerModel({
        name: dead,
        version: "v1",
        path: dir,
        onProgress: (event) => {
          if (event.type === "phase") phases.push(event.phase);
        },
      });
      expect(taken.status).toBe("completed");
      expect(taken.modelVersion.id).toBe(version.id);
      expect(phases).toContain("waiting");
      expect(
        await leftovers(setting.direct, [{ name: dead, version: "v1", prefix: `${dead}/v1` }]),
      ).toMatchObject({
        claims: 0,
        withoutArtifact: 0,
        unverified: 0,
      });
    } finally {
      Object.assign(CLAIM_TIMING, timing);
    }
  });
});

describe("registerModel when identical or distinct runs meet", () => {
  const mr = stackRegistry();
  const versitygw = countingClient(S3_SERVERS[1]);
  const storage = { client: versitygw.client, bucket: versitygw.bucket };

  it("10 identical concurrent uploads: one creates the version, the nine others wait and report unchanged", async () => {
    const name = uniqueName("same10");
    const dir = await tempDir();
    await writeTree(dir, { "model.bin": "identical weights", "config.json": "{}" });
    const results = await Promise.all(
      Array.from({ length: 10 }, () => mr.registerModel({ name, version: "v1", path: dir, storage })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual(["created", ...Array(9).fill("unchanged")]);
    expect(new Set(results.map((r) => r.modelArtifact.id)).size).toBe(1);
    expect(
      await leftovers({ mr, s3: versitygw.client, bucket: versitygw.bucket }, [
        { name, version: "v1", prefix: `${name}/v1` },
      ]),
    ).toEqual({ duplicates: 0, withoutArtifact: 0, claims: 0, openUploads: 0, unverified: 0 });
  });

  /**
   * Runs A and B, two identical registrations of a new version, each reaching versitygw through its own proxy: A's
   * over a slow link (`slowMs` a request), B's with one request stalled (`stall`), so that B looks at the folder at a
   * chosen moment of A's run. B read the registry before A created the version.
   */
  async function staggered(
    label: string,
    slowMs: number,
    stall: { when: (method: string, path: string) => boolean; ms: number },
  ) {
    const name = uniqueName(label);
    const dir = await tempDir();
    await writeTree(dir, { "model.bin": `weights of ${label}` });
    const target = stackSetting(S3_SERVERS[1].endpoint);
    const credentials = {
      accessKeyId: stackSetting(S3_SERVERS[1].key),
      secretAccessKey: stackSetting(S3_SERVERS[1].secret),
    };
    const slow = await startFaultProxy({ target, delayMs: slowMs });
    const stalled = await startFaultProxy({ target });
    stalled.inject(stall.when, "latency", 1, stall.ms);
    const run = (endpoint: string) =>
      mr.registerModel({
        name,
        version: "v1",
        path: dir,
        storage: { endpoint, bucket: versitygw.bucket, credentials },
      });
    try {
      return await Promise.all([run(slow.url), run(stalled.url)]);
    } finally {
      await Promise.all([slow.close(), stalled.close()]);
    }
  }

  it("a run that inspects the folder while another uploads into it waits for it, then reports unchanged", async () => {
    // A's upload is in flight from about 2.0 s to 3.0 s; B reads the folder's manifest at 2.4 s.
    const manifest = (method: string, path: string) =>
      method === "GET" && path.endsWith("/.model-manifest.json");
    const [a, b] = await staggered("staggered", 500, { when: manifest, ms: 2_400 });
    expect([a.status, b.status]).toEqual(["created", "unchanged"]);
    expect(b.modelArtifact.id).toBe(a.modelArtifact.id);
  });

  it("a run that finds files but no manifest, then the other run finished, reads the registry again: unchanged", async () => {
    // B sees no manifest, but its listing of the folder arrives only after A has finished and let go of the claim.
    const listing = (method: string, path: string) => method === "GET" && path === "/models/";
    const [a, b] = await staggered("staggered2", 300, { when: listing, ms: 5_000 });
    expect([a.status, b.status]).toEqual(["created", "unchanged"]);
  });

  it("10 identical concurrent uri registrations: one creates the version, at most one other adds its artifact", async () => {
    // The run that creates the version and the one that adds its artifact may differ: a run that finds the version
    // before its creator has added the artifact adds it itself ("completed"); the creator then finds it (CI saw this).
    const name = uniqueName("sameuri10");
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        mr.registerModel({ name, version: "v1", uri: `s3://models/${name}/v1/` }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === "created")).toHaveLength(1);
    expect(statuses.filter((s) => s === "completed").length).toBeLessThanOrEqual(1);
    expect(statuses.filter((s) => s === "unchanged").length).toBeGreaterThanOrEqual(8);
    expect(new Set(results.map((r) => r.modelArtifact.id)).size).toBe(1);
  });

  it("20 concurrent distinct versions of one new model make one model with 20 versions", async () => {
    const name = uniqueName("distinct20");
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        mr.registerModel({ name, version: `v${i}`, uri: `s3://models/${name}/v${i}/` }),
      ),
    );
    expect(new Set(results.map((r) => r.registeredModel.id)).size).toBe(1);
    expect(results.every((r) => r.status === "created")).toBe(true);
    const versions = await mr.registeredModels
      .versions(results[0]?.registeredModel.id ?? "")
      .list()
      .toArray();
    expect(versions.map((v) => v.name).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `v${i}`).sort());
  });
});

describe("registerModel's round trips, counted by a proxy in front of the registry", () => {
  let setting: Awaited<ReturnType<typeof faultySetting>>;
  beforeAll(async () => {
    setting = await faultySetting({ seed: 3 });
    await setting.mr.apiVersion(); // the client's one question (which API generation), before anything is counted
  });
  afterAll(() => setting.close());
  const counted = async (work: () => Promise<unknown>) => {
    const before = setting.registry.requests.length;
    await work();
    return setting.registry.requests.slice(before).map((r) => `${r.method} ${r.path.split("?")[0]}`);
  };

  it("a new model by uri takes 4 requests, a new version 4, and an unchanged re-run 3 (all reads)", async () => {
    const name = uniqueName("trips");
    const register = (version: string) =>
      setting.mr.registerModel({ name, version, uri: `s3://models/${name}/${version}/` });
    const api = "/api/model_registry/v1alpha3";
    expect(await counted(() => register("v1"))).toEqual([
      `GET ${api}/registered_model`,
      `POST ${api}/registered_models`,
      expect.stringMatching(/^POST .*\/registered_models\/\d+\/versions$/),
      expect.stringMatching(/^POST .*\/model_versions\/\d+\/artifacts$/),
    ]);
    expect(await counted(() => register("v2"))).toHaveLength(4);
    const rerun = await counted(() => register("v2"));
    expect(rerun).toHaveLength(3);
    expect(rerun.every((line) => line.startsWith("GET "))).toBe(true);
  });

  it("an unchanged re-run of an upload reads 3 times from the registry and writes nothing to the store", async () => {
    const name = uniqueName("trips-files");
    const dir = await tempDir();
    await writeTree(dir, { "model.bin": "weights" });
    await setting.mr.registerModel({ name, version: "v1", path: dir });
    const storageBefore = setting.storage.requests.length;
    const reads = await counted(() => setting.mr.registerModel({ name, version: "v1", path: dir }));
    expect(reads).toHaveLength(3);
    const storage = setting.storage.requests.slice(storageBefore);
    expect(storage.filter((r) => r.method !== "GET" && r.method !== "HEAD")).toEqual([]);
  });
});
