// The flags that reach an OCI registry, shared by register (with --to), download and verify.
import type { Command } from "commander";
import type { OciOptions } from "../storage/oci/oci-options.js";

/** The OCI registry flags as parsed. */
export interface OciFlags {
  plainHttp?: boolean;
  ociCaFile?: string;
}

/** Adds --plain-http and --oci-ca-file. */
export function addOciFlags(command: Command): Command {
  return command
    .option("--plain-http", "OCI registry: HTTP instead of HTTPS (the default only for a loopback registry)")
    .option("--oci-ca-file <path>", "OCI registry: a PEM CA bundle to trust for its certificate");
}

/** The flags as the library's `oci` option (nothing when none is given). */
export function ociFromFlags(flags: OciFlags): { oci?: OciOptions } {
  const oci: OciOptions = {
    ...(flags.plainHttp ? { plainHttp: true } : {}),
    ...(flags.ociCaFile ? { caFile: flags.ociCaFile } : {}),
  };
  return Object.keys(oci).length > 0 ? { oci } : {};
}
