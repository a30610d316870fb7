// mr-cli deploy's manifest side: `--emit kserve` and the flags that shape the manifest.
import { type Command, Option } from "commander";
import type { KServeLabelFlavour, KServeStorageStyle } from "../../workflows/deploy/kserve-types.js";
import type { CliContext } from "../context.js";
import { UsageError } from "../exit-codes.js";

/** mr-cli deploy's flags. */
export interface DeployFlags {
  env?: string;
  requireSignature?: string;
  name?: string;
  runtime?: string;
  createEnv?: boolean;
  dryRun?: boolean;
  emit?: string;
  namespace?: string;
  protocolVersion?: "v1" | "v2" | "grpc-v1" | "grpc-v2";
  registryService?: string;
  registryNamespace?: string;
  registryUrl?: string;
  labels?: KServeLabelFlavour;
  storage?: KServeStorageStyle;
}

export /** The flags that shape the manifest, meaningless without --emit. */
const EMIT_ONLY: [keyof DeployFlags, string][] = [
  ["namespace", "--namespace"],
  ["protocolVersion", "--protocol-version"],
  ["registryService", "--registry-service"],
  ["registryNamespace", "--registry-namespace"],
  ["registryUrl", "--registry-url"],
  ["labels", "--labels"],
  ["storage", "--storage"],
];

/** Adds the flags of `--emit` to mr-cli deploy. */
export function addEmitOptions(command: Command): Command {
  return command
    .option(
      "--emit <format>",
      "print the KServe InferenceService manifest (format: kserve); with --env also record the deployment and label the manifest with its id",
    )
    .option(
      "--namespace <namespace>",
      "with --emit or --apply: namespace of the InferenceService (default: the --env name)",
    )
    .addOption(
      new Option(
        "--protocol-version <protocol>",
        "with --emit or --apply: KServe's protocolVersion (ONNX on stock KServe: v2)",
      ).choices(["v1", "v2", "grpc-v1", "grpc-v2"]),
    )
    .option(
      "--registry-service <name>",
      "with --emit or --apply: the registry's Kubernetes Service (default model-registry-service)",
    )
    .option(
      "--registry-namespace <namespace>",
      "with --emit or --apply: the registry's namespace (default kubeflow)",
    )
    .option("--registry-url <url>", "with --emit or --apply: the registry's URL, as the annotation …/url")
    .addOption(
      new Option(
        "--labels <flavour>",
        "with --emit or --apply: label keys of kubeflow, odh (Open Data Hub) or both",
      ).choices(["kubeflow", "odh", "both"]),
    )
    .addOption(
      new Option(
        "--storage <style>",
        "with --emit or --apply: auto (storageKey/storagePath, else the URI), uri, model-registry (model-registry://<model>/<version>), or oci-native (an oci:// image as an image volume)",
      ).choices(["auto", "uri", "model-registry", "oci-native"]),
    );
}

export /** What to deploy: the version, and the InferenceService's name (and its environment's, except with --emit). */
interface Target {
  model: string;
  version: string;
  name: string;
}

export /** `--emit kserve`: prints the InferenceService manifest for the version; with `--env` (and no `--dry-run`) records
 * the deployment first, so that the manifest carries the record's id. */
async function emitManifest(ctx: CliContext, target: Target, flags: DeployFlags): Promise<void> {
  if (flags.emit !== "kserve")
    throw new UsageError(`unknown manifest format ${JSON.stringify(flags.emit)}; known: kserve`);
  const mr = await ctx.registry();
  const signal = ctx.io.signal;
  // The upstream controller takes the InferenceService's namespace as its serving environment: they go together.
  const namespace = flags.namespace ?? flags.env;
  // Else the controller would record it in a second serving environment, named after the namespace.
  if (flags.namespace && flags.env && flags.namespace !== flags.env)
    throw new UsageError(
      `--namespace ${flags.namespace} is not --env ${flags.env}: the registry's controller records a deployment in the serving environment named after its namespace; give the same name (or only one of them)`,
    );
  const params = {
    name: target.model,
    version: target.version,
    inferenceService: target.name,
    namespace,
    ...manifestOptions(flags),
    signal,
  };
  // Built (and checked) before anything is recorded, so that a manifest that cannot be written records nothing.
  const llm = (flags as { kind?: string }).kind === "llm";
  const build = (more: { inferenceServiceId?: string } = {}) =>
    llm ? mr.llmInferenceServiceManifest({ ...params, ...more }) : mr.kserveManifest({ ...params, ...more });
  let manifest: object = await build();
  if (flags.env && flags.dryRun) {
    const plan = await mr.planDeploy({ ...deployParams(target, flags), signal });
    ctx.note(`dry run: deploy would ${plan.action} ${target.name} in ${flags.env}; nothing was recorded`);
  } else if (flags.env) {
    const recorded = await mr.deploy({ ...deployParams(target, flags), signal });
    ctx.note(
      `${recorded.action}: ${target.name} in ${flags.env} (inference service ${recorded.inferenceService.id})`,
    );
    manifest = await build({ inferenceServiceId: recorded.inferenceService.id });
  }
  const text =
    ctx.format() === "json"
      ? JSON.stringify(manifest, null, 2)
      : (await import("yaml")).stringify(manifest).trimEnd();
  ctx.io.stdout.write(`${text}\n`);
}

/** The manifest options deploy's flags give (for --emit, --apply and --check alike). */
export function manifestOptions(flags: DeployFlags) {
  return {
    runtime: flags.runtime,
    protocolVersion: flags.protocolVersion,
    registryService: flags.registryService,
    registryNamespace: flags.registryNamespace,
    registryUrl: flags.registryUrl,
    labels: flags.labels,
    storage: flags.storage,
  };
}

/** The library's deploy params of the command line. */
export function deployParams(target: Target, flags: DeployFlags, publicKey?: string) {
  return {
    name: target.model,
    version: target.version,
    servingEnvironment: flags.env ?? "",
    inferenceService: target.name,
    runtime: flags.runtime,
    createEnvironment: flags.createEnv,
    ...(publicKey ? { requireSignature: { publicKey } } : {}),
  };
}
