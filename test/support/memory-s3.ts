// An S3 bucket in memory, behind a real S3Client: the AWS SDK builds, signs and parses every request as it would
// against a server, and this request handler answers it (path-style, no network). Enough of S3 for registerModel,
// uploads, downloads and verification: objects with conditional PUT/DELETE (If-None-Match/If-Match), GET/HEAD,
// ListObjectsV2, and multipart uploads. Every request is recorded as `METHOD /bucket/key?subresource`.
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { S3Client } from "@aws-sdk/client-s3";

interface StoredObject {
  body: Buffer;
  etag: string;
  lastModified: Date;
}

interface HandledRequest {
  method: string;
  path: string;
  query: Record<string, string | string[] | null>;
  headers: Record<string, string>;
  body?: unknown;
}

type Reply = { statusCode: number; headers: Record<string, string>; body: Readable };

const xml = (status: number, text: string): Reply => ({
  statusCode: status,
  headers: { "content-type": "application/xml" },
  body: Readable.from([Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>${text}`)]),
});
const empty = (status: number, headers: Record<string, string> = {}): Reply => ({
  statusCode: status,
  headers,
  body: Readable.from([]),
});
const s3Error = (status: number, code: string) =>
  xml(status, `<Error><Code>${code}</Code><Message>${code}</Message><RequestId>memory</RequestId></Error>`);
const xmlText = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const md5 = (data: Buffer) => createHash("md5").update(data).digest("hex");

async function readBody(body: unknown): Promise<Buffer> {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === "string") return Buffer.from(body);
  if (body instanceof Uint8Array) return Buffer.from(body);
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** The objects and open multipart uploads of one bucket, and the S3 requests on them. */
class MemoryBucket {
  readonly objects = new Map<string, StoredObject>();
  readonly uploads = new Map<string, { key: string; parts: Map<number, Buffer> }>();
  readonly log: string[] = [];
  failWhen: ((line: string) => boolean) | undefined;
  /** How listings deviate from S3, as some stores do: a smaller page, no NextContinuationToken on a truncated page. */
  listing: { pageSize?: number; omitToken?: boolean } = {};
  private nextUpload = 1;

  constructor(readonly bucket: string) {}

  /** Answers one request of the AWS SDK, recording it as `METHOD /bucket/key?subresource`. */
  async handle(request: HandledRequest): Promise<{ response: Reply }> {
    const [, bucketName = "", ...rest] = request.path.split("/");
    const key = decodeURIComponent(rest.join("/"));
    const sub = Object.keys(request.query)
      .filter((q) => !q.startsWith("x-id"))
      .sort()
      .join("&");
    const line = `${request.method} /${bucketName}/${key}${sub ? `?${sub}` : ""}`;
    this.log.push(line);
    const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v]));
    if (this.failWhen?.(line)) return { response: s3Error(503, "SlowDown") };
    if (bucketName !== this.bucket) return { response: s3Error(404, "NoSuchBucket") };
    if (!key && request.method === "GET")
      return { response: "uploads" in request.query ? this.listUploads() : this.list(request.query) };
    const { method, query } = request;
    if (method === "POST" && "uploads" in query) return { response: this.createUpload(key) };
    if (query.uploadId)
      return { response: await this.onUpload(method, String(query.uploadId), key, request) };
    return { response: await this.onObject({ ...request, headers }, key) };
  }

  private put(key: string, body: Buffer, etag = `"${md5(body)}"`): string {
    this.objects.set(key, { body, etag, lastModified: new Date() });
    return etag;
  }

  /** ListObjectsV2: keys under `prefix` after the continuation token, in order. */
  private list(query: HandledRequest["query"]): Reply {
    const prefix = String(query.prefix ?? "");
    const max = Math.min(Number(query["max-keys"] ?? 1000), this.listing.pageSize ?? 1000);
    const after = query["continuation-token"] ? String(query["continuation-token"]) : "";
    const keys = [...this.objects.keys()].filter((k) => k.startsWith(prefix) && k > after).sort();
    const page = keys.slice(0, max);
    const truncated = keys.length > page.length;
    const contents = page
      .map((key) => {
        const o = this.objects.get(key) as StoredObject;
        return `<Contents><Key>${xmlText(key)}</Key><Size>${o.body.length}</Size><ETag>${xmlText(o.etag)}</ETag><LastModified>${o.lastModified.toISOString()}</LastModified></Contents>`;
      })
      .join("");
    const next =
      truncated && !this.listing.omitToken
        ? `<NextContinuationToken>${xmlText(page.at(-1) ?? "")}</NextContinuationToken>`
        : "";
    return xml(
      200,
      `<ListBucketResult><Name>${this.bucket}</Name><Prefix>${xmlText(prefix)}</Prefix><KeyCount>${page.length}</KeyCount><MaxKeys>${max}</MaxKeys><IsTruncated>${truncated}</IsTruncated>${contents}${next}</ListBucketResult>`,
    );
  }

  private listUploads(): Reply {
    const open = [...this.uploads]
      .map(([id, u]) => `<Upload><Key>${xmlText(u.key)}</Key><UploadId>${id}</UploadId></Upload>`)
      .join("");
    return xml(
      200,
      `<ListMultipartUploadsResult><Bucket>${this.bucket}</Bucket><IsTruncated>false</IsTruncated>${open}</ListMultipartUploadsResult>`,
    );
  }

  private createUpload(key: string): Reply {
    const id = `u${this.nextUpload++}`;
    this.uploads.set(id, { key, parts: new Map() });
    return xml(
      200,
      `<InitiateMultipartUploadResult><Bucket>${this.bucket}</Bucket><Key>${xmlText(key)}</Key><UploadId>${id}</UploadId></InitiateMultipartUploadResult>`,
    );
  }

  /** UploadPart (PUT), AbortMultipartUpload (DELETE) and CompleteMultipartUpload (POST) of an open upload. */
  private async onUpload(
    method: string,
    uploadId: string,
    key: string,
    request: HandledRequest,
  ): Promise<Reply> {
    const upload = this.uploads.get(uploadId);
    if (!upload) return s3Error(404, "NoSuchUpload");
    if (method === "PUT") {
      const data = await readBody(request.body);
      upload.parts.set(Number(request.query.partNumber), data);
      return empty(200, { etag: `"${md5(data)}"` });
    }
    if (method === "DELETE") {
      this.uploads.delete(uploadId);
      return empty(204);
    }
    const numbers = [...upload.parts.keys()].sort((a, b) => a - b);
    const body = Buffer.concat(numbers.map((n) => upload.parts.get(n) as Buffer));
    const digest = createHash("md5");
    for (const n of numbers)
      digest.update(
        createHash("md5")
          .update(upload.parts.get(n) as Buffer)
          .digest(),
      );
    const etag = this.put(key, body, `"${digest.digest("hex")}-${numbers.length}"`);
    this.uploads.delete(uploadId);
    return xml(
      200,
      `<CompleteMultipartUploadResult><Bucket>${this.bucket}</Bucket><Key>${xmlText(key)}</Key><ETag>${xmlText(etag)}</ETag></CompleteMultipartUploadResult>`,
    );
  }

  /** PUT (with If-None-Match / If-Match), GET, HEAD and DELETE (with If-Match) of one object. */
  private async onObject(request: HandledRequest, key: string): Promise<Reply> {
    const { method, headers } = request;
    const existing = this.objects.get(key);
    const ifMatch = headers["if-match"];
    if (method === "PUT") {
      if (headers["if-none-match"] === "*" && existing) return s3Error(412, "PreconditionFailed");
      if (ifMatch && existing?.etag !== ifMatch)
        return s3Error(existing ? 412 : 404, existing ? "PreconditionFailed" : "NoSuchKey");
      return empty(200, { etag: this.put(key, await readBody(request.body)) });
    }
    if (!existing)
      return method === "HEAD" ? empty(404) : method === "DELETE" ? empty(204) : s3Error(404, "NoSuchKey");
    if (method === "DELETE") {
      if (ifMatch && existing.etag !== ifMatch) return s3Error(412, "PreconditionFailed");
      this.objects.delete(key);
      return empty(204);
    }
    const meta = {
      etag: existing.etag,
      "content-length": String(existing.body.length),
      "last-modified": existing.lastModified.toUTCString(),
    };
    if (method === "HEAD") return empty(200, meta);
    return { statusCode: 200, headers: meta, body: Readable.from([existing.body]) };
  }
}

/** A bucket in memory and an S3Client whose requests it answers. `failWhen` makes a request fail with a 503 before
 * it acts (return true); `log` records every request. */
export function memoryS3(bucket = "models") {
  const memory = new MemoryBucket(bucket);
  const client = new S3Client({
    endpoint: "http://s3.test",
    region: "us-east-1",
    forcePathStyle: true,
    credentials: { accessKeyId: "test-access", secretAccessKey: "test-secret" },
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    maxAttempts: 1,
    requestHandler: { handle: (request: HandledRequest) => memory.handle(request) } as never,
  });
  return {
    client,
    bucket,
    objects: memory.objects,
    uploads: memory.uploads,
    log: memory.log,
    /** Makes matching requests fail with 503 SlowDown (undefined: none). */
    failWhen(predicate: ((line: string) => boolean) | undefined) {
      memory.failWhen = predicate;
    },
    /** Makes listings deviate from S3 (see MemoryBucket.listing). */
    deviate(listing: { pageSize?: number; omitToken?: boolean }) {
      memory.listing = listing;
    },
    /** The requests that wrote (PUT, POST, DELETE). */
    writes: () => memory.log.filter((l) => !l.startsWith("GET") && !l.startsWith("HEAD")),
    /** Answers a request made over the network (an msw handler's), for a client built from settings rather than
     * this one: the same bucket, at whatever endpoint the handler serves. */
    async answer(request: Request): Promise<Response> {
      const url = new URL(request.url);
      const { response } = await memory.handle({
        method: request.method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: Object.fromEntries(request.headers),
        body: Buffer.from(await request.arrayBuffer()),
      });
      const body = await readBody(response.body);
      return new Response(request.method === "HEAD" || body.length === 0 ? null : new Uint8Array(body), {
        status: response.statusCode,
        headers: response.headers,
      });
    },
  };
}
