// The model catalog over the one transport (src/client/connection.ts): its API prefix, how its messages name it, and
// its typed openapi-fetch client.
import type { Client } from "openapi-fetch";
import { Connection } from "../client/connection.js";
import type { ConnectionOptions } from "../client/connection-options.js";
import type { paths } from "../client/generated/catalog.js";
import type { Service } from "../client/service.js";

/** The catalog API's path prefix. */
export const CATALOG_API_PREFIX = "/api/model_catalog/v1alpha1";

/** The model catalog, as messages name it (`cannot reach the model catalog at …`, `the catalog url option`). */
export const CATALOG_SERVICE: Service = {
  kind: "catalog",
  title: "the model catalog",
  urlSource: "the catalog url option",
  urlServer: "the model catalog",
  prefix: CATALOG_API_PREFIX,
};

/** The raw typed openapi-fetch client of the catalog API (every endpoint of its spec, paths as in the spec). */
export type CatalogApiClient = Client<paths>;

/** How to reach a model catalog: the same options as the registry's client (see {@link ConnectionOptions}), for the
 * catalog's address, e.g. `http://localhost:8081`. */
export type ModelCatalogOptions = ConnectionOptions;

/** The paths of the catalog spec that answer GET. */
export type CatalogGetPath = {
  [P in keyof paths]: paths[P] extends { get: object } ? P : never;
}[keyof paths];

/** The query parameters of a GET endpoint of the catalog spec, e.g. `CatalogQuery<"…/models">`. */
export type CatalogQuery<P extends CatalogGetPath> = NonNullable<paths[P]["get"]["parameters"]["query"]>;

/** The catalog's connection and its typed client over it. @internal */
export interface CatalogApi {
  connection: Connection;
  api: CatalogApiClient;
}

/**
 * Connects to a model catalog; nothing is sent until the first call.
 * @throws ConfigError for a bad address, time limit or retry setting.
 */
export function catalogApi(options: ModelCatalogOptions): CatalogApi {
  const connection = Connection.fromOptions(options, CATALOG_SERVICE);
  // Lists as one comma-separated value (`source=a,b`): the catalog reads only the first of repeated keys.
  const api = connection.client<paths>({ array: { style: "form", explode: false } });
  return { connection, api };
}
