// The official Python client (PyPI `model-registry`), one venv per version under .cache/, for the interop suite.
import { execFile, execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const root = fileURLToPath(new URL("../..", import.meta.url));
const SCRIPT = join(root, "test", "interop", "python_client.py");
const run = promisify(execFile);

/** A runner of test/interop/python_client.py with `model-registry==<version>` (installed once). */
export function pythonClient(version: string) {
  const venv = join(root, ".cache", `py-model-registry-${version}`);
  const python = join(venv, "bin", "python");
  if (!existsSync(python)) {
    execFileSync(process.env.PYTHON ?? "python3", ["-m", "venv", venv]);
    execFileSync(
      python,
      ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", `model-registry[boto3]==${version}`],
      {
        stdio: ["ignore", "ignore", "inherit"],
      },
    );
  }
  return async (args: string[], env: Record<string, string> = {}): Promise<PythonView> => {
    const { stdout } = await run(python, [SCRIPT, ...args], {
      env: { ...process.env, ...env, PYTHONWARNINGS: "ignore" },
      maxBuffer: 16 * 1024 * 1024,
      timeout: 120_000,
    });
    return JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as PythonView;
  };
}

/** What the Python client reads: its own field names, custom properties as it decodes them. */
export interface PythonView {
  model: Record<string, unknown> & { custom_properties: Record<string, unknown> };
  version: Record<string, unknown> & { custom_properties: Record<string, unknown> };
  artifact: Record<string, unknown> & { custom_properties: Record<string, unknown> };
}
