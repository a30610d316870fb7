// The one check of an S3 endpoint URL, wherever it is given (an option, a flag, a context, the environment, a URI).
import { redactUrl } from "../client/redact.js";
import { ConfigError, type SettingRef } from "../errors.js";

/**
 * ConfigError unless `endpoint` is an absolute http:// or https:// URL without credentials; returns it.
 * `subject` names it in the message, e.g. `the S3 endpoint`; `fix` names the setting that gave it.
 */
export function checkS3Endpoint(endpoint: string, subject: string, fix: SettingRef[] = []): string {
  let url: URL | undefined;
  try {
    url = new URL(endpoint);
  } catch {
    url = undefined;
  }
  const shown = JSON.stringify(redactUrl(endpoint));
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:"))
    throw new ConfigError(
      `${subject} ${shown} is not an http:// or https:// URL, e.g. http://127.0.0.1:9000`,
      { fix },
    );
  if (url.username || url.password)
    throw new ConfigError(
      `${subject} must not carry credentials; use AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY`,
      { fix },
    );
  return endpoint;
}
