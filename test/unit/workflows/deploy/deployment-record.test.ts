// One deployment, one record: a lookup by name finds this client's `<name>` and the upstream controller's
// `<name>/<uid>` alike, and picks the right one when there are several.
import { describe, expect, it } from "vitest";
import type { InferenceService } from "../../../../src/index.js";
import { findDeploymentRecord, isRecordOf } from "../../../../src/workflows/deploy/deployment-record.js";
import type { RegistryClient } from "../../../../src/workflows/registry-client.js";

const record = (id: string, name: string, desiredState = "DEPLOYED", updated = 0) =>
  ({ id, name, desiredState, lastUpdateTimeSinceEpoch: String(updated) }) as InferenceService;

/** A registry whose environment "5" holds `records`; counts the requests a lookup makes. */
function registry(records: InferenceService[]) {
  const asked: string[] = [];
  const mr = {
    inferenceServices: {
      find: async ({ name }: { name: string }) => {
        asked.push(`find ${name}`);
        return records.find((r) => r.name === name) ?? null;
      },
    },
    servingEnvironments: {
      inferenceServices: () => ({
        list: () => ({
          toArray: async () => {
            asked.push("list");
            return records;
          },
        }),
      }),
    },
  } as unknown as RegistryClient;
  return { mr, asked };
}

describe("isRecordOf", () => {
  it("matches the name and the controller's name/uid, nothing else", () => {
    expect(isRecordOf("mnist-v3", "mnist-v3")).toBe(true);
    expect(isRecordOf("mnist-v3/7c1e-uid", "mnist-v3")).toBe(true);
    expect(isRecordOf("mnist-v3-canary", "mnist-v3")).toBe(false);
    expect(isRecordOf("mnist-v3/a/b", "mnist-v3")).toBe(false);
    expect(isRecordOf("mnist", "mnist-v3")).toBe(false);
  });
});

describe("findDeploymentRecord", () => {
  it("prefers a DEPLOYED record to a stale one, and this client's name when both run", async () => {
    const stale = record("1", "mnist-v3", "UNDEPLOYED", 300);
    const live = record("2", "mnist-v3/u1", "DEPLOYED", 100);
    const { mr, asked } = registry([stale, live]);
    expect((await findDeploymentRecord(mr, "5", "mnist-v3"))?.id).toBe("2");
    expect(asked).toEqual(["list"]);
    const both = registry([
      record("3", "mnist-v3/u2", "DEPLOYED", 500),
      record("4", "mnist-v3", "DEPLOYED", 1),
    ]);
    expect((await findDeploymentRecord(both.mr, "5", "mnist-v3"))?.id).toBe("4");
  });

  it("with the live object's uid, the controller's record of that object comes first", async () => {
    const { mr } = registry([record("1", "mnist-v3"), record("2", "mnist-v3/u1")]);
    expect((await findDeploymentRecord(mr, "5", "mnist-v3", { uid: "u1" }))?.id).toBe("2");
  });

  it("among the controller's records, a DEPLOYED one, else the most recently updated", async () => {
    const old = record("3", "mnist-v3/u-old", "UNDEPLOYED", 100);
    const live = record("4", "mnist-v3/u-live", "DEPLOYED", 50);
    const newest = record("5", "mnist-v3/u-new", "UNDEPLOYED", 200);
    expect((await findDeploymentRecord(registry([old, live, newest]).mr, "5", "mnist-v3"))?.id).toBe("4");
    expect((await findDeploymentRecord(registry([old, newest]).mr, "5", "mnist-v3"))?.id).toBe("5");
    expect(
      await findDeploymentRecord(registry([record("6", "other/u")]).mr, "5", "mnist-v3"),
    ).toBeUndefined();
  });
});
