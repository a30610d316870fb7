// A real Jupyter for the notebook tests, kept entirely under .cache: a Python virtual environment with nbclient
// (what `jupyter nbconvert --execute` runs) and ipykernel from PyPI, Deno's kernel installed by
// `deno jupyter --install`, and tslab's Node kernel installed from npm. Every step is idempotent and cached; nothing
// outside the repository's .cache is touched (the Jupyter, IPython and XDG data directories all point into it).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const CACHE = join(ROOT, ".cache");
/** The Jupyter venv; its bin folder is the only thing on PATH for notebooks run without Node. */
export const VENV = join(CACHE, "jupyter-venv");
const HOME = join(CACHE, "jupyter");
const OUT = join(CACHE, "notebooks");
const PYTHON = join(VENV, "bin", "python");

/** Pinned, so every run executes the notebooks with the same Jupyter. */
export const JUPYTER_REQUIREMENTS = [
  "nbclient==0.11.0",
  "nbformat==5.11.1",
  "ipykernel==7.4.0",
  "jupyter_client==8.10.0",
];
export const TSLAB_VERSION = "1.0.22";

/** The environment every Jupyter process of the tests runs with. */
export function jupyterEnv(extra: Record<string, string> = {}): Record<string, string> {
  const data = join(HOME, "xdg");
  return {
    ...(process.env as Record<string, string>),
    // `deno jupyter --install` writes to $XDG_DATA_HOME/jupyter/kernels; Jupyter reads JUPYTER_DATA_DIR.
    XDG_DATA_HOME: data,
    JUPYTER_DATA_DIR: join(data, "jupyter"),
    JUPYTER_CONFIG_DIR: join(HOME, "config"),
    JUPYTER_RUNTIME_DIR: join(HOME, "runtime"),
    JUPYTER_PLATFORM_DIRS: "1",
    IPYTHONDIR: join(HOME, "ipython"),
    PATH: [join(VENV, "bin"), process.env.PATH].join(":"),
    NO_COLOR: "1",
    ...extra,
  };
}

function run(command: string, args: string[], env = jupyterEnv(), cwd = ROOT): string {
  return execFileSync(command, args, { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** Creates the virtual environment and installs the pinned Jupyter packages, unless that was done already. */
export function ensureJupyter(): void {
  const marker = join(VENV, ".model-registry-requirements");
  const wanted = JUPYTER_REQUIREMENTS.join("\n");
  if (existsSync(marker) && readFileSync(marker, "utf8") === wanted) return;
  if (!existsSync(PYTHON)) run(process.env.PYTHON ?? "python3", ["-m", "venv", VENV]);
  run(PYTHON, ["-m", "pip", "install", "--quiet", ...JUPYTER_REQUIREMENTS]);
  writeFileSync(marker, wanted);
}

/** Installs (again: the kernelspec names this checkout's deno binary) Deno's kernel as `deno`. */
export function installDenoKernel(): void {
  run(join(ROOT, "node_modules", ".bin", "deno"), ["jupyter", "--install", "--force"]);
}

/** The tslab command: the project's own if it has one, else one installed from npm into .cache/tslab. Its kernelspec
 * goes into the virtual environment. */
export function installTslabKernel(): string {
  let tslab = join(ROOT, "node_modules", ".bin", "tslab");
  if (!existsSync(tslab)) {
    const prefix = join(CACHE, "tslab");
    tslab = join(prefix, "node_modules", ".bin", "tslab");
    const installed = join(prefix, "node_modules", "tslab", "package.json");
    if (!existsSync(installed) || JSON.parse(readFileSync(installed, "utf8")).version !== TSLAB_VERSION) {
      mkdirSync(prefix, { recursive: true });
      run("npm", ["install", "--prefix", prefix, "--no-audit", "--no-fund", `tslab@${TSLAB_VERSION}`]);
    }
  }
  run(tslab, ["install", `--python=${PYTHON}`, "--sys-prefix", `--binary=${tslab}`]);
  return tslab;
}

/** A folder where `import … from "model-registry"` finds this checkout, as it would find an installed package: its
 * node_modules/model-registry holds links to the checkout's package.json and dist/ (not to the checkout itself,
 * which holds this folder: no link cycles for tools that walk the tree). */
export function packageRunDir(name: string): string {
  const dir = join(OUT, name);
  const pkg = join(dir, "node_modules", "model-registry");
  rmSync(pkg, { force: true, recursive: true });
  mkdirSync(pkg, { recursive: true });
  symlinkSync(join(ROOT, "package.json"), join(pkg, "package.json"));
  symlinkSync(join(ROOT, "dist"), join(pkg, "dist"), "dir");
  return dir;
}

export interface Output {
  output_type: "stream" | "display_data" | "execute_result" | "error" | "update_display_data";
  name?: string;
  text?: string | string[];
  data?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
}

export interface Cell {
  cell_type: "code" | "markdown" | "raw";
  source: string | string[];
  execution_count?: number | null;
  outputs?: Output[];
}

export interface Notebook {
  cells: Cell[];
  metadata: { kernelspec?: { name: string } };
}

export const text = (value: unknown): string => (Array.isArray(value) ? value.join("") : String(value ?? ""));

export interface ExecuteOptions {
  /** Where the kernel runs (the notebook is copied there first). Default: the notebook's own folder. */
  cwd?: string | undefined;
  env?: Record<string, string> | undefined;
  timeoutSeconds?: number | undefined;
}

// nbclient, executing a notebook in the kernel its metadata names, with one addition: it also takes a cell's
// messages that arrive just after the kernel reported idle. Deno's kernel (2.9) sometimes publishes a cell's
// execute_result a fraction of a millisecond after its `status: idle` (seen in about 1 in 10 to 1 in 60 cells with
// a raw jupyter_client), and nbclient, like nbconvert, stops listening at idle and loses that output.
const RUNNER = `
import queue, sys
import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionComplete, CellExecutionError
from nbclient.util import ensure_async

source, target, cwd, timeout, grace = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5])

class Client(NotebookClient):
    async def _async_poll_output_msg(self, parent_msg_id, cell, cell_index):
        await super()._async_poll_output_msg(parent_msg_id, cell, cell_index)
        while grace > 0:
            try:
                msg = await ensure_async(self.kc.iopub_channel.get_msg(timeout=grace))
            except queue.Empty:
                return
            if msg["parent_header"].get("msg_id") == parent_msg_id:
                try:
                    self.process_message(msg, cell, cell_index)
                except CellExecutionComplete:
                    pass

nb = nbformat.read(source, as_version=4)
client = Client(nb, timeout=timeout, resources={"metadata": {"path": cwd}})
try:
    client.execute()
except CellExecutionError as error:
    print(error, file=sys.stderr)
    sys.exit(1)
finally:
    nbformat.write(nb, target)
`;

/**
 * Executes a notebook with nbclient in the kernel its metadata names and returns the executed notebook (written to
 * .cache/notebooks, also when a cell fails; the committed file is not touched). nbclient stops at the first cell
 * that fails, and then this throws with Jupyter's report of that cell.
 */
export function executeNotebook(notebook: string, options: ExecuteOptions = {}): Notebook {
  const cwd = options.cwd ?? dirname(notebook);
  const input = join(cwd, basename(notebook));
  if (input !== notebook) writeFileSync(input, readFileSync(notebook));
  const output = join(OUT, `${basename(notebook, ".ipynb")}.executed.ipynb`);
  mkdirSync(OUT, { recursive: true });
  const kernel = (JSON.parse(readFileSync(input, "utf8")) as Notebook).metadata.kernelspec?.name;
  const grace = kernel === "deno" ? "0.2" : "0";
  const timeout = String(options.timeoutSeconds ?? 300);
  try {
    run(PYTHON, ["-c", RUNNER, input, output, cwd, timeout, grace], jupyterEnv(options.env), cwd);
  } catch (error) {
    const stderr = text((error as { stderr?: unknown }).stderr);
    throw new Error(
      `${basename(notebook)} failed (executed copy: ${output}):\n${stderr.split("\n").slice(-40).join("\n")}`,
    );
  }
  return JSON.parse(readFileSync(output, "utf8")) as Notebook;
}

/** The code cells, with their index among all cells. */
export const codeCells = (nb: Notebook) =>
  nb.cells.flatMap((cell, index) => (cell.cell_type === "code" ? [{ index, cell }] : []));

/** Error outputs. (A cell that fails stops nbconvert, so executeNotebook has thrown already; this also catches
 * errors a kernel reports as output only. tslab reports no execution counts, so those are not checked.) */
export function problems(nb: Notebook): string[] {
  return codeCells(nb).flatMap(({ index, cell }) =>
    (cell.outputs ?? [])
      .filter((o) => o.output_type === "error")
      .map((o) => `cell ${index}: ${o.ename}: ${o.evalue}`),
  );
}

/** The rich outputs of a cell (display_data and execute_result). */
export const richOutputs = (cell: Cell) =>
  (cell.outputs ?? []).filter((o) => o.output_type === "display_data" || o.output_type === "execute_result");

/** The first code cell whose source contains `marker`. */
export function cellWith(nb: Notebook, marker: string): Cell {
  const found = codeCells(nb).find(({ cell }) => text(cell.source).includes(marker));
  if (!found) throw new Error(`no cell contains ${JSON.stringify(marker)}`);
  return found.cell;
}
