// One profile of the AWS shared config file, read with the AWS SDK's own loader (so the file is understood exactly
// as the SDK understands it: `[profile name]` sections, nested `s3 =` sub-settings, `[services name]` sections).
import { homedir } from "node:os";
import { join } from "node:path";
import type { Env } from "./default-env.js";

/** The settings of one profile: keys as in the file (`region`, `endpoint_url`, `s3.addressing_style`), and the
 * profile's `services` section's keys as `services:<key>` (e.g. `services:s3.endpoint_url`). */
export interface ProfileSettings {
  /** `profile <name>`, for messages. */
  name: string;
  /** The config file's path, with the home folder shown as `~`. */
  file: string;
  /** The paths read: the config file and the shared credentials file. */
  paths: { configFilepath: string; filepath: string };
  /** Whether the config file or the credentials file has this profile at all. */
  found: boolean;
  /** Whether the shared credentials file holds keys for this profile. */
  hasCredentials: boolean;
  values: Record<string, string>;
}

/**
 * Reads profile `name` (default `default`) from `AWS_CONFIG_FILE` (default `~/.aws/config`, where `~` is `HOME` of
 * `env`). A missing or unreadable file is an empty profile, as for the SDK.
 */
export async function readProfile(env: Env, name: string | undefined): Promise<ProfileSettings> {
  const profile = name ?? "default";
  const home = env.HOME || env.USERPROFILE || homedir();
  const configFilepath = env.AWS_CONFIG_FILE || join(home, ".aws", "config");
  const file = configFilepath.startsWith(`${home}/`)
    ? `~${configFilepath.slice(home.length)}`
    : configFilepath;
  const filepath = env.AWS_SHARED_CREDENTIALS_FILE || join(home, ".aws", "credentials");
  const settings: ProfileSettings = {
    name: `profile ${profile}`,
    file,
    paths: { configFilepath, filepath },
    found: false,
    hasCredentials: false,
    values: {},
  };
  const { loadSharedConfigFiles } = await import("@smithy/core/config");
  const { configFile, credentialsFile } = await loadSharedConfigFiles({
    configFilepath,
    filepath,
    ignoreCache: true,
  });
  settings.hasCredentials = Boolean(credentialsFile[profile]?.aws_access_key_id);
  settings.found = settings.hasCredentials || credentialsFile[profile] !== undefined;
  const section = configFile[profile];
  if (!section) return settings;
  settings.found = true;
  for (const [key, value] of Object.entries(section)) if (value !== undefined) settings.values[key] = value;
  const services = section.services ? configFile[`services.${section.services}`] : undefined;
  for (const [key, value] of Object.entries(services ?? {}))
    if (value !== undefined) settings.values[`services:${key}`] = value;
  return settings;
}
