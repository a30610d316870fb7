import { describe, expect, it } from "vitest";
import { CONFIRMATION_TTL_MS, Confirmations, canonicalJson } from "../../../../src/cli/mcp/confirmations.js";

const args = { name: "mnist", version: "v3", uri: "s3://models/mnist/v3/" };
const plan = { dryRun: true, status: "created", registeredModel: "reuse 4", modelVersion: "create" };

describe("canonicalJson", () => {
  it("is the same text whatever order the fields were built in, without undefined fields", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 2 }], c: undefined } })).toBe(
      canonicalJson({ a: { d: [2, { x: 2, y: 1 }] }, b: 1 }),
    );
    expect(canonicalJson({ when: new Date(0) })).toBe('{"when":"1970-01-01T00:00:00.000Z"}');
  });
});

describe("a write's confirmation", () => {
  it("is honoured for the same tool, arguments and plan, in any key order", () => {
    const confirmations = new Confirmations();
    const confirm = confirmations.issue("register_model", args, plan);
    expect(confirm).toMatch(/^c1\.[0-9a-z]+\.[A-Za-z0-9_-]{8}\.[A-Za-z0-9_-]{43}$/);
    const reordered = Object.fromEntries(Object.entries(plan).reverse());
    expect(confirmations.check(confirm, "register_model", { ...args }, reordered)).toEqual({ ok: true });
  });

  it("is refused as changed for another plan, other arguments or another tool", () => {
    const confirmations = new Confirmations();
    const confirm = confirmations.issue("register_model", args, plan);
    const changed = { ok: false, reason: "changed" };
    expect(confirmations.check(confirm, "register_model", args, { ...plan, status: "unchanged" })).toEqual(
      changed,
    );
    expect(confirmations.check(confirm, "register_model", { ...args, metadata: { a: 1 } }, plan)).toEqual(
      changed,
    );
    expect(confirmations.check(confirm, "deploy", args, plan)).toEqual(changed);
  });

  it("is refused by another server (another key), and when its time was forged", () => {
    const confirm = new Confirmations().issue("archive", args, plan);
    expect(new Confirmations().check(confirm, "archive", args, plan)).toEqual({
      ok: false,
      reason: "changed",
    });
    const confirmations = new Confirmations();
    const [, , nonce, mac] = confirmations.issue("archive", args, plan).split(".");
    const forged = `c1.${(Date.now() - 1000).toString(36)}.${nonce}.${mac}`;
    expect(confirmations.check(forged, "archive", args, plan)).toEqual({ ok: false, reason: "changed" });
  });

  it("expires after its lifetime", () => {
    let now = 1_000_000;
    const confirmations = new Confirmations({ now: () => now });
    const confirm = confirmations.issue("deploy", args, plan);
    now += CONFIRMATION_TTL_MS;
    expect(confirmations.check(confirm, "deploy", args, plan)).toEqual({ ok: true });
    now += 1;
    expect(confirmations.check(confirm, "deploy", args, plan)).toEqual({ ok: false, reason: "expired" });
  });

  it("is refused as malformed when it is not one this server could have issued", () => {
    const confirmations = new Confirmations();
    for (const text of ["", "yes", "c1.abc", `c2.1.${"A".repeat(43)}`, `c1.1.${"A".repeat(42)}`])
      expect(confirmations.check(text, "deploy", args, plan)).toEqual({ ok: false, reason: "malformed" });
  });
});

describe("one confirmation, one write", () => {
  it("is refused as used when it comes a second time", () => {
    const confirmations = new Confirmations();
    const confirm = confirmations.issue("archive", args, plan);
    expect(confirmations.check(confirm, "archive", args, plan)).toEqual({ ok: true });
    expect(confirmations.check(confirm, "archive", args, plan)).toEqual({ ok: false, reason: "used" });
    const another = confirmations.issue("archive", args, plan);
    expect(confirmations.check(another, "archive", args, plan)).toEqual({ ok: true });
  });
});
