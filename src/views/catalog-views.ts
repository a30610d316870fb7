// How each kind of the catalogs' entries is shown: one list of fields per kind, for the terminal and notebooks.
import type { EntityView } from "./entity-view.js";
import { DESCRIPTION, type Field, ID, list, NAME, PROPERTIES, text, URI } from "./field.js";

const SOURCE = text("sourceId", "source");
const LICENSE = text("license");
const PROVIDER = text("provider");
const README: Field = { label: "readme", value: (e) => e.readme, width: 300 };

/** An MCP tool's parameters as `name*: type` (a star for a required one). */
const PARAMETERS: Field = {
  label: "parameters",
  value: (e) =>
    Array.isArray(e.parameters)
      ? e.parameters.map(
          (p: { name: string; type: string; required: boolean }) =>
            `${p.name}${p.required ? "*" : ""}: ${p.type}`,
        )
      : undefined,
  format: "list",
};

/** Where an entry's images are: the URIs of its `artifacts`. */
const IMAGES: Field = {
  label: "images",
  value: (e) => (Array.isArray(e.artifacts) ? e.artifacts.map((a: { uri?: string }) => a.uri) : undefined),
  format: "list",
};

/** The variables an agent reads, a star for a required one. */
const ENV: Field = {
  label: "env",
  value: (e) =>
    Array.isArray(e.env)
      ? e.env.map((v: { name: string; required: boolean }) => `${v.name}${v.required ? "*" : ""}`)
      : undefined,
  format: "list",
};

/** An MCP server's tools by name (when they were asked for), else how many it has. */
const TOOLS: Field = {
  label: "tools",
  value: (e) =>
    Array.isArray(e.tools) ? e.tools.map((t: { name: string }) => t.name).join(", ") : e.toolCount,
};

/** The view of each kind of catalog entry, by the kind's name ("catalog source"). */
export const CATALOG_VIEWS = {
  "catalog model": {
    table: [text("source_id", "source"), NAME, text("provider"), text("license"), list("tasks"), DESCRIPTION],
  },
  "catalog source": {
    table: [ID, NAME, list("labels"), text("status"), text("error")],
    // the terminal says "disabled" for a disabled source with no status; the notebook leaves the cell empty.
    terminal: [
      ID,
      NAME,
      list("labels"),
      { label: "status", value: (s) => s.status ?? (s.enabled === false ? "disabled" : "") },
      text("error"),
    ],
  },
  "catalog label": { table: [NAME, text("displayName", "display name"), DESCRIPTION] },
  "catalog artifact": {
    table: [ID, { label: "type", value: (a) => a.metricsType ?? a.artifactType }, URI, PROPERTIES],
  },
  "catalog mcp server": {
    table: [ID, NAME, SOURCE, PROVIDER, text("version"), list("transports"), TOOLS, LICENSE, DESCRIPTION],
    card: [
      ID,
      NAME,
      text("displayName", "display name"),
      SOURCE,
      PROVIDER,
      text("version"),
      LICENSE,
      text("licenseLink", "license link"),
      text("deploymentMode", "deployment"),
      list("transports"),
      { label: "endpoints", value: (e) => Object.values(e.endpoints ?? {}), format: "list" },
      IMAGES,
      list("tags"),
      TOOLS,
      text("documentationUrl", "documentation"),
      text("repositoryUrl", "repository"),
      DESCRIPTION,
      README,
    ],
  },
  "catalog mcp tool": {
    table: [NAME, text("accessType", "access"), PARAMETERS, DESCRIPTION],
    card: [ID, NAME, text("accessType", "access"), PARAMETERS, DESCRIPTION],
  },
  "catalog agent": {
    table: [ID, NAME, SOURCE, text("framework"), list("labels"), DESCRIPTION],
    card: [
      ID,
      NAME,
      text("displayName", "display name"),
      SOURCE,
      text("framework"),
      list("labels"),
      ENV,
      IMAGES,
      text("repositoryUrl", "repository"),
      DESCRIPTION,
      README,
    ],
  },
  "catalog agent artifact": {
    table: [ID, NAME, text("artifactType", "type"), text("content", "content", { width: 80 })],
  },
  "catalog skill": {
    table: [ID, NAME, SOURCE, text("version"), text("trustTier", "trust"), LICENSE, DESCRIPTION],
    card: [
      ID,
      NAME,
      SOURCE,
      text("provider"),
      text("author"),
      LICENSE,
      text("trustTier", "trust tier"),
      text("repository"),
      text("path"),
      text("version"),
      text("resolvedCommit", "commit"),
      list("allowedTools", "allowed tools"),
      list("supportingFiles", "supporting files"),
      text("compatibility"),
      DESCRIPTION,
      README,
    ],
  },
} as const satisfies Record<string, EntityView>;
