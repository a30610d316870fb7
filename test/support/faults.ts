// The fault suite's setting: the real registry and versitygw, each behind its own fault-injecting proxy, with
// clients through the proxies and clients that bypass them (to check what is really there).
import { S3Client } from "@aws-sdk/client-s3";
import { type FaultProxy, startFaultProxy } from "../../scripts/fault-proxy.mjs";
import { ModelRegistry, type StorageOptions } from "../../src/index.js";
import { S3_SERVERS } from "./s3.js";
import { stackSetting } from "./stack-env.js";

const versitygw = S3_SERVERS[1];

/** Proxies in front of the registry and of versitygw, and clients that go through them. */
export async function faultySetting(options: { seed: number; registryRate?: number; storageRate?: number }) {
  const registry = await startFaultProxy({
    target: stackSetting("MODEL_REGISTRY_URL"),
    seed: options.seed,
    rate: options.registryRate ?? 0,
  });
  const storage = await startFaultProxy({
    target: stackSetting(versitygw.endpoint),
    seed: options.seed + 1,
    rate: options.storageRate ?? 0,
  });
  const credentials = {
    accessKeyId: stackSetting(versitygw.key),
    secretAccessKey: stackSetting(versitygw.secret),
  };
  const bucket = stackSetting(versitygw.bucket);
  const storageOptions: StorageOptions = { endpoint: storage.url, bucket, credentials };
  const mr = new ModelRegistry({ url: registry.url, author: "fault-suite", storage: storageOptions });
  return {
    registry,
    storage,
    mr,
    bucket,
    /** A client of the registry and of the store that bypass the proxies, to check what is really there. */
    direct: {
      bucket,
      mr: new ModelRegistry({ url: stackSetting("MODEL_REGISTRY_URL") }),
      s3: new S3Client({
        endpoint: stackSetting(versitygw.endpoint),
        region: "us-east-1",
        forcePathStyle: true,
        credentials,
      }),
    },
    async close() {
      await Promise.all([registry.close(), storage.close()]);
    },
  };
}

export { leftovers } from "../../scripts/fault-audit.mjs";
export type { FaultProxy };
