// The one table from the library's settings to mr-cli's flags. The library names what to change in its own words
// (`storage.bucket`, `apiVersion "v1"`) and lists those settings in an error's `fix`; mr-cli names them as flags.
import type { SettingRef } from "../errors.js";

/** How mr-cli names one setting: its flag, and the flag's word for a value where it differs from the library's
 * (`""`: the flag alone, as for a boolean switch). */
export interface SettingFlag {
  /** The flag, e.g. `--bucket`. */
  flag: string;
  /** The flag's word for a library value, e.g. `{ true: "path" }` for `storage.forcePathStyle`. */
  values?: Readonly<Record<string, string>>;
}

/** Every library setting mr-cli has a flag for. */
export const SETTING_FLAGS: Readonly<Record<string, SettingFlag>> = {
  apiVersion: { flag: "--api-version" },
  artifactName: { flag: "--artifact-name" },
  catalogUrl: { flag: "--catalog-url" },
  catalogApiVersion: { flag: "--catalog-api-version" },
  createEnvironment: { flag: "--create-env", values: { true: "" } },
  modelFormat: { flag: "--format" },
  waitTimeout: { flag: "--wait-timeout" },
  concurrency: { flag: "--concurrency" },
  url: { flag: "--url" },
  tokenFile: { flag: "--token-file" },
  caFile: { flag: "--ca-file" },
  "oci.plainHttp": { flag: "--plain-http", values: { true: "" } },
  "oci.caFile": { flag: "--oci-ca-file" },
  to: { flag: "--to" },
  "cluster.kubeconfig": { flag: "--kubeconfig" },
  "cluster.context": { flag: "--kube-context" },
  servingEnvironment: { flag: "--env" },
  registryUrl: { flag: "--registry-url" },
  registryService: { flag: "--registry-service" },
  registryNamespace: { flag: "--registry-namespace" },
  storageKey: { flag: "--storage-key" },
  storagePath: { flag: "--storage-path" },
  "storage.bucket": { flag: "--bucket" },
  "storage.endpoint": { flag: "--endpoint" },
  "storage.region": { flag: "--region" },
  "storage.profile": { flag: "--profile" },
  "storage.checksums": { flag: "--checksums" },
  "storage.forcePathStyle": { flag: "--addressing-style", values: { true: "path", false: "virtual" } },
};

/** Settings mr-cli has no flag for, and what it says instead: mr-cli reads registry credentials from the container
 * tools' auth files only. */
export const SETTING_WORDS: Readonly<Record<string, string>> = {
  "oci.credentials": "an auth file named by REGISTRY_AUTH_FILE",
};

/** The flag of a setting, e.g. `--bucket` for `storage.bucket`. @throws Error for a setting the table lacks. */
export function flagOf(setting: string): string {
  const entry = SETTING_FLAGS[setting];
  if (!entry) throw new Error(`no mr-cli flag for the setting ${setting}`);
  return entry.flag;
}

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * A library message with each of the `fix` settings it names worded as mr-cli's flag: `storage.bucket` becomes
 * `--bucket`, `apiVersion "v1"` becomes `--api-version v1`, `storage.forcePathStyle true` becomes
 * `--addressing-style path`; a setting without a flag but with words of its own (SETTING_WORDS) becomes those words.
 * Other settings, and text that names no setting, stay as they are.
 */
export function nameFlags(message: string, fix: readonly SettingRef[]): string {
  let text = message;
  for (const { setting } of fix) {
    const words = SETTING_WORDS[setting];
    if (words) text = text.replace(new RegExp(`(?<![\\w.])${literal(setting)}(?![\\w])`, "g"), words);
    const entry = SETTING_FLAGS[setting];
    if (!entry) continue;
    const named = new RegExp(
      `(?<![\\w.])${literal(setting)}(?![\\w])(?: (?:"([^"]*)"|(true|false)\\b))?`,
      "g",
    );
    text = text.replace(named, (_whole, quoted?: string, bool?: string) => {
      const value = quoted ?? bool;
      if (value === undefined) return entry.flag;
      const word = entry.values?.[value] ?? value;
      return word === "" ? entry.flag : `${entry.flag} ${word}`;
    });
  }
  return text;
}
