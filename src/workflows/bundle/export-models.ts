// exportModels: registered models, their versions (all, or those named) and each version's model artifact, with
// their metadata, as one bundle (bundle-format.ts). Reads only: one GET per model, one per page of its versions and
// one per version for its artifact (a few at a time).
import { type CallOptions, callOptions } from "../../client/call-options.js";
import type { ModelVersion, RegisteredModel } from "../../client/entities.js";
import { wireCustomProperties } from "../../client/entity.js";
import { EntityNotFoundError } from "../../errors.js";
import { Semaphore } from "../../storage/semaphore.js";
import { ALIAS_PREFIX, aliasesOf, aliasIn, LATEST_ALIAS } from "../aliases/alias-names.js";
import { requireVersion } from "../lookup.js";
import { findModelArtifact } from "../model-entities.js";
import type { RegistryClient } from "../registry-client.js";
import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  type BundledModel,
  type BundledVersion,
  type ModelBundle,
} from "./bundle-format.js";
import { ownFields } from "./property-input.js";

/** What to export. */
export interface ExportModelsParams extends CallOptions {
  /** The registered models' names. */
  names: string[];
  /** Only these versions (names, or `@alias`, `@latest` included: the newest version not archived), of every model
   * named; default all. A version named that a model lacks is an EntityNotFoundError. */
  versions?: string[] | undefined;
  /** How many artifact reads run at once. Default 8. */
  concurrency?: number | undefined;
}

/** The models named, with their versions and model artifacts, as a bundle. @throws EntityNotFoundError for a model
 * (or a version or alias asked for) that does not exist. */
export async function exportModels(mr: RegistryClient, params: ExportModelsParams): Promise<ModelBundle> {
  const call = callOptions(params);
  const reads = new Semaphore(params.concurrency ?? 8);
  const models: BundledModel[] = [];
  for (const name of params.names) {
    const model = await mr.registeredModels.find({ name }, call);
    if (!model) throw new EntityNotFoundError(`registered model ${JSON.stringify(name)}`, mr.apiUrl);
    const versions = await chosenVersions(mr, model, params.versions, call);
    const exported = await Promise.all(versions.map((v) => reads.run(() => exportVersion(mr, v, call))));
    const names = new Set(versions.map((v) => v.name));
    const aliases = Object.entries(aliasesOf(model)).filter(([, version]) => names.has(version));
    models.push({
      fields: { ...ownFields(model), name: model.name },
      customProperties: withoutAliases(wireCustomProperties(model)),
      aliases: Object.fromEntries(aliases),
      versions: exported,
    });
  }
  return {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    exportedAt: new Date().toISOString(),
    source: { url: mr.url, apiUrl: mr.apiUrl },
    models,
  };
}

/** Every version of the model (oldest first), or those named (by name or alias) in the order named. `@latest` is
 * found as every lookup finds it (findVersion). */
async function chosenVersions(
  mr: RegistryClient,
  model: RegisteredModel,
  wanted: string[] | undefined,
  call: CallOptions,
): Promise<ModelVersion[]> {
  const all = await mr.registeredModels
    .versions(model.id)
    .list({ ...call, orderBy: "ID", sortOrder: "ASC", pageSize: 100 })
    .toArray();
  if (!wanted) return all;
  const byName = new Map(all.map((v) => [v.name, v]));
  const aliases = aliasesOf(model);
  if (wanted.some((named) => aliasIn(named) === LATEST_ALIAS)) {
    const latest = await requireVersion(
      mr,
      { name: model.name, version: `@${LATEST_ALIAS}` },
      {
        ...call,
        artifact: false,
      },
    );
    aliases[LATEST_ALIAS] = latest.modelVersion.name;
  }
  return wanted.map((named) => {
    const alias = aliasIn(named);
    const name = alias === undefined ? named : aliases[alias];
    const version = name === undefined ? undefined : byName.get(name);
    if (!version)
      throw new EntityNotFoundError(
        `${alias === undefined ? "version" : "alias"} ${JSON.stringify(alias ?? named)} of model ${JSON.stringify(model.name)}`,
        mr.apiUrl,
      );
    return version;
  });
}

async function exportVersion(
  mr: RegistryClient,
  version: ModelVersion,
  call: CallOptions,
): Promise<BundledVersion> {
  const artifact = await findModelArtifact(mr, version.id, call);
  return {
    fields: { ...ownFields(version), name: version.name },
    customProperties: wireCustomProperties(version),
    sourceId: version.id,
    ...(artifact
      ? {
          artifact: {
            fields: { ...ownFields(artifact), name: artifact.name ?? "" },
            customProperties: wireCustomProperties(artifact),
          },
        }
      : {}),
  };
}

function withoutAliases(
  wire: ReturnType<typeof wireCustomProperties>,
): ReturnType<typeof wireCustomProperties> {
  return Object.fromEntries(Object.entries(wire).filter(([key]) => !key.startsWith(ALIAS_PREFIX)));
}
