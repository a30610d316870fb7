// The storage flags of register, download and verify: one definition, one translation into storage options that
// name each flag as the source of its setting.
import { type Command, Option } from "commander";
import type { StorageOptions } from "../storage/s3/storage-options.js";
import { flagOf } from "./setting-flags.js";

/** The storage flags as commander parses them. */
export interface StorageFlags {
  endpoint?: string;
  region?: string;
  checksums?: "when-supported" | "when-required";
  addressingStyle?: "path" | "virtual";
  profile?: string;
}

/** Adds `--endpoint`, `--region`, `--checksums`, `--addressing-style` and `--profile` to a command. */
export function addStorageFlags(command: Command): Command {
  return command
    .option(
      "--endpoint <url>",
      "S3 endpoint (default AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL, the profile's endpoint_url, AWS_S3_ENDPOINT)",
    )
    .option(
      "--region <region>",
      "S3 region (default AWS_REGION, AWS_DEFAULT_REGION, the profile's region, us-east-1)",
    )
    .addOption(
      new Option(
        "--checksums <mode>",
        "when-required for stores that reject the SDK's CRC32 checksums (default AWS_REQUEST_CHECKSUM_CALCULATION / AWS_RESPONSE_CHECKSUM_VALIDATION)",
      ).choices(["when-supported", "when-required"]),
    )
    .addOption(
      new Option("--addressing-style <style>", "S3 addressing (default path with a custom endpoint)").choices(
        ["path", "virtual"],
      ),
    )
    .option("--profile <name>", "AWS profile for settings and credentials (default AWS_PROFILE)");
}

/** The storage options the flags give, each naming its flag as its source. */
export function storageFromFlags(flags: StorageFlags & { bucket?: string }): StorageOptions {
  const storage: StorageOptions = {};
  const source: Record<string, string> = {};
  const flag = (setting: string) => flagOf(`storage.${setting}`);
  if (flags.endpoint) [storage.endpoint, source.endpoint] = [flags.endpoint, flag("endpoint")];
  if (flags.region) [storage.region, source.region] = [flags.region, flag("region")];
  if (flags.bucket) [storage.bucket, source.bucket] = [flags.bucket, flag("bucket")];
  if (flags.checksums) [storage.checksums, source.checksums] = [flags.checksums, flag("checksums")];
  if (flags.profile) [storage.profile, source.profile] = [flags.profile, flag("profile")];
  if (flags.addressingStyle)
    [storage.forcePathStyle, source.forcePathStyle] = [
      flags.addressingStyle === "path",
      flag("forcePathStyle"),
    ];
  return { ...storage, source };
}
