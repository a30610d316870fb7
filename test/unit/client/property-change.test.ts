// changeProperties against scripted writers: each interleaving the server allows (PATCH replaces the whole map, no
// compare-and-swap) played out step by step, so every branch of the convergence has a test that could fail.
import { describe, expect, it } from "vitest";
import { changeProperties } from "../../../src/client/property-change.js";
import type { MetadataValue } from "../../../src/client/types.js";
import { ConcurrentChangeError } from "../../../src/index.js";

type Map = Record<string, MetadataValue>;
const str = (value: string): MetadataValue => ({ metadataType: "MetadataStringValue", string_value: value });

/** One entity's map, and writers that act between our steps: `afterWrite[n]` runs right after our n-th write lands. */
function entity(initial: Map, afterWrite: ((map: Map) => Map)[] = []) {
  let map = { ...initial };
  let writes = 0;
  return {
    io: {
      read: async () => ({ customProperties: { ...map } }),
      write: async (_current: unknown, next: Map) => {
        map = { ...next };
        const stale = afterWrite[writes++];
        if (stale) map = stale(map);
        return { customProperties: { ...map } };
      },
    },
    map: () => map,
  };
}

describe("changeProperties: a change that holds against writers replacing the whole map", () => {
  it("writes only its key over the map as read, and reads it back", async () => {
    const e = entity({ team: str("vision") });
    const result = await changeProperties(e.io, { "alias.champion": "v3" }, { settleMs: 0 });
    expect(result).toMatchObject({ status: "changed", writes: 1, superseded: [] });
    expect(e.map()).toEqual({ team: str("vision"), "alias.champion": str("v3") });
  });

  it("writes nothing when every key already has its value", async () => {
    const e = entity({ "alias.champion": str("v3") });
    expect(await changeProperties(e.io, { "alias.champion": "v3" }, { settleMs: 0 })).toMatchObject({
      status: "unchanged",
      writes: 0,
    });
  });

  it("writes again when a stale writer put the old map back, keeping that writer's own key", async () => {
    // The stale writer read {team} before our write, and writes {team, note} after it: our key is gone.
    const e = entity({ team: str("vision") }, [() => ({ team: str("vision"), note: str("theirs") })]);
    const result = await changeProperties(e.io, { "alias.champion": "v3" }, { settleMs: 0 });
    expect(result).toMatchObject({ status: "changed", writes: 2 });
    expect(e.map()).toEqual({ team: str("vision"), note: str("theirs"), "alias.champion": str("v3") });
  });

  it("keeps a later writer's value of the same key (last writer wins) and says so", async () => {
    const e = entity({ "alias.champion": str("v1") }, [(map) => ({ ...map, "alias.champion": str("v4") })]);
    const result = await changeProperties(e.io, { "alias.champion": "v3" }, { settleMs: 0 });
    expect(result).toMatchObject({ status: "superseded", writes: 1, superseded: ["alias.champion"] });
    expect(e.map()["alias.champion"]).toEqual(str("v4"));
  });

  it("removes a key (null), and removes it again when a stale map restores it", async () => {
    const e = entity({ "alias.champion": str("v1"), team: str("vision") }, [
      () => ({ "alias.champion": str("v1"), team: str("vision") }),
    ]);
    const result = await changeProperties(e.io, { "alias.champion": null }, { settleMs: 0 });
    expect(result).toMatchObject({ status: "changed", writes: 2 });
    expect(e.map()).toEqual({ team: str("vision") });
  });

  it("gives up with ConcurrentChangeError after `attempts` writes that were all undone", async () => {
    const undo = () => ({});
    const e = entity({}, [undo, undo, undo]);
    const change = changeProperties(e.io, { "alias.champion": "v3" }, { settleMs: 0, attempts: 3 });
    await expect(change).rejects.toBeInstanceOf(ConcurrentChangeError);
    await expect(change).rejects.toThrow(/"alias\.champion" was undone by concurrent writers 3 times/);
  });
});
