// downloadModel and verifyModel against a registry and a bucket in memory (test/support/memory-workflow.ts): the
// one path picks the store by the artifact URI's scheme and checks every file against what was recorded.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { exitCodeFor } from "../../../../src/cli/exit-codes.js";
import { type ModelRegistry, StorageError, UploadError } from "../../../../src/index.js";
import { loadWorkflows, MODEL, memoryWorkflow, modelFolder } from "../../../support/memory-workflow.js";

let s3: ReturnType<typeof memoryWorkflow>["s3"];
let mr: ModelRegistry;

beforeAll(loadWorkflows);

beforeEach(() => {
  const made = memoryWorkflow();
  s3 = made.s3;
  mr = made.client();
});

const folder = modelFolder;

describe("verifyModel and downloadModel", () => {
  it("verify is ok for an intact upload and names the file that changed in storage since", async () => {
    await mr.registerModel({ name: "mnist", version: "v1", path: folder(MODEL) });
    s3.log.length = 0;
    expect((await mr.verifyModel({ name: "mnist", version: "v1" })).ok).toBe(true);
    s3.objects.set("mnist/v1/model.onnx", {
      body: Buffer.from("tampered!!"),
      etag: '"t"',
      lastModified: new Date(),
    });
    const result = await mr.verifyModel({ name: "mnist", version: "v1" });
    expect(result.ok).toBe(false);
    expect(result.mismatches).toEqual([expect.objectContaining({ path: "model.onnx", problem: "sha256" })]);
    expect(s3.writes()).toEqual([]); // verify only reads
  });

  it("download writes every file into path with its folders, and reports a missing one", async () => {
    await mr.registerModel({ name: "mnist", version: "v1", path: folder(MODEL) });
    const out = mkdtempSync(join(tmpdir(), "mr-unit-download-"));
    const result = await mr.downloadModel({ name: "mnist", version: "v1", path: out });
    expect(result).toMatchObject({ ok: true, recorded: true });
    expect(readFileSync(join(out, "config", "labels.txt"), "utf8")).toBe("0\n1\n2\n");
    s3.objects.delete("mnist/v1/config/labels.txt");
    const again = await mr.downloadModel({ name: "mnist", version: "v1", path: out });
    expect(again.mismatches).toEqual([
      expect.objectContaining({ path: "config/labels.txt", problem: "missing" }),
    ]);
  });

  it("refuses a version registered at a URI no store reads, for verify and for download alike", async () => {
    await mr.registerModel({ name: "hub", version: "v1", uri: "hf://acme/mnist" });
    await expect(mr.verifyModel({ name: "hub", version: "v1" })).rejects.toThrow(UploadError);
    await expect(mr.verifyModel({ name: "hub", version: "v1" })).rejects.toThrow(
      /version "v1" of model "hub" \(hf:\/\/acme\/mnist\) was not uploaded by registerModel: it has no manifest to check against \(a download still fetches/,
    );
    const out = mkdtempSync(join(tmpdir(), "mr-unit-download-"));
    await expect(mr.downloadModel({ name: "hub", version: "v1", path: out })).rejects.toThrow(
      /its URI is not an s3:\/\/ folder to list/,
    );
  });

  it("downloads a version registered at one object's URI (as the Python client registers a file): that object", async () => {
    const bytes = Buffer.from("a joblib model");
    s3.objects.set("other/m/model.joblib", { body: bytes, etag: '"j"', lastModified: new Date() });
    await mr.registerModel({ name: "one", version: "v1", uri: "s3://models/other/m/model.joblib" });
    const out = mkdtempSync(join(tmpdir(), "mr-unit-download-"));
    const result = await mr.downloadModel({ name: "one", version: "v1", path: out });
    expect(result).toMatchObject({
      ok: true,
      recorded: false,
      manifest: { fileCount: 1, totalBytes: bytes.length },
    });
    expect(readFileSync(join(out, "model.joblib"))).toEqual(bytes);
  });

  it("refuses a listing the store cut short without a continuation token, never downloading part of it", async () => {
    for (const n of [1, 2, 3, 4, 5])
      s3.objects.set(`py/m/file-${n}.bin`, {
        body: Buffer.from(`f${n}`),
        etag: `"${n}"`,
        lastModified: new Date(),
      });
    await mr.registerModel({ name: "cut", version: "v1", uri: "s3://models/py/m/" });
    s3.deviate({ pageSize: 2, omitToken: true });
    const out = mkdtempSync(join(tmpdir(), "mr-unit-download-"));
    const download = mr.downloadModel({ name: "cut", version: "v1", path: out });
    await expect(download).rejects.toBeInstanceOf(StorageError);
    const error = await download.catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ kind: "incomplete-listing", operation: "listing" });
    expect((error as Error).message).toMatch(
      /after 2 objects but gave no continuation token.*nothing was downloaded/,
    );
    expect(exitCodeFor(error)).toBe(6);
    expect(readdirSync(out)).toEqual([]);
  });
});
