// Unreadable files and folders can only be made for a user other than root, so walkFiles runs here in a child
// process: as `nobody` when the suite runs as root (as CI does), else as the current user. It loads walkFiles bundled
// from the source into one file (the package's build bundles it into a shared chunk), in a folder that user can read.
import { execFileSync } from "node:child_process";
import { chmod, cp, mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";

const source = fileURLToPath(new URL("../../src/storage/walk-files.ts", import.meta.url));
const asRoot = process.getuid?.() === 0;
let base: string;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), "mr-perm-"));
  await build({
    entryPoints: [source],
    bundle: true,
    format: "esm",
    platform: "node",
    outfile: join(base, "lib", "walk-files.js"),
    logLevel: "warning",
  });
  await writeFile(join(base, "lib", "package.json"), '{ "type": "module" }');
  // The Node running the suite may sit where that user cannot go (CI's Node 22 lies in the checkout's .cache/).
  await cp(process.execPath, join(base, "node"));
  await chmod(join(base, "node"), 0o755);
  await chmod(base, 0o755);
});

/** The error walkFiles gives for `dir`, walked by an unprivileged user. */
function walkAsUser(dir: string): { name: string; message: string } {
  const script = `import { walkFiles } from ${JSON.stringify(join(base, "lib/walk-files.js"))};
walkFiles(process.argv[1]).then(() => console.log("{}"), (e) => console.log(JSON.stringify({ name: e.name, message: e.message })));`;
  const node = [join(base, "node"), "--input-type=module", "-e", script, dir];
  const [command, ...args] = asRoot ? ["runuser", "-u", "nobody", "--", ...node] : node;
  return JSON.parse(execFileSync(command as string, args, { encoding: "utf8" }));
}

async function modelDir(files: Record<string, string>): Promise<string> {
  const dir = join(base, `model-${Math.random().toString(36).slice(2)}`);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(dir, path, ".."), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  await chmod(dir, 0o755);
  return dir;
}

describe("walkFiles on files the user cannot read", () => {
  it("rejects an unreadable file, naming it", async () => {
    const dir = await modelDir({ "ok.bin": "o", "secret.bin": "s" });
    await chmod(join(dir, "ok.bin"), 0o644);
    await chmod(join(dir, "secret.bin"), 0o000);
    expect(walkAsUser(dir)).toEqual({
      name: "ConfigError",
      message: expect.stringContaining(`File "${join(dir, "secret.bin")}" cannot be read`),
    });
  });

  it("rejects an unreadable directory, naming it", async () => {
    const dir = await modelDir({ "ok.bin": "o", "locked/w.bin": "w" });
    await chmod(join(dir, "ok.bin"), 0o644);
    await chmod(join(dir, "locked"), 0o000);
    expect(walkAsUser(dir)).toEqual({
      name: "ConfigError",
      message: expect.stringContaining(`Cannot read directory "${join(dir, "locked")}"`),
    });
  });
});
