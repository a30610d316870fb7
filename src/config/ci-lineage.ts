// Where a model was built, when it is registered from CI: read from the CI system's own environment variables.
import { defaultEnv, type Env } from "./default-env.js";

/** Lineage properties recorded on a model version registered from CI. */
export type Lineage = Record<string, string>;

function pick(entries: [string, string | undefined][]): Lineage {
  const out: Lineage = {};
  for (const [key, value] of entries) if (value?.trim()) out[key] = value.trim();
  return out;
}

/**
 * Lineage of the current CI run, or `{}` outside CI. Keys: `ci_system`, `source_repository`, `source_commit`,
 * `ci_run_id`, `ci_run_url`, `ci_pipeline`. Detected from: GitHub Actions (`GITHUB_ACTIONS=true`), GitLab CI
 * (`GITLAB_CI=true`), Kubeflow Pipelines (`KFP_RUN_ID` or `KFP_POD_NAME`), and Tekton, which sets no variables of
 * its own: map `TEKTON_PIPELINE_RUN: $(context.pipelineRun.name)` (and `GIT_URL`, `GIT_COMMIT`) in the step's `env`.
 */
export function detectCiLineage(env: Env = defaultEnv()): Lineage {
  if (env.GITHUB_ACTIONS === "true") {
    const server = env.GITHUB_SERVER_URL ?? "https://github.com";
    const repo = env.GITHUB_REPOSITORY;
    return pick([
      ["ci_system", "github-actions"],
      ["source_repository", repo ? `${server}/${repo}` : undefined],
      ["source_commit", env.GITHUB_SHA],
      ["ci_run_id", env.GITHUB_RUN_ID],
      [
        "ci_run_url",
        repo && env.GITHUB_RUN_ID ? `${server}/${repo}/actions/runs/${env.GITHUB_RUN_ID}` : undefined,
      ],
      ["ci_pipeline", env.GITHUB_WORKFLOW],
    ]);
  }
  if (env.GITLAB_CI === "true") {
    return pick([
      ["ci_system", "gitlab-ci"],
      ["source_repository", env.CI_PROJECT_URL],
      ["source_commit", env.CI_COMMIT_SHA],
      ["ci_run_id", env.CI_PIPELINE_ID],
      ["ci_run_url", env.CI_PIPELINE_URL ?? env.CI_JOB_URL],
      ["ci_pipeline", env.CI_JOB_NAME],
    ]);
  }
  if (env.KFP_RUN_ID || env.KFP_POD_NAME) {
    return pick([
      ["ci_system", "kubeflow-pipelines"],
      ["ci_run_id", env.KFP_RUN_ID],
      ["ci_pipeline", env.KFP_POD_NAME],
    ]);
  }
  if (env.TEKTON_PIPELINE_RUN || env.TEKTON_TASK_RUN) {
    return pick([
      ["ci_system", "tekton"],
      ["source_repository", env.GIT_URL ?? env.REPO_URL],
      ["source_commit", env.GIT_COMMIT ?? env.REVISION],
      ["ci_run_id", env.TEKTON_PIPELINE_RUN ?? env.TEKTON_TASK_RUN],
    ]);
  }
  return {};
}
