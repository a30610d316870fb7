// Custom properties read in one registry, written to another exactly: each wire value as the input that encodes back
// to the same metadata type (an int as int(), a double as double(), even a whole one).
import {
  type CustomPropertyInput,
  decodeCustomProperty,
  double,
  int,
} from "../../client/custom-properties.js";
import type { CustomPropertiesInput } from "../../client/entity.js";
import type { MetadataValue } from "../../client/types.js";

/** Custom properties in their wire form (bundle-format.ts's WireProperties, named here so that the two files do not
 * import each other). */
type WireProperties = Record<string, MetadataValue>;

/** The input that writes `wire` back as it is (proto values, which the server refuses, are left out). */
export function propertyInput(wire: WireProperties | undefined): CustomPropertiesInput {
  const input: CustomPropertiesInput = {};
  for (const [key, value] of Object.entries(wire ?? {})) {
    const one = inputOf(value);
    if (one !== undefined) input[key] = one;
  }
  return input;
}

function inputOf(value: WireProperties[string]): CustomPropertyInput | undefined {
  switch (value.metadataType) {
    case "MetadataIntValue":
      return int(value.int_value);
    case "MetadataDoubleValue":
      return double(value.double_value);
    case "MetadataProtoValue":
      return undefined;
    default:
      return decodeCustomProperty(value) as CustomPropertyInput;
  }
}

/** An entity's own fields for a bundle: without id, times, externalId, parent ids and custom properties. */
export function ownFields(entity: Record<string, unknown>): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entity))
    if (!DROPPED.has(key) && value !== undefined && value !== null) fields[key] = value;
  return fields;
}

const DROPPED = new Set([
  "id",
  "createTimeSinceEpoch",
  "lastUpdateTimeSinceEpoch",
  "externalId",
  "registeredModelId",
  "customProperties",
  "artifactType",
  "experimentId",
  "experimentRunId",
]);
