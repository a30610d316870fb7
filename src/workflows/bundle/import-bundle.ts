// importBundle: a bundle's models, versions, artifacts and aliases into a registry, many versions at once (a bounded
// number), converging like registerModel: what exists the same is `unchanged`, a run cut short is completed by the
// next one, and nothing that exists is changed (a version holding another URI is reported as a `conflict`; an alias
// the registry already points elsewhere is `kept`, and one whose version is a conflict or failed is `skipped`).
import { type CallOptions, callOptions } from "../../client/call-options.js";
import type { ModelVersion, RegisteredModel } from "../../client/entities.js";
import { Semaphore } from "../../storage/semaphore.js";
import { aliasesOf, aliasKey } from "../aliases/alias-names.js";
import type { StepContext } from "../converge.js";
import { ensureRegisteredModel } from "../model-entities.js";
import type { RegistryClient } from "../registry-client.js";
import { type BundledModel, checkBundle, type ModelBundle } from "./bundle-format.js";
import { type ImportedVersion, type ImportStatus, importVersion } from "./import-version.js";
import { propertyInput } from "./property-input.js";

export type { ImportedVersion, ImportStatus };

/** What to import, and how. */
export interface ImportBundleParams extends CallOptions {
  /** The bundle (as `exportModels` returns it, or parsed from its JSON: it is checked). */
  bundle: ModelBundle;
  /** How many versions are imported at once. Default 8. */
  concurrency?: number | undefined;
  /** Set the bundle's aliases where the registry has none of that name. Default true. */
  aliases?: boolean | undefined;
  /** The settle time of the alias change (see `changeCustomProperties`). Default 500 ms. */
  settleMs?: number | undefined;
  /** Called as each version is done, with how many are done of how many. */
  onVersion?: ((version: ImportedVersion, progress: { done: number; total: number }) => void) | undefined;
}

/** What importing one bundled alias did. */
export interface ImportedAlias {
  /** The registered model's name. */
  model: string;
  /** The alias, without its `@`. */
  alias: string;
  /** The version the alias names in the registry now: for `kept`, the registry's own (not the bundle's); for
   * `skipped`, the bundle's (which the alias was not set to). */
  version: string;
  /** For `kept`: the version the bundle named, which the registry's alias does not name. */
  requested?: string | undefined;
  /** `set`: it was set. `unchanged`: it already named that version. `kept`: the registry's alias names another
   * version, left as it is. `skipped`: the version it names was a `conflict` or `failed` here, so it was not set. */
  status: "set" | "unchanged" | "kept" | "skipped";
  /** For `skipped`: why. */
  message?: string | undefined;
}

/** What importing did, model by model and version by version. */
export interface ImportResult {
  /** `unchanged` when nothing was written; `conflict`/`failed` when some version was; else `imported`. */
  status: "imported" | "unchanged" | "conflict" | "failed";
  /** Each model: its id here, and whether this import created it. */
  models: { name: string; id: string; status: "created" | "unchanged" }[];
  /** Each version, in the order they were done. */
  versions: ImportedVersion[];
  /** Each bundled alias: `set`, `unchanged` (already so), `kept` (the registry's names another version),
   * `skipped` (its version did not go through). */
  aliases: ImportedAlias[];
  /** How many versions ended in each status. */
  counts: Partial<Record<ImportStatus, number>>;
}

/** Imports a bundle into the registry of `mr`. Per-version failures are reported, not thrown (the rest goes on);
 * the model-level steps throw. Running it again resumes where it stopped. */
export async function importBundle(mr: RegistryClient, params: ImportBundleParams): Promise<ImportResult> {
  const bundle = checkBundle(params.bundle);
  const ctx: StepContext = { policy: mr.retryPolicy, signal: params.signal };
  const slots = new Semaphore(params.concurrency ?? 8);
  const total = bundle.models.reduce((sum, m) => sum + m.versions.length, 0);
  const result: ImportResult = { status: "unchanged", models: [], versions: [], aliases: [], counts: {} };
  const done = (version: ImportedVersion) => {
    result.versions.push(version);
    result.counts[version.status] = (result.counts[version.status] ?? 0) + 1;
    params.onVersion?.(version, { done: result.versions.length, total });
  };
  for (const bundled of bundle.models) {
    const model = await importModel(mr, ctx, bundled, result);
    const existing = await existingVersions(mr, model.id, callOptions(params));
    const target = { model: model.name, registeredModelId: model.id };
    await Promise.all(
      bundled.versions.map((version) =>
        slots.run(async () => {
          params.signal?.throwIfAborted();
          const one = { ...target, existing: existing.get(version.fields.name) };
          done(
            await importVersion(mr, ctx, one, version).catch((error: unknown) => {
              if (params.signal?.aborted) throw error;
              const message = error instanceof Error ? error.message : String(error);
              return { model: model.name, version: version.fields.name, status: "failed" as const, message };
            }),
          );
        }),
      ),
    );
    if (params.aliases !== false) await importAliases(mr, model, bundled, result, params);
  }
  const { counts } = result;
  const wrote = counts.created || counts.completed || result.models.some((m) => m.status === "created");
  const aliasesSet = result.aliases.some((a) => a.status === "set");
  result.status = counts.failed
    ? "failed"
    : counts.conflict
      ? "conflict"
      : wrote || aliasesSet
        ? "imported"
        : "unchanged";
  return result;
}

async function importModel(
  mr: RegistryClient,
  ctx: StepContext,
  bundled: BundledModel,
  result: ImportResult,
): Promise<RegisteredModel> {
  const name = bundled.fields.name;
  const found = await mr.registeredModels.find({ name }, { signal: ctx.signal });
  const made = found
    ? { entity: found, created: false }
    : await ensureRegisteredModel(mr, ctx, {
        ...bundled.fields,
        name,
        customProperties: propertyInput(bundled.customProperties),
      });
  result.models.push({ name, id: made.entity.id, status: made.created ? "created" : "unchanged" });
  return made.entity;
}

async function existingVersions(
  mr: RegistryClient,
  id: string,
  call: CallOptions,
): Promise<Map<string, ModelVersion>> {
  const listing = mr.registeredModels.versions(id).list({ ...call, pageSize: 100 });
  const byName = new Map<string, ModelVersion>();
  for await (const version of listing) byName.set(version.name, version);
  return byName;
}

/** Sets the bundle's aliases that the registry lacks, in one change of the model's properties. */
async function importAliases(
  mr: RegistryClient,
  model: RegisteredModel,
  bundled: BundledModel,
  result: ImportResult,
  params: ImportBundleParams,
): Promise<void> {
  const entries = Object.entries(bundled.aliases ?? {});
  if (entries.length === 0) return;
  const outcome = new Map(
    result.versions.filter((v) => v.model === model.name).map((v) => [v.version, v.status] as const),
  );
  const current = aliasesOf(await mr.registeredModels.get(model.id, callOptions(params)));
  const changes: Record<string, string> = {};
  for (const [alias, version] of entries) {
    const base = { model: model.name, alias };
    const done = outcome.get(version);
    if (done === "conflict" || done === "failed" || done === undefined) {
      const why =
        done === undefined ? "was not imported" : done === "conflict" ? "is a conflict here" : "failed";
      const message = `version ${JSON.stringify(version)} ${why}: the alias was not set`;
      result.aliases.push({ ...base, version, status: "skipped", message });
      continue;
    }
    const kept = current[alias];
    if (kept === undefined) {
      changes[aliasKey(alias)] = version;
      result.aliases.push({ ...base, version, status: "set" });
    } else if (kept === version) result.aliases.push({ ...base, version, status: "unchanged" });
    else result.aliases.push({ ...base, version: kept, requested: version, status: "kept" });
  }
  if (Object.keys(changes).length > 0)
    await mr.registeredModels.changeCustomProperties(model.id, changes, {
      ...callOptions(params),
      settleMs: params.settleMs,
    });
}
