// The result of registerModel as one card: what was registered where, what happened, and the version's metadata.

import type { AnyEntity } from "../views/any-entity.js";
import { storeAddress } from "../views/store-address.js";
import type { RegisterModelResult } from "../workflows/register/register-model.js";
import { propertiesTable, propertyLines } from "./entity-card.js";
import { formatBytes, toJson } from "./format.js";
import { BOX_STYLE, badge, escapeHtml, fieldLines, fieldTable, MUTED_STYLE } from "./html.js";
import type { MimeBundle } from "./mime.js";

const STATUS_TEXT: Record<string, string> = {
  created: "registered",
  completed: "registration completed",
  unchanged: "already registered with this content; nothing changed",
};

const named = (entity: { name?: string | undefined; id: string }, extra: (string | undefined)[] = []) =>
  `${entity.name ?? ""} (${[`id ${entity.id}`, ...extra.filter(Boolean)].join(", ")})`;

function rows(result: RegisterModelResult): [string, string | undefined][] {
  const { registeredModel, modelVersion, modelArtifact, manifest } = result;
  const format = [modelArtifact.modelFormatName, modelArtifact.modelFormatVersion].filter(Boolean).join(" ");
  return [
    ["registered model", named(registeredModel, [registeredModel.state])],
    [
      "model version",
      named(modelVersion, [modelVersion.state, modelVersion.author && `author ${modelVersion.author}`]),
    ],
    ["model artifact", named(modelArtifact, [format])],
    ["uri", result.uri],
    ["store", storeAddress(modelArtifact)],
    [
      "files",
      manifest &&
        `${manifest.fileCount} ${manifest.fileCount === 1 ? "file" : "files"}, ${formatBytes(manifest.totalBytes)}`,
    ],
    ["manifest sha256", manifest?.digest],
    [
      "image digest",
      result.image &&
        `${result.image.digest} (${result.image.layers} model layer${result.image.layers === 1 ? "" : "s"})`,
    ],
    ["description", modelVersion.description],
  ];
}

/** registerModel's result as a MIME bundle: an HTML card, text and JSON. */
export function resultCard(result: RegisterModelResult): MimeBundle {
  const { registeredModel, modelVersion, status } = result;
  const version = modelVersion as unknown as AnyEntity;
  const what = STATUS_TEXT[status] ?? status;
  const title = [
    `<strong>${escapeHtml(registeredModel.name)}</strong>`,
    `<strong>${escapeHtml(modelVersion.name)}</strong>`,
    badge(status),
    `<span style="${MUTED_STYLE}">${escapeHtml(what)}</span>`,
  ].join(" ");
  const text = [
    `${registeredModel.name} ${modelVersion.name}: ${what}`,
    ...fieldLines(rows(result)),
    ...propertyLines(version),
  ].join("\n");
  return {
    "text/plain": text,
    "text/html": `<div style="${BOX_STYLE}"><div>${title}</div>${fieldTable(rows(result))}${propertiesTable(version)}</div>`,
    "application/json": toJson(result),
  };
}
