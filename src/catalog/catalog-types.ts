// The model catalog's shapes as this client returns them (from the catalog spec's generated types; custom properties
// as plain values), and the options of its listings.
import type { Entity } from "../client/entity.js";
import type { components } from "../client/generated/catalog.js";
import type { PageOptions } from "../client/paginate.js";

type Schemas = components["schemas"];

/** A catalog source (a YAML file, a Hugging Face organisation…): `id`, `name`, `labels`, `enabled`, `status`
 * (`available`, `partially-available`, `error`, `disabled`) and its `error` when it failed to load. */
export type CatalogSource = Schemas["CatalogSource"];

/** A label the catalog defines: `name`, optional `displayName`, and any further text fields (e.g. `description`). */
export type CatalogLabel = Schemas["CatalogLabel"];

/** A catalog model: `name` (e.g. `ibm-granite/granite-3.1-8b`), `sourceId` and `source_id` (its source: API v1
 * names it `sourceId`, v1alpha1 `source_id`; this client sets both whichever generation answered), `description`,
 * `readme` (Markdown), `license`, `licenseLink`, `provider`, `tasks`, `language`, `maturity`, `libraryName`,
 * `artifactCounts` (on `get`) and `customProperties` as plain values. */
export type CatalogModel = Entity<
  Schemas["CatalogModel"] & {
    /** The id of the model's source (API v1's name of `source_id`). */
    sourceId?: string;
  }
>;

/** A model artifact of a catalog model: where its bytes are (`uri`: `oci://`, `s3://`, `https://`, `hf://`…). */
export type CatalogModelArtifact = Entity<Schemas["CatalogModelArtifact"]>;

/** A metrics artifact of a catalog model: `metricsType` (`accuracy-metrics`, `performance-metrics`,
 * `security-metrics`) and its figures in `customProperties` (e.g. `{ accuracy: 0.918 }`, `{ ttft_p90: 45 }`). */
export type CatalogMetricsArtifact = Entity<Schemas["CatalogMetricsArtifact"]>;

/** Either kind of catalog artifact; `artifactType` (`model-artifact` or `metrics-artifact`) tells them apart. */
export type CatalogArtifact = CatalogModelArtifact | CatalogMetricsArtifact;

/** A catalog model with all its artifacts (`catalog.models.describe()`): in a notebook, a card with its readme
 * summary, licence, tasks, artifact URIs and metrics. */
export interface CatalogModelDescription {
  /** The model, as `get()` returns it. */
  model: CatalogModel;
  /** Every artifact of the model: model artifacts (URIs) and metrics artifacts (figures). */
  artifacts: CatalogArtifact[];
}

/** What `filterOptions()` returns: each filterable field (e.g. `license`, `artifacts.ttft_p90.double_value`) with its
 * `type` (`string` or `number`), its `values` or numeric `range`; and the catalog's `namedQueries`. */
export type CatalogFilterOptions = Schemas["FilterOptionsList"];

/** Sort keys of catalog models. `RECOMMENDED` orders by each model's lowest recommended latency (from its
 * performance artifacts, see {@link RecommendedOptions}); models without one come last. */
export type CatalogModelOrderBy = "ID" | "NAME" | "CREATE_TIME" | "LAST_UPDATE_TIME" | "RECOMMENDED";

/** Sort keys of catalog sources. */
export type CatalogSourceOrderBy = "ID" | "NAME";

/** The catalog's sort keys, as this client checks them before sending (the catalog falls back to its default order
 * for a models key it does not know). */
export const CATALOG_ORDER_KEYS = {
  models: ["ID", "NAME", "CREATE_TIME", "LAST_UPDATE_TIME", "RECOMMENDED"],
  sources: ["ID", "NAME"],
} as const satisfies Record<string, readonly string[]>;

/** How performance artifacts are read for the `RECOMMENDED` order and the recommendations of
 * `performanceArtifacts`. Property names default to the catalog's: `ttft_p90`, `requests_per_second`,
 * `hardware_count`, `hardware_type`. */
export interface RecommendedOptions {
  /** Requests per second to plan for; the catalog adds `replicas` and `total_requests_per_second` to each
   * performance artifact from it. Default 1 (the catalog's). */
  targetRPS?: number | undefined;
  /** The latency property to minimise. Default `ttft_p90`. */
  latencyProperty?: string | undefined;
  /** The throughput property (requests per second of one replica). Default `requests_per_second`. */
  rpsProperty?: string | undefined;
  /** The property holding the number of accelerators. Default `hardware_count`. */
  hardwareCountProperty?: string | undefined;
  /** The property holding the kind of accelerator. Default `hardware_type`. */
  hardwareTypeProperty?: string | undefined;
}

/** Options of `catalog.models.list`: search, filters, order (all optional; none lists every model). */
export interface CatalogModelListOptions extends PageOptions<CatalogModelOrderBy>, RecommendedOptions {
  /** Keyword search over name, description, provider and tasks (case-insensitive; the catalog does not match the
   * library name). */
  q?: string | undefined;
  /** Only models of these source ids (one or several). Not together with `sourceLabel` (the catalog refuses it). */
  source?: string | readonly string[] | undefined;
  /** Only models of sources carrying these labels (one or several). */
  sourceLabel?: string | readonly string[] | undefined;
  /** The catalog's filter query over model fields and properties, e.g. `license='MIT' AND tasks='text-generation'`
   * or `artifacts.accuracy.double_value > 0.9`; `filterOptions()` lists the fields. */
  filterQuery?: string | undefined;
}

/** Options of `catalog.models.artifacts`. */
export interface CatalogArtifactListOptions extends PageOptions<string> {
  /** Only this kind: `model-artifact` or `metrics-artifact`. Default both. */
  artifactType?: "model-artifact" | "metrics-artifact" | undefined;
  /** Filter over artifact properties, e.g. `hardware_type.string_value='GPU'`. */
  filterQuery?: string | undefined;
}

/** Options of `catalog.models.performanceArtifacts`. */
export interface PerformanceArtifactListOptions extends PageOptions<string>, RecommendedOptions {
  /** Only the Pareto-optimal configurations (lowest latency for their hardware and throughput). Default false. */
  recommendations?: boolean | undefined;
  /** Filter over artifact properties, e.g. `hardware_type.string_value='GPU'`. */
  filterQuery?: string | undefined;
}

/** Options of `catalog.sources.list`. */
export interface CatalogSourceListOptions extends PageOptions<CatalogSourceOrderBy> {
  /** Only sources whose name contains this text. */
  name?: string | undefined;
  /** The sources of which catalog: `models` (the default, the catalog's), `mcp_servers`, `agents` or `skills`. */
  assetType?: CatalogAssetType | undefined;
}

/** The catalogs whose sources `sources.list()` lists, by the catalog's name for them. */
export type CatalogAssetType = Schemas["CatalogAssetType"];
