// Set, move, remove, resolve and list a model's aliases. Each alias is one custom property of the registered model
// (alias-names.ts); a change writes that one key with `changeCustomProperties`, which makes it hold against
// concurrent writers that replace the whole map (docs/aliases.md: what is promised, and why).
import { type CallOptions, callOptions } from "../../client/call-options.js";
import type { ModelVersion, RegisteredModel } from "../../client/entities.js";
import type { PropertyChangeOptions } from "../../client/property-change.js";
import { EntityNotFoundError } from "../../errors.js";
import { requireVersion } from "../lookup.js";
import type { RegistryClient } from "../registry-client.js";
import { aliasesOf, aliasKey, checkAlias } from "./alias-names.js";

/** A model's alias, by names. */
export interface AliasParams extends CallOptions {
  /** The registered model's name. */
  name: string;
  /** The alias, with or without its `@`: a letter, then letters, digits, `_` or `-`. */
  alias: string;
}

/** Which version an alias is to name, and how the change is made to hold. */
export interface SetAliasParams extends AliasParams, Pick<PropertyChangeOptions, "settleMs" | "attempts"> {
  /** The version's name, or another alias (`@challenger`) to name the version it names. */
  version: string;
}

/** `set`: the alias is new. `moved`: it named another version. `unchanged`: it already named this one (nothing
 * written). `superseded`: a concurrent writer changed it again after this call (their version is kept).
 * `removed`: it no longer names a version. */
export type AliasStatus = "set" | "moved" | "unchanged" | "superseded" | "removed";

/** What a change of an alias did. */
export interface AliasResult {
  /** The registered model as read back after the change. */
  registeredModel: RegisteredModel;
  /** The alias, without its `@`. */
  alias: string;
  /** The name of the version the alias names now, or undefined when it names none. */
  version: string | undefined;
  /** The name of the version it named before this call, or undefined. */
  previous: string | undefined;
  /** What this call did. */
  status: AliasStatus;
}

/** Points `alias` at a version of the model (which must exist), moving it from the version it named: at most one
 * version has an alias at any time. Other custom properties of the model, and concurrent changes of other aliases
 * or metadata, are kept. @throws EntityNotFoundError for a model or version that does not exist. */
export async function setAlias(mr: RegistryClient, params: SetAliasParams): Promise<AliasResult> {
  const alias = checkAlias(params.alias, true);
  const call = callOptions(params);
  const { registeredModel, modelVersion } = await requireVersion(
    mr,
    { name: params.name, version: params.version },
    { ...call, artifact: false },
  );
  const previous = aliasesOf(registeredModel)[alias];
  const change = await mr.registeredModels.changeCustomProperties(
    registeredModel.id,
    { [aliasKey(alias)]: modelVersion.name },
    { ...call, settleMs: params.settleMs, attempts: params.attempts },
  );
  const now = aliasesOf(change.entity)[alias];
  const status = change.status === "changed" ? (previous === undefined ? "set" : "moved") : change.status;
  return { registeredModel: change.entity, alias, version: now, previous, status };
}

/** Removes an alias from the model (`unchanged` when it had none). Other properties are kept. */
export async function removeAlias(
  mr: RegistryClient,
  params: AliasParams & Pick<PropertyChangeOptions, "settleMs" | "attempts">,
): Promise<AliasResult> {
  const alias = checkAlias(params.alias, true);
  const call = callOptions(params);
  const model = await requireModel(mr, params.name, call);
  const previous = aliasesOf(model)[alias];
  if (previous === undefined)
    return { registeredModel: model, alias, version: undefined, previous, status: "unchanged" };
  const change = await mr.registeredModels.changeCustomProperties(
    model.id,
    { [aliasKey(alias)]: null },
    { ...call, settleMs: params.settleMs, attempts: params.attempts },
  );
  const now = aliasesOf(change.entity)[alias];
  const status = change.status === "changed" ? "removed" : change.status;
  return { registeredModel: change.entity, alias, version: now, previous, status };
}

/** The version an alias names (`latest`: the newest version not archived), with its model.
 * @throws EntityNotFoundError for a model, an alias or a version that does not exist. */
export async function resolveAlias(
  mr: RegistryClient,
  params: AliasParams,
): Promise<{ registeredModel: RegisteredModel; modelVersion: ModelVersion }> {
  const alias = checkAlias(params.alias);
  return requireVersion(
    mr,
    { name: params.name, version: `@${alias}` },
    { ...callOptions(params), artifact: false },
  );
}

/** The model's aliases: alias → the name of the version it names, sorted by alias (`latest` is not listed).
 * @throws EntityNotFoundError for a model that does not exist. */
export async function listAliases(
  mr: RegistryClient,
  params: CallOptions & { name: string },
): Promise<Record<string, string>> {
  return aliasesOf(await requireModel(mr, params.name, callOptions(params)));
}

async function requireModel(mr: RegistryClient, name: string, call: CallOptions): Promise<RegisteredModel> {
  const model = await mr.registeredModels.find({ name }, call);
  if (!model) throw new EntityNotFoundError(`registered model ${JSON.stringify(name)}`, mr.apiUrl);
  return model;
}
