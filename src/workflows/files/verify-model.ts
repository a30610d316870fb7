// verifyModel: re-read a registered version's stored files and check them against what its registration recorded.
import type { RegistryClient } from "../registry-client.js";
import { pullVersion, type VerifyModelParams, type VerifyResult } from "./pull-version.js";

export type { VerifyModelParams, VerifyResult };

/** Re-reads every stored file of a version and checks its size and SHA-256 against the manifest (or every layer of
 * its image against its digest), and the manifest against the digest the registry recorded. */
export function verifyModel(mr: RegistryClient, params: VerifyModelParams): Promise<VerifyResult> {
  return pullVersion(mr, params);
}
