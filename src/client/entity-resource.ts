// The operations every registry entity shares (list, get, find, create, update), written once and configured per
// entity by an EntitySpec. The server's traps are handled here: find-by-name matches with SQL LIKE, and PATCH resets
// omitted state fields to their defaults.

import { ApiVersionError, BadRequestError, ConfigError, NotFoundError } from "../errors.js";
import type { CallOptions, UpdateOptions } from "./call-options.js";
import {
  type CustomPropertiesInput,
  decodeEntity,
  type Entity,
  type EntityInput,
  encodeInput,
  mergeCustomProperties,
  wireCustomProperties,
} from "./entity.js";
import { type Filter, filter } from "./filter.js";
import { type ListingOptions, listEntities, type RawEntity } from "./list-entities.js";
import type { PageOptions, Paginated } from "./paginate.js";
import { changeProperties, type PropertyChange, type PropertyChangeOptions } from "./property-change.js";
import type { Query, Rest } from "./rest.js";
import type { Route } from "./routes.js";
import { checkEntityBody, SERVER_LIMITS, unstorable } from "./server-limits.js";

/** Where an entity lives in the API and which quirks apply to it. */
export interface EntitySpec {
  /** Human name for messages: "registered model". */
  kind: string;
  /** Listed and created here. */
  collection: Route<"get"> & Route<"post">;
  /** One entity, its id the route's `{parameter}`. */
  item: Route<"get"> & Route<"patch">;
  /** Find by name/externalId, e.g. `/registered_model`. */
  find: Route<"get">;
  /** For entities named per parent: the field holding the parent id (sent as parentResourceId when finding). */
  parentField?: string;
  /** The listings of the entity under its parent, used to confirm exact name matches; the first one whose parent
   * exists is used (an artifact's parent may be a model version or an experiment run). */
  parentCollections?: readonly { route: Route<"get">; filterable: boolean }[];
  /** Fields copied from the current entity into a PATCH that omits them (the server would reset them). */
  keepOnPatch: readonly string[];
  /** Whether the collection honours filterQuery (several endpoints silently ignore it). */
  filterable: boolean;
  /** Fields every create and update body carries, e.g. `{ artifactType: "model-artifact" }`. */
  fixed?: Record<string, string>;
}

/** Listing options of collections whose endpoint honours filterQuery. */
export interface FilterableListOptions extends PageOptions {
  /** A filterQuery: built with `filter.*` or a raw string. */
  filter?: Filter | string;
}

/** `a registered model`, `an inference service`. */
const article = (kind: string) => `${/^[aeiou]/.test(kind) ? "an" : "a"} ${kind}`;

// `_` and `%` are wildcards in the server's LIKE, so a name holding them may match other entities.
const WILDCARD = /[_%]/;

/** Entities with a LIVE/ARCHIVED `state`. */
type Stateful = { state?: "LIVE" | "ARCHIVED" };

/** The operations of one kind of entity: `list`, `get`, `find` (exact, by name or externalId), `create` and `update`
 * (which keeps state fields the server would reset). `T` is the entity as sent, `C` its create body, `U` its update
 * body, `F` its find keys, `L` its listing options. */
export class EntityResource<
  T extends RawEntity,
  C,
  U,
  F extends object,
  L extends PageOptions = FilterableListOptions,
> {
  constructor(
    protected readonly rest: Rest,
    protected readonly spec: EntitySpec,
  ) {}

  /** Every entity, page by page. */
  list(options: L = {} as L): Paginated<Entity<T>> {
    const { collection: route, filterable, kind } = this.spec;
    return listEntities<T>(
      this.rest,
      { route, filterable, noun: `${kind}s`, kind },
      options as ListingOptions,
    );
  }

  /** The entity with this id; NotFoundError if there is none. */
  async get(id: string, options: CallOptions = {}): Promise<Entity<T>> {
    return decodeEntity(await this.getRaw(id, options), this.spec.kind);
  }

  /** The entity with exactly this name (under its parent) or externalId, or null. */
  async find(by: F | { externalId: string }, options: CallOptions = {}): Promise<Entity<T> | null> {
    const key = by as Record<string, string | undefined>;
    const field = key.name !== undefined ? "name" : "externalId";
    const value = key[field];
    if (!value) throw new ConfigError(`finding ${article(this.spec.kind)} needs a name or an externalId`);
    const problem = unstorable(value);
    if (problem) throw new ConfigError(`the ${field} to find ${problem}`);
    const parentId = field === "name" && this.spec.parentField ? key[this.spec.parentField] : undefined;
    if (field === "name" && this.spec.parentField && !parentId)
      throw new ConfigError(`finding ${article(this.spec.kind)} by name needs ${this.spec.parentField}`);
    const query: Query = { [field]: value, parentResourceId: parentId };
    const subject = `${this.spec.kind} with ${field} ${JSON.stringify(value)}`;
    let found: T | null = null;
    try {
      found = await this.rest.get<T>({ route: this.spec.find, query, subject, options });
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      // The server's LIKE can only mislead when it matched several entities ("multiple … found"); its "no … found"
      // means none matched the pattern, so neither does the exact name: no need to confirm by listing.
      if (!WILDCARD.test(value) || /^no .* found/i.test(error.serverMessage)) return null;
    }
    if (found && found[field] === value) return decodeEntity(found, this.spec.kind);
    return this.scanFor(field, value, parentId, options);
  }

  /** Creates the entity. Never retried: if the outcome is unknown, `find` it by name. */
  async create(input: EntityInput<C>, options: CallOptions = {}): Promise<Entity<T>> {
    const body = { ...encodeInput(input), ...this.spec.fixed };
    this.checkBody(body);
    const subject = `new ${this.spec.kind} ${JSON.stringify((input as { name?: string }).name ?? "")}`;
    return decodeEntity(
      await this.rest.post<T>({ route: this.spec.collection, body, subject, options }),
      this.spec.kind,
    );
  }

  /**
   * Changes the given fields and leaves the others as they are. State fields the server would reset when omitted
   * (`state`, `desiredState`, `status`) are sent with their current values. `customProperties`, when given,
   * replaces the whole map unless `mergeCustomProperties` is set.
   */
  async update(id: string, patch: EntityInput<U>, options: UpdateOptions = {}): Promise<Entity<T>> {
    const body: Record<string, unknown> = { ...encodeInput(patch), ...this.spec.fixed };
    this.checkBody(body);
    const missing = this.spec.keepOnPatch.filter((field) => body[field] === undefined);
    const changes = (patch as { customProperties?: CustomPropertiesInput }).customProperties;
    const merge = options.mergeCustomProperties === true && changes !== undefined;
    if (missing.length > 0 || merge) {
      const current = await this.getRaw(id, options);
      const fields = current as Record<string, unknown>;
      for (const field of missing) if (fields[field] !== undefined) body[field] = fields[field];
      if (merge)
        body.customProperties = mergeCustomProperties(wireCustomProperties(decodeEntity(current)), changes);
    }
    const call = {
      route: this.spec.item,
      id,
      body,
      subject: `${this.spec.kind} ${id}`,
    };
    const patched = await this.rest.patch<T>({ ...call, options }).catch(async (error: unknown) => {
      // The server (v0.3.14, and the v1 server of 2026-08) fails any PATCH without customProperties on an entity
      // that has a struct property: it reads the stored struct back as JSON, then decodes it as base64 ("unable to
      // decode illegal base64 data … for key <name>"). Sending the current properties, re-encoded, goes through.
      if (!(error instanceof BadRequestError) || body.customProperties !== undefined) throw error;
      if (!/illegal base64 data/.test(error.serverMessage)) throw error;
      const current = await this.getRaw(id, options);
      body.customProperties = mergeCustomProperties(wireCustomProperties(decodeEntity(current)), {});
      return this.rest.patch<T>({ ...call, body, options });
    });
    return decodeEntity(patched, this.spec.kind);
  }

  /**
   * Sets (null: removes) only the given custom properties, so that the change holds against concurrent writers that
   * replace the whole map (the server offers no compare-and-swap): writes them over the map as just read, waits
   * `settleMs`, reads back, and writes again what a stale writer put back; a key another writer changed since keeps
   * their value (`superseded`). State fields are kept. Slower than `update` by `settleMs` when it writes.
   * @throws ConcurrentChangeError when the change was undone `attempts` times.
   */
  async changeCustomProperties(
    id: string,
    changes: CustomPropertiesInput,
    options: PropertyChangeOptions = {},
  ): Promise<PropertyChange<Entity<T>>> {
    const call = {
      signal: options.signal,
      timeout: options.timeout,
      retry: options.retry,
      headers: options.headers,
    };
    const subject = `${this.spec.kind} ${id}`;
    const result = await changeProperties<T>(
      {
        read: () => this.getRaw(id, call),
        write: (current, customProperties) => {
          const fields = current as Record<string, unknown>;
          const body: Record<string, unknown> = { ...this.spec.fixed, customProperties };
          for (const field of this.spec.keepOnPatch)
            if (fields[field] !== undefined) body[field] = fields[field];
          return this.rest.patch<T>({ route: this.spec.item, id, body, subject, options: call });
        },
      },
      changes,
      options,
    );
    return { ...result, entity: decodeEntity(result.raw, this.spec.kind) };
  }

  /** ConfigError for a body the server cannot store: names and externalIds too long for their columns (an owned
   * entity's name is stored as `<parentId>:<name>`, a parentless artifact's as `<uuid>:<name>`), NUL, lone
   * surrogates. */
  private checkBody(body: Record<string, unknown>): void {
    const { kind, parentField } = this.spec;
    const nameLimit = parentField
      ? SERVER_LIMITS.ownedName
      : kind.includes("artifact")
        ? SERVER_LIMITS.unownedArtifactName
        : SERVER_LIMITS.name;
    checkEntityBody(kind, body, nameLimit);
  }

  protected getRaw(id: string, options: CallOptions = {}): Promise<T> {
    return this.rest.get<T>({ route: this.spec.item, id, subject: `${this.spec.kind} ${id}`, options });
  }

  /** Confirms an exact match by listing (narrowed by a filter where the server honours one). */
  private async scanFor(
    field: "name" | "externalId",
    value: string,
    parentId: string | undefined,
    options: CallOptions,
  ): Promise<Entity<T> | null> {
    const { collection, filterable, kind, parentCollections = [] } = this.spec;
    const listings = parentId
      ? parentCollections.map((p) => ({ route: p.route, id: parentId, filterable: p.filterable }))
      : [{ route: collection, filterable }];
    for (const listing of listings) {
      let where: Filter | undefined;
      try {
        where = listing.filterable ? filter.eq(field, value) : undefined;
      } catch {
        where = undefined; // a value the filter grammar cannot express: scan unfiltered
      }
      try {
        for await (const entity of listEntities<T>(
          this.rest,
          { ...listing, noun: `${kind}s`, kind },
          { ...options, filter: where },
        )) {
          if ((entity as Record<string, unknown>)[field] === value) return entity;
        }
        return null;
      } catch (error) {
        // No such parent of this kind, or no such kind in this API generation (runs on v1): try the next.
        if (!(error instanceof NotFoundError || error instanceof ApiVersionError)) throw error;
      }
    }
    return null;
  }
}

/** An entity resource whose entities can be archived and restored. */
export class StatefulResource<
  T extends RawEntity & Stateful,
  C,
  U extends Stateful,
  F extends object,
  L extends PageOptions = FilterableListOptions,
> extends EntityResource<T, C, U, F, L> {
  /** Sets `state` to ARCHIVED (nothing else changes; archiving does not cascade to children). */
  archive(id: string, options: CallOptions = {}): Promise<Entity<T>> {
    return this.update(id, { state: "ARCHIVED" } as EntityInput<U>, options);
  }

  /** Sets `state` back to LIVE. */
  restore(id: string, options: CallOptions = {}): Promise<Entity<T>> {
    return this.update(id, { state: "LIVE" } as EntityInput<U>, options);
  }
}
