// Entities that hang off a parent (versions of a model, artifacts of a version, runs of an experiment, services
// in an environment): listed and created under the parent's path.

import type { CallOptions } from "./call-options.js";
import { decodeEntity, type Entity, type EntityInput, encodeInput } from "./entity.js";
import { type ListingOptions, listEntities, type RawEntity } from "./list-entities.js";
import type { PageOptions, Paginated } from "./paginate.js";
import type { Query, Rest } from "./rest.js";
import type { Route } from "./routes.js";
import { checkEntityBody, SERVER_LIMITS } from "./server-limits.js";

/** A listing (and creation) endpoint under a parent entity. */
export interface ChildSpec {
  /** Plural noun for messages: "model versions". */
  noun: string;
  /** What one child is ("model version"), tagged on every child listed or created; artifacts say it themselves. */
  kind?: string;
  /** The listing under the parent, whose `{parameter}` is the parent's id, e.g.
   * `/registered_models/{registeredmodelId}/versions`. */
  route: Route<"get"> & Route<"post">;
  /** The body field that names the parent on create; the server requires it even though the path has it. */
  parentField?: string;
  filterable: boolean;
  /** Fields every create body carries. */
  fixed?: Record<string, string>;
}

/** The children of one parent entity. `C` is what `create` takes, without the parent id (filled in for you). */
export class ChildCollection<T extends RawEntity, C, L extends PageOptions> {
  constructor(
    private readonly rest: Rest,
    private readonly spec: ChildSpec,
    /** The parent's id. */
    readonly parentId: string,
  ) {}

  /** The children, page by page. */
  list(options: L = {} as L, query: Query = {}): Paginated<Entity<T>> {
    const { route, filterable, noun, kind } = this.spec;
    const listing = { route, id: this.parentId, filterable, noun, query, kind };
    return listEntities<T>(this.rest, listing, options as ListingOptions);
  }

  /** Creates a child of this parent. (For artifacts the server upserts: a body with an `id` links that artifact.) */
  async create(input: EntityInput<C>, options: CallOptions = {}): Promise<Entity<T>> {
    const { route, parentField, fixed, noun } = this.spec;
    const body = {
      ...encodeInput(input),
      ...fixed,
      ...(parentField ? { [parentField]: this.parentId } : {}),
    };
    checkEntityBody(noun.replace(/s$/, ""), body, SERVER_LIMITS.ownedName);
    const name = (input as { name?: string }).name;
    const subject = `new entry in ${noun} of ${this.parentId}${name ? ` named ${JSON.stringify(name)}` : ""}`;
    const call = { route, id: this.parentId, body, subject, options };
    return decodeEntity(await this.rest.post<T>(call), this.spec.kind);
  }
}
