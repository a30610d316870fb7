// Shells configured as users configure storage, for the storage-settings and S3-error suites.

import { tempDir, writeTree } from "./model-files.js";
import { S3_SERVERS, type S3Server } from "./s3.js";
import { stackSetting } from "./stack-env.js";

/** A HOME without ~/.aws: only what each case sets. */
export const home = await tempDir("mr-home-");
export const [moto, versitygw, seaweedfs] = S3_SERVERS as unknown as [S3Server, S3Server, S3Server];

/** A shell with the registry URL and the server's credentials, and no storage settings at all. */
export function shell(server: S3Server, extra: Record<string, string | undefined> = {}) {
  return {
    HOME: home,
    AWS_S3_ENDPOINT: undefined,
    AWS_S3_BUCKET: undefined,
    AWS_DEFAULT_REGION: undefined,
    AWS_ACCESS_KEY_ID: stackSetting(server.key),
    AWS_SECRET_ACCESS_KEY: stackSetting(server.secret),
    ...extra,
  };
}

/** `http://localhost:<port>` for a server: a host name, which breaks virtual-hosted addressing. */
export const byHostName = (server: S3Server) =>
  stackSetting(server.endpoint).replace("127.0.0.1", "localhost");

/** A small model folder. */
export async function model(): Promise<string> {
  const dir = await tempDir();
  await writeTree(dir, { "model.onnx": "onnx weights", "config/labels.json": '["0","1"]' });
  return dir;
}

/** Whether mr-cli's stderr is one line. */
export const oneLine = (stderr: string) => stderr.trimEnd().split("\n").length === 1;
