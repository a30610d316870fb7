// registerModel to an OCI registry under faults: every request to the registry goes through a seeded fault-injecting
// proxy (drops before and after, resets mid-body, 503 and 500 bursts, latency). A passing fault must never reach the
// caller; no tag may name content the registry did not record; no version may be left without its artifact.

import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FaultProxy, startFaultProxy } from "../../scripts/fault-proxy.mjs";
import { OciRegistry } from "../../src/storage/oci/oci-registry.js";
import { OCI_PROPERTIES } from "../../src/storage/recorded-properties.js";
import { bigFile, tempDir, writeTree } from "../support/model-files.js";
import { stackRegistry } from "../support/registry.js";
import { stackEnv, stackSetting } from "../support/stack-env.js";
import { uniqueName } from "../support/unique.js";

const credentials = () => ({
  username: stackSetting("OCI_USERNAME"),
  password: stackSetting("OCI_PASSWORD"),
});

describe.runIf(stackEnv().OCI_REGISTRY !== undefined)(
  "registerModel to an OCI registry at a 25% fault rate",
  () => {
    let proxy: FaultProxy;
    beforeAll(async () => {
      proxy = await startFaultProxy({
        target: `http://${stackSetting("OCI_REGISTRY")}`,
        seed: 20261207,
        rate: 0.25,
      });
    });
    afterAll(() => proxy.close());

    it("a large layer's streamed upload cut short is sent again in chunks, in the same call", async () => {
      proxy.setRate(0);
      try {
        const mr = stackRegistry();
        const name = uniqueName("oci-stream-cut");
        const dir = await tempDir();
        await bigFile(join(dir, "weights.safetensors"), 20 * 1024 * 1024);
        proxy.inject((method) => method === "PATCH", "drop-after", 1);
        const before = proxy.requests.length;
        const result = await mr.registerModel({
          name,
          version: "v1",
          path: dir,
          to: `oci://${new URL(proxy.url).host}/models/${name}`,
          oci: { credentials: credentials() },
        });
        expect(result.status).toBe("created");
        const patches = proxy.requests.slice(before).filter((r) => r.method === "PATCH");
        // One streamed PATCH (its reply lost), then the 20 MiB layer in 8 MiB chunks: two PATCHes, the rest in the PUT.
        expect(patches.map((r) => r.fault ?? "ok")).toEqual(["drop-after", "ok", "ok"]);
        expect(
          await mr.verifyModel({ name, version: "v1", oci: { credentials: credentials() } }),
        ).toMatchObject({
          ok: true,
        });
      } finally {
        proxy.clearInjected();
        proxy.setRate(0.25);
      }
    });

    it("succeeds on the first call for every push, each tag naming what the registry records, nothing half-registered", {
      timeout: 300_000,
    }, async () => {
      const mr = stackRegistry();
      const host = new URL(proxy.url).host;
      const name = uniqueName("oci-faults");
      const failures: string[] = [];
      const pushes = 12;
      for (let i = 0; i < pushes; i++) {
        const dir = await tempDir();
        await writeTree(dir, {
          "model.bin": `weights ${i}`,
          "config.json": `{"i":${i}}`,
          "sub/extra.txt": "x",
        });
        // A few with a large file: its layer is streamed in one request; a stream cut short goes again in chunks.
        if (i < 3) await bigFile(join(dir, "weights.safetensors"), 20 * 1024 * 1024);
        await mr
          .registerModel({
            name,
            version: `v${i}`,
            path: dir,
            to: `oci://${host}/models/${name}`,
            oci: { credentials: credentials() },
          })
          .catch((error: Error) => failures.push(`v${i}: ${error.message}`));
      }
      expect(failures).toEqual([]);
      // Checked on the registry itself, past the proxy: each version's artifact, and the tag naming its image.
      const direct = new OciRegistry({
        registry: stackSetting("OCI_REGISTRY"),
        plainHttp: true,
        credentials: { credentials: credentials(), source: "option" },
        userAgent: "oci-faults-test",
      });
      const model = await mr.registeredModels.find({ name });
      const versions = model ? await mr.registeredModels.versions(model.id).list().toArray() : [];
      expect(versions).toHaveLength(pushes);
      let tagsRight = 0;
      for (const version of versions) {
        const [artifact] = await mr.modelVersions.artifacts(version.id).list().toArray();
        const recorded = artifact?.customProperties[OCI_PROPERTIES.digest];
        const tagged = await direct.manifestDigest(`models/${name}`, version.name);
        if (typeof recorded === "string" && tagged?.digest === recorded) tagsRight++;
      }
      expect(tagsRight).toBe(pushes);
      const faults = proxy.faultCounts();
      console.log("OCI registry faults", faults);
      expect(Object.values(faults).reduce((n, c) => n + c, 0)).toBeGreaterThan(10);
    });
  },
);

describe.runIf(stackEnv().OCI_TOKEN_REGISTRY !== undefined)(
  "concurrent registerModel runs to a bearer-token registry at a 25% fault rate, tokens expiring",
  () => {
    let proxy: FaultProxy;
    beforeAll(async () => {
      proxy = await startFaultProxy({
        target: `http://${stackSetting("OCI_TOKEN_REGISTRY")}`,
        seed: 20261208,
        rate: 0.25,
        kinds: { "expired-token": 1 },
      });
    });
    afterAll(() => proxy.close());

    it("pushes pairs on the same tag and on different tags: every call succeeds, tags name what is recorded", {
      timeout: 300_000,
    }, async () => {
      const mr = stackRegistry();
      const host = new URL(proxy.url).host;
      const name = uniqueName("oci-faults-pairs");
      const to = `oci://${host}/models/${name}`;
      const oci = { credentials: credentials(), chunkSize: 64 * 1024, concurrency: 2 };
      const calls: { version: string; outcome: string }[] = [];
      const run = (version: string, dir: string) =>
        mr
          .registerModel({ name, version, path: dir, to, oci })
          .then((r) => calls.push({ version, outcome: r.status }))
          .catch((error: Error) => calls.push({ version, outcome: `failed: ${error.message}` }));
      const rounds = 6;
      for (let i = 0; i < rounds; i++) {
        const a = await tempDir();
        const b = await tempDir();
        // Packs larger than a chunk: chunked uploads, many requests per push.
        await writeTree(a, { "weights.bin": "w".repeat(200_000 + i), "config.json": `{"a":${i}}` });
        await writeTree(b, { "weights.bin": "v".repeat(150_000 + i), "config.json": `{"b":${i}}` });
        // The same content for the same version twice at once, and two versions at once.
        await Promise.all([run(`same${i}`, a), run(`same${i}`, a), run(`a${i}`, a), run(`b${i}`, b)]);
      }
      const failed = calls.filter((c) => c.outcome.startsWith("failed"));
      expect(failed).toEqual([]);
      for (let i = 0; i < rounds; i++)
        expect(
          calls
            .filter((c) => c.version === `same${i}`)
            .map((c) => c.outcome)
            .sort(),
        ).toEqual(expect.arrayContaining(["created"]));
      const direct = new OciRegistry({
        registry: stackSetting("OCI_TOKEN_REGISTRY"),
        plainHttp: true,
        credentials: { credentials: credentials(), source: "option" },
        userAgent: "oci-faults-test",
      });
      const model = await mr.registeredModels.find({ name });
      const versions = model ? await mr.registeredModels.versions(model.id).list().toArray() : [];
      expect(versions).toHaveLength(rounds * 3);
      let tagsRight = 0;
      let halfRegistered = 0;
      for (const version of versions) {
        const [artifact] = await mr.modelVersions.artifacts(version.id).list().toArray();
        if (!artifact) halfRegistered++;
        const recorded = artifact?.customProperties[OCI_PROPERTIES.digest];
        const tagged = await direct.manifestDigest(`models/${name}`, version.name);
        if (typeof recorded === "string" && tagged?.digest === recorded) tagsRight++;
      }
      expect({ tagsRight, halfRegistered }).toEqual({ tagsRight: rounds * 3, halfRegistered: 0 });
      const faults = proxy.faultCounts();
      console.log("OCI token registry faults", faults, "requests", proxy.requests.length);
      expect(faults["expired-token"]).toBeGreaterThan(3);
    });
  },
);
