import { existsSync } from "node:fs";
import { Command, InvalidArgumentError } from "commander";
import { storeAddress } from "../../views/store-address.js";
import type { RegisterModelParams, RegisterModelResult } from "../../workflows/register/register-model.js";
import type { RegisterPlan } from "../../workflows/register/register-plan.js";
import type { CliContext } from "../context.js";
import { UsageError } from "../exit-codes.js";
import { addOciFlags, type OciFlags, ociFromFlags } from "../oci-flags.js";
import { print, renderCard } from "../output.js";
import { collect, formatFlags, keyValues, nonNegativeInt, positiveInt } from "../parse-values.js";
import { progressReporter } from "../progress-reporter.js";
import { addStorageFlags, type StorageFlags, storageFromFlags } from "../storage-flags.js";
import { keyFile } from "./sign.js";

interface RegisterFlags extends StorageFlags, OciFlags {
  to?: string;
  baseImage?: string;
  platform?: string;
  maxLayers?: number;
  signKey?: string;
  name: string;
  version: string;
  format?: string;
  formatVersion?: string;
  bucket?: string;
  prefix?: string;
  metadata?: string[];
  description?: string;
  author?: string;
  owner?: string;
  storageKey?: string;
  storagePath?: string;
  serviceAccount?: string;
  concurrency?: number;
  artifactName?: string;
  waitTimeout?: number;
  dryRun?: boolean;
}

/** `--max-layers`: a whole number from 1 to 500 (overlayfs stacks no more). */
function layerBound(text: string): number {
  const n = positiveInt(text);
  if (n > 500)
    throw new InvalidArgumentError("expected a whole number from 1 to 500 (overlayfs stacks no more)");
  return n;
}

const isUri = (source: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(source);

/** `--to` and the OCI flags as registerModel's `to` and `oci`. @throws UsageError for S3 flags beside `--to`, or
 * OCI flags without it. */
function ociParams(flags: RegisterFlags): Pick<RegisterModelParams, "to" | "oci"> {
  const ociFlags = [
    flags.baseImage && "--base-image",
    flags.platform && "--platform",
    flags.maxLayers && "--max-layers",
    flags.plainHttp && "--plain-http",
  ];
  if (!flags.to) {
    const given = ociFlags.filter(Boolean);
    if (given.length > 0)
      throw new UsageError(
        `${given.join(", ")} ${given.length === 1 ? "needs" : "need"} --to oci://registry/repository[:tag]`,
      );
    return {};
  }
  const s3 = [flags.bucket && "--bucket", flags.prefix && "--prefix", flags.endpoint && "--endpoint"].filter(
    Boolean,
  );
  if (s3.length > 0)
    throw new UsageError(
      `${s3.join(", ")} ${s3.length === 1 ? "sets" : "set"} S3 storage; --to pushes to an OCI registry instead`,
    );
  return {
    to: flags.to,
    oci: {
      ...(flags.baseImage ? { baseImage: flags.baseImage } : {}),
      ...(flags.platform ? { platform: flags.platform } : {}),
      ...(flags.maxLayers ? { maxLayers: flags.maxLayers } : {}),
      ...ociFromFlags(flags).oci,
      ...(flags.concurrency ? { concurrency: flags.concurrency } : {}),
    },
  };
}

function params(source: string, flags: RegisterFlags): RegisterModelParams {
  const uri = isUri(source);
  return {
    name: flags.name,
    version: flags.version,
    ...(uri ? { uri: source } : { path: source }),
    ...ociParams(flags),
    storage: {
      ...storageFromFlags(flags),
      ...(flags.prefix ? { prefix: flags.prefix } : {}),
      ...(flags.concurrency ? { concurrency: flags.concurrency } : {}),
    },
    ...formatFlags(flags),
    description: flags.description,
    author: flags.author,
    owner: flags.owner,
    metadata: keyValues(flags.metadata),
    artifactName: flags.artifactName,
    waitTimeout: flags.waitTimeout,
    storageKey: flags.storageKey,
    storagePath: flags.storagePath,
    serviceAccountName: flags.serviceAccount,
  };
}

/** What a registration would do, without changing anything: the library's own plan (the same checks and reads). */
async function plan(ctx: CliContext, source: string, flags: RegisterFlags) {
  const mr = await ctx.registry();
  const planned = await mr.planRegisterModel({
    ...params(source, flags),
    ...(flags.signKey ? { sign: { privateKey: await keyFile(flags.signKey, "--sign-key", "private") } } : {}),
    signal: ctx.io.signal,
  });
  return { dryRun: true, ...planned };
}

/** `mr-cli register <path|uri> --name … --version …` */
export function registerCommand(ctx: CliContext): Command {
  const command = new Command("register")
    .description(
      "upload a model file or folder to S3, or push it as a modelcar image with --to oci://…, and register it (or register an existing URI); safe to re-run",
    )
    .argument(
      "<source>",
      "a local file or folder to store, or a URI (s3://bucket/key, oci://registry/repo:tag, …) to register as is",
    )
    .requiredOption("--name <name>", "registered model name")
    .requiredOption("--version <version>", "version name, e.g. v3")
    .option("--format <name>", "model format name, e.g. onnx")
    .option("--format-version <version>", "model format version")
    .option("--bucket <bucket>", "S3 bucket (default: the context's bucket, AWS_S3_BUCKET)")
    .option("--prefix <prefix>", "key prefix of the files (default <name>/<version>)");
  return addOciFlags(addStorageFlags(command))
    .option("--concurrency <n>", "uploads in flight at once (default 4)", positiveInt)
    .option("--metadata <key=value>", "a custom property of the version (repeatable)", collect)
    .option("--description <text>", "version description")
    .option("--author <author>", "version author (default MODEL_REGISTRY_AUTHOR or USER)")
    .option("--owner <owner>", "owner of the model if it is created")
    .option("--artifact-name <name>", "name of the model artifact (default: the model name)")
    .option(
      "--wait-timeout <ms>",
      "how long to wait for another run uploading the same version (default 600000; 0 fails at once)",
      nonNegativeInt,
    )
    .option("--storage-key <key>", "KServe storage key (data connection name)")
    .option("--storage-path <path>", "KServe storage path")
    .option("--service-account <name>", "service account to read the model with")
    .option(
      "--to <oci://registry/repository[:tag]>",
      "push to an OCI registry as a KServe modelcar image instead of S3 (tag default: the version name)",
    )
    .option("--base-image <oci://…>", "with --to: the image the modelcar is built on (e.g. one with a shell)")
    .option(
      "--platform <os/arch>",
      "with --to: platform of the base image and the modelcar (default linux/amd64)",
    )
    .option(
      "--max-layers <n>",
      "with --to: most layers of the image, base included, 1 to 500 (default 100; large files alone, small ones packed)",
      layerBound,
    )
    .option(
      "--sign-key <key.pem>",
      "sign the uploaded files with this EC private key (model.sig beside them)",
    )
    .option("--dry-run", "show what would be uploaded and created, change nothing")
    .addHelpText(
      "after",
      `
Examples:
  mr-cli register ./model --name mnist --version v3 --format onnx --format-version 1 --metadata accuracy=0.98
  mr-cli register s3://models/mnist/v3/ --name mnist --version v3 --format onnx
  mr-cli register ./model --name mnist --version v3 --dry-run --json
  mr-cli register ./model --name mnist --version v3 --to oci://quay.io/acme/mnist   # a modelcar image, tag v3`,
    )
    .action(async (source: string, flags: RegisterFlags) => {
      if (!isUri(source) && !existsSync(source))
        throw new UsageError(`${source} does not exist: give a model file or folder, or a URI`);
      return flags.dryRun ? showPlan(ctx, source, flags) : register(ctx, source, flags);
    });
}

/** `--dry-run`: what would be uploaded and created, as a card (or JSON). */
async function showPlan(ctx: CliContext, source: string, flags: RegisterFlags): Promise<void> {
  const planned = await plan(ctx, source, flags);
  await print(ctx, planned, () => planCard(planned));
}

/** The card of a registration's plan (`--dry-run`); `extra` lines go after the target. */
export function planCard(planned: RegisterPlan, extra: [string, string | undefined][] = []): string {
  return renderCard([
    [
      "dry run",
      `${planned.name} ${planned.version}: nothing changed; registerModel would say ${planned.status}`,
    ],
    ["files", planned.files ? `${planned.files.count} (${planned.files.bytes} bytes)` : undefined],
    ["target", planned.uri],
    ...extra,
    ...Object.entries(planned.storage ?? {}).map(
      ([name, value]) => [`storage ${name}`, value] as [string, string],
    ),
    ["registered model", planned.registeredModel],
    ["model version", planned.modelVersion],
    ["model artifact", planned.modelArtifact],
    ["stored files", planned.reuseStoredFiles ? "already in place: nothing to upload" : undefined],
    ["waits for", planned.waitsFor && `another run uploading to ${planned.waitsFor.uri}`],
  ]);
}

/** Registers: the library's registerModel with progress on stderr, its warnings, and the result as a card. */
async function register(ctx: CliContext, source: string, flags: RegisterFlags): Promise<void> {
  const mr = await ctx.registry();
  const onProgress = progressReporter(ctx);
  const result = await mr.registerModel({
    signal: ctx.io.signal,
    ...params(source, flags),
    ...(flags.signKey ? { sign: { privateKey: await keyFile(flags.signKey, "--sign-key", "private") } } : {}),
    ...(onProgress ? { onProgress } : {}),
  });
  for (const warning of result.warnings ?? []) ctx.io.stderr.write(`mr-cli: warning: ${warning}\n`);
  await print(ctx, result, () => resultCard(result));
}

/** The card of a registration's result; `extra` lines go after the ids. */
export function resultCard(result: RegisterModelResult, extra: [string, string | undefined][] = []): string {
  return renderCard([
    [result.status, `${result.registeredModel.name} ${result.modelVersion.name}`],
    ["uri", result.uri],
    ["store", storeAddress(result.modelArtifact)],
    ["model id", result.registeredModel.id],
    ["version id", result.modelVersion.id],
    ["artifact id", result.modelArtifact.id],
    ...extra,
    [
      "files",
      result.manifest ? `${result.manifest.fileCount} (${result.manifest.totalBytes} bytes)` : undefined,
    ],
    ["digest", result.manifest?.digest],
    [
      "signature",
      result.signature &&
        `${result.signature.status}: ${result.signature.uri} (key ${result.signature.keyHint.slice(0, 16)}…)`,
    ],
    [
      "image",
      result.image &&
        `${result.image.digest}, ${result.image.layers} model layer${result.image.layers === 1 ? "" : "s"}; sent ${result.image.blobsSent} blobs, ${result.image.bytesSent} bytes`,
    ],
  ]);
}
