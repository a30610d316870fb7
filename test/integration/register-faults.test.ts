// registerModel under faults: every request to the registry and to the store goes through a seeded fault-injecting
// proxy. A passing fault must never reach the caller, and nothing may be left behind.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { faultySetting, leftovers } from "../support/faults.js";
import { tempDir, writeTree } from "../support/model-files.js";
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
      await writeTree(dir, { "model.bin": `weights ${i}`, "config.json": `{"i":${i}}`, "sub/extra.txt": "x" });
      const name = `${base}-files`;
      const version = `v${i}`;
      registrations.push({ name, version, prefix: `${name}/${version}` });
      await setting.mr
        .registerModel({ name, version, artifact: dir })
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
    console.log("registry faults", setting.registry.faultCounts(), "storage faults", setting.storage.faultCounts());
  });
});
