// The one type every view takes: an entity (or a tagged catalog value) as plain fields.

/** Any entity as the client returns it, read field by field. */
export type AnyEntity = { id: string; name?: string; customProperties: Record<string, unknown> } & Record<
  string,
  unknown
>;
