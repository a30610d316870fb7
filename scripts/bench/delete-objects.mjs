// Removes what a benchmark run stored in versitygw (over 2 GiB per run with the defaults), so runs do not fill the
// disk. The registry has no DELETE, so the registered bench-* models stay, pointing at removed files.
import { DeleteObjectsCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";

/**
 * Deletes every object under each `<prefix>/`.
 * @param {Record<string, string>} stack the settings in .stack/env
 * @param {string[]} prefixes
 * @returns {Promise<number>} how many objects were deleted
 */
export async function deleteObjects(stack, prefixes) {
  // The SDK's notice that its 2027 releases need Node 22 says nothing about the benchmark; keep it off the output.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const client = new S3Client({
    endpoint: stack.VERSITYGW_S3_ENDPOINT,
    region: stack.AWS_DEFAULT_REGION ?? "us-east-1",
    forcePathStyle: true,
    credentials: {
      accessKeyId: stack.VERSITYGW_ACCESS_KEY_ID ?? "",
      secretAccessKey: stack.VERSITYGW_SECRET_ACCESS_KEY ?? "",
    },
  });
  const Bucket = stack.VERSITYGW_S3_BUCKET;
  let deleted = 0;
  try {
    for (const prefix of prefixes) {
      /** @type {string | undefined} */
      let ContinuationToken;
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket, Prefix: `${prefix}/`, ContinuationToken }),
        );
        const Objects = (page.Contents ?? []).map(({ Key }) => ({ Key }));
        if (Objects.length) await client.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects } }));
        deleted += Objects.length;
        ContinuationToken = page.NextContinuationToken;
      } while (ContinuationToken);
    }
  } finally {
    client.destroy();
  }
  return deleted;
}
