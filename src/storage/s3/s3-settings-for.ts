// The S3 storage one call talks to: the one resolver's settings for the call, and the S3 client built from them.
import type { S3Client } from "@aws-sdk/client-s3";
import {
  describeStorageSettings,
  resolveStorageSettings,
  type StorageLayer,
  type StorageSettings,
} from "../../config/storage-settings.js";
import type { StoreContext } from "../model-store.js";
import type { ProgressCallback } from "../progress.js";
import { s3ClientFor } from "./s3-client.js";
import type { StorageOptions } from "./storage-options.js";

/** The client's defaults a call's settings are resolved against. */
export type StorageDefaults = Pick<StoreContext, "storage" | "env">;

const layer = (options: StorageOptions | undefined): StorageLayer => ({
  values: {
    endpoint: options?.endpoint,
    region: options?.region,
    bucket: options?.bucket,
    checksums: options?.checksums,
    forcePathStyle: options?.forcePathStyle,
    profile: options?.profile,
  },
  source: options?.source,
});

/**
 * The settings for one call: `storage` (the call's own options) first, then `recorded` (where a registered version
 * says its files live), then the client's `storage` option, then the environment (see resolveStorageSettings).
 */
export async function storageSettingsFor(
  defaults: StorageDefaults,
  storage?: StorageOptions,
  recorded?: StorageLayer,
): Promise<StorageSettings> {
  const layers = [layer(storage), ...(recorded ? [recorded] : []), layer(defaults.storage)];
  const settings = await resolveStorageSettings({ layers, env: defaults.env });
  const explicit = storage?.credentials
    ? storage
    : defaults.storage.credentials
      ? defaults.storage
      : undefined;
  if (explicit)
    settings.credentialsSource = `the ${explicit === storage ? "call's" : "client's"} storage.credentials option`;
  return settings;
}

/** The settings and an S3 client for them (an injected `client` option is used as is); reports the settings as a
 * `storage` progress event. */
export async function storageClient(
  defaults: StorageDefaults,
  storage?: StorageOptions,
  recorded?: StorageLayer,
  onProgress?: ProgressCallback,
): Promise<{ client: S3Client; settings: StorageSettings }> {
  const resolved = await storageSettingsFor(defaults, storage, recorded);
  const injected = storage?.client ?? defaults.storage.client;
  const settings = injected ? await settingsOfInjected(injected, resolved) : resolved;
  onProgress?.({ type: "storage", settings: describeStorageSettings(settings) });
  const client = s3ClientFor(settings, {
    client: injected,
    credentials: storage?.credentials ?? defaults.storage.credentials,
  });
  return { client, settings };
}

/** The settings an injected client really uses (its endpoint, region, addressing and checksum modes), so that what
 * is recorded and reported is where the files went; the bucket still comes from the options. */
async function settingsOfInjected(client: S3Client, resolved: StorageSettings): Promise<StorageSettings> {
  const source = "the storage.client option";
  const config = client.config;
  const endpoint = config.isCustomEndpoint && config.endpoint ? await config.endpoint() : undefined;
  const port = endpoint?.port ? `:${endpoint.port}` : "";
  const path = endpoint && endpoint.path !== "/" ? endpoint.path : "";
  const mode = async (setting: () => Promise<string>) =>
    ((await setting()) === "WHEN_REQUIRED" ? "when-required" : "when-supported") as "when-required";
  return {
    ...resolved,
    endpoint: endpoint
      ? { value: `${endpoint.protocol}//${endpoint.hostname}${port}${path}`, source }
      : undefined,
    region: { value: await config.region(), source },
    addressingStyle: { value: config.forcePathStyle ? "path" : "virtual", source },
    requestChecksums: { value: await mode(config.requestChecksumCalculation), source },
    responseChecksums: { value: await mode(config.responseChecksumValidation), source },
    profile: undefined,
    credentialsSource: source,
  };
}
