// The tech demo's "Model Registry → Serving" loop on a real control plane: the stack's kube-apiserver (with KServe's
// CRDs) and the upstream InferenceService controller, run as a process against the release server. What mr-cli
// applies, the API server validates against KServe's own schema, and the controller links to the registry's records.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { type KServeInferenceService, KubeCluster, ModelRegistry } from "../../src/index.js";
import { resourcePath } from "../../src/kube/kube-cluster.js";
import { json, mrCli } from "../support/cli.js";
import { filesUnder, tempDir, writeTree } from "../support/model-files.js";
import { stackEnv, stackSetting } from "../support/stack-env.js";
import { uniqueName } from "../support/unique.js";

const run = promisify(execFile);
const env = stackEnv();
const hasController = env.MR_STACK_CONTROLLER !== undefined;
const ISVCS = { group: "serving.kserve.io", version: "v1beta1", plural: "inferenceservices" };
const model = uniqueName("serve");
const namespace = uniqueName("ns");

type Card = {
  action: string;
  linked: boolean;
  inferenceService?: { id: string; name: string; desiredState: string; modelVersionId: string };
};
type Record_ = {
  id: string;
  name: string;
  desiredState: string;
  modelVersionId: string;
  registeredModelId: string;
};

let cluster: KubeCluster;
let mr: ModelRegistry;
const ids: Record<string, string> = {};

/** The registry's records of the namespace's serving environment. */
async function records(): Promise<Record_[]> {
  const environment = await mr.servingEnvironments.find({ name: namespace });
  if (!environment) return [];
  return (await mr.servingEnvironments.inferenceServices(environment.id).list().toArray()) as Record_[];
}

const isvcPath = (name: string) => resourcePath({ ...ISVCS, namespace, name });

let modelDir = "";
beforeAll(async () => {
  cluster = await KubeCluster.connect({ kubeconfig: stackSetting("KUBECONFIG"), env: {} });
  mr = new ModelRegistry({ url: stackSetting("MODEL_REGISTRY_URL"), env: stackEnv() });
  await cluster.apply(
    resourcePath({ group: "", version: "v1", plural: "namespaces", name: namespace }),
    { apiVersion: "v1", kind: "Namespace", metadata: { name: namespace } },
    { fieldManager: "test" },
  );
  modelDir = await tempDir();
  for (const version of ["v1", "v2", "v3"]) {
    await writeTree(modelDir, { "1/model.onnx": `weights of ${version}`, "README.md": `model ${version}` });
    const registered = json<{ modelVersion: { id: string } }>(
      await mrCli([
        "register",
        modelDir,
        "--name",
        model,
        "--version",
        version,
        "--format",
        "onnx",
        "--prefix",
        `${model}/${version}`,
        "-o",
        "json",
      ]),
    );
    ids[version] = registered.modelVersion.id;
  }
}, 120_000);

describe("manifests the API server accepts", () => {
  it("every style and label flavour passes a server-side dry run against KServe's CRDs", async () => {
    for (const labels of ["kubeflow", "odh", "both"] as const)
      for (const storage of ["auto", "uri", "model-registry"] as const) {
        const manifest: KServeInferenceService = await mr.kserveManifest({
          name: model,
          version: "v1",
          namespace,
          labels,
          storage,
          protocolVersion: "v2",
        });
        const applied = await cluster.apply(isvcPath(manifest.metadata.name), manifest, {
          fieldManager: "test",
          dryRun: true,
        });
        expect(applied.metadata.uid).toBeTruthy(); // the API server defaulted it: it would have stored it
      }
    expect(await cluster.get(isvcPath(`${model}-v1`))).toBeUndefined(); // a dry run stores nothing
  });

  it("deploy --apply --dry-run has the API server check it and writes nothing, in the cluster or the registry", async () => {
    const result = json<{ dryRun: boolean; action: string }>(
      await mrCli(["deploy", model, "v1", "--apply", "--dry-run", "--namespace", namespace, "-o", "json"]),
    );
    expect(result).toMatchObject({ dryRun: true, action: "created" });
    expect(await cluster.get(isvcPath(`${model}-v1`))).toBeUndefined();
    expect(await records()).toEqual([]);
  });

  it("a manifest the CRD's schema refuses is a ClusterError of kind invalid, with the API server's words", async () => {
    const manifest = await mr.kserveManifest({ name: model, version: "v1", namespace });
    const path = isvcPath(manifest.metadata.name);
    const dry = { fieldManager: "test", dryRun: true };
    const required = await cluster.apply(path, { ...manifest, spec: {} }, dry).catch((e: unknown) => e);
    expect(required).toMatchObject({ kind: "invalid", status: 422 });
    expect((required as Error).message).toMatch(/spec.predictor: Required value/);
    // A value of the wrong type: server-side apply cannot build the typed patch, and says so with a 500.
    const model_ = { ...manifest.spec.predictor.model, modelFormat: 7 };
    const typed = await cluster
      .apply(path, { ...manifest, spec: { predictor: { model: model_ } } }, dry)
      .catch((e: unknown) => e);
    expect(typed).toMatchObject({ kind: "invalid", status: 500 });
    expect((typed as Error).message).toMatch(/modelFormat: expected map/);
  });
});

describe.runIf(hasController)("the tech demo's loop with the upstream controller", () => {
  const name = `${model}-live`.slice(0, 53).replace(/-+$/, "");

  it("deploy --apply --wait v3: linked to a record with the right model and version, DEPLOYED", async () => {
    const result = json<Card>(
      await mrCli([
        "deploy",
        model,
        "v3",
        "--name",
        name,
        "--apply",
        "--namespace",
        namespace,
        "--wait",
        "-o",
        "json",
      ]),
    );
    expect(result.action).toBe("created");
    expect(result.linked).toBe(true);
    expect(result.inferenceService).toMatchObject({ desiredState: "DEPLOYED", modelVersionId: ids.v3 });
    const live = await cluster.get(isvcPath(name));
    expect(live?.metadata.finalizers).toContain("modelregistry.kubeflow.org/finalizer");
    expect(live?.metadata.labels?.["modelregistry.kubeflow.org/inference-service-id"]).toBe(
      result.inferenceService?.id,
    );
    // The controller made the record, named as it names them.
    expect(result.inferenceService?.name).toBe(`${name}/${live?.metadata.uid}`);
  });

  it("undeploy --delete waits for the finalizer; the record is UNDEPLOYED", async () => {
    const result = json<{ action: string; inferenceService: Record_ }>(
      await mrCli(["undeploy", name, "--delete", "--namespace", namespace, "-o", "json"]),
    );
    expect(result.action).toBe("deleted");
    expect(result.inferenceService.desiredState).toBe("UNDEPLOYED");
    expect(await cluster.get(isvcPath(name))).toBeUndefined();
  });

  it("applying again adopts the same record and makes it DEPLOYED (the controller alone would leave it UNDEPLOYED)", async () => {
    const result = json<Card>(
      await mrCli([
        "deploy",
        model,
        "v3",
        "--name",
        name,
        "--apply",
        "--namespace",
        namespace,
        "--wait",
        "-o",
        "json",
      ]),
    );
    expect(result.inferenceService?.desiredState).toBe("DEPLOYED");
    const mine = (await records()).filter((r) => r.name.startsWith(name));
    expect(mine).toHaveLength(1); // one deployment, one record
  });

  it("re-deploying v2 under the same name updates the record and the cluster's label", async () => {
    const result = json<Card>(
      await mrCli([
        "deploy",
        model,
        "v2",
        "--name",
        name,
        "--apply",
        "--namespace",
        namespace,
        "--wait",
        "-o",
        "json",
      ]),
    );
    expect(result.action).toBe("updated");
    expect(result.inferenceService).toMatchObject({ desiredState: "DEPLOYED", modelVersionId: ids.v2 });
    const live = await cluster.get(isvcPath(name));
    expect(live?.metadata.labels?.["modelregistry.kubeflow.org/model-version-id"]).toBe(ids.v2);
  });

  it("list deployments --cluster shows both sides, and where they disagree", async () => {
    const agree = json<{ name: string; problems: string[]; inCluster: boolean }[]>(
      await mrCli(["list", "deployments", "--cluster", "--env", namespace, "-o", "json"]),
    );
    expect(agree.find((s) => s.name === name)).toMatchObject({ inCluster: true, problems: [] });
    // Someone relabels it by hand: the cluster no longer says what the record says.
    await cluster.apply(
      isvcPath(name),
      {
        apiVersion: "serving.kserve.io/v1beta1",
        kind: "InferenceService",
        metadata: { name, namespace, labels: { "modelregistry.kubeflow.org/model-version-id": ids.v1 } },
      },
      { fieldManager: "someone", force: true },
    );
    const disagree = json<{ name: string; problems: string[] }[]>(
      await mrCli(["list", "deployments", "--cluster", "--env", namespace, "-o", "json"]),
    );
    expect(disagree.find((s) => s.name === name)?.problems.join()).toMatch(
      new RegExp(`model-version label is ${ids.v1}, the record's version ${ids.v2}`),
    );
  });

  it("a manifest applied by hand gets the controller's record, which deploy --env and undeploy then find", async () => {
    const other = `${model}-hand`.slice(0, 53).replace(/-+$/, "");
    const emitted = await mrCli([
      "deploy",
      model,
      "v1",
      "--name",
      other,
      "--emit",
      "kserve",
      "--namespace",
      namespace,
      "-o",
      "json",
    ]);
    const manifest = json<KServeInferenceService>(emitted);
    await cluster.apply(isvcPath(other), manifest, { fieldManager: "kubectl" });
    let linked: string | undefined;
    for (let i = 0; i < 50 && !linked; i++) {
      linked = (await cluster.get(isvcPath(other)))?.metadata.labels?.[
        "modelregistry.kubeflow.org/inference-service-id"
      ];
      if (!linked) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(linked).toBeTruthy();
    const deployed = json<{ action: string; inferenceService: Record_ }>(
      await mrCli(["deploy", model, "v1", "--name", other, "--env", namespace, "-o", "json"]),
    );
    expect(deployed.inferenceService.id).toBe(linked); // found the controller's `<name>/<uid>`, made no second one
    expect(deployed.action).toBe("unchanged");
    const undeployed = json<{ action: string; inferenceService: Record_ }>(
      await mrCli(["undeploy", other, "--env", namespace, "-o", "json"]),
    );
    expect(undeployed).toMatchObject({ action: "undeployed", inferenceService: { id: linked } });
    expect((await records()).filter((r) => r.name.startsWith(other))).toHaveLength(1);
  });

  it("labels the controller does not read: --wait runs out and says why, exit 6", async () => {
    const result = await mrCli([
      "deploy",
      model,
      "v1",
      "--name",
      `${model}-odh`.slice(0, 53).replace(/-+$/, ""),
      "--apply",
      "--namespace",
      namespace,
      "--labels",
      "odh",
      "--wait",
      "--wait-timeout",
      "1500",
    ]);
    expect(result.code).toBe(6);
    expect(result.stderr).toMatch(
      /did not link .* within 1500 ms: no controller acted on it.*modelregistry.opendatahub.io/,
    );
  });
});

describe("refused before anything is applied", () => {
  it("a registry Service the cluster does not have: exit 2, nothing applied", async () => {
    const result = await mrCli([
      "deploy",
      model,
      "v1",
      "--apply",
      "--namespace",
      namespace,
      "--registry-service",
      "no-such-registry",
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /Service kubeflow\/no-such-registry, which this cluster does not have.*--registry-service/,
    );
    expect(await cluster.get(isvcPath(`${model}-v1`))).toBeUndefined();
  });

  it("a registry URL with a path (the controller would loop on 404s), and a namespace other than --env", async () => {
    const withPath = await mrCli([
      "deploy",
      model,
      "v1",
      "--emit",
      "kserve",
      "--registry-url",
      "http://mr.example:8080/api",
    ]);
    expect(withPath.code).toBe(2);
    expect(withPath.stderr).toMatch(
      /appends \/api\/model_registry\/v1alpha3\/… to it.*http:\/\/mr.example:8080/,
    );
    const apart = await mrCli(["deploy", model, "v1", "--apply", "--namespace", namespace, "--env", "prod"]);
    expect(apart.code).toBe(2);
    expect(apart.stderr).toMatch(/--env prod is not the namespace/);
  });
});

describe("what a fresh review found", () => {
  it("a user whose rights end at their namespace deploys: the registry-Service check is said, not failed", async () => {
    const sa = "deployer";
    const core = (plural: string, name?: string) =>
      resourcePath({ group: "", version: "v1", plural, namespace, name });
    const rbac = (plural: string, name: string) =>
      resourcePath({ group: "rbac.authorization.k8s.io", version: "v1", plural, namespace, name });
    await cluster.apply(
      core("serviceaccounts", sa),
      { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: sa, namespace } },
      { fieldManager: "test" },
    );
    await cluster.apply(
      rbac("roles", sa),
      {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "Role",
        metadata: { name: sa, namespace },
        rules: [{ apiGroups: ["serving.kserve.io"], resources: ["inferenceservices"], verbs: ["*"] }],
      },
      { fieldManager: "test" },
    );
    await cluster.apply(
      rbac("rolebindings", sa),
      {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "RoleBinding",
        metadata: { name: sa, namespace },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: sa },
        subjects: [{ kind: "ServiceAccount", name: sa, namespace }],
      },
      { fieldManager: "test" },
    );
    const { status } = await cluster.request<{ status: { token: string } }>(
      "POST",
      `${core("serviceaccounts", sa)}/token`,
      {
        body: {
          apiVersion: "authentication.k8s.io/v1",
          kind: "TokenRequest",
          spec: { expirationSeconds: 3600 },
        },
      },
    );
    const admin = readFileSync(stackSetting("KUBECONFIG"), "utf8");
    const kubeconfig = join(mkdtempSync(join(tmpdir(), "mr-sa-")), "config");
    writeFileSync(
      kubeconfig,
      admin
        .replace(/token: .*/, `token: ${status.token}`)
        .replace(/namespace: .*/, `namespace: ${namespace}`),
    );
    const name = `${model}-sa`.slice(0, 53).replace(/-+$/, "");
    const result = await mrCli([
      "deploy",
      model,
      "v1",
      "--name",
      name,
      "--apply",
      "--kubeconfig",
      kubeconfig,
      "--json",
    ]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).warnings[0].message).toMatch(
      /could not check that Service kubeflow\/model-registry-service.*403/,
    );
    expect(result.stderr).toMatch(/"type":"phase","phase":"applied"/); // progress as JSON events with --json
    expect(result.stdout + result.stderr).not.toContain(status.token);
    await mrCli(["undeploy", name, "--delete", "--namespace", namespace, "--no-wait"]);
  });

  it("a registry URL's trailing slash is dropped, and its credentials are never repeated", async () => {
    const emitted = json<KServeInferenceService>(
      await mrCli([
        "deploy",
        model,
        "v1",
        "--emit",
        "kserve",
        "--registry-url",
        "http://mr.example:8080/",
        "-o",
        "json",
      ]),
    );
    expect(emitted.metadata.annotations?.["modelregistry.kubeflow.org/url"]).toBe("http://mr.example:8080");
    const secret = await mrCli([
      "deploy",
      model,
      "v1",
      "--emit",
      "kserve",
      "--registry-url",
      "http://ada:pa55w0rd@mr.example:8080/x",
    ]);
    expect(secret.code).toBe(2);
    expect(secret.stderr).not.toContain("pa55w0rd");
  });

  it.runIf(env.MODEL_REGISTRY_V1_URL !== undefined)(
    "a registry that announces v1alpha3's sunset is named by the checks, though the client itself speaks v1",
    async () => {
      const v1 = ["--url", env.MODEL_REGISTRY_V1_URL as string];
      const name = uniqueName("sunset");
      json(
        await mrCli([
          ...v1,
          "register",
          modelDir,
          "--name",
          name,
          "--version",
          "v1",
          "--format",
          "onnx",
          "-o",
          "json",
        ]),
      );
      const check = await mrCli([...v1, "deploy", name, "v1", "--check", "--namespace", namespace]);
      expect(check.stdout).toMatch(
        /warning \(api-version\): the registry announces the end of API v1alpha3 on \d{4}-\d\d-\d\d.*speak only v1alpha3/,
      );
    },
  );

  it("undeploy --delete of a name that is nowhere is exit 3; a namespace that does not exist is refused first", async () => {
    const nowhere = await mrCli(["undeploy", "no-such-isvc", "--delete", "--namespace", namespace]);
    expect(nowhere.code).toBe(3);
    expect(nowhere.stderr).toMatch(/there is no InferenceService .*no-such-isvc .*and no record of it/);
    const missing = await mrCli(["deploy", model, "v1", "--check", "--namespace", "no-such-namespace"]);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toMatch(/error \(namespace\): the namespace "no-such-namespace" does not exist/);
  });
});

describe("LLMs as LLMInferenceServices", () => {
  const llm = `${model}-llm`.slice(0, 53).replace(/-+$/, "");

  it("deploy --apply --kind llm: the API server accepts it, and the record is ours (no controller watches these)", async () => {
    const result = json<
      Card & { manifest: { apiVersion: string; spec: { model: { uri: string; name: string } } } }
    >(
      await mrCli([
        "deploy",
        model,
        "v1",
        "--name",
        llm,
        "--kind",
        "llm",
        "--apply",
        "--namespace",
        namespace,
        "-o",
        "json",
      ]),
    );
    expect(result.manifest.apiVersion).toBe("serving.kserve.io/v1alpha2");
    expect(result.manifest.spec.model).toEqual({ uri: `s3://models/${model}/v1/`, name: model });
    expect(result.inferenceService).toMatchObject({
      name: llm,
      desiredState: "DEPLOYED",
      modelVersionId: ids.v1,
    });
    const live = await cluster.get(
      resourcePath({
        group: "serving.kserve.io",
        version: "v1alpha2",
        plural: "llminferenceservices",
        namespace,
        name: llm,
      }),
    );
    expect(live?.metadata.labels?.["modelregistry.kubeflow.org/inference-service-id"]).toBe(
      result.inferenceService?.id,
    );
  });

  it("undeploy --delete without --kind llm refuses, and changes nothing", async () => {
    const result = await mrCli(["undeploy", llm, "--delete", "--namespace", namespace]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is an LLMInferenceService, not an InferenceService.*nothing was changed/);
    expect((await records()).find((r) => r.name === llm)?.desiredState).toBe("DEPLOYED");
  });

  it("undeploy --delete --kind llm removes it and sets the record UNDEPLOYED", async () => {
    const result = json<{ action: string; inferenceService: Record_ }>(
      await mrCli(["undeploy", llm, "--delete", "--kind", "llm", "--namespace", namespace, "-o", "json"]),
    );
    expect(result).toMatchObject({ action: "deleted", inferenceService: { desiredState: "UNDEPLOYED" } });
  });
});

describe.runIf(env.OCI_REGISTRY !== undefined)("modelcars", () => {
  it("an image pushed without a base image has no shell: a warning naming oci-native, which the API server accepts", async () => {
    const home = mkdtempSync(join(tmpdir(), "mr-oci-home-"));
    const auth = Buffer.from(`${stackSetting("OCI_USERNAME")}:${stackSetting("OCI_PASSWORD")}`).toString(
      "base64",
    );
    writeFileSync(
      join(home, "auth.json"),
      JSON.stringify({ auths: { [stackSetting("OCI_REGISTRY")]: { auth } } }),
    );
    const authEnv = { REGISTRY_AUTH_FILE: join(home, "auth.json") };
    const to = `oci://${stackSetting("OCI_REGISTRY")}/models/${model}`;
    json(
      await mrCli(
        [
          "register",
          modelDir,
          "--name",
          model,
          "--version",
          "car",
          "--to",
          to,
          "--format",
          "onnx",
          "--plain-http",
          "-o",
          "json",
        ],
        authEnv,
      ),
    );
    const check = await mrCli(["deploy", model, "car", "--check", "--namespace", namespace], authEnv);
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(
      /warning \(modelcar\): the image .* was pushed without a base image, so it has no shell.*"oci-native".*v1\.34\.4, which needs the ImageVolume feature gate/,
    );
    const native = json<{ manifest: KServeInferenceService; dryRun: boolean }>(
      await mrCli(
        [
          "deploy",
          model,
          "car",
          "--apply",
          "--dry-run",
          "--storage",
          "oci-native",
          "--namespace",
          namespace,
          "-o",
          "json",
        ],
        authEnv,
      ),
    );
    expect(native.manifest.spec.predictor.model.storageUri).toBe(
      `oci+native://${to.slice("oci://".length)}:car`,
    );
  });
});

describe.runIf(env.MR_STACK_CSI !== undefined)("the upstream model-registry:// storage initializer", () => {
  it("a version it could not fetch (an OCI image) is refused by our check first, exit 2", async () => {
    const image = `${stackSetting("OCI_REGISTRY")}/${model}:v9`;
    json(
      await mrCli([
        "register",
        `oci://${image}`,
        "--name",
        model,
        "--version",
        "v9",
        "--format",
        "onnx",
        "-o",
        "json",
      ]),
    );
    const check = await mrCli(["deploy", model, "v9", "--check", "--storage", "model-registry"]);
    expect(check.code).toBe(2);
    expect(check.stdout).toMatch(
      /error \(storage\): the registry's storage initializer downloads only s3:\/\/, gs:\/\/ and http\(s\):\/\/ URIs/,
    );
    const emitted = await mrCli(["deploy", model, "v9", "--emit", "kserve", "--storage", "model-registry"]);
    expect(emitted.code).toBe(2);
  });

  it("downloads a version we uploaded to S3, byte for byte", async () => {
    const dest = mkdtempSync(join(tmpdir(), "mr-csi-"));
    await run(env.MR_STACK_CSI as string, [`model-registry://${model}/v2`, dest], {
      env: {
        PATH: process.env.PATH,
        MODEL_REGISTRY_BASE_URL: new URL(stackSetting("MODEL_REGISTRY_URL")).host,
        AWS_ENDPOINT_URL: stackSetting("AWS_S3_ENDPOINT"),
        AWS_DEFAULT_REGION: stackSetting("AWS_DEFAULT_REGION"),
        AWS_ACCESS_KEY_ID: stackSetting("AWS_ACCESS_KEY_ID"),
        AWS_SECRET_ACCESS_KEY: stackSetting("AWS_SECRET_ACCESS_KEY"),
        S3_USER_VIRTUAL_BUCKET: "false",
      },
      timeout: 60_000,
    });
    await writeTree(modelDir, { "1/model.onnx": "weights of v2", "README.md": "model v2" });
    // Every file byte for byte, and the manifest our upload keeps beside them (the initializer takes the whole prefix).
    const { ".model-manifest.json": manifest, ...files } = filesUnder(dest);
    expect(files).toEqual(filesUnder(modelDir));
    expect(JSON.parse(String(manifest)).fileCount).toBe(2);
  });
});
