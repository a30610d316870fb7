// How each kind of the model catalog's entries is shown: one list of fields per kind, for the terminal and notebooks.
import type { EntityView } from "./entity-view.js";
import { DESCRIPTION, ID, list, NAME, PROPERTIES, text, URI } from "./field.js";

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
} as const satisfies Record<string, EntityView>;
