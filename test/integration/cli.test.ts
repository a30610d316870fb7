import { spawn } from "node:child_process";
import { stat, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { json, MR_CLI, mrCli } from "../support/cli.js";
import { tempDir, writeTree } from "../support/model-files.js";
import { stackRegistry } from "../support/registry.js";
import { stackEnv } from "../support/stack-env.js";
import { uniqueName } from "../support/unique.js";

const mr = stackRegistry();
let home: string;
let modelDir: string;
const isolated = () => ({ HOME: home, MR_CLI_CONFIG: join(home, "mr-cli.yaml") });
const cli = (args: string[], env: Record<string, string | undefined> = {}) =>
  mrCli(args, { ...isolated(), ...env });

beforeAll(async () => {
  home = await tempDir("mr-cli-home-");
  modelDir = await tempDir();
  await writeTree(modelDir, { "model.onnx": "onnx", "config/labels.json": '["0","1"]' });
});

describe("mr-cli against the local stack", () => {
  it("registers a folder (JSON result, NDJSON progress on stderr), then reports unchanged on a re-run", async () => {
    const name = uniqueName("cli");
    const first = await cli([
      "register",
      modelDir,
      "--name",
      name,
      "--version",
      "v1",
      "--format",
      "onnx",
      "--metadata",
      "accuracy=0.98",
      "--metadata",
      "epochs=10",
      "--json",
    ]);
    const result = json<{
      status: string;
      uri: string;
      modelVersion: { customProperties: Record<string, unknown> };
      manifest: { fileCount: number };
    }>(first);
    expect(result).toMatchObject({
      status: "created",
      manifest: { fileCount: 2 },
      modelVersion: { customProperties: { accuracy: 0.98, epochs: 10 } },
    });
    const events = first.stderr
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { type: string });
    expect(events.map((e) => e.type)).toContain("upload");
    expect(first.stderr).not.toMatch(/Warning|AWS SDK/);
    expect(
      json<{ status: string }>(await cli(["register", modelDir, "--name", name, "--version", "v1", "--json"]))
        .status,
    ).toBe("unchanged");
  });

  it("registers an s3:// URI as is and shows it with list, get and -o yaml", async () => {
    const name = uniqueName("cli-uri");
    json(
      await cli([
        "register",
        "s3://models/elsewhere/",
        "--name",
        name,
        "--version",
        "v1",
        "--format",
        "onnx",
        "--json",
      ]),
    );
    const models = json<{ name: string }[]>(
      await cli(["list", "models", "--filter", `name = "${name}"`, "--json"]),
    );
    expect(models.map((m) => m.name)).toEqual([name]);
    expect(
      json<{ name: string }[]>(await cli(["list", "versions", name, "--json"])).map((v) => v.name),
    ).toEqual(["v1"]);
    const artifacts = json<{ uri: string; artifactType: string }[]>(
      await cli(["list", "artifacts", name, "v1", "--json"]),
    );
    expect(artifacts).toMatchObject([{ artifactType: "model-artifact", uri: "s3://models/elsewhere/" }]);
    expect(json(await cli(["get", "model", name, "--json"]))).toMatchObject({ name, state: "LIVE" });
    expect(json(await cli(["get", "artifact", name, "v1", "--json"]))).toMatchObject({
      uri: "s3://models/elsewhere/",
      modelFormatName: "onnx",
    });
    const yaml = await cli(["get", "version", name, "v1", "-o", "yaml"]);
    expect(parse(yaml.stdout)).toMatchObject({ name: "v1" });
    const table = await cli(["list", "versions", name]);
    expect(table.stdout.split("\n")[0]).toMatch(/^ID\s+NAME\s+STATE/);
  });

  it("updates metadata, archives and restores without losing anything", async () => {
    const name = uniqueName("cli-upd");
    json(
      await cli([
        "register",
        "s3://models/x/",
        "--name",
        name,
        "--version",
        "v1",
        "--metadata",
        "keep=1",
        "--metadata",
        "drop=yes",
        "--json",
      ]),
    );
    const updated = json<{ description: string; customProperties: Record<string, unknown> }>(
      await cli([
        "update",
        "version",
        name,
        "v1",
        "--description",
        "tuned",
        "--set",
        "lr=0.01",
        "--unset",
        "drop",
        "--json",
      ]),
    );
    expect(updated).toMatchObject({ description: "tuned", customProperties: { keep: 1, lr: 0.01 } });
    expect(updated.customProperties).not.toHaveProperty("drop");
    expect(json(await cli(["archive", "version", name, "v1", "--json"]))).toMatchObject({
      state: "ARCHIVED",
    });
    expect(json(await cli(["update", "model", name, "--owner", "ada", "--json"]))).toMatchObject({
      owner: "ada",
      state: "LIVE",
    });
    expect(
      (
        await mr.modelVersions.find({
          name: "v1",
          registeredModelId: (await mr.registeredModels.find({ name }))?.id ?? "",
        })
      )?.state,
    ).toBe("ARCHIVED");
    expect(json(await cli(["restore", "version", name, "v1", "--json"]))).toMatchObject({ state: "LIVE" });
  });

  it("deploys, undeploys, redeploys, lists deployments, and emits KServe manifests: reading only, or with --env recording the deployment and labelling the manifest with its id", async () => {
    const name = uniqueName("cli-dep");
    const env = uniqueName("env");
    json(
      await cli([
        "register",
        "s3://models/dep/",
        "--name",
        name,
        "--version",
        "v1",
        "--format",
        "onnx",
        "--json",
      ]),
    );
    expect((await cli(["deploy", name, "v1", "--env", env])).code).toBe(3);
    expect(
      json(await cli(["deploy", name, "v1", "--env", env, "--dry-run", "--create-env", "--json"])),
    ).toMatchObject({ dryRun: true, action: "create" });
    expect(await mr.servingEnvironments.find({ name: env })).toBeNull();
    const created = json<{ action: string; inferenceService: { name: string; desiredState: string } }>(
      await cli(["deploy", name, "v1", "--env", env, "--create-env", "--runtime", "mlserver", "--json"]),
    );
    expect(created).toMatchObject({
      action: "created",
      inferenceService: { name: `${name}-v1`, desiredState: "DEPLOYED" },
    });
    expect(json(await cli(["undeploy", `${name}-v1`, "--env", env, "--json"]))).toMatchObject({
      action: "undeployed",
      inferenceService: { desiredState: "UNDEPLOYED" },
    });
    expect(json(await cli(["deploy", name, "v1", "--env", env, "--json"]))).toMatchObject({
      action: "redeployed",
      inferenceService: { desiredState: "DEPLOYED", runtime: "mlserver" },
    });
    expect(json<unknown[]>(await cli(["list", "deployments", "--env", env, "--json"]))).toHaveLength(1);
    // --emit alone only reads the registry: the manifest, labelled for the upstream controller.
    const manifest = parse(
      (await cli(["deploy", name, "v1", "--emit", "kserve", "--namespace", "ml"])).stdout,
    );
    expect(manifest).toMatchObject({
      kind: "InferenceService",
      metadata: {
        name: `${name}-v1`,
        namespace: "ml",
        labels: {
          "modelregistry.kubeflow.org/registered-model-id": expect.stringMatching(/^\d+$/),
          "modelregistry.kubeflow.org/name": "model-registry-service",
        },
      },
      spec: { predictor: { model: { modelFormat: { name: "onnx" }, storageUri: "s3://models/dep/" } } },
    });
    expect(manifest.metadata.labels).not.toHaveProperty(["modelregistry.kubeflow.org/inference-service-id"]);
    // With --env it records the deployment too, and the manifest carries the record's id, under both label prefixes.
    const records = await mr.inferenceServices.find({
      name: `${name}-v1`,
      servingEnvironmentId: (await mr.servingEnvironments.find({ name: env }))?.id ?? "",
    });
    const gitops = parse(
      (
        await cli([
          "deploy",
          name,
          "v1",
          "--env",
          env,
          "--emit",
          "kserve",
          "--labels",
          "both",
          "--storage",
          "model-registry",
        ])
      ).stdout,
    );
    expect(gitops.metadata.labels).toMatchObject({
      "modelregistry.kubeflow.org/inference-service-id": records?.id,
      "modelregistry.opendatahub.io/inference-service-id": records?.id,
    });
    expect(gitops.spec.predictor.model.storageUri).toBe(`model-registry://${name}/v1`);
    expect((await cli(["deploy", name, "v1", "--env", "nowhere", "--emit", "kserve"])).code).toBe(3);
    expect(await mr.servingEnvironments.find({ name: "nowhere" })).toBeNull();
  });

  it("emits nothing and records nothing when the manifest cannot be written; a storage key upload records its folder", async () => {
    const name = uniqueName("cli-emit");
    const env = uniqueName("emit-env");
    json(await cli(["register", modelDir, "--name", name, "--version", "v1", "--json"])); // no --format
    const refused = await cli(["deploy", name, "v1", "--env", env, "--create-env", "--emit", "kserve"]);
    expect(refused).toMatchObject({ code: 2, stdout: "", stderr: expect.stringMatching(/no model format/) });
    expect(await mr.servingEnvironments.find({ name: env })).toBeNull(); // nothing was recorded
    expect(await cli(["deploy", name, "v1", "--env", env, "--labels", "odh"])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--labels: only with --emit kserve, --apply or --check/),
    });
    const keyed = uniqueName("cli-key");
    const args = [
      "register",
      modelDir,
      "--name",
      keyed,
      "--version",
      "v1",
      "--format",
      "onnx",
      "--storage-key",
      "conn",
    ];
    json(await cli([...args, "--json"]));
    const manifest = parse((await cli(["deploy", keyed, "v1", "--emit", "kserve"])).stdout);
    expect(manifest.spec.predictor.model.storage).toEqual({ key: "conn", path: `${keyed}/v1` });
  });

  it("downloads and verifies a registered folder", async () => {
    const name = uniqueName("cli-dl");
    json(await cli(["register", modelDir, "--name", name, "--version", "v1", "--json"]));
    const out = await tempDir("mr-cli-dl-");
    expect(json(await cli(["download", name, "v1", out, "--json"]))).toMatchObject({
      ok: true,
      fileCount: 2,
    });
    expect((await stat(join(out, "config/labels.json"))).size).toBe(9);
    expect(json(await cli(["verify", name, "v1", "--json"]))).toMatchObject({ ok: true, mismatches: [] });
  });
});

describe("mr-cli exit codes, each leaving the registry untouched", () => {
  it("3 for a model that does not exist", async () => {
    const result = await cli(["get", "model", uniqueName("missing")]);
    expect(result.code).toBe(3);
    // No response said 404 (the lookup succeeded and found nothing), so the message does not pretend one did.
    expect(result.stderr).toMatch(/^mr-cli: registered model "[^"]+" does not exist in the registry at http/);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("4 for a version registered with other content", async () => {
    const name = uniqueName("cli-conflict");
    json(await cli(["register", "s3://models/a/", "--name", name, "--version", "v1", "--json"]));
    const result = await cli(["register", "s3://models/b/", "--name", name, "--version", "v1"]);
    expect(result.code).toBe(4);
    expect(
      await mr.modelVersions
        .artifacts(
          (
            await mr.modelVersions.find({
              name: "v1",
              registeredModelId: (await mr.registeredModels.find({ name }))?.id ?? "",
            })
          )?.id ?? "",
        )
        .list()
        .toArray(),
    ).toHaveLength(1);
  });

  it("6 when the server cannot be reached", async () => {
    const name = uniqueName("cli-down");
    const result = await cli(["register", "s3://models/a/", "--name", name, "--version", "v1"], {
      MODEL_REGISTRY_URL: "http://127.0.0.1:59999",
    });
    expect(result.code).toBe(6);
    expect(result.stderr).toMatch(
      /cannot reach the Model Registry at http:\/\/127\.0\.0\.1:59999 \(ECONNREFUSED\)/,
    );
    expect(await mr.registeredModels.find({ name })).toBeNull();
  });

  it("5 for a token file that does not exist, without printing any token", async () => {
    const name = uniqueName("cli-token");
    const result = await cli(
      ["register", "s3://models/a/", "--name", name, "--version", "v1", "--token-file", "/no/such/token"],
      { MODEL_REGISTRY_TOKEN: "s3cr3t-value" },
    );
    expect(result.code).toBe(5);
    expect(result.stderr).toMatch(/\/no\/such\/token, which does not exist/);
    expect(result.stderr + result.stdout).not.toContain("s3cr3t-value");
    expect(await mr.registeredModels.find({ name })).toBeNull();
  });

  it("2 for a path that does not exist, an unknown flag and a missing argument", async () => {
    const name = uniqueName("cli-usage");
    const missingPath = await cli(["register", "/no/such/model", "--name", name, "--version", "v1"]);
    expect(missingPath).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/\/no\/such\/model does not exist/),
    });
    const unknownFlag = await cli(["list", "models", "--bogus"]);
    expect(unknownFlag).toMatchObject({ code: 2, stderr: "mr-cli: unknown option '--bogus'\n" });
    const missingArgument = await cli(["register", "--name", name, "--version", "v1"]);
    expect(missingArgument).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/missing required argument 'source'/),
    });
    expect(await mr.registeredModels.find({ name })).toBeNull();
  });

  it("2 for a folder holding a socket, an endpoint that is not a URL, names with spaces, a URI without a bucket and a download onto a file", async () => {
    const name = uniqueName("cli-usage2");
    const withSocket = await tempDir();
    await writeTree(withSocket, { "model.bin": "x" });
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(join(withSocket, "agent.sock"), resolve));
    try {
      const socket = await cli(["register", withSocket, "--name", name, "--version", "v1"]);
      expect(socket).toMatchObject({ code: 2, stderr: expect.stringMatching(/agent\.sock" is a socket/) });
    } finally {
      server.close();
    }
    const endpoint = await cli([
      "register",
      modelDir,
      "--name",
      name,
      "--version",
      "v1",
      "--endpoint",
      "not-a-url",
    ]);
    expect(endpoint).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/S3 endpoint \(from --endpoint\) "not-a-url" is not an http/),
    });
    const spaces = await cli(["register", "s3://models/x/", "--name", ` ${name}`, "--version", "v1"]);
    expect(spaces).toMatchObject({ code: 2, stderr: expect.stringMatching(/starts or ends with spaces/) });
    const dryRun = await cli([
      "register",
      "s3://models/x/",
      "--name",
      "n".repeat(249),
      "--version",
      "v1",
      "--dry-run",
    ]);
    expect(dryRun).toMatchObject({ code: 2, stderr: expect.stringMatching(/--artifact-name/) });
    const badUri = await cli(["register", "s3://", "--name", name, "--version", "v1"]);
    expect(badUri).toMatchObject({ code: 2, stderr: expect.stringMatching(/no host or bucket/) });
    expect(await mr.registeredModels.find({ name })).toBeNull();

    const registered = uniqueName("cli-file");
    expect((await cli(["register", modelDir, "--name", registered, "--version", "v1"])).code).toBe(0);
    const file = join(await tempDir(), "taken.txt");
    await writeFile(file, "not a folder");
    const download = await cli(["download", registered, "v1", file]);
    expect(download).toMatchObject({ code: 2, stderr: expect.stringMatching(/exists and is not a folder/) });
    const under = await cli(["download", registered, "v1", join(file, "sub")]);
    expect(under).toMatchObject({ code: 2, stderr: expect.stringMatching(/a parent of .* is a file/) });
    const long = `${uniqueName("cli-long")}-${"m".repeat(230)}`;
    const named = await cli([
      "register",
      "s3://models/long/",
      "--name",
      long,
      "--version",
      "v1",
      "--artifact-name",
      "model",
      "--wait-timeout",
      "0",
      "--json",
    ]);
    expect(json<{ modelArtifact: { name: string } }>(named).modelArtifact.name).toBe("model");
  });

  it("0 for --version and --help", async () => {
    expect((await cli(["--version"])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const help = await cli(["register", "--help"]);
    expect(help).toMatchObject({ code: 0, stdout: expect.stringContaining("Examples:") });
  });
});

describe("mr-cli configuration", () => {
  it("stores contexts with token files only, in a file only its owner can read", async () => {
    const tokenFile = join(home, "token");
    await writeFile(tokenFile, "not-printed\n");
    expect(
      (
        await cli([
          "config",
          "set-context",
          "local",
          "--url",
          "http://127.0.0.1:18080",
          "--token-file",
          tokenFile,
          "--use",
        ])
      ).code,
    ).toBe(0);
    expect(((await stat(join(home, "mr-cli.yaml"))).mode & 0o777).toString(8)).toBe("600");
    const view = await cli(["config", "view"]);
    expect(view.stdout).toContain(`tokenFile: ${tokenFile}`);
    expect(view.stdout).not.toContain("not-printed");
    expect(json(await cli(["config", "get-contexts", "--json"]))).toMatchObject([
      { name: "local", current: true },
    ]);
  });

  it("takes flags over the environment over the config context", async () => {
    const env = { MR_CLI_CONFIG: join(home, "precedence.yaml") };
    expect(
      (await cli(["config", "set-context", "broken", "--url", "http://127.0.0.1:59998", "--use"], env)).code,
    ).toBe(0);
    // the stack's MODEL_REGISTRY_URL (environment) wins over the context
    expect((await cli(["list", "models", "--limit", "1", "--json"], env)).code).toBe(0);
    // without it, the context is used
    expect(
      (await cli(["list", "models", "--limit", "1"], { ...env, MODEL_REGISTRY_URL: undefined })).code,
    ).toBe(6);
    // a flag wins over both
    expect(
      (await cli(["list", "models", "--limit", "1", "--url", "http://127.0.0.1:59997"], env)).stderr,
    ).toMatch(/59997/);
    expect((await cli(["list", "models", "--limit", "1", "--context", "nope"], env)).code).toBe(2);
  });
});

describe("mr-cli output into a closed pipe", () => {
  it("ends quietly, as `mr-cli list models | head -1` does, instead of crashing on EPIPE", async () => {
    const child = spawn(process.execPath, [MR_CLI, "list", "models", "--limit", "50"], {
      env: { ...process.env, ...stackEnv(), NO_COLOR: "1" },
    });
    child.stdout.destroy(); // the reader is gone before mr-cli writes a byte
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(stderr).not.toMatch(/EPIPE|Error/);
    expect(code).toBe(0);
  });
});
