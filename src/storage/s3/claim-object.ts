// The claim object of a model folder (`.model-upload-claim`) and the only requests made on it: a conditional PUT, a
// read of its nonce, its time. What the claim protocol does with them is in upload-claim.ts.
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { formatS3Uri } from "./s3-uri.js";
import { storageError } from "./storage-error.js";

/** A claim as read back: its nonce, ETag and time. */
export interface Seen {
  nonce: string | undefined;
  etag: string | undefined;
  lastModified: Date;
}

/** The HTTP status of an S3 error, if a reply came. */
export const statusOf = (error: unknown) =>
  (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
/** Whether an S3 error says the object does not exist. */
export const isMissing = (error: unknown) => {
  const name = (error as { name?: string }).name;
  return name === "NoSuchKey" || name === "NotFound" || statusOf(error) === 404;
};

/** The claim object of one folder, and the conditional requests on it. */
export class ClaimObject {
  readonly uri: string;

  constructor(
    readonly client: S3Client,
    readonly bucket: string,
    readonly key: string,
    readonly nonce: string = crypto.randomUUID(),
  ) {
    this.uri = formatS3Uri({ bucket, key });
  }

  /** PUT with a condition; the new ETag, or undefined on 412. */
  async put(condition: { IfNoneMatch: "*" } | { IfMatch: string }): Promise<string | undefined> {
    const body = JSON.stringify({ nonce: this.nonce, writtenAt: new Date().toISOString() });
    try {
      const out = await this.client.send(
        new PutObjectCommand({ Bucket: this.bucket, Key: this.key, Body: body, ...condition }),
      );
      return out.ETag ?? "";
    } catch (error) {
      if (statusOf(error) === 412) return undefined;
      throw storageError(this.client, { operation: "claiming", bucket: this.bucket, key: this.key }, error);
    }
  }

  /**
   * The claim as stored now, or undefined if there is none. A reply whose body does not match its own checksum header
   * is read again (up to 3 times): other runs write and remove this small object all the time, and a store that
   * reads the object's checksum and its body apart (moto does) can answer with one version's header and another's
   * body.
   */
  async read(): Promise<Seen | undefined> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.readOnce();
      } catch (error) {
        const torn = /checksum mismatch/i.test((error as Error).message ?? "");
        if (!torn || attempt >= 3) throw this.readError(error);
      }
    }
  }

  private async readOnce(): Promise<Seen | undefined> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.key }));
      const text = (await out.Body?.transformToString("utf-8")) ?? "";
      let nonce: string | undefined;
      try {
        nonce = (JSON.parse(text) as { nonce?: string }).nonce;
      } catch {
        nonce = undefined; // a claim written by an older client: never ours
      }
      return { nonce, etag: out.ETag, lastModified: out.LastModified ?? new Date() };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  /** When the claim was last written, or undefined if there is none (one HEAD). */
  async lastModified(): Promise<Date | undefined> {
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.key }));
      return out.LastModified ?? new Date();
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw this.readError(error);
    }
  }

  /** The StorageError of a failed read of the claim. */
  private readError(error: unknown): Error {
    return storageError(
      this.client,
      { operation: "reading the claim", bucket: this.bucket, key: this.key },
      error,
    );
  }
}
