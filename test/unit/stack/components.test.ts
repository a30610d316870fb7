// Which components stack:up starts: those named and what they need, in start order, or all of them.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const lib = fileURLToPath(new URL("../../../stack/lib.sh", import.meta.url));

const components = (...names: string[]) =>
  spawnSync("bash", ["-c", `source "${lib}" && stack_components "$@"`, "bash", ...names], {
    encoding: "utf8",
  });

describe("stack_components", () => {
  it("starts everything when nothing is named (npm test, the benchmarks)", () => {
    expect(components().stdout.trim()).toBe(
      "postgres server v1server gitd catalog moto versitygw seaweedfs oci tokensrv ocitoken etcd kube clusterdns mrcontroller",
    );
  });

  it("adds what a named component needs and starts it first: the demo's three start PostgreSQL before the server", () => {
    expect(components("moto", "server").stdout.trim()).toBe("postgres server moto");
    expect(components("catalog").stdout.trim()).toBe("postgres gitd catalog");
    expect(components("ocitoken").stdout.trim()).toBe("tokensrv ocitoken");
    expect(components("tokensrv").stdout.trim()).toBe("tokensrv ocitoken");
  });

  it("refuses a name it does not know, listing the components", () => {
    const result = components("postgres", "minio");
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(
      /no component named minio; the components are: postgres server .* ocitoken/,
    );
  });

  it("names, in npm run demo, just what the demo uses: PostgreSQL, the pinned server and moto", () => {
    const demo = readFileSync(new URL("../../../scripts/demo.sh", import.meta.url), "utf8");
    const names = /^bash stack\/up\.sh (.+)$/m.exec(demo)?.[1]?.split(" ") ?? [];
    expect(components(...names).stdout.trim()).toBe("postgres server moto");
  });

  it("writes to .stack/env only the settings of what is running: none when nothing runs", () => {
    const dir = mkdtempSync(join(tmpdir(), "mr-stack-env-"));
    const result = spawnSync(
      "bash",
      ["-c", `source "${lib}" && mkdir -p "$PID_DIR" && write_env && running_components && cat "$ENV_FILE"`],
      { encoding: "utf8", env: { PATH: process.env.PATH ?? "", MR_STACK_DIR: dir } },
    );
    expect(result.status).toBe(0);
    const lines = result.stdout.split("\n").filter((line) => line.trim() !== "");
    expect(lines.filter((line) => !line.startsWith("#"))).toEqual([]);
  });
});
