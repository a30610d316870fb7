// The OpenSSF model-signing tools (PyPI `model-signing`, Apache-2.0) in a venv under .cache/, for the signing interop
// suite: what we sign their verifier must accept, and what their signer writes we must verify. The 1.1.1 wheel
// imports pyOpenSSL without declaring it, so it is installed beside it; boto3 downloads a version as another tool would.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const root = fileURLToPath(new URL("../..", import.meta.url));
const run = promisify(execFile);
export const MODEL_SIGNING_VERSION = "1.1.1";
/** rh-model-signing (Apache-2.0): the same tool with OCI image signing; its own venv (both install `model_signing`). */
export const RH_MODEL_SIGNING_VERSION = "1.0.5";
const venvOf = (tool: "model-signing" | "rh-model-signing") =>
  join(
    root,
    ".cache",
    `py-${tool}-${tool === "model-signing" ? MODEL_SIGNING_VERSION : RH_MODEL_SIGNING_VERSION}`,
  );
const bin = (name: string, tool: "model-signing" | "rh-model-signing" = "model-signing") =>
  join(venvOf(tool), "bin", name);

/** Makes a tool's venv once (pip from PyPI, about 30 s). */
export async function installModelSigning(
  tool: "model-signing" | "rh-model-signing" = "model-signing",
): Promise<void> {
  const home = venvOf(tool);
  if (existsSync(bin("model_signing", tool)) && existsSync(join(home, ".complete"))) return;
  await run(process.env.PYTHON ?? "python3", ["-m", "venv", home]);
  const version = tool === "model-signing" ? MODEL_SIGNING_VERSION : RH_MODEL_SIGNING_VERSION;
  await run(bin("python", tool), [
    "-m",
    "pip",
    "install",
    "--quiet",
    "--disable-pip-version-check",
    `${tool}==${version}`,
    "pyOpenSSL",
    "boto3",
  ]);
  await run("touch", [join(home, ".complete")]);
}

/** Runs `model_signing <args>` of a tool: its exit code and what it printed. */
export async function modelSigning(
  args: string[],
  tool: "model-signing" | "rh-model-signing" = "model-signing",
  env: Record<string, string> = {},
): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(bin("model_signing", tool), args, {
      timeout: 120_000,
      env: { ...process.env, ...env },
    });
    return { code: 0, output: `${stdout}${stderr}` };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : 1, output: `${e.stdout ?? ""}${e.stderr ?? ""}` };
  }
}

/** Downloads every object under `s3://bucket/prefix/` into `dir` with boto3, as a user of another tool would. */
export async function boto3Download(
  store: { endpoint: string; accessKeyId: string; secretAccessKey: string },
  bucket: string,
  prefix: string,
  dir: string,
): Promise<void> {
  const script = `
import os, sys, boto3
endpoint, bucket, prefix, target = sys.argv[1:5]
s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
pages = s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix + "/")
for page in pages:
    for item in page.get("Contents", []):
        path = os.path.join(target, item["Key"][len(prefix) + 1:])
        os.makedirs(os.path.dirname(path), exist_ok=True)
        s3.download_file(bucket, item["Key"], path)
`;
  await run(bin("python"), ["-c", script, store.endpoint, bucket, prefix, dir], {
    env: {
      ...process.env,
      AWS_ACCESS_KEY_ID: store.accessKeyId,
      AWS_SECRET_ACCESS_KEY: store.secretAccessKey,
      AWS_EC2_METADATA_DISABLED: "true",
    },
    timeout: 120_000,
  });
}
