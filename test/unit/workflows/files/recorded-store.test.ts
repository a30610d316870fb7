// Where downloadModel and verifyModel look for a version's files, with a client built from settings (no injected S3
// client): msw serves the bucket in memory at the endpoints a test allows, and every S3 request says which endpoint
// and which signing region it went to. A version records its store in its s3_endpoint and s3_region properties (or,
// registered by an earlier release or the Python client, in its URI's ?endpoint=…&defaultRegion=…); the call's own
// storage options win over that, and that wins over the client's defaults.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HttpResponse, http } from "msw";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ModelRegistry, type ProgressEvent, type StorageOptions } from "../../../../src/index.js";
import {
  loadWorkflows,
  MODEL,
  memoryWorkflow,
  modelFolder,
  recordAsEarlierRelease,
  setArtifactProperty,
} from "../../../support/memory-workflow.js";
import { useMockServer } from "../../../support/msw.js";

const { server, requests } = useMockServer();

let made: ReturnType<typeof memoryWorkflow>;

beforeAll(loadWorkflows);

beforeEach(async () => {
  made = memoryWorkflow();
  await made.client().registerModel({ name: "mnist", version: "v1", path: modelFolder(MODEL) });
  // The bucket answers at these endpoints only; any other host is an unhandled request (an error).
  server.use(
    ...["http://recorded.test", "http://call.test", "http://default.test"].map((endpoint) =>
      http.all(`${endpoint}/*`, ({ request }) => made.s3.answer(request)),
    ),
    http.all("*", () => HttpResponse.error()),
  );
});

/** A client of the same registry whose S3 client is built from settings: `storage` its defaults (as a context's or
 * the constructor's would be). */
const reader = (storage: StorageOptions = {}) =>
  new ModelRegistry({
    url: "http://registry.test",
    fetch: made.registry.fetch,
    retry: false,
    apiVersion: "v1alpha3",
    storage: { credentials: { accessKeyId: "key", secretAccessKey: "secret" }, ...storage },
    env: {},
    lineage: {},
  });

/** The endpoint (origin) and signing region of every S3 request msw saw. */
const reached = () =>
  requests.map((request) => {
    const scope = /Credential=[^/]+\/\d{8}\/([^/]+)\/s3\//.exec(request.headers.get("authorization") ?? "");
    return `${new URL(request.url).origin} ${scope?.[1] ?? "unsigned"}`;
  });
const only = (origins: string[]) => [...new Set(origins)];

const artifact = () => made.registry.artifacts[0] as Record<string, unknown>;
/** The version as registered now: plain URIs, the store in its properties. */
const recordedAsNow = () => {
  setArtifactProperty(artifact(), "s3_endpoint", "http://recorded.test");
  setArtifactProperty(artifact(), "s3_region", "eu-west-1");
};
/** The version as an earlier release registered it: the store in the ?endpoint= query of its URIs. */
const recordedAsBefore = () =>
  recordAsEarlierRelease(artifact(), { endpoint: "http://recorded.test", region: "eu-west-1" });

describe.each([
  { form: "plain URI with s3_endpoint and s3_region", record: recordedAsNow, what: "s3_endpoint property" },
  { form: "?endpoint=…&defaultRegion=… URI of an earlier release", record: recordedAsBefore, what: "URI" },
])("a version recorded with its store: $form", ({ record, what }) => {
  beforeEach(() => record());

  it("verify and download go to the endpoint and region it records, over the client's own defaults", async () => {
    const mr = reader({ endpoint: "http://default.test", region: "us-west-2" });
    const events: ProgressEvent[] = [];
    const verified = await mr.verifyModel({
      name: "mnist",
      version: "v1",
      onProgress: (event) => events.push(event),
    });
    expect(verified).toMatchObject({ ok: true, recorded: true });
    const out = mkdtempSync(join(tmpdir(), "mr-unit-recorded-"));
    const downloaded = await mr.downloadModel({ name: "mnist", version: "v1", path: out });
    expect(downloaded.ok).toBe(true);
    expect(readFileSync(join(out, "model.onnx"), "utf8")).toBe("weights-v1");
    expect(requests.length).toBeGreaterThan(2);
    expect(only(reached())).toEqual(["http://recorded.test eu-west-1"]);
    // Where each came from, as --verbose prints it.
    const storage = events.find((event) => event.type === "storage");
    expect(storage).toMatchObject({
      settings: {
        endpoint: `http://recorded.test (the ${what} of version "v1" of model "mnist")`,
        region: expect.stringMatching(/^eu-west-1 \(the (s3_region property|URI) of version "v1"/),
      },
    });
  });

  it("the call's own storage options (mr-cli's flags) win over what it records", async () => {
    const mr = reader({ endpoint: "http://default.test" });
    const call = { endpoint: "http://call.test", region: "ap-south-1" };
    expect((await mr.verifyModel({ name: "mnist", version: "v1", storage: call })).ok).toBe(true);
    expect(only(reached())).toEqual(["http://call.test ap-south-1"]);
  });
});

describe("a version that records no store (a plain URI registered as is, or uploaded to AWS itself)", () => {
  it("is read with the settings, as before: the client's endpoint and region", async () => {
    setArtifactProperty(artifact(), "s3_endpoint", undefined);
    setArtifactProperty(artifact(), "s3_region", undefined);
    const mr = reader({ endpoint: "http://default.test", region: "us-west-2" });
    expect((await mr.verifyModel({ name: "mnist", version: "v1" })).ok).toBe(true);
    expect(only(reached())).toEqual(["http://default.test us-west-2"]);
  });
});
