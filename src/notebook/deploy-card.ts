// The result of deploy/undeploy as one card: what happened to which inference service, and what it serves where.
import type { InferenceService } from "../client/entities.js";
import type { AnyEntity } from "../views/any-entity.js";
import { propertiesTable, propertyLines } from "./entity-card.js";
import { toJson } from "./format.js";
import { BOX_STYLE, badge, escapeHtml, fieldLines, fieldTable, MUTED_STYLE } from "./html.js";
import type { MimeBundle } from "./mime.js";

/** What deploy and undeploy return (undeploy: the service and the action only). */
export interface DeployOutcome {
  inferenceService: InferenceService;
  action: string;
  servingEnvironment?: AnyEntity;
  registeredModel?: AnyEntity;
  modelVersion?: AnyEntity;
}

const named = (entity: AnyEntity | undefined, id: string | undefined) =>
  entity ? `${entity.name ?? ""} (id ${entity.id})` : id && `id ${id}`;

function rows(outcome: DeployOutcome): [string, string | undefined][] {
  const service = outcome.inferenceService;
  return [
    ["servingEnvironment", named(outcome.servingEnvironment, service.servingEnvironmentId)],
    ["registeredModel", named(outcome.registeredModel, service.registeredModelId)],
    ["modelVersion", named(outcome.modelVersion, service.modelVersionId)],
    ["runtime", service.runtime],
    ["inference service id", service.id],
  ];
}

/** deploy's or undeploy's result as a MIME bundle: an HTML card, text and JSON. */
export function deployCard(outcome: DeployOutcome): MimeBundle {
  const service = outcome.inferenceService;
  const state = service.desiredState ?? "";
  const title = [
    `<span style="${MUTED_STYLE}">inference service</span>`,
    `<strong>${escapeHtml(service.name ?? "")}</strong>`,
    state ? badge(state) : "",
    badge(outcome.action),
  ].join(" ");
  const properties = service as unknown as AnyEntity;
  return {
    "text/plain": [
      `inference service ${JSON.stringify(service.name ?? "")}: ${outcome.action}${state ? `, ${state}` : ""}`,
      ...fieldLines(rows(outcome)),
      ...propertyLines(properties),
    ].join("\n"),
    "text/html": `<div style="${BOX_STYLE}"><div>${title}</div>${fieldTable(rows(outcome))}${propertiesTable(properties)}</div>`,
    "application/json": toJson(outcome),
  };
}
