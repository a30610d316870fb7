// The official Python client (PyPI `model-registry`), one venv per version under .cache/, for the interop suite.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const root = fileURLToPath(new URL("../..", import.meta.url));
const SCRIPT = join(root, "test", "interop", "python_client.py");
const run = promisify(execFile);
const pythonOf = (version: string) => join(root, ".cache", `py-model-registry-${version}`, "bin", "python");

/** The venv of `model-registry==<version>` under .cache/, made once (pip from PyPI, about 30 s). */
export async function installPythonClient(version: string): Promise<void> {
  const python = pythonOf(version);
  if (existsSync(python)) return;
  await run(process.env.PYTHON ?? "python3", ["-m", "venv", join(python, "..", "..")]);
  await run(python, [
    "-m",
    "pip",
    "install",
    "--quiet",
    "--disable-pip-version-check",
    `model-registry[boto3]==${version}`,
  ]);
}

/** What the Python client reads: its own field names, custom properties as it decodes them. */
type PythonEntity = Record<string, unknown> & { custom_properties: Record<string, unknown> };
export interface PythonView {
  model: PythonEntity;
  /** Per version name: the version, its model artifact, and the objects under the artifact's s3:// URI (path
   * relative to the URI: size in bytes), listed with boto3. */
  versions: Record<string, { version: PythonEntity; artifact: PythonEntity; files: Record<string, number> }>;
}

/** A runner of test/interop/python_client.py with `model-registry==<version>` (see installPythonClient). */
export function pythonClient(version: string) {
  return async (args: string[], env: Record<string, string> = {}): Promise<PythonView> => {
    const { stdout } = await run(pythonOf(version), [SCRIPT, ...args], {
      env: { ...process.env, ...env, PYTHONWARNINGS: "ignore" },
      maxBuffer: 16 * 1024 * 1024,
      timeout: 120_000,
    });
    return JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as PythonView;
  };
}
