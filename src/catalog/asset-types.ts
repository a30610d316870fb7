// The shapes of the catalogs beside the models (MCP servers and their tools, agents and their templates, skills) as
// this client returns them, from API v1's generated types, and the options of their listings.
import type { Entity } from "../client/entity.js";
import type { components } from "../client/generated/catalog-v1.js";
import type { PageOptions } from "../client/paginate.js";

type Schemas = components["schemas"];

/** An MCP server of the catalog: `id` (the catalog's, a number as text, which may change when the catalog reloads),
 * `name` (unique within its source), `sourceId` and `source_id` (API v1 and v1alpha1 name it so; both are set),
 * `displayName`, `provider`, `version`, `license` and `licenseLink` (v1alpha1's `license_link`, set too),
 * `deploymentMode` (`local`, `remote`), `transports` (`stdio`, `http`, `sse`), `endpoints`, `artifacts` (its images),
 * `securityIndicators`, `tags`, `toolCount`, and `tools` when asked for (`includeTools`). */
export type CatalogMcpServer = Entity<
  Schemas["MCPServer"] & {
    /** The source's id under v1alpha1's name. */
    source_id?: string;
  }
>;

/** A tool of an MCP server: `name`, `description`, `accessType` (`read_only`, `read_write`, `execute`) and its
 * `parameters` (`name`, `type`, `required`, `description`). */
export type CatalogMcpTool = Entity<Schemas["MCPTool"]>;

/** An agent of the catalog: `id` (a number as text), `name` (unique within its source), `sourceId` and `source_id`,
 * `displayName`, `framework` (e.g. `langgraph`), `labels`, `env` (the variables it reads: `name`, `required`),
 * `artifacts` (its images: `artifactType` `image-artifact`, `uri`), `repositoryUrl`, `readme`. */
export type CatalogAgent = Entity<
  Schemas["Agent"] & {
    /** The source's id under v1alpha1's name. */
    source_id?: string;
  }
>;

/** A template of an agent (`agents.artifacts()`): `artifactType` `template-artifact`, `name`, `content`. */
export type CatalogAgentArtifact = Entity<Schemas["AgentTemplateArtifact"] & { name?: string }>;

/** An agent skill of the catalog, read from a git repository's `SKILL.md`: `id` (a number as text), `name`,
 * `description`, `license`, `author`, `compatibility`, `allowedTools`, `readme` (the body), `repository`, `path`,
 * `version` (the git tag or commit it was read at) and `resolvedCommit`, `sourceId` and `source_id`, `trustTier`,
 * `provider`, `category`, `labels`, `supportingFiles` (the skill folder's other files). */
export type CatalogSkill = Entity<
  Schemas["Skill"] & {
    /** The source's id under v1alpha1's name. */
    source_id?: string;
  }
>;

/** Sort keys of the MCP-server, tool, agent and skill listings. */
export type CatalogAssetOrderBy = "ID" | "NAME" | "CREATE_TIME" | "LAST_UPDATE_TIME";

/** The search and filters every listing of MCP servers, agents and skills takes (all optional). */
export interface CatalogAssetListOptions extends PageOptions<CatalogAssetOrderBy> {
  /** Keyword search over names, descriptions and the like (case-insensitive). */
  q?: string | undefined;
  /** Only entries whose name matches: the catalog's SQL LIKE pattern (`_` and `%` match any character; without them,
   * the exact name, one per source). */
  name?: string | undefined;
  /** Only entries of sources carrying these labels (one or several). Not together with `source`: the catalogs
   * refuse the pair or drop the label, so this client refuses it before sending. */
  sourceLabel?: string | readonly string[] | undefined;
  /** The catalog's filter query over the entries' fields, e.g. `license='MIT'` or `source_id='stack_mcp'`;
   * `filterOptions()` lists the fields. */
  filterQuery?: string | undefined;
}

/** Options of `catalog.mcpServers.list`. */
export interface CatalogMcpServerListOptions extends CatalogAssetListOptions {
  /** Only servers of these source ids (one or several; sent as the filter `source_id='…'`, ANDed with `filterQuery`:
   * this listing has no source parameter). Not together with `sourceLabel`. */
  source?: string | readonly string[] | undefined;
  /** A named query of the catalog's configuration. */
  namedQuery?: string | undefined;
  /** With each server's tools (`tools`). Default false: `toolCount` only. */
  includeTools?: boolean | undefined;
  /** With `includeTools`, at most this many tools per server. */
  toolLimit?: number | undefined;
}

/** Options of `catalog.agents.list` and `catalog.skills.list`. */
export interface CatalogSourcedListOptions extends CatalogAssetListOptions {
  /** Only entries of these source ids (one or several). Not together with `sourceLabel`. */
  source?: string | readonly string[] | undefined;
}

/** How one entry is named: its id (digits), or its name, with its source when two sources have that name. */
export interface CatalogEntryRefOptions {
  /** The source to look the name up in, when several sources have an entry of that name. */
  source?: string | undefined;
}

/** Options of `catalog.mcpServers.get`. */
export interface CatalogMcpServerGetOptions extends CatalogEntryRefOptions {
  /** With its tools (`tools`). Default true. */
  includeTools?: boolean | undefined;
  /** At most this many tools. Default the catalog's (all). */
  toolLimit?: number | undefined;
}

/** Options of `catalog.mcpServers.tools`. */
export interface CatalogMcpToolListOptions extends PageOptions<CatalogAssetOrderBy>, CatalogEntryRefOptions {
  /** The catalog's filter query over the tools' fields, e.g. `accessType='read_only'`. */
  filterQuery?: string | undefined;
}

/** Options of `catalog.agents.artifacts`. */
export interface CatalogAgentArtifactListOptions
  extends PageOptions<CatalogAssetOrderBy>,
    CatalogEntryRefOptions {}

/** The sort keys the catalog honours on these listings, as this client checks them before sending (the catalog
 * falls back to its default order for a key it does not know). */
export const CATALOG_ASSET_ORDER_KEYS = [
  "ID",
  "NAME",
  "CREATE_TIME",
  "LAST_UPDATE_TIME",
] as const satisfies readonly CatalogAssetOrderBy[];
