// Which server of the project a connection talks to, and the words its messages use for it: all that the registry's
// client and the catalog's client do differently over the one transport.

/** A server of the Model Registry project (the registry, or its model catalog), as messages name it. */
export interface Service {
  /** Which server: picks the hints of error messages (which token variable, which base address). */
  kind: "registry" | "catalog";
  /** The server in messages about the connection: `cannot reach the Model Registry at …`. */
  title: string;
  /** Where the address comes from, in messages about it: `the url option is not set`. */
  urlSource: string;
  /** The server in messages about its address: `set it to the Model Registry server's address`. */
  urlServer: string;
  /** The API path named by an error whose response carries no URL. */
  prefix: string;
}

/** The Model Registry. Its API path depends on the generation in use, which the registry's calls name themselves. */
export const REGISTRY_SERVICE: Service = {
  kind: "registry",
  title: "the Model Registry",
  urlSource: "the url option",
  urlServer: "the Model Registry server",
  prefix: "/api/model_registry",
};
