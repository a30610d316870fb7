import { ListMultipartUploadsCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { stackSetting } from "./stack-env.js";

/**
 * The three S3 servers of the local stack: moto (lenient), versitygw (checks signatures and checksums) and SeaweedFS
 * (checks signatures). Suites pick versitygw as S3_SERVERS[1], so a new server goes at the end.
 */
export const S3_SERVERS = [
  {
    label: "moto",
    endpoint: "AWS_S3_ENDPOINT",
    bucket: "AWS_S3_BUCKET",
    key: "AWS_ACCESS_KEY_ID",
    secret: "AWS_SECRET_ACCESS_KEY",
  },
  {
    label: "versitygw",
    endpoint: "VERSITYGW_S3_ENDPOINT",
    bucket: "VERSITYGW_S3_BUCKET",
    key: "VERSITYGW_ACCESS_KEY_ID",
    secret: "VERSITYGW_SECRET_ACCESS_KEY",
  },
  {
    label: "seaweedfs",
    endpoint: "SEAWEEDFS_S3_ENDPOINT",
    bucket: "SEAWEEDFS_S3_BUCKET",
    key: "SEAWEEDFS_ACCESS_KEY_ID",
    secret: "SEAWEEDFS_SECRET_ACCESS_KEY",
  },
] as const;
export type S3Server = (typeof S3_SERVERS)[number];

/** One stack S3 server as a client's storage option takes it: its endpoint, bucket and credentials. */
export function storageOf(server: S3Server): {
  endpoint: string;
  bucket: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
} {
  return {
    endpoint: stackSetting(server.endpoint),
    bucket: stackSetting(server.bucket),
    credentials: { accessKeyId: stackSetting(server.key), secretAccessKey: stackSetting(server.secret) },
  };
}

/** A client of one stack S3 server that records the name of every command it sends. */
export function countingClient(server: S3Server): {
  client: S3Client;
  commands: string[];
  bucket: string;
  endpoint: string;
} {
  const endpoint = stackSetting(server.endpoint);
  const client = new S3Client({
    endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: { accessKeyId: stackSetting(server.key), secretAccessKey: stackSetting(server.secret) },
  });
  const commands: string[] = [];
  client.middlewareStack.add(
    (next, context) => (args) => {
      commands.push(String(context.commandName));
      return next(args);
    },
    { step: "initialize", name: "countCommands" },
  );
  return { client, commands, bucket: stackSetting(server.bucket), endpoint };
}

/** The commands that write to the bucket. */
export function writes(commands: readonly string[]): string[] {
  return commands.filter((name) => /Put|Upload|CreateMultipart|CompleteMultipart|Copy|Delete/.test(name));
}

/** Every key under a prefix. */
export async function keysUnder(client: S3Client, bucket: string, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
    );
    for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
    token = page.NextContinuationToken;
  } while (token);
  return keys.sort();
}

/** Multipart uploads still open under a prefix. */
export async function openMultipartUploads(
  client: S3Client,
  bucket: string,
  prefix: string,
): Promise<number> {
  const listed = await client.send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: prefix }));
  return listed.Uploads?.length ?? 0;
}
