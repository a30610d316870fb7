// The comparison with the official Python client (PyPI `model-registry`, Apache-2.0): a venv in .cache/bench-venv
// (git-ignored), created and installed on first use; when that fails, the reason is returned and the comparison skipped.
// The client is pinned to the server's release (stack/server/go.mod): from 0.3.16 on it speaks /api/model_registry/v1,
// which the v1alpha3 server answers with 404.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

const PROBE =
  "import sys, boto3, importlib.metadata as m; print(sys.version.split()[0], m.version('model-registry'), boto3.__version__)";

/** @typedef {{ python: string, pythonVersion: string, clientVersion: string, boto3Version: string }} PythonClient */

/**
 * @param {string} root the repository root
 * @returns {PythonClient | { skipped: string }}
 */
export function preparePython(root) {
  const venv = join(root, ".cache/bench-venv");
  const python = join(venv, "bin/python");
  const pin = spawnSync("bash", [join(root, "stack/build.sh"), "pin"], { encoding: "utf8" });
  const version = /v(\d+\.\d+\.\d+)\s*$/.exec(pin.stdout ?? "")?.[1];
  if (!version) return { skipped: `cannot read the server's release from stack/build.sh pin: ${pin.stderr}` };
  const probe = () => spawnSync(python, ["-c", PROBE], { encoding: "utf8" });
  let found = existsSync(python) ? probe() : undefined;
  if (found?.status !== 0 || found.stdout.split(" ")[1] !== version) {
    const requirement = `model-registry[boto3]==${version}`;
    console.error(`[bench] installing ${requirement} into .cache/bench-venv …`);
    const steps = [
      ["python3", ["-m", "venv", venv]],
      [python, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", requirement]],
    ];
    for (const [command, args] of /** @type {[string, string[]][]} */ (steps)) {
      const run = spawnSync(command, args, { encoding: "utf8" });
      if (run.status !== 0) {
        const why = `${run.error?.message ?? ""}${run.stderr ?? ""}`.trim().split("\n").slice(-3).join(" | ");
        return { skipped: `${command} ${args.join(" ")} failed: ${why}` };
      }
    }
    found = probe();
    if (found.status !== 0)
      return { skipped: `the installed client does not import: ${found.stderr.trim()}` };
  }
  const [pythonVersion = "?", clientVersion = "?", boto3Version = "?"] = found.stdout.trim().split(" ");
  return { python, pythonVersion, clientVersion, boto3Version };
}

/**
 * The environment of a Python scenario: the client reads its S3 settings from AWS_*; point them at versitygw.
 * @param {Record<string, string>} stack the settings in .stack/env
 * @returns {NodeJS.ProcessEnv}
 */
export function pythonEnv(stack) {
  return {
    ...process.env,
    MODEL_REGISTRY_URL: stack.MODEL_REGISTRY_URL,
    AWS_S3_ENDPOINT: stack.VERSITYGW_S3_ENDPOINT,
    AWS_S3_BUCKET: stack.VERSITYGW_S3_BUCKET,
    AWS_ACCESS_KEY_ID: stack.VERSITYGW_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: stack.VERSITYGW_SECRET_ACCESS_KEY,
    AWS_DEFAULT_REGION: stack.AWS_DEFAULT_REGION ?? "us-east-1",
    PYTHONWARNINGS: "ignore", // "User access token is missing": expected against the local stack
  };
}
