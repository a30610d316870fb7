import { describe, expect, it } from "vitest";
import { detectCiLineage } from "../../../src/config/ci-lineage.js";
import { ModelRegistry } from "../../../src/model-registry.js";
import { type ProgressEvent, trackProgress } from "../../../src/storage/progress.js";
import { PartBuffers } from "../../../src/storage/s3/part-buffers.js";
import { MIN_PART_SIZE, partSizeFor } from "../../../src/storage/s3/upload.js";
import { Semaphore } from "../../../src/storage/semaphore.js";

describe("partSizeFor", () => {
  it("uses the requested size, never below the S3 minimum of 5 MiB", () => {
    expect(partSizeFor(100 * 2 ** 20, 16 * 2 ** 20)).toBe(16 * 2 ** 20);
    expect(partSizeFor(100 * 2 ** 20, 1024)).toBe(MIN_PART_SIZE);
  });

  it("grows the parts so that no file needs more than 10,000 of them", () => {
    const huge = 200 * 2 ** 30;
    expect(Math.ceil(huge / partSizeFor(huge))).toBeLessThanOrEqual(10_000);
  });
});

describe("Semaphore", () => {
  it("never lets more tasks run than it has slots", async () => {
    const slots = new Semaphore(3);
    let running = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        slots.run(async () => {
          running++;
          peak = Math.max(peak, running);
          await new Promise((resolve) => setTimeout(resolve, 2));
          running--;
        }),
      ),
    );
    expect(peak).toBe(3);
  });

  it("gives a slot back once even if released twice", async () => {
    const slots = new Semaphore(1);
    const release = await slots.acquire();
    release();
    release();
    const a = await slots.acquire();
    let second = false;
    const b = slots.acquire().then(() => {
      second = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(second).toBe(false);
    a();
    await b;
    expect(second).toBe(true);
  });
});

describe("trackProgress", () => {
  it("yields every event of the work in order and ends with it", async () => {
    const { events, result } = trackProgress(async (onProgress) => {
      onProgress({ type: "phase", phase: "checking" });
      await new Promise((resolve) => setTimeout(resolve, 1));
      onProgress({ type: "phase", phase: "done" });
      return 42;
    });
    const seen: ProgressEvent[] = [];
    for await (const event of events) seen.push(event);
    expect(seen.map((e) => (e as { phase: string }).phase)).toEqual(["checking", "done"]);
    expect(await result).toBe(42);
  });

  it("ends the iterator and rejects the result when the work fails", async () => {
    const { events, result } = trackProgress(async (onProgress) => {
      onProgress({ type: "phase", phase: "checking" });
      throw new Error("boom");
    });
    const seen: ProgressEvent[] = [];
    for await (const event of events) seen.push(event);
    expect(seen).toHaveLength(1);
    await expect(result).rejects.toThrow("boom");
  });
});

describe("detectCiLineage", () => {
  it("records repository, commit and run of GitHub Actions", () => {
    expect(
      detectCiLineage({
        GITHUB_ACTIONS: "true",
        GITHUB_REPOSITORY: "ada/mnist",
        GITHUB_SHA: "abc",
        GITHUB_RUN_ID: "7",
        GITHUB_WORKFLOW: "train",
      }),
    ).toEqual({
      ci_system: "github-actions",
      source_repository: "https://github.com/ada/mnist",
      source_commit: "abc",
      ci_run_id: "7",
      ci_run_url: "https://github.com/ada/mnist/actions/runs/7",
      ci_pipeline: "train",
    });
  });

  it("records GitLab CI, Kubeflow Pipelines and Tekton runs", () => {
    expect(
      detectCiLineage({
        GITLAB_CI: "true",
        CI_PROJECT_URL: "https://gitlab.com/a/b",
        CI_COMMIT_SHA: "def",
        CI_PIPELINE_ID: "9",
      }),
    ).toMatchObject({
      ci_system: "gitlab-ci",
      source_repository: "https://gitlab.com/a/b",
      source_commit: "def",
      ci_run_id: "9",
    });
    expect(detectCiLineage({ KFP_RUN_ID: "run-1", KFP_POD_NAME: "train-pod" })).toEqual({
      ci_system: "kubeflow-pipelines",
      ci_run_id: "run-1",
      ci_pipeline: "train-pod",
    });
    expect(detectCiLineage({ TEKTON_PIPELINE_RUN: "pr-1", GIT_COMMIT: "123" })).toEqual({
      ci_system: "tekton",
      ci_run_id: "pr-1",
      source_commit: "123",
    });
  });

  it("records nothing outside CI", () => {
    expect(detectCiLineage({ HOME: "/root", PATH: "/bin" })).toEqual({});
  });
});

describe("PartBuffers", () => {
  it("reuses a given-back buffer for the next part of the same capacity, and views it at the part's length", () => {
    const buffers = new PartBuffers(2);
    const first = buffers.take(16, 16);
    first.fill(7);
    buffers.give(first);
    const last = buffers.take(16, 5);
    expect(last.buffer).toBe(first.buffer);
    expect(last.length).toBe(5);
    expect(buffers.take(16, 16).buffer).not.toBe(first.buffer);
  });

  it("keeps no more buffers than it is told to", () => {
    const buffers = new PartBuffers(1);
    const a = buffers.take(8, 8);
    const b = buffers.take(8, 8);
    buffers.give(a);
    buffers.give(b);
    expect(buffers.take(8, 8).buffer).toBe(a.buffer);
    expect(buffers.take(8, 8).buffer).not.toBe(b.buffer);
  });
});

describe("lineage through fromEnv", () => {
  it("is detected from the environment fromEnv reads, and left empty by a plain constructor", async () => {
    const env = { MODEL_REGISTRY_URL: "http://registry.test", GITHUB_ACTIONS: "true", GITHUB_SHA: "abc123" };
    const fromEnv = await ModelRegistry.fromEnv({ env, serviceAccountTokenPath: "/nonexistent/token" });
    expect(fromEnv.lineage).toMatchObject({ ci_system: "github-actions", source_commit: "abc123" });
    expect(new ModelRegistry({ url: "http://registry.test" }).lineage).toEqual({});
  });
});
