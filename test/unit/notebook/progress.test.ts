// notebookProgress against a stand-in for Deno.jupyter.display(bundle, { raw, display_id, update }), which sends
// display_data the first time and update_display_data (replacing that output) after.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ModelArtifact, ModelVersion, RegisteredModel } from "../../../src/client/entities.js";
import { decodeEntity } from "../../../src/client/entity.js";
import { display, notebookProgress, type Tslab } from "../../../src/notebook/index.js";
import type { MimeBundle } from "../../../src/notebook/mime-bundle.js";
import type { ProgressEvent } from "../../../src/storage/progress.js";
import type { RegisterModelResult } from "../../../src/workflows/register/register-model.js";

type Call = [MimeBundle, { raw: boolean; display_id?: string; update?: boolean }];
let calls: Call[];

beforeEach(() => {
  calls = [];
  vi.stubGlobal("Deno", { jupyter: { display: async (...args: Call) => void calls.push(args) } });
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

const overall = (loadedBytes: number, filesDone: number) => ({
  loadedBytes,
  totalBytes: 2048,
  filesDone,
  fileCount: 2,
});
const upload = (file: string, loaded: number, done = 0): ProgressEvent => ({
  type: "upload",
  file,
  loadedBytes: loaded,
  totalBytes: 1024,
  overall: overall(loaded + done * 1024, done),
});

const result: RegisterModelResult = {
  registeredModel: decodeEntity({
    id: "1",
    name: "mnist",
    state: "LIVE",
    customProperties: {},
  }) as RegisteredModel,
  modelVersion: decodeEntity({
    id: "2",
    name: "v1",
    registeredModelId: "1",
    customProperties: {},
  }) as ModelVersion,
  modelArtifact: decodeEntity({
    id: "3",
    artifactType: "model-artifact",
    uri: "s3://models/mnist/v1",
    customProperties: {},
  }) as ModelArtifact,
  uri: "s3://models/mnist/v1",
  status: "created",
  manifest: { digest: "ab", totalBytes: 2048, fileCount: 2 },
};

describe("notebookProgress in Deno's kernel", () => {
  it("shows one display, updates it in place, and ends in the result card", async () => {
    const returned = await notebookProgress(
      async (onProgress) => {
        onProgress({ type: "phase", phase: "uploading" });
        onProgress(upload("a.bin", 512));
        onProgress({ type: "file", file: "a.bin", size: 1024, sha256: "x", overall: overall(1024, 1) });
        onProgress({ type: "phase", phase: "registering", detail: "s3://models/mnist/v1" });
        return result;
      },
      { title: "mnist v1", interval: 0 },
    );
    expect(returned).toBe(result);
    const ids = new Set(calls.map(([, options]) => options.display_id));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toMatch(/^model-registry-/);
    expect(calls.map(([, options]) => options.update)).toEqual([false, ...calls.slice(1).map(() => true)]);
    expect(calls.every(([, options]) => options.raw)).toBe(true);
    const texts = calls.map(([bundle]) => bundle["text/plain"]);
    expect(texts[0]).toBe("mnist v1: starting");
    expect(texts).toContainEqual(
      expect.stringMatching(/^mnist v1: uploading\n {2}512 B of 2\.00 KiB sent \(25%\)/),
    );
    expect(texts).toContainEqual(expect.stringMatching(/1 of 2 files/));
    expect(texts.at(-1)).toMatch(/^mnist v1: registered\n/);
    expect(calls.at(-1)?.[0]["text/html"]).toContain("s3://models/mnist/v1");
  });

  it("shows byte updates at most once per interval, but every change of phase at once", async () => {
    vi.useFakeTimers();
    const running = notebookProgress(
      async (onProgress) => {
        for (let i = 1; i <= 100; i++) onProgress(upload("a.bin", i));
        onProgress({ type: "phase", phase: "registering" });
        await vi.advanceTimersByTimeAsync(1000);
        return 42;
      },
      { interval: 250 },
    );
    await vi.runAllTimersAsync();
    expect(await running).toBe(42);
    const phases = calls.map(([bundle]) => bundle["text/plain"].split("\n")[0]);
    // starting, the registering phase, and the final view: the hundred byte events made no display of their own
    expect(phases).toEqual([
      "model-registry: starting",
      "model-registry: registering",
      "model-registry: done",
    ]);
  });

  it("turns into the error when the work fails, and rethrows it", async () => {
    const failure = new Error("403 Forbidden: <bucket>");
    await expect(
      notebookProgress(async (onProgress) => {
        onProgress({ type: "phase", phase: "uploading" });
        throw failure;
      }),
    ).rejects.toBe(failure);
    const [last] = calls.at(-1) ?? [];
    expect(last?.["text/plain"]).toBe("model-registry: failed (403 Forbidden: <bucket>)");
    expect(last?.["text/html"]).toContain("403 Forbidden: &lt;bucket&gt;");
  });
});

describe("in tslab's kernel", () => {
  const tslabStandIn = () => {
    const shown: string[] = [];
    const target = {
      html: (html: string) => void shown.push(html),
      text: (text: string) => void shown.push(text),
    };
    const tslab: Tslab = { display: target, newDisplay: () => target };
    return { tslab, shown };
  };

  it("display() sends the HTML through tslab.display", async () => {
    const { tslab, shown } = tslabStandIn();
    await display(result.registeredModel, { tslab });
    expect(shown).toHaveLength(1);
    expect(shown[0]).toContain("<strong>mnist</strong>");
    expect(calls).toEqual([]);
  });

  it("notebookProgress uses one tslab.newDisplay() and ends in the card", async () => {
    const { tslab, shown } = tslabStandIn();
    const newDisplay = vi.spyOn(tslab, "newDisplay");
    await notebookProgress(async () => result, { tslab });
    expect(newDisplay).toHaveBeenCalledTimes(1);
    expect(shown.at(-1)).toContain("registered");
  });
});
