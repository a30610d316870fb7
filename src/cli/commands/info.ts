import { Command } from "commander";
import { describeStorageSettings } from "../../config/storage-settings.js";
import { AuthError, ConfigError, ModelRegistryError } from "../../errors.js";
import { VERSION } from "../../version.js";
import type { CliContext } from "../context.js";
import { print, renderCard } from "../output.js";
import { nameFlags } from "../setting-flags.js";

/** `mr-cli info`: what this client talks to and how; never a secret. */
export function infoCommand(ctx: CliContext): Command {
  return new Command("info")
    .description(
      "client version, registry URL, API version in use and how it was chosen, announced deprecation, whether the token is accepted, storage settings, the model catalog, its API version and how it was chosen, and its sources",
    )
    .addHelpText("after", "\nExample:\n  mr-cli info -o json")
    .action(async () => {
      const { info, api, refusal } = await gatherInfo(ctx);
      const deprecation = info.deprecation;
      await print(ctx, info, () =>
        renderCard([
          ["client", `mr-cli ${VERSION}`],
          ["registry", info.registryUrl],
          [
            "api version",
            api ? `${api.version} (chosen by ${api.chosenBy})` : "unknown (the token was refused)",
          ],
          [
            "deprecation",
            deprecation &&
              `${deprecation.apiVersion} deprecated${deprecation.sunset ? `, sunset ${deprecation.sunset}` : ""}`,
          ],
          ["access", info.refusal ? `refused (${info.refusal})` : info.access],
          [
            "catalog",
            info.catalog
              ? catalogLine(info.catalog)
              : "not configured (--catalog-url, MODEL_CATALOG_URL or a context's catalogUrl)",
          ],
          ...Object.entries(info.storage).map(
            ([name, value]) => [`storage ${name}`, value] as [string, string],
          ),
        ]),
      );
      // Everything is printed; the exit code still tells a script that the token was refused (exit 5).
      if (refusal) throw refusal;
    });
}

/** What `mr-cli info` reports, asked of the registry: the API version (in auto mode the first question), one listing
 * of one model (whether the token is accepted, and any deprecation notice), and the storage settings. */
async function gatherInfo(ctx: CliContext) {
  const mr = await ctx.registry();
  let access: "accepted" | "refused" = "accepted";
  let refusal: AuthError | undefined;
  const refused = (error: unknown) => {
    if (!(error instanceof AuthError)) throw error;
    access = "refused";
    refusal = error;
  };
  const signal = ctx.io.signal;
  const api = await mr.apiVersion({ signal }).catch((error: unknown) => refused(error));
  if (api)
    await mr.registeredModels
      .list({ pageSize: 1, limit: 1, signal })
      .toArray()
      .catch((error: unknown) => refused(error));
  const deprecation = mr.deprecation;
  const catalog = await gatherCatalog(ctx);
  const info = {
    clientVersion: VERSION,
    registryUrl: mr.url,
    apiVersion: api?.version ?? null,
    apiVersionChosenBy: api?.chosenBy ?? null,
    ...(deprecation
      ? {
          deprecation: {
            apiVersion: deprecation.version,
            ...(deprecation.sunset ? { sunset: deprecation.sunset.toISOString().slice(0, 10) } : {}),
            ...(deprecation.successor ? { successor: deprecation.successor } : {}),
          },
        }
      : {}),
    access,
    ...(refusal ? { refusal: `${(refusal as AuthError).status} ${(refusal as AuthError).code}` } : {}),
    storage: describeStorageSettings(await mr.storageSettings()),
    catalog: catalog ?? null,
  };
  return { info, api: api ?? undefined, refusal: refusal as AuthError | undefined };
}

/** What `mr-cli info` says of the catalog: its URL, and its sources with their status (or why it could not be read);
 * nothing when no catalog is configured. */
async function gatherCatalog(ctx: CliContext): Promise<CatalogInfo | undefined> {
  let problem: string | undefined;
  const catalog = await ctx.catalog().catch((error: unknown) => {
    if (!(error instanceof ConfigError)) throw error;
    // Not configured: nothing to say. Configured wrongly: said here, after the registry's lines.
    if (!/no model catalog configured/.test(error.message)) problem = nameFlags(error.message, error.fix);
    return undefined;
  });
  if (problem) return { url: "", error: problem };
  if (!catalog) return undefined;
  try {
    // In auto mode the listing's first request is the one question of the generation; this asks nothing more.
    const sources = await catalog.sources.list({ signal: ctx.io.signal }).toArray();
    const api = await catalog.apiVersion({ signal: ctx.io.signal });
    return {
      url: catalog.url,
      apiVersion: api.version,
      apiVersionChosenBy: api.chosenBy,
      sources: sources.map((s) => ({ id: s.id, status: s.status ?? "unknown" })),
    };
  } catch (error) {
    if (!(error instanceof ModelRegistryError)) throw error;
    return { url: catalog.url, error: nameFlags(error.message, error.fix) };
  }
}

interface CatalogInfo {
  url: string;
  /** The catalog API generation in use (`v1`, `v1alpha1`), once the catalog answered. */
  apiVersion?: string;
  /** How it was chosen: `option` or `probe`. */
  apiVersionChosenBy?: string;
  sources?: { id: string; status: string }[];
  error?: string;
}

function catalogLine(catalog: CatalogInfo): string {
  if (catalog.error) return catalog.url ? `${catalog.url} (cannot be read: ${catalog.error})` : catalog.error;
  const sources = catalog.sources ?? [];
  const listed = sources.map((s) => `${s.id} ${s.status}`).join(", ");
  const api = catalog.apiVersion
    ? `, API ${catalog.apiVersion} (chosen by ${catalog.apiVersionChosenBy})`
    : "";
  return `${catalog.url} (${sources.length} source${sources.length === 1 ? "" : "s"}${listed ? `: ${listed}` : ""}${api})`;
}
