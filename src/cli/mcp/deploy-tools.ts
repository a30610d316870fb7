// mr-cli mcp's deployments: plan_deploy (what deploy would do, a read), deploy and undeploy: the InferenceService
// records a cluster's controller reconciles, as `mr-cli deploy|undeploy` write them.
import { z } from "zod";
import type { DeployParams } from "../../workflows/deploy/deploy.js";
import { deployPlanView } from "../commands/deploy.js";
import { requireInferenceService } from "../lookup.js";
import { readTool, type Tool, type ToolEnv, writeTool } from "./mcp-tool.js";

const deployInput = z.object({
  model: z.string().min(1).describe("the registered model's name"),
  version: z.string().min(1).describe("the version to deploy"),
  servingEnvironment: z.string().min(1).describe("the serving environment's name (e.g. a namespace)"),
  inferenceService: z
    .string()
    .min(1)
    .optional()
    .describe("the inference service's name (default <model>-<version> as a Kubernetes name)"),
  runtime: z.string().min(1).optional().describe("the serving runtime, e.g. mlserver"),
  createEnvironment: z.boolean().optional().describe("create the serving environment if it does not exist"),
});
type DeployArgs = z.infer<typeof deployInput>;

const params = (args: DeployArgs, env: ToolEnv): DeployParams => ({
  name: args.model,
  version: args.version,
  servingEnvironment: args.servingEnvironment,
  inferenceService: args.inferenceService,
  runtime: args.runtime,
  createEnvironment: args.createEnvironment,
  signal: env.signal,
});

async function planDeploy(args: DeployArgs, env: ToolEnv) {
  return deployPlanView(await (await env.registry()).planDeploy(params(args, env)));
}

const example = { model: "mnist", version: "v3", servingEnvironment: "prod", createEnvironment: true };

/** The tools that deploy and undeploy. */
export const deployTools: Tool[] = [
  readTool({
    name: "plan_deploy",
    title: "Plan a deployment",
    description:
      "What deploy would do with these arguments, changing nothing: the inference service's name, whether its serving environment exists, and the action (create, redeploy an undeployed service, update it to this version or runtime, or unchanged). Refuses what deploy would refuse.",
    input: deployInput,
    example,
    run: planDeploy,
  }),
  writeTool({
    name: "deploy",
    title: "Deploy a model version",
    description:
      "Records a model version as DEPLOYED in a serving environment: an InferenceService record that a cluster's model registry controller reconciles (nothing is applied to a cluster here). Safe to repeat.",
    input: deployInput,
    example,
    plan: planDeploy,
    apply: async (args, env) => (await env.registry()).deploy(params(args, env)),
  }),
  writeTool({
    name: "undeploy",
    title: "Undeploy an inference service",
    description: "Marks an inference service UNDEPLOYED (the record stays; deploy brings it back).",
    input: z.object({
      inferenceService: z.string().min(1).describe("the inference service's name"),
      servingEnvironment: z.string().min(1).describe("its serving environment's name"),
    }),
    example: { inferenceService: "mnist-v3", servingEnvironment: "prod" },
    plan: async (args, env) => {
      const { environment, service } = await requireInferenceService(
        await env.registry(),
        args.inferenceService,
        args.servingEnvironment,
        env.signal,
      );
      const from = service.desiredState ?? "DEPLOYED";
      return {
        undeploy: service.name,
        id: service.id,
        servingEnvironmentId: environment.id,
        modelVersionId: service.modelVersionId,
        desiredState: { from, to: "UNDEPLOYED" },
        action: from === "UNDEPLOYED" ? "unchanged" : "undeploy",
      };
    },
    apply: async (_args, env, plan) =>
      (await env.registry()).undeploy({ inferenceServiceId: plan.id, signal: env.signal }),
  }),
];
