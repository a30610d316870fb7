// npm run demo: the 2023 Model Registry tech demo, replayed on the local stack with this SDK and mr-cli.
//   Notebook → Model Registry: train MNIST-like models, store them in S3, index v1 and v2 (the library, with progress)
//   REST: list the models, the versions and an artifact
//   DS pipeline → Model Registry: a "pipeline step" registers v3 (mr-cli register)
//   Model Registry → Serving: an InferenceService for v3 is DEPLOYED, UNDEPLOYED, and DEPLOYED again
// Run it twice: the second run finds the same models and reports them `unchanged`.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import {
  ModelRegistry,
  type ProgressEvent,
  type RegisterModelResult,
  VersionConflictError,
} from "npm:model-registry";
import { digits, show } from "../mnist/digits.ts";
import { accuracy, predict, save, train } from "../mnist/train.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const name = Deno.env.get("DEMO_MODEL_NAME") ?? "MNIST";
const environment = Deno.env.get("DEMO_SERVING_ENV") ?? "demo-serving";
const service = `${name.toLowerCase().replace(/[^a-z0-9-]+/g, "-")}-e2e`; // "mnist-e2e", as in 2023
const work = `${root}.cache/demo`;
const MiB = 1024 * 1024;

const heading = (text: string) => console.log(`\n\x1b[1m== ${text}\x1b[22m`);
const step = (text: string) => console.log(`   ${text}`);

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

async function main(): Promise<void> {
  const mr = await ModelRegistry.fromEnv({ author: "demo-notebook" });
  heading(`The stack: registry ${mr.url}, bucket ${mr.storage.bucket} at ${mr.storage.endpoint}`);

  heading("Notebook → Model Registry: train and register v1 and v2");
  const trainSet = digits(2000, 1);
  const testSet = digits(500, 2);
  const sample = testSet[4];
  if (sample) step(`a test image (label ${sample.label}):\n${show(sample).replace(/^/gm, "     ")}`);
  const v1 = train(trainSet, { hidden: 0, epochs: 5, learningRate: 0.1, seed: 7 });
  const v1Accuracy = accuracy(v1, testSet);
  step(
    `v1: softmax regression, accuracy ${(v1Accuracy * 100).toFixed(1)}%, predicts ${sample ? predict(v1, sample.pixels) : "?"} for the image above`,
  );
  const v1Dir = await save(v1, `${work}/mnist-v1`, { architecture: "softmax regression" });
  const v1Result = await mr.registerModel({
    name,
    version: "v1",
    path: v1Dir,
    modelFormat: { name: "mr-demo-json", version: "1" },
    description: "softmax regression on synthetic 8x8 digits",
    modelDescription: "MNIST-like digit classifier from the tech demo",
    metadata: { accuracy: Number(v1Accuracy.toFixed(4)), epochs: 5, framework: "plain TypeScript" },
    lineage: false,
    onProgress: progress("v1"),
  });
  registered(v1Result);

  const v2 = train(trainSet, { hidden: 32, epochs: 8, learningRate: 0.03, seed: 11 });
  const v2Accuracy = accuracy(v2, testSet);
  step(`v2: one hidden layer of 32, accuracy ${(v2Accuracy * 100).toFixed(1)}%`);
  const v2Dir = await save(v2, `${work}/mnist-v2`, { architecture: "64-32-10 network" });
  const v2Result = await mr.registerModel({
    name,
    version: "v2",
    path: v2Dir,
    modelFormat: { name: "mr-demo-json", version: "1" },
    description: "one hidden layer",
    metadata: { accuracy: Number(v2Accuracy.toFixed(4)), epochs: 8, framework: "plain TypeScript" },
    lineage: false,
    onProgress: progress("v2"),
  });
  registered(v2Result);

  heading("REST: the registered models, the versions, and their artifacts");
  step(`GET /api/model_registry/v1alpha3/registered_models?pageSize=100&orderBy=ID&sortOrder=DESC`);
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

  heading("DS Pipeline → Model Registry: a pipeline step registers v3 with mr-cli");
  const v3 = train(trainSet, { hidden: 48, epochs: 10, learningRate: 0.03, seed: 13 });
  const v3Accuracy = accuracy(v3, testSet);
  step(
    `v3: one hidden layer of 48, accuracy ${(v3Accuracy * 100).toFixed(1)}%; validation passed, registering`,
  );
  const v3Dir = await save(v3, `${work}/mnist-v3`, { architecture: "64-48-10 network" });
  const cliArgs = [
    "register",
    v3Dir,
    "--name",
    name,
    "--version",
    "v3",
    "--format",
    "mr-demo-json",
    "--format-version",
    "1",
    "--metadata",
    `accuracy=${v3Accuracy.toFixed(4)}`,
    "--metadata",
    "epochs=10",
    "--description",
    "registered by the pipeline",
    "--author",
    "demo-pipeline",
    "--json",
    "--quiet",
  ];
  step(`$ mr-cli ${cliArgs.map((a) => (a.includes(" ") ? `'${a}'` : a)).join(" ")}`);
  const cliResult = JSON.parse(
    execFileSync(process.execPath, [`${root}dist/cli/main.js`, ...cliArgs], { encoding: "utf8" }),
  ) as RegisterModelResult;
  registered(cliResult);

  step(`GET /api/model_registry/v1alpha3/model_versions?pageSize=100&orderBy=ID&sortOrder=DESC (of ${name})`);
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
  step(`GET /api/model_registry/v1alpha3/model_versions/${cliResult.modelVersion.id}/artifacts`);
  const artifacts = await mr.modelVersions.artifacts(cliResult.modelVersion.id).list().toArray();
  table(
    artifacts.map((a) => ({
      id: a.id,
      type: a.artifactType,
      uri: "uri" in a ? a.uri : "",
      files: a.customProperties.model_file_count,
      bytes: a.customProperties.model_size_bytes,
    })),
  );

  heading("Model Registry → Serving: deploy v3, undeploy it, deploy it again");
  const deployed = await mr.deploy({
    name,
    version: "v3",
    servingEnvironment: environment,
    inferenceService: service,
    runtime: "mmserver1",
    createEnvironment: true,
  });
  step(
    `deploy: ${deployed.action}, InferenceService ${deployed.inferenceService.id} "${deployed.inferenceService.name}" in ${environment} is ${deployed.inferenceService.desiredState}`,
  );
  const undeployed = await mr.undeploy({ inferenceServiceId: deployed.inferenceService.id });
  step(
    `undeploy: ${undeployed.action}, now ${undeployed.inferenceService.desiredState} (a cluster controller would remove the serving CR)`,
  );
  const redeployed = await mr.deploy({
    name,
    version: "v3",
    servingEnvironment: environment,
    inferenceService: service,
    runtime: "mmserver1",
  });
  step(`deploy again: ${redeployed.action}, now ${redeployed.inferenceService.desiredState}`);

  heading("Summary");
  table([
    { step: "v1 (library)", accuracy: v1Accuracy.toFixed(3), status: v1Result.status },
    { step: "v2 (library)", accuracy: v2Accuracy.toFixed(3), status: v2Result.status },
    { step: "v3 (mr-cli)", accuracy: v3Accuracy.toFixed(3), status: cliResult.status },
  ]);
  step(
    `${name}: ${versions.length} versions; ${service} in ${environment} is ${redeployed.inferenceService.desiredState}`,
  );
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
