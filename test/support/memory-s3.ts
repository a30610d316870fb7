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

/** A bucket in memory and an S3Client whose requests it answers. `failWhen` makes a request fail with a 503 before
 * it acts (return true); `log` records every request. */
export function memoryS3(bucket = "models") {
  const objects = new Map<string, StoredObject>();
  const uploads = new Map<string, { key: string; parts: Map<number, Buffer> }>();
  const log: string[] = [];
  let failWhen: ((line: string) => boolean) | undefined;
  let nextUpload = 1;

  const put = (key: string, body: Buffer, etag = `"${md5(body)}"`) => {
    objects.set(key, { body, etag, lastModified: new Date() });
    return etag;
  };

  const list = (query: HandledRequest["query"]): Reply => {
    const prefix = String(query.prefix ?? "");
    const max = Number(query["max-keys"] ?? 1000);
    const after = query["continuation-token"] ? String(query["continuation-token"]) : "";
    const keys = [...objects.keys()].filter((k) => k.startsWith(prefix) && k > after).sort();
    const page = keys.slice(0, max);
    const truncated = keys.length > page.length;
    const contents = page
      .map((key) => {
        const o = objects.get(key) as StoredObject;
        return `<Contents><Key>${xmlText(key)}</Key><Size>${o.body.length}</Size><ETag>${xmlText(o.etag)}</ETag><LastModified>${o.lastModified.toISOString()}</LastModified></Contents>`;
      })
      .join("");
    const next = truncated
      ? `<NextContinuationToken>${xmlText(page.at(-1) ?? "")}</NextContinuationToken>`
      : "";
    return xml(
      200,
      `<ListBucketResult><Name>${bucket}</Name><Prefix>${xmlText(prefix)}</Prefix><KeyCount>${page.length}</KeyCount><MaxKeys>${max}</MaxKeys><IsTruncated>${truncated}</IsTruncated>${contents}${next}</ListBucketResult>`,
    );
  };

  const handleObject = async (request: HandledRequest, key: string): Promise<Reply> => {
    const { method, query, headers } = request;
    const existing = objects.get(key);
    const uploadId = query.uploadId ? String(query.uploadId) : undefined;
    if (method === "POST" && "uploads" in query) {
      const id = `u${nextUpload++}`;
      uploads.set(id, { key, parts: new Map() });
      return xml(
        200,
        `<InitiateMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${xmlText(key)}</Key><UploadId>${id}</UploadId></InitiateMultipartUploadResult>`,
      );
    }
    if (uploadId) {
      const upload = uploads.get(uploadId);
      if (!upload) return s3Error(404, "NoSuchUpload");
      if (method === "PUT") {
        const data = await readBody(request.body);
        upload.parts.set(Number(query.partNumber), data);
        return empty(200, { etag: `"${md5(data)}"` });
      }
      if (method === "DELETE") {
        uploads.delete(uploadId);
        return empty(204);
      }
      if (method === "POST") {
        const numbers = [...upload.parts.keys()].sort((a, b) => a - b);
        const body = Buffer.concat(numbers.map((n) => upload.parts.get(n) as Buffer));
        const digest = createHash("md5");
        for (const n of numbers)
          digest.update(
            createHash("md5")
              .update(upload.parts.get(n) as Buffer)
              .digest(),
          );
        const etag = put(key, body, `"${digest.digest("hex")}-${numbers.length}"`);
        uploads.delete(uploadId);
        return xml(
          200,
          `<CompleteMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${xmlText(key)}</Key><ETag>${xmlText(etag)}</ETag></CompleteMultipartUploadResult>`,
        );
      }
    }
    const ifNoneMatch = headers["if-none-match"];
    const ifMatch = headers["if-match"];
    if (method === "PUT") {
      if (ifNoneMatch === "*" && existing) return s3Error(412, "PreconditionFailed");
      if (ifMatch && existing?.etag !== ifMatch)
        return s3Error(existing ? 412 : 404, existing ? "PreconditionFailed" : "NoSuchKey");
      return empty(200, { etag: put(key, await readBody(request.body)) });
    }
    if (!existing)
      return method === "HEAD" ? empty(404) : method === "DELETE" ? empty(204) : s3Error(404, "NoSuchKey");
    if (method === "DELETE") {
      if (ifMatch && existing.etag !== ifMatch) return s3Error(412, "PreconditionFailed");
      objects.delete(key);
      return empty(204);
    }
    const meta = {
      etag: existing.etag,
      "content-length": String(existing.body.length),
      "last-modified": existing.lastModified.toUTCString(),
    };
    if (method === "HEAD") return empty(200, meta);
    return { statusCode: 200, headers: meta, body: Readable.from([existing.body]) };
  };

  const handle = async (request: HandledRequest): Promise<{ response: Reply }> => {
    const [, bucketName = "", ...rest] = request.path.split("/");
    const key = decodeURIComponent(rest.join("/"));
    const sub = Object.keys(request.query)
      .filter((q) => !q.startsWith("x-id"))
      .sort()
      .join("&");
    const line = `${request.method} /${bucketName}/${key}${sub ? `?${sub}` : ""}`;
    log.push(line);
    const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v]));
    if (failWhen?.(line)) return { response: s3Error(503, "SlowDown") };
    if (bucketName !== bucket) return { response: s3Error(404, "NoSuchBucket") };
    if (!key && request.method === "GET" && "uploads" in request.query)
      return {
        response: xml(
          200,
          `<ListMultipartUploadsResult><Bucket>${bucket}</Bucket><IsTruncated>false</IsTruncated>${[...uploads].map(([id, u]) => `<Upload><Key>${xmlText(u.key)}</Key><UploadId>${id}</UploadId></Upload>`).join("")}</ListMultipartUploadsResult>`,
        ),
      };
    if (!key && request.method === "GET") return { response: list(request.query) };
    return { response: await handleObject({ ...request, headers }, key) };
  };

  const client = new S3Client({
    endpoint: "http://s3.test",
    region: "us-east-1",
    forcePathStyle: true,
    credentials: { accessKeyId: "test-access", secretAccessKey: "test-secret" },
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    maxAttempts: 1,
    requestHandler: { handle: (request: HandledRequest) => handle(request) } as never,
  });

  return {
    client,
    bucket,
    objects,
    uploads,
    log,
    /** Makes matching requests fail with 503 SlowDown (undefined: none). */
    failWhen(predicate: ((line: string) => boolean) | undefined) {
      failWhen = predicate;
    },
    /** The requests that wrote (PUT, POST, DELETE), without the claim's housekeeping. */
    writes: () => log.filter((l) => !l.startsWith("GET") && !l.startsWith("HEAD")),
  };
}
