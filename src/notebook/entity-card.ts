// One entity as a card: kind, name, id and state on top, its fields, then its custom properties with their
// metadata types.
import { wireCustomProperties } from "../client/entity.js";
import type { AnyEntity } from "../views/any-entity.js";
import { entityKindOf } from "../views/kind-of.js";
import { formatTime, formatValue, toJson, truncate } from "./format.js";
import {
  BOX_STYLE,
  badge,
  escapeHtml,
  fieldLines,
  fieldTable,
  KEY_STYLE,
  MUTED_STYLE,
  TABLE_STYLE,
  TD_STYLE,
} from "./html.js";
import type { MimeBundle } from "./mime.js";

const FIRST = [
  "description",
  "owner",
  "author",
  "uri",
  "modelFormatName",
  "modelFormatVersion",
  "registeredModelId",
  "modelVersionId",
  "servingEnvironmentId",
  "experimentId",
  "runtime",
  "externalId",
];
const IN_HEADER = new Set(["id", "name", "state", "desiredState", "customProperties"]);
const TIMES = new Set(["createTimeSinceEpoch", "lastUpdateTimeSinceEpoch"]);
const MAX_VALUE = 300;

/** The state shown as a badge: `state`, or `desiredState` for inference services. */
function stateOf(entity: AnyEntity): string | undefined {
  const state = entity.state ?? entity.desiredState;
  return typeof state === "string" ? state : undefined;
}

/** The fields below the header, known ones first, then the rest in the server's order, then the times. */
function fieldRows(entity: AnyEntity): [string, string | undefined][] {
  const rest = Object.keys(entity).filter(
    (key) => !IN_HEADER.has(key) && !TIMES.has(key) && !FIRST.includes(key),
  );
  const keys = [...FIRST.filter((key) => key in entity), ...rest];
  return [
    ...imageRows(entity),
    ...keys.map((key): [string, string] => [key, truncate(formatValue(entity[key]), MAX_VALUE)]),
    ["created", formatTime(entity.createTimeSinceEpoch)],
    ["updated", formatTime(entity.lastUpdateTimeSinceEpoch)],
  ];
}

/** For a model stored as an OCI image (a modelcar): the image reference and its manifest digest, first. */
function imageRows(entity: AnyEntity): [string, string][] {
  if (typeof entity.uri !== "string" || !entity.uri.startsWith("oci://")) return [];
  const digest = entity.customProperties?.oci_manifest_digest;
  return [
    ["image", entity.uri.slice("oci://".length)],
    ...(typeof digest === "string" ? [["image digest", digest] as [string, string]] : []),
  ];
}

/** Custom properties as [key, value, metadata type]. */
function propertyRows(entity: AnyEntity): [string, string, string][] {
  const wire = wireCustomProperties(entity);
  return Object.entries(entity.customProperties ?? {}).map(([key, value]) => [
    key,
    truncate(formatValue(value), MAX_VALUE),
    (wire[key]?.metadataType ?? "").replace(/^Metadata|Value$/g, "").toLowerCase(),
  ]);
}

/** The card's title line, in HTML. */
export function entityTitle(entity: AnyEntity, kind = entityKindOf(entity) ?? ""): string {
  const state = stateOf(entity);
  return [
    `<span style="${MUTED_STYLE}">${escapeHtml(kind)}</span>`,
    `<strong>${escapeHtml(entity.name ?? "")}</strong>`,
    entity.id === undefined ? "" : `<span style="${MUTED_STYLE}">id ${escapeHtml(entity.id)}</span>`,
    state ? badge(state) : "",
  ]
    .filter(Boolean)
    .join(" ");
}

/** The custom properties with their metadata types as an HTML table ("" when there are none). */
export function propertiesTable(entity: AnyEntity): string {
  const rows = propertyRows(entity)
    .map(
      ([key, value, type]) =>
        `<tr><td style="${KEY_STYLE}">${escapeHtml(key)}</td><td style="${TD_STYLE}">${escapeHtml(value)}</td>` +
        `<td style="${TD_STYLE}; ${MUTED_STYLE}">${escapeHtml(type)}</td></tr>`,
    )
    .join("");
  return rows
    ? `<div style="margin-top: 4px; font-weight: 600">customProperties</div><table style="${TABLE_STYLE}"><tbody>${rows}</tbody></table>`
    : "";
}

/** The custom properties as text lines under a `customProperties` heading (none when there are none). */
export function propertyLines(entity: AnyEntity, indent = "  "): string[] {
  const rows = propertyRows(entity).map(([key, value]): [string, string] => [key, value]);
  return rows.length > 0 ? [`${indent}customProperties`, ...fieldLines(rows, `${indent}  `)] : [];
}

/** The text/plain form of a card. */
export function entityText(entity: AnyEntity, kind = entityKindOf(entity) ?? ""): string[] {
  const state = stateOf(entity);
  const about = [entity.id === undefined ? undefined : `id ${entity.id}`, state].filter(Boolean).join(", ");
  const title = `${kind} ${JSON.stringify(entity.name ?? "")}${about ? ` (${about})` : ""}`;
  return [title, ...fieldLines(fieldRows(entity)), ...propertyLines(entity)];
}

/** One entity as a MIME bundle: an HTML card, text and JSON. */
export function entityCard(entity: AnyEntity): MimeBundle {
  const kind = entityKindOf(entity) ?? "";
  return {
    "text/plain": entityText(entity, kind).join("\n"),
    "text/html": `<div style="${BOX_STYLE}"><div>${entityTitle(entity, kind)}</div>${fieldTable(fieldRows(entity))}${propertiesTable(entity)}</div>`,
    "application/json": toJson(entity),
  };
}
