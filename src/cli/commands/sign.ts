import { createPrivateKey, createPublicKey } from "node:crypto";
import { readFile } from "node:fs/promises";
import { Command } from "commander";
import type { CliContext } from "../context.js";
import { UsageError } from "../exit-codes.js";
import { addOciFlags, type OciFlags, ociFromFlags } from "../oci-flags.js";
import { print, renderCard } from "../output.js";
import { addStorageFlags, type StorageFlags, storageFromFlags } from "../storage-flags.js";

/** The PEM text of a key file given to a flag, checked to be a key of that kind. @throws UsageError naming the file
 * when it cannot be read or holds no such key (never its content) */
export async function keyFile(
  path: string,
  flag: string,
  kind: "private" | "public" = "public",
): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new UsageError(
      `${flag} ${path}: cannot read it (${(error as { code?: string }).code ?? "unreadable"})`,
    );
  }
  try {
    (kind === "private" ? createPrivateKey : createPublicKey)(text);
  } catch {
    throw new UsageError(
      /ENCRYPTED/.test(text)
        ? `${flag} ${path}: the key is encrypted with a passphrase; give it decrypted (openssl ec -in ${path} -out plain.pem)`
        : `${flag} ${path}: not a PEM ${kind} key (${kind === "private" ? "-----BEGIN EC PRIVATE KEY----- or -----BEGIN PRIVATE KEY-----" : "-----BEGIN PUBLIC KEY-----"})`,
    );
  }
  return text;
}

/** `mr-cli sign <model> <version> --key key.pem` */
export function signCommand(ctx: CliContext): Command {
  const command = new Command("sign")
    .description(
      "sign a version's stored files (OpenSSF model signing, key mode): model.sig beside them, recorded on its artifact; model_signing verify key accepts it",
    )
    .argument("<model>")
    .argument("<version>")
    .requiredOption("--key <key.pem>", "EC private key (P-256, P-384 or P-521) in PEM")
    .option("--replace", "replace a signature another key made (refused otherwise, exit 8)");
  return addOciFlags(addStorageFlags(command))
    .addHelpText(
      "after",
      `
A key: openssl ecparam -name prime256v1 -genkey -noout -out key.pem; openssl ec -in key.pem -pubout -out pub.pem

Examples:
  mr-cli sign mnist v3 --key key.pem
  mr-cli verify mnist v3 --public-key pub.pem`,
    )
    .action(
      async (
        model: string,
        version: string,
        flags: StorageFlags & OciFlags & { key: string; replace?: boolean },
      ) => {
        const mr = await ctx.registry();
        const result = await mr.signModel({
          name: model,
          version,
          privateKey: await keyFile(flags.key, "--key", "private"),
          replace: flags.replace === true,
          ...ociFromFlags(flags),
          storage: storageFromFlags(flags),
          signal: ctx.io.signal,
        });
        const summary = {
          status: result.status,
          signatureUri: result.signatureUri,
          keyHint: result.keyHint,
          fileCount: result.fileCount,
        };
        await print(ctx, summary, () =>
          renderCard([
            [result.status, `${model} ${version}`],
            ["signature", result.signatureUri],
            ["key", result.keyHint],
            ["files", String(result.fileCount)],
          ]),
        );
      },
    );
}
