// The update of an entity's fields and some of its custom properties that loses no other writer's properties: the
// fields by a PATCH without the property map (the server keeps the map then), the properties by
// changeCustomProperties, which writes them again when a concurrent writer's stale map undid them (an alias moved
// meanwhile, another update). `update` with `mergeCustomProperties` alone reads, merges and writes the whole map, and
// ten concurrent updates of different keys lost seven of them.
import type { CustomPropertiesInput } from "../client/entity.js";

/** What this needs of a resource (registered models, model versions). */
interface Updatable<E> {
  update(id: string, patch: never, options: { signal?: AbortSignal | undefined }): Promise<E>;
  changeCustomProperties(
    id: string,
    changes: CustomPropertiesInput,
    options: { signal?: AbortSignal | undefined },
  ): Promise<{ entity: E }>;
}

/** Updates `fields` (undefined ones untouched) and the property `changes` (null removes one) of entity `id`. */
export async function mergedUpdate<E>(
  resource: Updatable<E>,
  id: string,
  fields: Record<string, unknown>,
  changes: CustomPropertiesInput | undefined,
  signal?: AbortSignal,
): Promise<E> {
  const given = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
  let entity: E | undefined;
  if (Object.keys(given).length > 0 || changes === undefined)
    entity = await resource.update(id, given as never, { signal });
  if (changes !== undefined) entity = (await resource.changeCustomProperties(id, changes, { signal })).entity;
  return entity as E;
}
