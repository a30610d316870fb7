// mr-cli register --to oci://… against the stack's registry: credentials from a container auth file, the JSON result
// with the image's digest, unchanged on a re-run, a dry run, download and verify, the KServe manifest's oci:// storage
// URI, and the exit codes of refused credentials and of S3 flags beside --to.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { json, mrCli } from "../support/cli.js";
import { tempDir, writeTree } from "../support/model-files.js";
import { stackEnv, stackSetting } from "../support/stack-env.js";
import { uniqueName } from "../support/unique.js";

let home: string;
let model: string;
const env = () => ({
  HOME: home,
  MR_CLI_CONFIG: join(home, "mr-cli.yaml"),
  REGISTRY_AUTH_FILE: join(home, "auth.json"),
});
const cli = (args: string[], extra: Record<string, string> = {}) => mrCli(args, { ...env(), ...extra });

beforeAll(async () => {
  home = await tempDir("mr-cli-oci-home-");
  const auth = Buffer.from(`${stackSetting("OCI_USERNAME")}:${stackSetting("OCI_PASSWORD")}`).toString(
    "base64",
  );
  writeFileSync(
    join(home, "auth.json"),
    JSON.stringify({ auths: { [stackSetting("OCI_REGISTRY")]: { auth } } }),
  );
  model = await tempDir();
  await writeTree(model, { "1/model.onnx": "onnx", "README.md": "# model card" });
});

describe.runIf(stackEnv().OCI_REGISTRY !== undefined)("mr-cli register --to oci://", () => {
  it("registers a modelcar, re-runs unchanged, plans, downloads, verifies and emits a KServe manifest", async () => {
    const name = uniqueName("cli-oci");
    const to = `oci://${stackSetting("OCI_REGISTRY")}/models/${name}`;
    const args = ["register", model, "--name", name, "--version", "v1", "--to", to, "--format", "onnx"];
    const first = json<{ status: string; uri: string; image: { digest: string; layers: number } }>(
      await cli([...args, "--json"]),
    );
    expect(first).toMatchObject({ status: "created", uri: `${to}:v1`, image: { layers: 1 } });
    const again = await cli(args);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^unchanged:/m);
    expect(again.stdout).toMatch(
      new RegExp(`^image:\\s+${first.image.digest}, 1 model layer; sent 0 blobs, 0 bytes$`, "m"),
    );
    const plan = json<{ status: string; files: { count: number } }>(
      await cli([...args, "--dry-run", "--json"]),
    );
    expect(plan).toMatchObject({ status: "unchanged", files: { count: 2 } });
    // The layer plan is shown before anything is pushed.
    const bounded = await cli([...args, "--version", "v9", "--max-layers", "7", "--dry-run"]);
    expect(bounded.stdout).toMatch(/storage layers:\s+1 \(0 of one file, 1 packed\)/);
    expect(bounded.stdout).toMatch(/storage max layers:\s+7 \(asked for\)/);
    const target = await tempDir("cli-oci-download-");
    const downloaded = json<{ ok: boolean }>(await cli(["download", name, "v1", target, "--json"]));
    expect(downloaded.ok).toBe(true);
    expect((await cli(["verify", name, "v1"])).code).toBe(0);
    const emitted = await cli(["deploy", name, "v1", "--emit", "kserve", "--namespace", "ml"]);
    expect(emitted.code).toBe(0);
    expect(parse(emitted.stdout).spec.predictor.model.storageUri).toBe(`${to}:v1`);
  });

  it("exits 5 without credentials, 2 for a missing auth file, S3 flags beside --to or OCI flags without it", async () => {
    const name = uniqueName("cli-oci-denied");
    const to = `oci://${stackSetting("OCI_REGISTRY")}/models/${name}`;
    const denied = await cli(["register", model, "--name", name, "--version", "v1", "--to", to], {
      REGISTRY_AUTH_FILE: join(home, "missing.json"),
    });
    expect(denied.code).toBe(2);
    expect(denied.stderr).toMatch(
      /REGISTRY_AUTH_FILE names .*missing\.json, which cannot be read \(ENOENT\)/,
    );
    const anonymous = await cli(["register", model, "--name", name, "--version", "v1", "--to", to], {
      REGISTRY_AUTH_FILE: "",
    });
    expect(anonymous.code).toBe(5);
    expect(anonymous.stderr).toMatch(
      /no credentials were found for this registry in the container auth files/,
    );
    // A registry that lets anyone pull but not push: refused before any record is created.
    const pullOnly = `oci://${stackSetting("OCI_TOKEN_REGISTRY")}/models/${name}`;
    const refused = await cli(["register", model, "--name", name, "--version", "v1", "--to", pullOnly], {
      REGISTRY_AUTH_FILE: "",
    });
    expect(refused.code).toBe(5);
    expect(json<unknown[]>(await cli(["list", "models", "--filter", `name = "${name}"`, "--json"]))).toEqual(
      [],
    );
    const mixed = await cli([
      "register",
      model,
      "--name",
      name,
      "--version",
      "v1",
      "--to",
      to,
      "--bucket",
      "b",
    ]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/--bucket sets S3 storage; --to pushes to an OCI registry instead/);
    const lone = await cli([
      "register",
      model,
      "--name",
      name,
      "--version",
      "v1",
      "--base-image",
      "oci://x/y:1",
    ]);
    expect(lone.code).toBe(2);
    expect(lone.stderr).toMatch(/--base-image needs --to/);
  });
});
