// A registry in memory (an injected fetch) and a bucket in memory (a real S3Client whose request handler answers), and
// a client of both: the workflows' unit tests run every branch in milliseconds against them.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ModelRegistry } from "../../src/index.js";
import { fakeRegistry } from "./fake-registry.js";
import { memoryS3 } from "./memory-s3.js";

/** A fresh registry and bucket in memory, and `client(retry)` making a client of both (quick retries by default, or
 * none with `false`), with nothing from this machine's AWS settings and no CI lineage. */
export function memoryWorkflow() {
  const registry = fakeRegistry();
  const s3 = memoryS3();
  const client = (
    retry: { attempts: number; baseDelayMs: number } | false = { attempts: 3, baseDelayMs: 1 },
  ) =>
    new ModelRegistry({
      url: "http://registry.test",
      fetch: registry.fetch,
      retry,
      apiVersion: "v1alpha3",
      storage: { client: s3.client, bucket: s3.bucket },
      env: {},
      lineage: {},
    });
  return { registry, s3, client };
}

/** The workflows load the AWS SDK on first use (about half a second, once per process): a test file's `beforeAll`
 * loads it before the clock runs. */
export async function loadWorkflows(): Promise<void> {
  await Promise.all([
    import("../../src/workflows/register/register-model.js"),
    import("../../src/workflows/files/pull-version.js"),
    import("../../src/storage/s3/s3-store.js"),
  ]);
}

/** A model folder: `files` maps relative paths to contents. */
export function modelFolder(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), "mr-unit-model-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

/** A small model of two files, one in a subfolder. */
export const MODEL = { "model.onnx": "weights-v1", "config/labels.txt": "0\n1\n2\n" };

/** An artifact as the registry in memory holds it: its fields, and its custom properties as sent (wire form). */
type StoredArtifact = Record<string, unknown> & { customProperties?: Record<string, unknown> };

/** Sets (or, with undefined, removes) a string custom property of an artifact held by the registry in memory. */
export function setArtifactProperty(artifact: StoredArtifact, key: string, value: string | undefined): void {
  const properties = { ...artifact.customProperties };
  if (value === undefined) delete properties[key];
  else properties[key] = { metadataType: "MetadataStringValue", string_value: value };
  artifact.customProperties = properties;
}

/** Rewrites the artifact of an S3 upload as releases before the `s3_endpoint` property recorded it (and as the
 * official Python client records its own): the store's endpoint and region in the `?endpoint=…&defaultRegion=…`
 * query of its URI and of its manifest's, and no `s3_endpoint`/`s3_region` properties. */
export function recordAsEarlierRelease(
  artifact: StoredArtifact,
  store: { endpoint: string; region: string } = { endpoint: "http://s3.test", region: "us-east-1" },
): void {
  const query = `?endpoint=${store.endpoint}&defaultRegion=${store.region}`;
  const manifest = artifact.customProperties?.model_manifest_uri as { string_value: string };
  artifact.uri = `${artifact.uri}${query}`;
  setArtifactProperty(artifact, "model_manifest_uri", `${manifest.string_value}${query}`);
  setArtifactProperty(artifact, "s3_endpoint", undefined);
  setArtifactProperty(artifact, "s3_region", undefined);
}
