import { Command } from "commander";
import type { VerifyResult } from "../../workflows/files/verify-model.js";
import type { CliContext } from "../context.js";
import { CliFailure, EXIT } from "../exit-codes.js";
import { addOciFlags, type OciFlags, ociFromFlags } from "../oci-flags.js";
import { print, renderTable } from "../output.js";
import { positiveInt } from "../parse-values.js";
import { progressReporter } from "../progress-reporter.js";
import { addStorageFlags, type StorageFlags, storageFromFlags } from "../storage-flags.js";
import { keyFile } from "./sign.js";

async function report(ctx: CliContext, what: string, result: VerifyResult): Promise<void> {
  const summary = {
    ok: result.ok,
    recorded: result.recorded,
    mismatches: result.mismatches,
    fileCount: result.manifest.fileCount,
    totalBytes: result.manifest.totalBytes,
    uri: result.modelArtifact.uri,
    ...(result.signature ? { signature: result.signature } : {}),
  };
  await print(ctx, summary, () =>
    result.ok
      ? `${what}: ${summary.fileCount} files, ${summary.totalBytes} bytes, ${result.signature ? `signed by key ${result.signature.keyHint?.slice(0, 16)}…, ` : ""}${
          result.recorded
            ? "all match the manifest"
            : result.modelArtifact.uri?.startsWith("oci://")
              ? "every layer matches its digest (no image digest was recorded: the image the tag names now)"
              : "as listed under its URI (no manifest was recorded: sizes checked, contents not verifiable)"
        }`
      : renderTable(result.mismatches, [
          { header: "FILE", value: (m) => m.path },
          { header: "PROBLEM", value: (m) => m.problem },
          { header: "EXPECTED", value: (m) => m.expected },
          { header: "ACTUAL", value: (m) => m.actual },
        ]),
  );
  if (!result.ok)
    throw new CliFailure(
      `${result.mismatches.length} file(s) of ${summary.uri} do not match the manifest`,
      EXIT.upload,
    );
}

/** `--public-key` as the call's `signature`. */
async function signatureFlag(flags: { publicKey?: string }) {
  return flags.publicKey ? { signature: { publicKey: await keyFile(flags.publicKey, "--public-key") } } : {};
}

const STORAGE_HELP = (example: string) => `
The files are read where the version says they live (its s3_endpoint and s3_region properties, or the
?endpoint=…&defaultRegion=… of a URI recorded in the Python client's form); the flags override it.

Example:
  ${example}`;

/** `mr-cli download <model> <version> <dir>` */
export function downloadCommand(ctx: CliContext): Command {
  const command = new Command("download")
    .description(
      "download a version's files and check each against its manifest (a version uploaded by another tool, with no manifest: the files listed under its URI, sizes checked)",
    )
    .argument("<model>")
    .argument("<version>")
    .argument("<dir>", "folder to download into (created if needed)")
    .option(
      "--verify",
      "fail (exit 7) if any file differs from the manifest; always on, kept for scripts that say it",
    )
    .option("--concurrency <n>", "files read at once (default 4)", positiveInt)
    .option(
      "--public-key <pub.pem>",
      "check the version's signature with this key before writing anything, then the files against it (exit 8)",
    );
  return addOciFlags(addStorageFlags(command))
    .addHelpText("after", STORAGE_HELP("mr-cli download mnist v3 ./mnist-v3"))
    .action(
      async (
        model: string,
        version: string,
        dir: string,
        flags: StorageFlags & OciFlags & { concurrency?: number; publicKey?: string },
      ) => {
        const mr = await ctx.registry();
        const onProgress = progressReporter(ctx);
        const result = await mr.downloadModel({
          ...(await signatureFlag(flags)),
          signal: ctx.io.signal,
          name: model,
          version,
          path: dir,
          ...ociFromFlags(flags),
          storage: {
            ...storageFromFlags(flags),
            ...(flags.concurrency ? { concurrency: flags.concurrency } : {}),
          },
          ...(onProgress ? { onProgress } : {}),
        });
        await report(ctx, `downloaded ${model} ${version} to ${dir}`, result);
      },
    );
}

/** `mr-cli verify <model> <version>` */
export function verifyCommand(ctx: CliContext): Command {
  const command = new Command("verify")
    .description(
      "re-read a version's stored files and check their sizes and SHA-256 against its manifest (exit 7 on any difference)",
    )
    .argument("<model>")
    .argument("<version>");
  return addOciFlags(addStorageFlags(command))
    .option("--concurrency <n>", "files read at once (default 4)", positiveInt)
    .option(
      "--public-key <pub.pem>",
      "also check the version's signature with this key, and the files against what it signed (exit 8)",
    )
    .addHelpText("after", STORAGE_HELP("mr-cli verify mnist v3 --json"))
    .action(
      async (
        model: string,
        version: string,
        flags: StorageFlags & OciFlags & { concurrency?: number; publicKey?: string },
      ) => {
        const mr = await ctx.registry();
        const onProgress = progressReporter(ctx);
        const result = await mr.verifyModel({
          ...(await signatureFlag(flags)),
          name: model,
          version,
          ...ociFromFlags(flags),
          storage: {
            ...storageFromFlags(flags),
            ...(flags.concurrency ? { concurrency: flags.concurrency } : {}),
          },
          signal: ctx.io.signal,
          ...(onProgress ? { onProgress } : {}),
        });
        await report(ctx, `verified ${model} ${version}`, result);
      },
    );
}
