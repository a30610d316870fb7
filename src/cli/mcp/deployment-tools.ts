// mr-cli mcp's tools that read the deployments the registry records: serving environments and inference services,
// as `mr-cli list environments|deployments` give them with -o json.
import { z } from "zod";
import { requireEnvironment, requireInferenceService } from "../lookup.js";
import { firstPage, order, pageOptions, paging, readTool, type Tool } from "./mcp-tool.js";

/** The tools that read serving environments and deployments. */
export const deploymentTools: Tool[] = [
  readTool({
    name: "list_serving_environments",
    title: "List serving environments",
    description: "Lists the serving environments deployments are recorded in (e.g. one per namespace).",
    input: z.object({ ...order, ...paging }),
    example: {},
    run: async (args, env) =>
      firstPage((await env.registry()).servingEnvironments.list(pageOptions(args, env))),
  }),
  readTool({
    name: "list_deployments",
    title: "List deployments",
    description:
      "Lists the inference services (deployments) recorded in the registry, of one serving environment or of all, with the version each serves and its desiredState (DEPLOYED or UNDEPLOYED).",
    input: z.object({
      servingEnvironment: z.string().min(1).optional().describe("only this serving environment"),
      ...order,
      ...paging,
    }),
    example: { servingEnvironment: "prod" },
    run: async (args, env) => {
      const mr = await env.registry();
      const options = pageOptions(args, env);
      if (!args.servingEnvironment) return firstPage(mr.inferenceServices.list(options));
      const found = await requireEnvironment(mr, args.servingEnvironment);
      return firstPage(mr.servingEnvironments.inferenceServices(found.id).list(options));
    },
  }),
  readTool({
    name: "get_deployment",
    title: "Get a deployment",
    description: "One inference service (deployment) by its name and its serving environment's name.",
    input: z.object({
      inferenceService: z.string().min(1).describe("the inference service's name, e.g. mnist-v3"),
      servingEnvironment: z.string().min(1).describe("its serving environment's name"),
    }),
    example: { inferenceService: "mnist-v3", servingEnvironment: "prod" },
    run: async (args, env) =>
      (
        await requireInferenceService(
          await env.registry(),
          args.inferenceService,
          args.servingEnvironment,
          env.signal,
        )
      ).service,
  }),
];
