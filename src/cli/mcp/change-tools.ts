// mr-cli mcp's changes to what is registered: a model's or a version's description, owner or author and custom
// properties (merged: the others are kept), and archive/restore, as `mr-cli update|archive|restore` make them.
import { z } from "zod";
import type { CustomPropertiesInput } from "../../client/entity.js";
import type { ModelRegistry } from "../../model-registry.js";
import { UsageError } from "../exit-codes.js";
import { requireModel, requireVersion } from "../lookup.js";
import { mergedUpdate } from "../merged-update.js";
import { type Tool, writeTool } from "./mcp-tool.js";
import { metadata } from "./register-tools.js";

const model = z.string().min(1).describe("the registered model's name");
const version = z.string().min(1).describe("the version's name");
const changes = {
  description: z.string().optional().describe("the new description"),
  set: metadata.optional().describe("custom properties to set (the others are kept)"),
  unset: z.array(z.string().min(1)).optional().describe("custom properties to remove"),
};

/** One field's change, as a plan shows it. */
interface Change {
  field: string;
  from: unknown;
  to: unknown;
}

type Target = { id: string; description?: string | undefined; customProperties: Record<string, unknown> };

/** The changes of `args` to `entity` (`fields`: the plain fields it may change); `set` and `unset` as
 * `customProperties.<key>`. @throws UsageError when there is nothing to change. */
function planChanges(
  entity: Target & Record<string, unknown>,
  args: { set?: Record<string, unknown> | undefined; unset?: string[] | undefined } & Record<string, unknown>,
  fields: string[],
): Change[] {
  const list: Change[] = fields
    .filter((field) => args[field] !== undefined)
    .map((field) => ({ field, from: entity[field] ?? null, to: args[field] }));
  for (const [key, value] of Object.entries(args.set ?? {}))
    list.push({ field: `customProperties.${key}`, from: entity.customProperties[key] ?? null, to: value });
  for (const key of args.unset ?? [])
    list.push({ field: `customProperties.${key}`, from: entity.customProperties[key] ?? null, to: null });
  if (list.length === 0)
    throw new UsageError(`nothing to change: give ${[...fields, "set", "unset"].join(", ")}`);
  return list;
}

/** The update body of a plan's changes: plain fields, and the custom properties to merge (null removes one). */
function body(plan: { changes: Change[] }) {
  const customProperties: CustomPropertiesInput = {};
  const fields: Record<string, unknown> = {};
  for (const { field, to } of plan.changes) {
    if (field.startsWith("customProperties."))
      customProperties[field.slice("customProperties.".length)] = to as CustomPropertiesInput[string];
    else fields[field] = to;
  }
  return { fields, changes: Object.keys(customProperties).length > 0 ? customProperties : undefined };
}

/** The model, or the version when one is named, with the resource that changes it. */
async function target(mr: ModelRegistry, args: { model: string; version?: string | undefined }) {
  if (args.version === undefined)
    return {
      kind: "registered model",
      entity: await requireModel(mr, args.model),
      resource: mr.registeredModels,
    };
  const found = await requireVersion(mr, args.model, args.version);
  return { kind: "model version", entity: found.version, resource: mr.modelVersions };
}

function stateTool(verb: "archive" | "restore"): Tool {
  const to = verb === "archive" ? "ARCHIVED" : "LIVE";
  return writeTool({
    name: verb,
    title: verb === "archive" ? "Archive a model or a version" : "Restore a model or a version",
    description:
      verb === "archive"
        ? "Archives a registered model, or one version of it (state ARCHIVED; nothing is deleted, restore brings it back)."
        : "Makes an archived registered model, or one version of it, LIVE again.",
    input: z.object({
      model,
      version: version.optional().describe("a version of it; without: the model itself"),
    }),
    example: { model: "mnist", version: "v1" },
    plan: async (args, env) => {
      const { kind, entity } = await target(await env.registry(), args);
      return { [verb]: kind, id: entity.id, ...args, state: { from: entity.state ?? null, to } };
    },
    apply: async (args, env, plan) => {
      const { resource } = await target(await env.registry(), args);
      return verb === "archive" ? resource.archive(plan.id) : resource.restore(plan.id);
    },
  });
}

/** The tools that change registered models and versions. */
export const changeTools: Tool[] = [
  writeTool({
    name: "update_model",
    title: "Update a registered model",
    description:
      "Changes a registered model's description, owner or custom properties (merged: the properties not named are kept, its state too).",
    input: z.object({ name: model, owner: z.string().optional().describe("the new owner"), ...changes }),
    example: { name: "mnist", description: "CNN on MNIST", set: { team: "vision" } },
    plan: async (args, env) => {
      const entity = await requireModel(await env.registry(), args.name);
      return {
        update: "registered model",
        id: entity.id,
        changes: planChanges(entity, args, ["description", "owner"]),
      };
    },
    apply: async (_args, env, plan) => {
      const { fields, changes } = body(plan);
      return mergedUpdate((await env.registry()).registeredModels, plan.id, fields, changes, env.signal);
    },
  }),
  writeTool({
    name: "update_version",
    title: "Update a model version",
    description:
      "Changes a model version's description, author or custom properties (merged: the properties not named are kept, its state too).",
    input: z.object({ model, version, author: z.string().optional().describe("the new author"), ...changes }),
    example: { model: "mnist", version: "v3", set: { accuracy: 0.981, validated: true } },
    plan: async (args, env) => {
      const { version: found } = await requireVersion(await env.registry(), args.model, args.version);
      return {
        update: "model version",
        id: found.id,
        changes: planChanges(found, args, ["description", "author"]),
      };
    },
    apply: async (_args, env, plan) => {
      const { fields, changes } = body(plan);
      return mergedUpdate((await env.registry()).modelVersions, plan.id, fields, changes, env.signal);
    },
  }),
  stateTool("archive"),
  stateTool("restore"),
];
