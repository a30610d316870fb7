// The MCP-server catalog (`/api/mcp_catalog/v1`, or `/v1alpha1`): servers, one server, its tools, one tool, the
// filter options. Each call names its path under both generations, through each generation's typed client.
import type { CallOptions } from "../client/call-options.js";
import { decodeEntity } from "../client/entity.js";
import type { Paginated } from "../client/paginate.js";
import { ConfigError } from "../errors.js";
import type {
  CatalogEntryRefOptions,
  CatalogMcpServer,
  CatalogMcpServerGetOptions,
  CatalogMcpServerListOptions,
  CatalogMcpTool,
  CatalogMcpToolListOptions,
} from "./asset-types.js";
import { CATALOG_PREFIXES, type CatalogApi, routesOf } from "./catalog-api.js";
import { catalogEntry, catalogFilterOptions, catalogListing, oneOfSourceOrLabel } from "./catalog-calls.js";
import { type EntryFinder, findEntry, withBothSourceNames } from "./catalog-entry.js";
import type { CatalogFilterOptions } from "./catalog-types.js";
import { stringList } from "./models-query.js";

const { v1: V1, v1alpha1: ALPHA } = CATALOG_PREFIXES.mcp;
const route = routesOf("mcp");
/** The MCP catalog's operations this client uses, under either generation's prefix. */
const R = {
  servers: route("/mcp_servers"),
  filterOptions: route("/mcp_servers/filter_options"),
  server: route("/mcp_servers/{server_id}"),
  tools: route("/mcp_servers/{server_id}/tools"),
  tool: route("/mcp_servers/{server_id}/tools/{tool_name}"),
};

/** A server as either generation sends it: v1alpha1 names `source_id` and `license_link`, v1 `sourceId` and
 * `licenseLink`; this client sets both. */
function decodeServer(raw: object): CatalogMcpServer {
  const both = withBothSourceNames(raw) as Record<string, unknown>;
  const link = both.licenseLink ?? both.license_link;
  const tools = Array.isArray(both.tools) ? { tools: both.tools.map(decodeTool) } : {};
  const links = link === undefined ? {} : { licenseLink: link, license_link: link };
  const wire = { ...both, ...links, ...tools };
  return decodeEntity(
    wire as Parameters<typeof decodeEntity>[0],
    "catalog mcp server",
  ) as unknown as CatalogMcpServer;
}

function decodeTool(raw: object): CatalogMcpTool {
  return decodeEntity(
    raw as Parameters<typeof decodeEntity>[0],
    "catalog mcp tool",
  ) as unknown as CatalogMcpTool;
}

/** The filter of `source` (one id or several), ANDed with the caller's: this listing has no source parameter, its
 * filter has `source_id`. @throws ConfigError for an id the filter could not quote. */
function sourceFilter(
  source: string | readonly string[] | undefined,
  filterQuery: string | undefined,
): string | undefined {
  const ids = stringList(source, "source");
  if (ids === undefined) return filterQuery;
  for (const id of ids)
    if (!/^[\w.:-]+$/.test(id))
      throw new ConfigError(
        `a source must be a catalog source id (letters, digits, _ . : -), not ${JSON.stringify(id)}`,
      );
  const bySource = ids.map((id) => `source_id='${id}'`).join(" OR ");
  const sources = ids.length > 1 ? `(${bySource})` : bySource;
  return filterQuery ? `(${filterQuery}) AND ${sources}` : sources;
}

/** The MCP servers of a catalog: `list()`, `get()`, `tools()`, `tool()`, `filterOptions()`. A server is named by
 * its id or its name (with `source` when two sources have that name). */
export class CatalogMcpServers {
  /** @internal */
  constructor(private readonly catalog: CatalogApi) {}

  /** Servers matching the options (all, without any), page by page: `for await`, `pages()` or `toArray()`.
   * @throws ConfigError for an unknown `orderBy` or a bad option, before anything is sent. */
  list(options: CatalogMcpServerListOptions = {}): Paginated<CatalogMcpServer> {
    oneOfSourceOrLabel(options);
    const query = {
      q: options.q,
      name: options.name,
      sourceLabel: stringList(options.sourceLabel, "sourceLabel"),
      filterQuery: sourceFilter(options.source, options.filterQuery),
      namedQuery: options.namedQuery,
      includeTools: options.includeTools,
      toolLimit: options.toolLimit,
    };
    const { api, apiV1 } = this.catalog;
    return catalogListing(
      this.catalog,
      "mcp",
      "catalog MCP servers",
      (page) => ({
        v1: (init) => apiV1.GET(`${V1}${R.servers}`, { params: { query: { ...query, ...page } }, ...init }),
        v1alpha1: (init) =>
          api.GET(`${ALPHA}${R.servers}`, { params: { query: { ...query, ...page } }, ...init }),
      }),
      decodeServer,
      options,
    );
  }

  /** One server, by id or name, with its tools unless `includeTools: false`.
   * @throws NotFoundError when no server has that id or name (or several sources have the name: give `source`). */
  get(server: string, options: CatalogMcpServerGetOptions = {}): Promise<CatalogMcpServer> {
    return findEntry(
      this.finder({ includeTools: options.includeTools ?? true, toolLimit: options.toolLimit }),
      server,
      options,
    );
  }

  /** The tools of a server (by id or name), page by page. `orderBy` takes ID, NAME, CREATE_TIME, LAST_UPDATE_TIME.
   * @throws NotFoundError when no server has that id or name, on the first page. */
  tools(server: string, options: CatalogMcpToolListOptions = {}): Paginated<CatalogMcpTool> {
    const { api, apiV1 } = this.catalog;
    let found: Promise<string> | undefined;
    return catalogListing(
      this.catalog,
      "mcp",
      `tools of catalog MCP server ${JSON.stringify(server)}`,
      async (page, call) => {
        found ??= this.idOf(server, { ...call, source: options.source });
        const path = { server_id: await found };
        const query = { filterQuery: options.filterQuery, ...page };
        return {
          v1: (init) => apiV1.GET(`${V1}${R.tools}`, { params: { path, query }, ...init }),
          v1alpha1: (init) => api.GET(`${ALPHA}${R.tools}`, { params: { path, query }, ...init }),
        };
      },
      decodeTool,
      options,
    );
  }

  /** One tool of a server (by id or name), by the tool's name.
   * @throws NotFoundError when there is no such server, or the server has no tool of that name. */
  async tool(
    server: string,
    toolName: string,
    options: CallOptions & CatalogEntryRefOptions = {},
  ): Promise<CatalogMcpTool> {
    if (typeof toolName !== "string" || toolName === "")
      throw new ConfigError("the MCP tool name must be non-empty");
    const { api, apiV1 } = this.catalog;
    const path = { server_id: await this.idOf(server, options), tool_name: toolName };
    return catalogEntry(
      this.catalog,
      "mcp",
      `tool ${JSON.stringify(toolName)} of catalog MCP server ${JSON.stringify(server)}`,
      {
        v1: (init) => apiV1.GET(`${V1}${R.tool}`, { params: { path }, ...init }),
        v1alpha1: (init) => api.GET(`${ALPHA}${R.tool}`, { params: { path }, ...init }),
      },
      // v1's spec answers { serverId, serverName, tool }; the server sends the tool itself on both generations.
      (found) =>
        decodeTool("tool" in found && typeof found.tool === "object" && found.tool ? found.tool : found),
      options,
    );
  }

  /** The fields servers can be filtered on, with their values or ranges. */
  filterOptions(options: CallOptions = {}): Promise<CatalogFilterOptions> {
    const { api, apiV1 } = this.catalog;
    return catalogFilterOptions(
      this.catalog,
      "mcp",
      "the MCP catalog's filter options",
      {
        v1: (init) => apiV1.GET(`${V1}${R.filterOptions}`, init),
        v1alpha1: (init) => api.GET(`${ALPHA}${R.filterOptions}`, init),
      },
      options,
    );
  }

  /** The id of a server named by id or name: the id itself when it is one (no request). */
  private async idOf(server: string, options: CallOptions & CatalogEntryRefOptions): Promise<string> {
    if (/^\d+$/.test(server) && options.source === undefined) return server;
    return (await findEntry(this.finder({ includeTools: false }), server, options)).id;
  }

  private finder(query: {
    includeTools?: boolean;
    toolLimit?: number | undefined;
  }): EntryFinder<CatalogMcpServer> {
    const { api, apiV1, connection } = this.catalog;
    return {
      what: "MCP server",
      listUrl: (name) =>
        `${connection.url}${this.catalog.prefix("mcp")}${R.servers}?name=${encodeURIComponent(name)}`,
      byId: (id, call) =>
        catalogEntry(
          this.catalog,
          "mcp",
          `catalog MCP server ${JSON.stringify(id)}`,
          {
            v1: (init) =>
              apiV1.GET(`${V1}${R.server}`, { params: { path: { server_id: id }, query }, ...init }),
            v1alpha1: (init) =>
              api.GET(`${ALPHA}${R.server}`, { params: { path: { server_id: id }, query }, ...init }),
          },
          decodeServer,
          call,
        ),
      byName: (name, call) => this.list({ ...call, ...query, name, pageSize: 100 }).toArray(),
    };
  }
}
