import { Command } from "commander";
import { serviceName } from "../../workflows/deploy/deploy.js";
import type { CliContext } from "../context.js";
import { CliFailure, EXIT, UsageError } from "../exit-codes.js";
import { print, renderCard } from "../output.js";
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
    .option("--dry-run", "show what would change, change nothing");
  return addEmitOptions(command)
    .addHelpText(
      "after",
      `
Deploying again a service that was undeployed flips it back to DEPLOYED; deploying another version of the same
model under the same name points the service at that version.

Examples:
  mr-cli deploy mnist v3 --env prod --runtime mlserver --create-env
  mr-cli deploy mnist v3 --emit kserve --namespace ml --protocol-version v2 > isvc.yaml
  mr-cli deploy mnist v3 --env ml --emit kserve --protocol-version v2 --labels both | kubectl apply -f -`,
    )
    .action(async (model: string, version: string, flags: DeployFlags) => {
      const name = flags.name ?? serviceName(model, version);
      const publicKey = flags.requireSignature
        ? await keyFile(flags.requireSignature, "--require-signature")
        : undefined;
      if (flags.emit !== undefined) {
        // A manifest is what a cluster deploys: its version's signature, and every stored file against it, first.
        if (publicKey) {
          const mr = await ctx.registry();
          const checked = await mr.verifyModel({
            name: model,
            version,
            signature: { publicKey },
            signal: ctx.io.signal,
          });
          if (!checked.ok)
            throw new CliFailure(
              `${model} ${version}: its stored files do not match its manifest`,
              EXIT.upload,
            );
        }
        return emitManifest(ctx, { model, version, name }, flags);
      }
      const emitOnly = EMIT_ONLY.filter(([field]) => flags[field] !== undefined).map(([, flag]) => flag);
      if (emitOnly.length > 0) throw new UsageError(`${emitOnly.join(", ")} only apply with --emit kserve`);
      if (flags.env === undefined)
        throw new UsageError("required option '--env <serving-environment>' not specified");
      const target = { model, version, name, env: flags.env };
      return flags.dryRun
        ? showPlan(ctx, target, flags, publicKey)
        : deployNow(ctx, target, flags, publicKey);
    });
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
