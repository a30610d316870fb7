import { Command, Option } from "commander";
import { serviceName } from "../../workflows/deploy.js";
import type { KServeLabelFlavour, KServeStorageStyle } from "../../workflows/kserve-manifest.js";
import type { CliContext } from "../context.js";
import { UsageError } from "../exit-codes.js";
import { print, renderCard } from "../output.js";

interface DeployFlags {
  env?: string;
  name?: string;
  runtime?: string;
  createEnv?: boolean;
  dryRun?: boolean;
  emit?: string;
  namespace?: string;
  registryService?: string;
  registryNamespace?: string;
  registryUrl?: string;
  labels?: KServeLabelFlavour;
  storage?: KServeStorageStyle;
}

/** `mr-cli deploy <model> <version> --env <serving-environment>` */
export function deployCommand(ctx: CliContext): Command {
  return new Command("deploy")
    .description(
      "mark a model version DEPLOYED in a serving environment (an InferenceService record a cluster controller reconciles)",
    )
    .argument("<model>")
    .argument("<version>")
    .option("--env <serving-environment>", "serving environment name (required, except with --emit)")
    .option("--name <name>", "InferenceService name (default <model>-<version>)")
    .option("--runtime <runtime>", "serving runtime, e.g. mlserver")
    .option("--create-env", "create the serving environment if it does not exist")
    .option("--dry-run", "show what would change, change nothing")
    .option(
      "--emit <format>",
      "print the KServe InferenceService manifest (format: kserve); with --env also record the deployment and label the manifest with its id",
    )
    .option("--namespace <namespace>", "with --emit: namespace of the InferenceService")
    .option(
      "--registry-service <name>",
      "with --emit: the registry's Kubernetes Service (default model-registry-service)",
    )
    .option("--registry-namespace <namespace>", "with --emit: the registry's namespace (default kubeflow)")
    .option("--registry-url <url>", "with --emit: the registry's URL, as the annotation …/url")
    .addOption(
      new Option(
        "--labels <flavour>",
        "with --emit: label keys of kubeflow, odh (Open Data Hub) or both",
      ).choices(["kubeflow", "odh", "both"]),
    )
    .addOption(
      new Option(
        "--storage <style>",
        "with --emit: auto (storageKey/storagePath, else the URI), uri, or model-registry (model-registry://<model>/<version>)",
      ).choices(["auto", "uri", "model-registry"]),
    )
    .addHelpText(
      "after",
      `
Deploying again a service that was undeployed flips it back to DEPLOYED; deploying another version of the same
model under the same name points the service at that version.

Examples:
  mr-cli deploy mnist v3 --env prod --runtime mlserver --create-env
  mr-cli deploy mnist v3 --emit kserve --namespace ml > isvc.yaml
  mr-cli deploy mnist v3 --env prod --emit kserve --labels both | kubectl apply -f -`,
    )
    .action(async (model: string, version: string, flags: DeployFlags) => {
      const name = flags.name ?? serviceName(model, version);
      if (flags.emit !== undefined) return emitManifest(ctx, { model, version, name }, flags);
      if (flags.env === undefined)
        throw new UsageError("required option '--env <serving-environment>' not specified");
      const target = { model, version, name, env: flags.env };
      return flags.dryRun ? showPlan(ctx, target, flags) : deployNow(ctx, target, flags);
    });
}

/** What to deploy: the version, and the InferenceService's name (and its environment's, except with --emit). */
interface Target {
  model: string;
  version: string;
  name: string;
}

/** `--emit kserve`: prints the InferenceService manifest for the version; with `--env` (and no `--dry-run`) records
 * the deployment first, so that the manifest carries the record's id. */
async function emitManifest(ctx: CliContext, target: Target, flags: DeployFlags): Promise<void> {
  if (flags.emit !== "kserve")
    throw new UsageError(`unknown manifest format ${JSON.stringify(flags.emit)}; known: kserve`);
  const mr = await ctx.registry();
  const signal = ctx.io.signal;
  const recorded =
    flags.env && !flags.dryRun
      ? await mr.deploy({
          name: target.model,
          version: target.version,
          servingEnvironment: flags.env,
          inferenceService: target.name,
          runtime: flags.runtime,
          createEnvironment: flags.createEnv,
          signal,
        })
      : undefined;
  if (recorded)
    ctx.note(
      `${recorded.action}: ${target.name} in ${flags.env} (inference service ${recorded.inferenceService.id})`,
    );
  const manifest = await mr.kserveManifest({
    name: target.model,
    version: target.version,
    inferenceService: target.name,
    namespace: flags.namespace,
    runtime: flags.runtime,
    registryService: flags.registryService,
    registryNamespace: flags.registryNamespace,
    registryUrl: flags.registryUrl,
    labels: flags.labels,
    storage: flags.storage,
    inferenceServiceId: recorded?.inferenceService.id,
    signal,
  });
  const text =
    ctx.format() === "json"
      ? JSON.stringify(manifest, null, 2)
      : (await import("yaml")).stringify(manifest).trimEnd();
  ctx.io.stdout.write(`${text}\n`);
}

/** `--dry-run`: what deploy would do (create, redeploy, update or nothing), read from the registry, changing nothing. */
async function showPlan(
  ctx: CliContext,
  target: Target & { env: string },
  flags: DeployFlags,
): Promise<void> {
  const { model, version, name, env: envName } = target;
  const mr = await ctx.registry();
  // The library's own plan: the same reads, and the same refusals, as the real deploy.
  const planned = await mr.planDeploy({
    name: model,
    version,
    servingEnvironment: envName,
    inferenceService: name,
    runtime: flags.runtime,
    createEnvironment: flags.createEnv,
    signal: ctx.io.signal,
  });
  const plan = {
    dryRun: true,
    inferenceService: name,
    servingEnvironment: planned.servingEnvironment ? `reuse ${planned.servingEnvironment.id}` : "create",
    action: planned.action,
  };
  await print(ctx, plan, () =>
    renderCard([
      ["dry run", `${model} ${version} → ${envName}: nothing changed`],
      ["inference service", name],
      ["serving environment", plan.servingEnvironment],
      ["action", plan.action],
    ]),
  );
}

/** Deploys: the library's deploy, printed as a card (or JSON). */
async function deployNow(
  ctx: CliContext,
  target: Target & { env: string },
  flags: DeployFlags,
): Promise<void> {
  const { model, version, name, env: envName } = target;
  const mr = await ctx.registry();
  const result = await mr.deploy({
    name: model,
    version,
    servingEnvironment: envName,
    inferenceService: name,
    runtime: flags.runtime,
    createEnvironment: flags.createEnv,
    signal: ctx.io.signal,
  });
  const isvc = result.inferenceService;
  await print(ctx, result, () =>
    renderCard([
      [result.action, `${isvc.name} in ${envName}: ${model} ${version} ${isvc.desiredState}`],
      ["id", isvc.id],
      ["runtime", isvc.runtime],
    ]),
  );
}

/** `mr-cli undeploy <inference-service> --env <serving-environment>` */
export function undeployCommand(ctx: CliContext): Command {
  return new Command("undeploy")
    .description("mark an InferenceService UNDEPLOYED (the record stays; deploy flips it back)")
    .argument("<inference-service>", "InferenceService name")
    .requiredOption("--env <serving-environment>", "serving environment name")
    .addHelpText("after", "\nExample:\n  mr-cli undeploy mnist-v3 --env prod")
    .action(async (name: string, flags: { env: string }) => {
      const mr = await ctx.registry();
      const result = await mr.undeploy({
        inferenceService: name,
        servingEnvironment: flags.env,
        signal: ctx.io.signal,
      });
      await print(ctx, result, () =>
        renderCard([
          [result.action, `${name} in ${flags.env} is ${result.inferenceService.desiredState}`],
          ["id", result.inferenceService.id],
        ]),
      );
    });
}
