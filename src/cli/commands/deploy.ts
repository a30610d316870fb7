import { Command, Option } from "commander";
import { type DeployPlan, serviceName } from "../../workflows/deploy/deploy.js";
import type { CliContext } from "../context.js";
import { CliFailure, EXIT, UsageError } from "../exit-codes.js";
import { print, renderCard } from "../output.js";
import { positiveInt } from "../parse-values.js";
import {
  type ApplyFlags,
  addApplyOptions,
  addClusterOptions,
  applyNow,
  checkApplyFlags,
  checkNow,
  deleteNow,
} from "./deploy-cluster.js";
import {
  addEmitOptions,
  type DeployFlags,
  deployParams,
  EMIT_ONLY,
  emitManifest,
  type Target,
} from "./deploy-emit.js";
import { keyFile } from "./sign.js";

/** `mr-cli deploy <model> <version> --env <serving-environment>` */
export function deployCommand(ctx: CliContext): Command {
  const command = new Command("deploy")
    .description(
      "mark a model version DEPLOYED in a serving environment (an InferenceService record a cluster controller reconciles)",
    )
    .argument("<model>")
    .argument("<version>")
    .option("--env <serving-environment>", "serving environment name (required, except with --emit)")
    .option("--name <name>", "InferenceService name (default <model>-<version>)")
    .option("--runtime <runtime>", "serving runtime, e.g. mlserver")
    .option("--create-env", "create the serving environment if it does not exist")
    .option(
      "--require-signature <pub.pem>",
      "deploy only if the version's signature holds for this public key, its recorded files and what is stored beside them (exit 8); with --emit, every stored file is read against it too",
    )
    .option("--dry-run", "show what would change, change nothing (with --apply: the API server's dry run)");
  return addApplyOptions(addEmitOptions(command))
    .addHelpText(
      "after",
      `
Deploying again a service that was undeployed flips it back to DEPLOYED; deploying another version of the same
model under the same name points the service at that version.

With --apply, the InferenceService goes to the cluster of your kubeconfig (server-side apply), in --namespace (or
--env, or the context's namespace), and the registry keeps one record of it: the upstream controller links it, and
mr-cli sets the record DEPLOYED on this version (which the controller does not do for a record it already has).

Examples:
  mr-cli deploy mnist v3 --apply --namespace ml --wait --protocol-version v2
  mr-cli deploy mnist v3 --check --storage model-registry
  mr-cli deploy mnist v3 --env prod --runtime mlserver --create-env
  mr-cli deploy mnist v3 --emit kserve --namespace ml --protocol-version v2 > isvc.yaml
  mr-cli deploy mnist v3 --env ml --emit kserve --protocol-version v2 --labels both | kubectl apply -f -`,
    )
    .action(async (model: string, version: string, flags: DeployFlags & ApplyFlags) => {
      const name = flags.name ?? serviceName(model, version);
      checkApplyFlags(flags);
      const publicKey = flags.requireSignature
        ? await keyFile(flags.requireSignature, "--require-signature")
        : undefined;
      if (flags.apply || flags.check) {
        if (publicKey) await requireSigned(ctx, model, version, publicKey);
        const target = { model, version, name };
        return flags.apply ? applyNow(ctx, target, flags) : checkNow(ctx, target, flags);
      }
      if (flags.emit !== undefined) {
        // A manifest is what a cluster deploys: its version's signature, and every stored file against it, first.
        if (publicKey) await requireSigned(ctx, model, version, publicKey);
        return emitManifest(ctx, { model, version, name }, flags);
      }
      const emitOnly = EMIT_ONLY.filter(([field]) => flags[field] !== undefined).map(([, flag]) => flag);
      if (emitOnly.length > 0)
        throw new UsageError(`${emitOnly.join(", ")}: only with --emit kserve, --apply or --check`);
      if (flags.env === undefined)
        throw new UsageError("required option '--env <serving-environment>' not specified");
      const target = { model, version, name, env: flags.env };
      return flags.dryRun
        ? showPlan(ctx, target, flags, publicKey)
        : deployNow(ctx, target, flags, publicKey);
    });
}

/** The version's signature holds for the key, and every stored file matches it. @throws SignatureError, or a
 * CliFailure (exit 7) when a stored file differs. */
async function requireSigned(
  ctx: CliContext,
  model: string,
  version: string,
  publicKey: string,
): Promise<void> {
  const mr = await ctx.registry();
  const checked = await mr.verifyModel({
    name: model,
    version,
    signature: { publicKey },
    signal: ctx.io.signal,
  });
  if (!checked.ok)
    throw new CliFailure(`${model} ${version}: its stored files do not match its manifest`, EXIT.upload);
}

/** `--dry-run`: what deploy would do (create, redeploy, update or nothing), read from the registry, changing nothing. */
async function showPlan(
  ctx: CliContext,
  target: Target & { env: string },
  flags: DeployFlags,
  publicKey?: string,
): Promise<void> {
  const { model, version, name, env: envName } = target;
  const mr = await ctx.registry();
  // The library's own plan: the same reads, and the same refusals, as the real deploy.
  const planned = await mr.planDeploy({ ...deployParams(target, flags, publicKey), signal: ctx.io.signal });
  const plan = deployPlanView(planned);
  await print(ctx, plan, () =>
    renderCard([
      ["dry run", `${model} ${version} → ${envName}: nothing changed`],
      ["inference service", name],
      ["serving environment", plan.servingEnvironment],
      ["action", plan.action],
    ]),
  );
}

/** A deploy's plan as `--dry-run` prints it (and mr-cli mcp's deploy tools show it): the service, its environment
 * (`reuse <id>` or `create`), the action, the ids of the model and version, and the service as it is, if it exists. */
export function deployPlanView(planned: DeployPlan) {
  const { existing } = planned;
  return {
    dryRun: true as const,
    inferenceService: planned.inferenceServiceName,
    servingEnvironment: planned.servingEnvironment ? `reuse ${planned.servingEnvironment.id}` : "create",
    action: planned.action,
    registeredModelId: planned.registeredModel.id,
    modelVersionId: planned.modelVersion.id,
    ...(existing
      ? {
          existing: {
            id: existing.id,
            modelVersionId: existing.modelVersionId,
            desiredState: existing.desiredState,
            runtime: existing.runtime,
          },
        }
      : {}),
  };
}

/** Deploys: the library's deploy, printed as a card (or JSON). */
async function deployNow(
  ctx: CliContext,
  target: Target & { env: string },
  flags: DeployFlags,
  publicKey?: string,
): Promise<void> {
  const { model, version, env: envName } = target;
  const mr = await ctx.registry();
  const result = await mr.deploy({ ...deployParams(target, flags, publicKey), signal: ctx.io.signal });
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
interface UndeployFlags {
  env?: string;
  delete?: boolean;
  namespace?: string;
  wait?: boolean;
  waitTimeout?: number;
  kind?: "isvc" | "llm";
  kubeconfig?: string;
  kubeContext?: string;
}

export function undeployCommand(ctx: CliContext): Command {
  const command = new Command("undeploy")
    .description("mark an InferenceService UNDEPLOYED (the record stays; deploy flips it back)")
    .argument("<inference-service>", "InferenceService name")
    .option("--env <serving-environment>", "serving environment name (required, except with --delete)")
    .option("--delete", "also delete the InferenceService from the cluster and wait for it to go")
    .option("--namespace <namespace>", "with --delete: its namespace (default --env, else the context's)")
    .option("--no-wait", "with --delete: do not wait for it to go")
    .addOption(
      new Option(
        "--kind <kind>",
        "with --delete: isvc (an InferenceService, the default) or llm (an LLMInferenceService)",
      ).choices(["isvc", "llm"]),
    )
    .option(
      "--wait-timeout <ms>",
      "with --delete: how long to wait for it to go (default 120000)",
      positiveInt,
    );
  return addClusterOptions(command)
    .addHelpText(
      "after",
      "\nExamples:\n  mr-cli undeploy mnist-v3 --env prod\n  mr-cli undeploy mnist-v3 --delete --namespace ml",
    )
    .action(async (name: string, flags: UndeployFlags) => {
      if (flags.delete) return deleteNow(ctx, name, flags);
      for (const [field, flag] of [
        ["namespace", "--namespace"],
        ["waitTimeout", "--wait-timeout"],
        ["kubeconfig", "--kubeconfig"],
        ["kubeContext", "--kube-context"],
      ] as const)
        if (flags[field] !== undefined) throw new UsageError(`${flag} only applies with --delete`);
      if (flags.wait === false) throw new UsageError("--no-wait only applies with --delete");
      if (flags.env === undefined)
        throw new UsageError("required option '--env <serving-environment>' not specified");
      const env = flags.env;
      const mr = await ctx.registry();
      const result = await mr.undeploy({
        inferenceService: name,
        servingEnvironment: env,
        signal: ctx.io.signal,
      });
      await print(ctx, result, () =>
        renderCard([
          [result.action, `${name} in ${env} is ${result.inferenceService.desiredState}`],
          ["id", result.inferenceService.id],
        ]),
      );
    });
}
