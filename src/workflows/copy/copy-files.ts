// A copy with the files: read back from the source's store into a temporary folder (each file checked against the
// source's manifest), registered in the destination by registerModel (which stores them where `storage` says), the
// manifest's digest compared, and the copy read back there once more.

import { tmpdir } from "node:os";
import { join } from "node:path";
import { builtin } from "../../builtin.js";
import { wireCustomProperties } from "../../client/entity.js";
import { UploadError } from "../../errors.js";
import { ARTIFACT_PROPERTIES } from "../../storage/recorded-properties.js";
import { propertyInput } from "../bundle/property-input.js";
import type { RegistryClient } from "../registry-client.js";
import { type CopyStorage, copyDestination } from "./copy-destination.js";
import {
  type CopyModelVersionParams,
  type CopyModelVersionResult,
  type CopySource,
  withoutAliases,
} from "./copy-params.js";

/** With the files: read them back from the source's store into a temporary folder (checked), register them there. */
export async function copyFiles(
  mr: RegistryClient,
  params: CopyModelVersionParams,
  source: CopySource,
  versionExisted: boolean,
): Promise<CopyModelVersionResult> {
  const { registeredModel, modelVersion, modelArtifact, origin } = source;
  const names = { name: registeredModel.name, version: modelVersion.name };
  const { mkdtemp } = builtin("node:fs/promises");
  const dir = await mkdtemp(join(tmpdir(), "mr-copy-"));
  try {
    const { downloadModel } = await import("../files/download-model.js");
    const pulled = await downloadModel(mr, {
      ...names,
      path: dir,
      signal: params.signal,
      onProgress: params.onProgress,
    });
    if (!pulled.ok)
      throw new UploadError(
        `the files of version ${JSON.stringify(names.version)} of model ${JSON.stringify(names.name)} at ${mr.url} do not match their manifest (${pulled.mismatches.length} differ); nothing was copied`,
      );
    await dropUnrecorded(
      dir,
      pulled.manifest.files.map((file) => file.path),
    );
    const destination = copyDestination(params.storage as CopyStorage);
    const registered = await params.to.registerModel({
      ...names,
      path: dir,
      ...destination,
      modelFormat: modelArtifact.modelFormatName
        ? { name: modelArtifact.modelFormatName, version: modelArtifact.modelFormatVersion }
        : undefined,
      description: modelVersion.description,
      modelDescription: registeredModel.description,
      author: modelVersion.author,
      owner: registeredModel.owner,
      metadata: propertyInput(wireCustomProperties(modelVersion)),
      modelMetadata: propertyInput(withoutAliases(wireCustomProperties(registeredModel))),
      artifactName: modelArtifact.name,
      lineage: false,
      signal: params.signal,
      onProgress: params.onProgress,
      ...origin,
    });
    // The same files give the same manifest: an S3 copy records the source's digest (an image has its own).
    const digest = modelArtifact.customProperties[ARTIFACT_PROPERTIES.digest];
    if (typeof digest === "string" && registered.manifest && registered.manifest.digest !== digest)
      throw new UploadError(
        `the copy's manifest ${registered.manifest.digest} differs from the source's ${digest}`,
      );
    const verified = await params.to.verifyModel({
      ...names,
      signal: params.signal,
      ...(destination.storage ? { storage: destination.storage } : {}),
      ...(destination.oci ? { oci: destination.oci } : {}),
    });
    if (!verified.ok)
      throw new UploadError(`the copy at ${params.to.url} does not verify against its manifest`);
    const status = registered.status === "unchanged" ? "unchanged" : versionExisted ? "completed" : "created";
    const { manifest } = pulled;
    return {
      status,
      registeredModel: registered.registeredModel,
      modelVersion: registered.modelVersion,
      modelArtifact: registered.modelArtifact,
      uri: registered.uri,
      files: { count: manifest.files.length, bytes: manifest.files.reduce((sum, f) => sum + f.size, 0) },
    };
  } finally {
    await builtin("node:fs/promises").rm(dir, { recursive: true, force: true });
  }
}

/** Removes what a download wrote beside the recorded files (a signature file): the copy stores the model's files. */
async function dropUnrecorded(dir: string, recorded: string[]): Promise<void> {
  const top = new Set(recorded.map((path) => path.split("/")[0]));
  const { readdir, rm } = builtin("node:fs/promises");
  for (const entry of await readdir(dir)) if (!top.has(entry)) await rm(join(dir, entry), { force: true });
}
