// mr-cli's cluster side of deploy: `deploy --apply [--wait]`, `deploy --check`, `undeploy --delete`, and
// `list deployments --cluster`. The library does the work (applyDeployment, deleteDeployment, checkDeployment,
// deploymentStates); this file reads the flags and prints.
import { type Command, Option } from "commander";
import type { KubeCluster } from "../../kube/kube-cluster.js";
import { terminalFields } from "../../views/view-of.js";
import type { ClusterProgress } from "../../workflows/deploy/cluster-deploy.js";
import type { ServingFinding } from "../../workflows/deploy/serving-checks.js";
import type { CliContext } from "../context.js";
import { CliFailure, EXIT, UsageError } from "../exit-codes.js";
import { print, renderCard, renderTable, viewColumns } from "../output.js";
import { positiveInt } from "../parse-values.js";
import { nameFlags } from "../setting-flags.js";
import { type DeployFlags, manifestOptions, type Target } from "./deploy-emit.js";

/** The flags that pick the cluster. */
export interface ClusterFlags {
  kubeconfig?: string;
  kubeContext?: string;
}

/** Adds --kubeconfig and --kube-context. */
export function addClusterOptions(command: Command): Command {
  return command
    .option(
      "--kubeconfig <path>",
      "kubeconfig file (default KUBECONFIG, ~/.kube/config, else the pod's service account)",
    )
    .option("--kube-context <name>", "kubeconfig context (default its current-context)");
}

/** The cluster the flags (or kubectl's defaults) name, with `namespace` over the context's. */
export async function connectCluster(
  ctx: CliContext,
  flags: ClusterFlags,
  namespace?: string,
): Promise<KubeCluster> {
  const { KubeCluster } = await import("../../kube/kube-cluster.js");
  return KubeCluster.connect({
    kubeconfig: flags.kubeconfig,
    context: flags.kubeContext,
    namespace,
    env: ctx.io.env,
  });
}

/** Progress on stderr: a line per step, or with JSON output one JSON event per line (as register's); nothing with
 * --quiet or YAML output. */
const progressOf = (ctx: CliContext) => (event: ClusterProgress) => {
  if (ctx.format() === "json" && !ctx.globals().quiet)
    ctx.io.stderr.write(`${JSON.stringify({ type: "phase", ...event })}\n`);
  else ctx.note(`${event.phase}: ${event.message}`);
};

/** --wait-timeout, in ms. */
const timeoutMs = (flags: { waitTimeout?: number }) => flags.waitTimeout;

/** Adds deploy's cluster flags: --apply, --wait, --wait-timeout, --check and the cluster's. */
export function addApplyOptions(command: Command): Command {
  return addClusterOptions(
    command
      .option(
        "--apply",
        "apply the InferenceService to the cluster (server-side) and keep the registry's record",
      )
      .addOption(
        new Option(
          "--kind <kind>",
          "with --apply, --emit or --check: isvc (an InferenceService, the default) or llm (an LLMInferenceService, served by vLLM)",
        ).choices(["isvc", "llm"]),
      )
      .addOption(
        new Option(
          "--wait [until]",
          "with --apply: wait until the registry's controller has linked it (linked, the default) or KServe reports it Ready (ready)",
        ).choices(["linked", "ready"]),
      )
      .option("--wait-timeout <ms>", "with --wait: how long to wait (default 120000)", positiveInt)
      .option(
        "--check",
        "only run the serving checks (storage the cluster cannot fetch, a modelcar without a shell, the registry's Service, label keys, API generation); exit 2 if one refuses",
      ),
  );
}

/** The cluster flags of deploy, for the flags' own checks. */
export interface ApplyFlags extends ClusterFlags {
  apply?: boolean;
  kind?: "isvc" | "llm";
  wait?: boolean | "linked" | "ready";
  waitTimeout?: number;
  check?: boolean;
}

/** The KServe resource --kind names. */
export const servingKind = (flags: { kind?: "isvc" | "llm" }) =>
  flags.kind === "llm" ? ("LLMInferenceService" as const) : ("InferenceService" as const);

/** One line per finding, its settings named as mr-cli's flags. */
function findingLines(findings: ServingFinding[]): string[] {
  return findings.map(
    (finding) => `${finding.level} (${finding.check}): ${nameFlags(finding.message, finding.fix ?? [])}`,
  );
}

/** `deploy --apply`: applies the manifest to the cluster and keeps the registry's record, then prints what it did. */
export async function applyNow(
  ctx: CliContext,
  target: Target,
  flags: DeployFlags & ApplyFlags,
): Promise<void> {
  const namespace = flags.namespace ?? flags.env;
  const cluster = await connectCluster(ctx, flags, namespace);
  const mr = await ctx.registry();
  const wait = flags.wait === true ? "linked" : flags.wait || undefined;
  const result = await mr.applyDeployment({
    name: target.model,
    version: target.version,
    inferenceService: target.name,
    cluster,
    namespace: cluster.namespace,
    servingEnvironment: flags.env,
    ...manifestOptions(flags),
    kind: servingKind(flags),
    wait,
    timeoutMs: timeoutMs(flags),
    dryRun: flags.dryRun,
    onProgress: progressOf(ctx),
    signal: ctx.io.signal,
  });
  for (const line of findingLines(result.warnings)) ctx.note(line);
  const record = result.inferenceService;
  await print(ctx, result, () =>
    renderCard([
      [
        result.dryRun ? "dry run" : result.action,
        `InferenceService ${cluster.namespace}/${target.name}: ${target.model} ${target.version}${result.dryRun ? " (accepted by the API server; nothing stored)" : ""}`,
      ],
      ["cluster", result.cluster],
      [
        "record",
        record
          ? `${record.id} (${record.name}) ${record.desiredState}`
          : "not yet: the registry's controller creates it",
      ],
      ["linked", result.linked ? "yes" : "no"],
      ["ready", result.ready ? "yes" : "no"],
    ]),
  );
}

/** `deploy --check`: the serving checks, from the registry and, when a cluster is configured, the cluster. */
export async function checkNow(
  ctx: CliContext,
  target: Target,
  flags: DeployFlags & ApplyFlags,
): Promise<void> {
  const mr = await ctx.registry();
  let cluster: KubeCluster | undefined;
  try {
    cluster = await connectCluster(ctx, flags, flags.namespace ?? flags.env);
  } catch (error) {
    if (flags.kubeconfig || flags.kubeContext) throw error;
    ctx.note(`no cluster checks: ${(error as Error).message}`);
  }
  const findings = await mr.checkDeployment({
    name: target.model,
    version: target.version,
    inferenceService: target.name,
    namespace: cluster?.namespace ?? flags.namespace,
    ...manifestOptions(flags),
    cluster,
    signal: ctx.io.signal,
  });
  const errors = findings.filter((finding) => finding.level === "error").length;
  await print(ctx, { findings, cluster: cluster?.describe() ?? null }, () =>
    findings.length === 0
      ? `${target.model} ${target.version}: no serving check found a problem${cluster ? ` (cluster ${cluster.describe()})` : " (registry only)"}`
      : findingLines(findings).join("\n"),
  );
  if (errors > 0) throw new CliFailure(`${errors} serving check${errors > 1 ? "s" : ""} refused`, EXIT.usage);
}

/** Refuses cluster flags that mean nothing without --apply or --check. */
export function checkApplyFlags(flags: DeployFlags & ApplyFlags): void {
  if (flags.apply && flags.check)
    throw new UsageError("--apply and --check go separately: --check changes nothing");
  if (flags.apply && flags.emit !== undefined)
    throw new UsageError("--apply writes the manifest to the cluster itself: leave out --emit");
  const withApply = [
    ["wait", "--wait"],
    ["waitTimeout", "--wait-timeout"],
  ] as const;
  if (!flags.apply)
    for (const [field, flag] of withApply)
      if (flags[field] !== undefined) throw new UsageError(`${flag} only applies with --apply`);
  if ((flags.kubeconfig !== undefined || flags.kubeContext !== undefined) && !flags.apply && !flags.check)
    throw new UsageError("--kubeconfig and --kube-context only apply with --apply or --check");
  if (flags.kind !== undefined && !flags.apply && flags.emit === undefined && !flags.check)
    throw new UsageError("--kind only applies with --apply, --emit or --check");
  if (flags.createEnv && flags.apply)
    throw new UsageError(
      "--create-env does not apply with --apply: the registry's controller creates the serving environment named after the namespace",
    );
}

/** `undeploy --delete`: deletes the InferenceService from the cluster, waits for it to go, and prints the record. */
export async function deleteNow(
  ctx: CliContext,
  name: string,
  flags: ClusterFlags & {
    env?: string;
    namespace?: string;
    wait?: boolean;
    waitTimeout?: number;
    kind?: "isvc" | "llm";
  },
): Promise<void> {
  const cluster = await connectCluster(ctx, flags, flags.namespace ?? flags.env);
  if (flags.env && flags.env !== cluster.namespace)
    throw new UsageError(
      `--env ${flags.env} is not the namespace ${cluster.namespace}: the registry's controller records a deployment in the serving environment named after its namespace`,
    );
  const mr = await ctx.registry();
  const result = await mr.deleteDeployment({
    cluster,
    inferenceService: name,
    kind: servingKind(flags),
    namespace: cluster.namespace,
    wait: flags.wait !== false,
    timeoutMs: timeoutMs(flags),
    onProgress: progressOf(ctx),
    signal: ctx.io.signal,
  });
  const record = result.inferenceService;
  await print(ctx, result, () =>
    renderCard([
      [
        result.action,
        `InferenceService ${cluster.namespace}/${name}${result.action === "absent" ? " was not in the cluster" : ""}`,
      ],
      ["cluster", result.cluster],
      ["record", record ? `${record.id} (${record.name}) ${record.desiredState}` : "none"],
    ]),
  );
}

/** `list deployments --cluster`: the registry's records beside the cluster's InferenceServices. */
export async function listClusterDeployments(
  ctx: CliContext,
  flags: ClusterFlags & { env?: string },
): Promise<void> {
  const cluster = await connectCluster(ctx, flags);
  const mr = await ctx.registry();
  const states = await mr.deploymentStates({ cluster, namespace: flags.env, signal: ctx.io.signal });
  const problems = states.filter((state) => state.problems.length > 0).length;
  await print(ctx, states, () =>
    renderTable(
      states,
      viewColumns<(typeof states)[number]>(terminalFields("deployment state")),
      ctx.color(),
    ),
  );
  if (problems > 0)
    ctx.note(`${problems} deployment${problems > 1 ? "s" : ""} where the registry and the cluster disagree`);
}
