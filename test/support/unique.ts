import { randomUUID } from "node:crypto";

/** A name no earlier run has used: the server has no DELETE, so tests never reuse names. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}
