// Which credentials the resolved storage settings use: a named profile that holds some, else static keys from the
// environment, else the AWS SDK's own chain. Kept beside the settings, never in them, so that settings can be printed.
import type { ProfileSettings } from "./aws-profile.js";
import type { Env } from "./default-env.js";
import type { ProfileCredentials, Sourced, StaticCredentials, StorageSettings } from "./storage-types.js";

const CREDENTIALS = new WeakMap<StorageSettings, StaticCredentials | ProfileCredentials>();

/** Where the credentials for these settings come from, when the resolver decided: static keys from the environment,
 * or a profile holding credentials; undefined leaves them to the AWS SDK's chain. */
export function credentialsOf(settings: StorageSettings): StaticCredentials | ProfileCredentials | undefined {
  return CREDENTIALS.get(settings);
}

// Keys by which a profile holds credentials of its own (AWS SDKs and Tools reference guide, "Config file settings").
const PROFILE_CREDENTIAL_KEYS = [
  "aws_access_key_id",
  "role_arn",
  "sso_session",
  "sso_start_url",
  "credential_process",
  "web_identity_token_file",
  "login_session",
];

/**
 * Decides the credentials of `settings` and records where they come from (`credentialsSource`). A named profile
 * (option, flag, context or AWS_PROFILE) provides them when it holds some, as the AWS SDK's chain prefers it; otherwise
 * keys in the environment come first. The profile is read on its own (not through the SDK's whole chain), so that keys
 * also present in the environment are neither used nor warned about.
 */
export function attachCredentials(
  settings: StorageSettings,
  env: Env,
  profile: Sourced<string> | undefined,
  shared: ProfileSettings,
): void {
  const profileHasCredentials =
    PROFILE_CREDENTIAL_KEYS.some((key) => shared.values[key]) || shared.hasCredentials;
  const keys = env.AWS_ACCESS_KEY_ID?.trim() && env.AWS_SECRET_ACCESS_KEY?.trim();
  if (profile && profileHasCredentials) {
    CREDENTIALS.set(settings, { profile: profile.value, ...shared.paths });
    settings.credentialsSource = `profile ${profile.value} (from ${profile.source})`;
  } else if (keys) {
    const session = env.AWS_SESSION_TOKEN?.trim();
    CREDENTIALS.set(settings, {
      accessKeyId: (env.AWS_ACCESS_KEY_ID ?? "").trim(),
      secretAccessKey: (env.AWS_SECRET_ACCESS_KEY ?? "").trim(),
      ...(session ? { sessionToken: session } : {}),
    });
    settings.credentialsSource = "AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY";
  } else if (profile) settings.credentialsSource = `profile ${profile.value}`;
}
