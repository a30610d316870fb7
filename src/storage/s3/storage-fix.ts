// The settings a storage failure's hint names, as data: an edge (a CLI) names them its own way.
import type { Sourced, StorageSettings } from "../../config/storage-settings.js";
import type { SettingRef, StorageErrorKind } from "../../errors.js";
import { NO_CREDENTIALS_FIX } from "./storage-hints.js";

/** The settings the hint for a failure of this kind names, each with its value (never a secret) and source. */
export function storageFix(kind: StorageErrorKind, settings: StorageSettings | undefined): SettingRef[] {
  const ref = (setting: string, sourced: Sourced<string> | undefined): SettingRef =>
    sourced ? { setting, value: sourced.value, source: sourced.source } : { setting };
  const credentials: SettingRef = { setting: "storage.credentials", source: settings?.credentialsSource };
  switch (kind) {
    case "unreachable":
      return settings?.endpoint && settings.addressingStyle.value === "virtual"
        ? [
            ref("storage.endpoint", settings.endpoint),
            {
              setting: "storage.forcePathStyle",
              value: "false",
              source: settings.addressingStyle.source,
            },
          ]
        : [ref("storage.endpoint", settings?.endpoint)];
    case "no-credentials":
      return [...NO_CREDENTIALS_FIX];
    case "wrong-region":
    case "redirect":
      return [ref("storage.region", settings?.region), ref("storage.endpoint", settings?.endpoint)];
    case "no-such-bucket":
    case "not-found":
      return [ref("storage.bucket", settings?.bucket)];
    case "checksum-unsupported":
      return [ref("storage.checksums", settings?.requestChecksums)];
    case "invalid-access-key":
    case "signature-mismatch":
    case "expired-token":
    case "access-denied":
      return [credentials];
    case "throttled":
      return [{ setting: "concurrency" }];
    default:
      return [];
  }
}
