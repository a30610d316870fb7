// Where stack:up finds the v1 server's source: MR_STACK_V1_SRC, else an archive in ../shared/upstream/, else nowhere.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const lib = fileURLToPath(new URL("../../../stack/lib.sh", import.meta.url));

/** A checkout (only stack/lib.sh) in a fresh folder, optionally with ../shared/upstream/<archive> beside it. */
function layout(archive?: string) {
  const base = mkdtempSync(join(tmpdir(), "mr-v1src-"));
  mkdirSync(join(base, "repo", "stack"), { recursive: true });
  copyFileSync(lib, join(base, "repo", "stack", "lib.sh"));
  if (archive) {
    mkdirSync(join(base, "shared", "upstream"), { recursive: true });
    writeFileSync(join(base, "shared", "upstream", archive), "");
  }
  return base;
}

const v1Source = (base: string, env: Record<string, string> = {}) =>
  spawnSync("bash", ["-c", `source "${join(base, "repo", "stack", "lib.sh")}" && v1_source`], {
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", ...env },
  });

describe("v1_source", () => {
  it("finds the archive in ../shared/upstream/ beside the checkout", () => {
    const base = layout("model-registry-server-src-abc.tar.gz");
    const found = v1Source(base);
    expect(found.status).toBe(0);
    expect(found.stdout.trim()).toBe(
      join(base, "shared", "upstream", "model-registry-server-src-abc.tar.gz"),
    );
  });

  it("prefers MR_STACK_V1_SRC, and refuses one that does not exist", () => {
    const base = layout("a.tar.gz");
    const checkout = mkdtempSync(join(tmpdir(), "mr-hub-"));
    expect(v1Source(base, { MR_STACK_V1_SRC: checkout }).stdout.trim()).toBe(checkout);
    const missing = v1Source(base, { MR_STACK_V1_SRC: "/no/such/checkout" });
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toMatch(/MR_STACK_V1_SRC=\/no\/such\/checkout does not exist/);
  });

  it("fails quietly when there is no source at all, so stack:up can say so and run the rest", () => {
    const none = v1Source(layout());
    expect(none.status).not.toBe(0);
    expect(none.stdout).toBe("");
  });
});
