// A copy of the record alone: a one-version bundle whose artifact records its origin, imported into the destination.
// The copy's artifact keeps the source's URI (and the properties that say where that store is).
import { callOptions } from "../../client/call-options.js";
import { wireCustomProperties } from "../../client/entity.js";
import { UploadError } from "../../errors.js";
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, type ModelBundle } from "../bundle/bundle-format.js";
import { importBundle } from "../bundle/import-bundle.js";
import { ownFields } from "../bundle/property-input.js";
import { requireVersion } from "../lookup.js";
import type { RegistryClient } from "../registry-client.js";
import {
  type CopyModelVersionParams,
  type CopyModelVersionResult,
  type CopySource,
  withoutAliases,
} from "./copy-params.js";

/** Entities and metadata only: a one-version bundle, its artifact's origin rewritten, imported there. */
export async function copyRecord(
  mr: RegistryClient,
  params: CopyModelVersionParams,
  source: CopySource,
): Promise<CopyModelVersionResult> {
  const { registeredModel, modelVersion, modelArtifact, origin } = source;
  const bundle: ModelBundle = {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    exportedAt: new Date().toISOString(),
    source: { url: mr.url, apiUrl: mr.apiUrl },
    models: [
      {
        fields: { ...ownFields(registeredModel), name: registeredModel.name },
        customProperties: withoutAliases(wireCustomProperties(registeredModel)),
        aliases: {},
        versions: [
          {
            fields: { ...ownFields(modelVersion), name: modelVersion.name },
            customProperties: wireCustomProperties(modelVersion),
            sourceId: modelVersion.id,
            artifact: {
              fields: {
                ...ownFields(modelArtifact),
                name: modelArtifact.name ?? registeredModel.name,
                ...origin,
              },
              customProperties: wireCustomProperties(modelArtifact),
            },
          },
        ],
      },
    ],
  };
  const imported = await importBundle(params.to, { bundle, signal: params.signal, aliases: false });
  const [one] = imported.versions;
  if (!one || one.status === "failed" || one.status === "conflict")
    throw new UploadError(`copying to ${params.to.url} failed: ${one?.message ?? "nothing was imported"}`);
  const found = await requireVersion(
    params.to,
    { name: registeredModel.name, version: modelVersion.name },
    callOptions(params),
  );
  const status = one.status === "completed" ? "completed" : "created";
  return { status, ...found, uri: found.modelArtifact.uri ?? "" };
}
