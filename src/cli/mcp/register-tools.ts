// mr-cli mcp's registrations: plan_register (what registerModel would do, a read), register_model (by URI, or a file
// or folder on the server's machine, uploaded to S3 or pushed as a modelcar image) and register_from_catalog.
import { realpath, stat } from "node:fs/promises";
import { isAbsolute, relative, resolve } from "node:path";
import { z } from "zod";
import { walkFiles } from "../../storage/walk-files.js";
import type { RegisterModelParams } from "../../workflows/register/register-model.js";
import { UsageError } from "../exit-codes.js";
import { readTool, type Tool, type ToolEnv, writeTool } from "./mcp-tool.js";

/** Custom property values: text, numbers (an integer within int32 is stored as an int, any other number as a double)
 * and booleans. */
export const metadata = z
  .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
  .describe("custom properties, e.g. { accuracy: 0.98, epochs: 10, framework: 'onnx' }");

const format = z
  .object({ name: z.string().min(1), version: z.string().min(1).optional() })
  .describe("the model format, e.g. { name: 'onnx', version: '1' } (KServe's modelFormat)");

/** What every registration takes beside its source. */
const common = {
  version: z.string().min(1).describe("the version's name in the registry, e.g. v3"),
  format: format.optional(),
  description: z.string().optional().describe("the version's description"),
  author: z
    .string()
    .optional()
    .describe("the version's author (default: the server's MODEL_REGISTRY_AUTHOR or user)"),
  owner: z.string().optional().describe("the model's owner, if it is created"),
  metadata: metadata.optional(),
  storageKey: z.string().optional().describe("KServe storage key (the data connection's name)"),
  storagePath: z.string().optional().describe("KServe storage path"),
  serviceAccountName: z.string().optional().describe("service account to read the model with"),
};

const registerInput = z.object({
  name: z.string().min(1).describe("the registered model's name (created if it does not exist)"),
  ...common,
  uri: z.string().min(1).optional().describe("register this location as is: s3://…, oci://…, https://…"),
  path: z
    .string()
    .min(1)
    .optional()
    .describe("or upload this file or folder of the server's machine (under the folders the server allows)"),
  to: z
    .string()
    .optional()
    .describe(
      "with path: push it as a KServe modelcar image to oci://registry/repository[:tag] instead of S3",
    ),
  bucket: z.string().optional().describe("with path: the S3 bucket (default: the server's storage settings)"),
  prefix: z.string().optional().describe("with path: the key prefix (default <name>/<version>)"),
  artifactName: z.string().optional().describe("the model artifact's name (default: the model's name)"),
});
type RegisterArgs = z.infer<typeof registerInput>;

/** Whether `target` is `root` or under it. */
function within(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

/** `path` as a real path inside one of the allowed folders, every file it holds too (through any link).
 * @throws UsageError outside them (before saying whether it exists), or for a path that does not exist. */
async function allowedPath(path: string, env: ToolEnv): Promise<string> {
  const allowed = (target: string) => env.pathRoots.some((root) => within(root, target));
  const hint = "whoever starts mr-cli mcp can allow another with --allow-path <folder>";
  if (env.pathRoots.length === 0)
    throw new UsageError(
      "this server uploads from no folder of its machine; whoever starts mr-cli mcp can allow one with --allow-path <folder>",
    );
  const outside = `${path} is outside the folders this server may upload from (${env.pathRoots.join(", ")}); ${hint}`;
  // Outside the allowed folders as written, nothing is said of whether it exists.
  if (!allowed(resolve(path))) throw new UsageError(outside);
  const real = await realpath(resolve(path)).catch(() => {
    throw new UsageError(`${path} does not exist on the server's machine: give a model file or folder`);
  });
  if (!allowed(real)) throw new UsageError(outside);
  // A symbolic link inside an allowed folder may point anywhere: every file the upload would read must be inside too.
  for (const file of (await walkFiles(real)).files)
    if (!allowed(await realpath(file.path)))
      throw new UsageError(
        `${path}: ${file.relativePath} is a link to a file outside the folders this server may upload from; copy it in, or ${hint}`,
      );
  return real;
}

/** The size and modification time of each file an upload from `path` would read: bound by a write's confirmation, so
 * that files changed between the plan and the write are a changed plan (an S3 plan does not show their digests). */
async function filesNow(args: RegisterArgs, env: ToolEnv): Promise<unknown> {
  if (!args.path) return null;
  const { files } = await walkFiles(await allowedPath(args.path, env));
  const now = await Promise.all(
    files.map(async (f) => [f.relativePath, f.size, (await stat(f.path)).mtimeMs]),
  );
  return now;
}

async function registerParams(args: RegisterArgs, env: ToolEnv): Promise<RegisterModelParams> {
  const { format: modelFormat, bucket, prefix, path, ...rest } = args;
  return {
    ...rest,
    ...(path ? { path: await allowedPath(path, env) } : {}),
    ...(modelFormat ? { modelFormat } : {}),
    storage: { ...(bucket ? { bucket } : {}), ...(prefix ? { prefix } : {}) },
    signal: env.signal,
  };
}

/** What registerModel would do, as `mr-cli register --dry-run -o json` prints it. */
async function planRegister(args: RegisterArgs, env: ToolEnv) {
  const planned = await (await env.registry()).planRegisterModel(await registerParams(args, env));
  return { dryRun: true as const, ...planned };
}

const catalogInput = z.object({
  source: z.string().min(1).describe("the catalog source's id"),
  model: z.string().min(1).describe("the catalog model's name, e.g. acme/digits-onnx"),
  ...common,
  name: z.string().min(1).optional().describe("the registered model's name (default: the catalog model's)"),
  artifactUri: z
    .string()
    .optional()
    .describe("which of its model artifacts to register (default: the first)"),
});
type CatalogArgs = z.infer<typeof catalogInput>;

async function catalogParams(args: CatalogArgs, env: ToolEnv) {
  const { format: modelFormat, ...rest } = args;
  const [mr, catalog] = await Promise.all([env.registry(), env.catalog()]);
  return { mr, params: { ...rest, ...(modelFormat ? { modelFormat } : {}), catalog, signal: env.signal } };
}

/** The tools that register models. */
export const registerTools: Tool[] = [
  readTool({
    name: "plan_register",
    title: "Plan a registration",
    description:
      "What register_model would do with these arguments, changing nothing: the URI it would record, the files it would upload (count, bytes, names), whether the model, version and artifact exist, and the status it would report (created, completed or unchanged). Refuses what register_model would refuse.",
    input: registerInput,
    example: { name: "mnist", version: "v4", uri: "s3://models/mnist/v4/", format: { name: "onnx" } },
    run: planRegister,
  }),
  writeTool({
    name: "register_model",
    title: "Register a model version",
    description:
      "Registers a model version: a location as is (uri), or a file or folder of the server's machine (path) uploaded to S3, or pushed as an OCI modelcar image (to). Safe to repeat: the same content again is unchanged, other content for an existing version is refused.",
    input: registerInput,
    example: { name: "mnist", version: "v4", uri: "s3://models/mnist/v4/", format: { name: "onnx" } },
    plan: planRegister,
    binding: filesNow,
    apply: async (args, env) => (await env.registry()).registerModel(await registerParams(args, env)),
  }),
  writeTool({
    name: "register_from_catalog",
    title: "Register a catalog model",
    description:
      "Registers a model of the model catalog in the registry: model, version and an artifact with the catalog's URI, its facts and its provenance. Safe to repeat.",
    input: catalogInput,
    example: { source: "stack_demo", model: "acme/digits-onnx", version: "1.0" },
    plan: async (args, env) => {
      const { mr, params } = await catalogParams(args, env);
      return { dryRun: true as const, ...(await mr.planRegisterFromCatalog(params)) };
    },
    apply: async (args, env) => {
      const { mr, params } = await catalogParams(args, env);
      return mr.registerFromCatalog(params);
    },
  }),
];
