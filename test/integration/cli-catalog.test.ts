// mr-cli catalog against the stack's catalog and registry: every subcommand in JSON and as a table, register with its
// JSON result and `unchanged` on a re-run, the catalog URL from a flag or a context, and the exit codes of a missing
// model and of no catalog configured. mr-cli info shows the catalog when one is configured.
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { json, mrCli } from "../support/cli.js";
import { tempDir } from "../support/model-files.js";
import { stackEnv } from "../support/stack-env.js";
import { uniqueName } from "../support/unique.js";

let home: string;
const isolated = () => ({ HOME: home, MR_CLI_CONFIG: join(home, "mr-cli.yaml") });

beforeAll(async () => {
  home = await tempDir("mr-cli-catalog-home-");
});

// On both generations of the catalog's API (the stack's catalog serves both), chosen by MODEL_CATALOG_API_VERSION.
describe.runIf(stackEnv().MODEL_CATALOG_URL !== undefined).each(["v1", "v1alpha1"] as const)(
  "mr-cli catalog, API %s",
  (apiVersion) => {
    const cli = (args: string[], env: Record<string, string | undefined> = {}) =>
      mrCli(args, { ...isolated(), MODEL_CATALOG_API_VERSION: apiVersion, ...env });

    it("lists sources and labels, as JSON and as a table", async () => {
      const sources = json<{ id: string; status: string }[]>(await cli(["catalog", "sources", "--json"]));
      expect(sources.map((s) => [s.id, s.status])).toEqual([
        ["stack_community", "available"],
        ["stack_demo", "available"],
      ]);
      const table = await cli(["catalog", "sources", "--order-by", "name", "--desc"]);
      expect(
        table.stdout
          .split("\n")
          .slice(0, 3)
          .map((l) => l.split(/\s+/)[0]),
      ).toEqual(["ID", "stack_demo", "stack_community"]);
      const labels = json<{ name: string }[]>(await cli(["catalog", "labels", "-o", "json"]));
      expect(labels.map((l) => l.name).sort()).toEqual(["Community", "Demo"]);
    });

    it("searches, filters and orders models", async () => {
      const names = async (args: string[]) =>
        json<{ name: string }[]>(await cli(["catalog", "models", ...args, "--json"])).map((m) => m.name);
      expect(await names(["--search", "digit"])).toEqual(["acme/digits-onnx"]);
      expect(await names(["--label", "Community"])).toEqual(["community/tiny-llm-1b"]);
      const all = ["acme/digits-onnx", "acme/sentiment-small", "community/tiny-llm-1b"];
      expect(await names(["--label", "Community", "--label", "Demo", "--order-by", "name"])).toEqual(all);
      expect(
        await names(["--source", "stack_community", "--source", "stack_demo", "--order-by", "name"]),
      ).toEqual(all);
      expect(await names(["--source", "stack_demo", "--order-by", "name", "--desc"])).toEqual([
        "acme/sentiment-small",
        "acme/digits-onnx",
      ]);
      expect(await names(["--filter", "license='MIT'"])).toEqual(["acme/sentiment-small"]);
      expect(await names(["--order-by", "recommended", "--target-rps", "5", "--limit", "2"])).toEqual([
        "acme/digits-onnx",
        "acme/sentiment-small",
      ]);
      const table = await cli(["catalog", "models", "--search", "tiny"]);
      expect(table.stdout).toMatch(/^SOURCE\s+NAME\s+PROVIDER\s+LICENSE\s+TASKS/);
      expect(table.stdout).toMatch(
        /stack_community\s+community\/tiny-llm-1b\s+Community\s+Apache 2.0\s+text-generation/,
      );
    });

    it("gets one model as a card or JSON, lists its artifacts and performance, and the filter options", async () => {
      const card = await cli(["catalog", "get", "stack_demo", "acme/digits-onnx"]);
      expect(card.code).toBe(0);
      expect(card.stdout).toMatch(/^license:\s+Apache 2.0 \(https:\/\/www\.apache\.org/m);
      expect(card.stdout).toMatch(/^readme:\s+Classifies 28×28 grayscale digits/m);
      const model = json<{ artifactCounts: Record<string, number> }>(
        await cli(["catalog", "get", "stack_demo", "acme/digits-onnx", "--json"]),
      );
      expect(model.artifactCounts["model-artifact"]).toBe(1);
      const artifacts = json<{ uri?: string }[]>(
        await cli([
          "catalog",
          "artifacts",
          "stack_community",
          "community/tiny-llm-1b",
          "--type",
          "model",
          "--json",
        ]),
      );
      expect(artifacts.map((a) => a.uri).sort()).toEqual([
        "https://models.example.com/community/tiny-llm-1b.tar.gz",
        "oci://quay.io/community/tiny-llm-1b:modelcar",
      ]);
      const perf = json<{ customProperties: Record<string, unknown> }[]>(
        await cli([
          "catalog",
          "artifacts",
          "stack_community",
          "community/tiny-llm-1b",
          "--performance",
          "--target-rps",
          "40",
          "--json",
        ]),
      );
      expect(perf.map((a) => a.customProperties.replicas).sort()).toEqual([2, 20]);
      const options = json<{ filters: Record<string, { type: string }> }>(
        await cli(["catalog", "filter-options", "--json"]),
      );
      expect(options.filters.provider?.type).toBe("string");
    });

    it("registers a catalog model (JSON with status), unchanged on a re-run; --dry-run changes nothing", async () => {
      const name = uniqueName("cli-catalog");
      const args = [
        "catalog",
        "register",
        "stack_demo",
        "acme/digits-onnx",
        "--version",
        "1.0",
        "--name",
        name,
      ];
      const plan = json<{ dryRun: boolean; status: string }>(await cli([...args, "--dry-run", "--json"]));
      expect(plan).toMatchObject({ dryRun: true, status: "created" });
      const first = json<{
        status: string;
        uri: string;
        modelArtifact: { modelSourceKind: string; modelSourceClass: string; modelSourceName: string };
      }>(await cli([...args, "--json", "--metadata", "ticket=ML-1"]));
      expect(first).toMatchObject({
        status: "created",
        uri: "oci://quay.io/acme/digits-onnx:1.0",
        modelArtifact: {
          modelSourceKind: "catalog",
          modelSourceClass: "stack_demo",
          modelSourceName: "acme/digits-onnx",
        },
      });
      const again = await cli(args);
      expect(again.code).toBe(0);
      expect(again.stdout).toMatch(new RegExp(`^unchanged:\\s+${name} 1\\.0`, "m"));
      expect(again.stdout).toMatch(
        /^from:\s+stack_demo acme\/digits-onnx \(oci:\/\/quay\.io\/acme\/digits-onnx:1\.0\)/m,
      );
      const other = await cli([...args.slice(0, 3), "acme/sentiment-small", ...args.slice(4)]);
      expect(other.code).toBe(4);
      expect(other.stderr).toMatch(/already registered at oci:\/\/quay\.io\/acme\/digits-onnx:1\.0/);
    });

    it("takes the catalog URL from --catalog-url or a context, and shows it in info", async () => {
      const url = stackEnv().MODEL_CATALOG_URL as string;
      const none = { MODEL_CATALOG_URL: "" };
      const missing = await cli(["catalog", "sources"], none);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/no model catalog configured: give --catalog-url/);
      expect((await cli(["catalog", "sources", "--catalog-url", url], none)).code).toBe(0);
      const context = uniqueName("ctx");
      const home2 = await tempDir("mr-cli-catalog-ctx-");
      const env2 = { ...none, HOME: home2, MR_CLI_CONFIG: join(home2, "mr-cli.yaml") };
      const saved = await mrCli(
        [
          "config",
          "set-context",
          context,
          "--url",
          stackEnv().MODEL_REGISTRY_URL as string,
          "--catalog-url",
          url,
          "--use",
        ],
        env2,
      );
      expect(saved.code).toBe(0);
      const info = json<{ catalog: { url: string; sources: { id: string; status: string }[] } }>(
        await mrCli(["info", "--json"], env2),
      );
      expect(info.catalog.url).toBe(url);
      expect(info.catalog.sources).toContainEqual({ id: "stack_demo", status: "available" });
      expect(info.catalog).toMatchObject({ apiVersion: "v1", apiVersionChosenBy: "probe" }); // auto: served
      const forced = json<{ catalog: { apiVersion: string; apiVersionChosenBy: string } }>(
        await cli(["info", "--json"]),
      );
      expect(forced.catalog).toMatchObject({ apiVersion, apiVersionChosenBy: "option" });
      const noCatalog = json<Record<string, unknown>>(await cli(["info", "--json"], none));
      expect(noCatalog.catalog).toBeNull();
      const bad = await cli(["info", "--catalog-url", "notaurl"], none);
      expect(bad.code).toBe(0);
      expect(bad.stdout).toMatch(/^registry:/m);
      expect(bad.stdout).toMatch(/^catalog:\s+--catalog-url is not a valid URL: "notaurl"/m);
      const contextUrl = await mrCli(["config", "set-context", "broken", "--url", "notaurl"], env2);
      expect(contextUrl.code).toBe(0);
      const blamed = await mrCli(["list", "models", "--context", "broken"], {
        ...env2,
        MODEL_REGISTRY_URL: "",
      });
      expect(blamed.code).toBe(2);
      expect(blamed.stderr).toMatch(/the url of context "broken" in .*mr-cli\.yaml is not a valid URL/);
      expect((await cli(["info"], none)).stdout).toMatch(/^catalog:\s+not configured \(--catalog-url/m);
      expect((await mrCli(["config", "get-contexts"], env2)).stdout).toMatch(
        /CATALOG URL[\s\S]*http:\/\/127\.0\.0\.1/,
      );
    });

    it("exits 3 for a model the source lacks, 2 for a bad option or one that would be ignored", async () => {
      for (const command of ["get", "artifacts"]) {
        const missing = await cli(["catalog", command, "stack_demo", "acme/nope"]);
        expect(missing.code, command).toBe(3);
        expect(missing.stderr).toMatch(/catalog model "acme\/nope" of source "stack_demo"/);
      }
      const usage = async (args: string[], message: RegExp) => {
        const result = await cli(["catalog", ...args]);
        expect(result.code, args.join(" ")).toBe(2);
        expect(result.stderr).toMatch(message);
      };
      await usage(["models", "--order-by", "popular"], /popular/);
      await usage(
        ["models", "--target-rps", "5"],
        /--target-rps and the other tuning flags need --order-by recommended/,
      );
      await usage(["models", "--source", "stack_demo", "--label", "Demo"], /source or sourceLabel, not both/);
      await usage(["artifacts", "stack_demo", "acme/digits-onnx", "--target-rps", "5"], /need --performance/);
      await usage(
        ["artifacts", "stack_demo", "acme/digits-onnx", "--performance", "--type", "model"],
        /--type/,
      );
      const register = [
        "register",
        "stack_demo",
        "acme/digits-onnx",
        "--version",
        "1",
        "--format-version",
        "2",
      ];
      await usage(register, /--format-version needs --format/);
      await usage(
        ["sources", "--catalog-url", "http://h/api/model_catalog/v1alpha1"],
        /^mr-cli: --catalog-url should be/m,
      );
    });

    it("shows a model with its artifact URIs and metrics, labels in either order, provenance and the plan's source", async () => {
      const card = await cli(["catalog", "get", "stack_demo", "acme/digits-onnx", "--artifacts"]);
      expect(card.stdout).toMatch(/^model artifact:\s+oci:\/\/quay\.io\/acme\/digits-onnx:1\.0$/m);
      expect(card.stdout).toMatch(/^accuracy-metrics:\s+accuracy=0\.918, dataset=mnist-test$/m);
      const described = json<{ model: { name: string }; artifacts: unknown[] }>(
        await cli(["catalog", "get", "stack_demo", "acme/digits-onnx", "--artifacts", "--json"]),
      );
      expect([described.model.name, described.artifacts.length]).toEqual(["acme/digits-onnx", 3]);
      const labels = async (desc: string[]) =>
        json<{ name: string }[]>(await cli(["catalog", "labels", ...desc, "--json"])).map((l) => l.name);
      expect(await labels([])).toEqual(["Community", "Demo"]);
      expect(await labels(["--desc"])).toEqual(["Demo", "Community"]);
      const name = uniqueName("cli-provenance");
      const args = [
        "catalog",
        "register",
        "stack_demo",
        "acme/digits-onnx",
        "--version",
        "1",
        "--name",
        name,
      ];
      const plan = await cli([...args, "--dry-run"]);
      expect(plan.stdout).toMatch(
        /^from:\s+stack_demo acme\/digits-onnx \(oci:\/\/quay\.io\/acme\/digits-onnx:1\.0\)$/m,
      );
      expect((await cli(args)).code).toBe(0);
      const artifact = await cli(["get", "artifact", name, "1"]);
      expect(artifact.stdout).toMatch(
        /^source:\s+catalog stack_demo acme\/digits-onnx \(group acme, id stack_demo:acme\/digits-onnx\)$/m,
      );
      const version = await cli(["get", "version", name, "1"]);
      expect(version.stdout.split("\n").filter((line) => line.startsWith("properties:"))).toHaveLength(1);
      expect(version.stdout).toMatch(
        /readme=# digits-onnx Classifies 28×28 grayscale digits into 0-9\. I…, tasks=/,
      );
    });
  },
);
