// crane (go-containerregistry), the OCI suites' independent client: built once by the stack's build script, logged in
// to the stack's registries in a config folder of its own; and the SHA-256 of every file of a folder, to compare what
// crane exports of an image with the folder pushed.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { stackSetting } from "./stack-env.js";

const ROOT = new URL("../..", import.meta.url).pathname;

/** crane, logged in to `hosts` with the stack's OCI credentials. */
export function craneClient(hosts: string[]) {
  const binary = execFileSync("bash", [join(ROOT, "stack/build.sh"), "crane"], { encoding: "utf8" }).trim();
  const env = { ...process.env, DOCKER_CONFIG: mkdtempSync(join(tmpdir(), "crane-config-")) };
  const run = (args: string[]) =>
    execFileSync(binary, args, { encoding: "utf8", env, maxBuffer: 512 * 1024 * 1024 });
  for (const host of hosts)
    run(["auth", "login", host, "-u", stackSetting("OCI_USERNAME"), "-p", stackSetting("OCI_PASSWORD")]);
  return {
    binary,
    /** The environment crane runs with (its DOCKER_CONFIG), for scripts that call it. */
    env,
    run,
    /** The image's `/models` as `crane export` flattens it, unpacked into a fresh folder. */
    exported(reference: string): string {
      const dir = mkdtempSync(join(tmpdir(), "crane-export-"));
      run(["export", reference, join(dir, "fs.tar")]);
      execFileSync("tar", ["-xf", join(dir, "fs.tar"), "-C", dir]);
      return join(dir, "models");
    },
  };
}

/** Every file under `root`, relative path → SHA-256. */
export async function fileDigests(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out[relative(root, path)] = createHash("sha256")
      .update(await readFile(path))
      .digest("hex");
  }
  return out;
}
