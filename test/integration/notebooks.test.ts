// The example notebooks, executed for real: Jupyter (nbconvert/nbclient) from PyPI in .cache/jupyter-venv, Deno's
// kernel from `deno jupyter --install`, tslab's Node kernel, and ipykernel, against the local stack. The first run
// installs them (about half a minute); later runs reuse .cache. Executed copies go to .cache/notebooks; the
// committed notebooks carry no outputs. `npm test` builds dist/ first, which is what the notebooks import.
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { VERSION } from "../../src/index.js";
import {
  type Cell,
  cellWith,
  codeCells,
  ensureJupyter,
  executeNotebook,
  installDenoKernel,
  installTslabKernel,
  type Notebook,
  packageRunDir,
  problems,
  ROOT,
  richOutputs,
  text,
  VENV,
} from "../support/jupyter.js";
import { systemBinWithoutNode } from "../support/no-node.js";
import { stackEnv } from "../support/stack-env.js";
import { uniqueName } from "../support/unique.js";

const NOTEBOOKS = join(ROOT, "examples", "notebooks");
const MINUTE = 60_000;

/** The text/html of a cell's rich outputs. */
const htmlOf = (cell: Cell) => richOutputs(cell).map((o) => text(o.data?.["text/html"]));

/** Every HTML output of the SDK's views comes with text/plain and application/json fallbacks. */
function sdkViews(nb: Notebook) {
  return nb.cells.flatMap((cell) =>
    richOutputs(cell).filter((o) => text(o.data?.["text/html"]).includes("var(--jp-border-color2")),
  );
}

describe("the example notebooks, executed by Jupyter against the local stack", () => {
  beforeAll(() => {
    ensureJupyter();
    installDenoKernel();
  }, 10 * MINUTE);

  it(
    "mnist-deno.ipynb (Deno's kernel): trains on MNIST, registers ONNX v1 and v2 with one live progress display each, lists, deploys with its KServe manifest, undeploys, and the deployed version reads a digit",
    () => {
      const modelName = uniqueName("mnist-notebook");
      const nb = executeNotebook(join(NOTEBOOKS, "mnist-deno.ipynb"), {
        env: { ...stackEnv(), MODEL_NAME: modelName },
      });
      expect(problems(nb)).toEqual([]);
      // every cell shows what it should: nothing lost, no wall of progress lines (the two cells with 2 outputs print
      // a line after a display, or display() a card before the cell's value)
      expect(codeCells(nb).map(({ cell }) => cell.outputs?.length)).toEqual([
        1, 1, 1, 1, 1, 1, 1, 1, 2, 1, 1, 2, 1, 0,
      ]);

      for (const version of ["v1", "v2"]) {
        // the progress display was updated in place into the result card: one output, not a wall of lines
        const register = cellWith(nb, `version: "${version}"`);
        expect(richOutputs(register)).toHaveLength(1);
        expect(htmlOf(register)[0]).toMatch(new RegExp(`<strong>${version}</strong>.*created.*registered`));
        // the plain s3:// uri, and where the store is beside it
        expect(htmlOf(register)[0]).toMatch(new RegExp(`>s3://[^<?]+/${version}/</td>`));
        expect(htmlOf(register)[0]).toMatch(/>store<\/td><td[^>]*>http:\/\/[^<]+, region [^<]+<\/td>/);
      }
      expect(htmlOf(cellWith(nb, "versions(v2.registeredModel.id).list()"))[0]).toContain("2 model versions");
      expect(htmlOf(cellWith(nb, "const [artifact]"))[0]).toMatch(/model artifact.*model_manifest_sha256/s);
      expect(text(cellWith(nb, "verifyModel").outputs?.at(-1)?.text)).toContain(
        "all 2 files match the manifest",
      );
      expect(text(cellWith(nb, "const accuracyV2").outputs?.[0]?.text)).toMatch(
        /test accuracy: v1 0\.8\d+, v2 0\.9\d+/,
      );
      expect(htmlOf(cellWith(nb, "createEnvironment: true"))[0]).toMatch(/inference service.*>DEPLOYED</s);
      const manifest = text(cellWith(nb, "mr.kserveManifest(").outputs?.[0]?.text);
      expect(manifest).toContain("kind: InferenceService");
      expect(manifest).toMatch(/modelregistry\.kubeflow\.org\/inference-service-id: "\d+"/);
      expect(manifest).toMatch(/storageUri: s3:\/\/[^?\s]+\/v2\/\n/);
      // the deployed version, downloaded by name and verified, reads the test set's first 7
      const reading = htmlOf(cellWith(nb, "mr.downloadModel("))[0];
      expect(reading).toContain("<svg");
      expect(reading).toMatch(/downloaded and verified: .* v2 predicts <strong>7<\/strong>/);
      const undeploy = htmlOf(cellWith(nb, "UNDEPLOYED"));
      expect(undeploy[0]).toContain(">UNDEPLOYED<"); // the card shown by display()
      // the listing at the end of the cell: the environment's services (earlier runs' too), this one UNDEPLOYED
      expect(undeploy[1]).toMatch(
        new RegExp(`inference service.*${modelName}-v2</td><td[^>]*>UNDEPLOYED<`, "s"),
      );

      const views = sdkViews(nb);
      expect(views.length).toBeGreaterThanOrEqual(7);
      for (const view of views) {
        expect(text(view.data?.["text/plain"])).not.toBe("");
        if (view.output_type === "execute_result") expect(view.data?.["application/json"]).toBeDefined();
      }
    },
    5 * MINUTE,
  );

  it(
    "quickstart-node.ipynb (tslab's Node kernel): registers with progress and shows cards and tables through display()",
    () => {
      installTslabKernel();
      const nb = executeNotebook(join(NOTEBOOKS, "quickstart-node.ipynb"), {
        cwd: packageRunDir("tslab-run"), // where `import "model-registry"` finds this checkout, as if installed
        env: { ...stackEnv(), MODEL_NAME: uniqueName("quickstart-notebook") },
      });
      expect(problems(nb)).toEqual([]); // tslab reports no execution counts; nbconvert failed on any error
      const register = cellWith(nb, "await notebookProgress(");
      expect(richOutputs(register)).toHaveLength(1);
      expect(htmlOf(register)[0]).toContain("registered");
      expect(htmlOf(cellWith(nb, "display(registered.modelVersion"))[0]).toContain("model version");
      expect(htmlOf(cellWith(nb, "versions(registered.registeredModel.id)"))[0]).toContain("1 model version");
      expect(htmlOf(cellWith(nb, "filter.eq("))[0]).toContain("1 registered model");
    },
    5 * MINUTE,
  );

  it.runIf(stackEnv().MODEL_CATALOG_URL !== undefined)(
    "catalog-node.ipynb (tslab): a catalog search as a table, a model's card with its metrics, registered from the catalog",
    () => {
      installTslabKernel();
      const nb = executeNotebook(join(NOTEBOOKS, "catalog-node.ipynb"), {
        cwd: packageRunDir("tslab-run"),
        env: { ...stackEnv(), MODEL_NAME: uniqueName("catalog-notebook") },
      });
      expect(problems(nb)).toEqual([]);
      const search = htmlOf(cellWith(nb, "catalog.models.list("))[0];
      expect(search).toContain("2 catalog models");
      expect(search).toContain("acme/digits-onnx");
      const card = htmlOf(cellWith(nb, "catalog.models.describe("))[0];
      expect(card).toContain("catalog model");
      expect(card).toContain("Apache 2.0");
      expect(card).toContain("image-classification");
      expect(card).toContain("oci://quay.io/acme/digits-onnx:1.0");
      expect(card).toMatch(/accuracy-metrics.*accuracy 0\.918/s);
      expect(htmlOf(cellWith(nb, "mr.registerFromCatalog("))[0]).toContain("registered");
      const servers = htmlOf(cellWith(nb, "catalog.mcpServers.list("))[0];
      expect(servers).toContain("3 catalog mcp servers");
      expect(servers).toContain("bucket-tools");
      const server = htmlOf(cellWith(nb, "catalog.mcpServers.get("))[0];
      expect(server).toContain("catalog mcp server");
      expect(server).toContain("list_versions");
      expect(htmlOf(cellWith(nb, "catalog.skills.get("))[0]).toContain("communityContributed");
    },
    5 * MINUTE,
  );

  // The notebook pip-installs the wheel of mr-cli-ts (built here as `npm run build:python` does) into the kernel's
  // venv, and runs with that venv and the system's commands on PATH, but no node anywhere.
  it(
    "from-python.ipynb (ipykernel): pip-installs mr-cli-ts, registers and lists models with mr_cli(...), no node on PATH",
    () => {
      const out = mkdtempSync(join(tmpdir(), "mr-cli-ts-wheel-"));
      const wheel = execFileSync(
        process.execPath,
        [join(ROOT, "scripts", "build-python.mjs"), "--out", out],
        {
          encoding: "utf8",
        },
      ).trim();
      // An earlier run's install of the same version would make the notebook's %pip install a no-op.
      execFileSync(join(VENV, "bin", "python"), ["-m", "pip", "uninstall", "--quiet", "--yes", "mr-cli-ts"]);
      const PATH = [join(VENV, "bin"), systemBinWithoutNode()].join(":");
      // The image has a shell and no node; SHELL as CI has it (unset), so `%pip` finds `sh` on this PATH.
      expect(() => execFileSync("/bin/sh", ["-c", "command -v node"], { env: { PATH } })).toThrow();
      const nb = executeNotebook(join(NOTEBOOKS, "from-python.ipynb"), {
        env: {
          SHELL: "sh",
          ...stackEnv(),
          MODEL_NAME: uniqueName("python-notebook"),
          MR_CLI_WHEEL: wheel,
          PATH,
        },
      });
      expect(problems(nb)).toEqual([]);
      const registered = text(richOutputs(cellWith(nb, 'v2 = register("v2"'))[0]?.data?.["text/plain"]);
      expect(registered).toMatch(/'v1': \('created',\s+'s3:\/\/[^'?]*\/v1\/'\)/);
      expect(text(richOutputs(cellWith(nb, "again = register"))[0]?.data?.["text/plain"])).toBe(
        "'unchanged'",
      );
      // (Node may add its warning that vitest's FORCE_COLOR overrides the tests' NO_COLOR, before or after)
      // The shell's stdout and stderr may arrive as separate stream outputs, in either order: read them all.
      const versionLines = (cellWith(nb, "!mr-cli --version").outputs ?? [])
        .map((output) => text(output.text))
        .join("\n")
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line !== "" && !/warning/i.test(line));
      expect(versionLines).toEqual([VERSION]);
      expect(htmlOf(cellWith(nb, 'versions = mr_cli("list"'))[0]).toMatch(/<td>v1<\/td>.*<td>v2<\/td>/s);
      expect(text(cellWith(nb, "best = min").outputs?.[0]?.text)).toMatch(/best: v2 .* stored at s3:\/\//);
      expect(text(cellWith(nb, "except MrCliError").outputs?.[0]?.text)).toMatch(/^3 .*does-not-exist/);
    },
    5 * MINUTE,
  );
});
