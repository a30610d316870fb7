// How mr-cli prints a catalog's filter options: each field with its type and its values or range, then the named
// queries. The model, MCP-server, agent and skill catalogs answer the same shape.
import type { CatalogFilterOptions } from "../../catalog/catalog-types.js";
import type { CliContext } from "../context.js";
import { print, renderTable } from "../output.js";

/** Prints filter options: a table of fields (or JSON/YAML in those output modes), then the named queries. */
export async function printFilterOptions(ctx: CliContext, options: CatalogFilterOptions): Promise<void> {
  const rows = Object.entries(options.filters ?? {}).map(([field, o]) => ({ field, ...o }));
  const named = Object.entries(options.namedQueries ?? {}).map(
    ([name, fields]) =>
      `named query ${name}: ${Object.entries(fields)
        .map(([field, f]) => `${field} ${f.operator} ${JSON.stringify(f.value)}`)
        .join(" AND ")}`,
  );
  await print(ctx, options, () =>
    [
      renderTable(
        rows,
        [
          { header: "FIELD", value: (r) => r.field },
          { header: "TYPE", value: (r) => r.type },
          {
            header: "VALUES",
            value: (r) => (r.range ? `${r.range.min} … ${r.range.max}` : (r.values ?? []).join(", ")),
          },
        ],
        ctx.color(),
      ),
      ...named,
    ].join("\n"),
  );
}
