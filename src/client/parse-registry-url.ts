// The server address, checked before anything is sent: a clear message for the two common mistakes (not set at all;
// no scheme, e.g. `localhost:8080`) beats a connection error later.

import { ConfigError } from "../errors.js";
import { redactUrl } from "./redact.js";

const EXAMPLE = "http://localhost:8080";

/**
 * Checks and normalises the Model Registry server address.
 *
 * @param value the address as given; surrounding whitespace is ignored, and an empty value counts as missing.
 * @param source where the value came from, for messages (e.g. `"MODEL_REGISTRY_URL"` or `"the url option"`).
 * @param server what the address is of, for messages. Default `the Model Registry server`.
 * @returns the address with trailing slashes removed, e.g. `https://registry.example.com/base`.
 * @throws ConfigError when the value is missing, or is not an absolute `http://` or `https://` URL.
 */
export function parseRegistryUrl(
  value: string | undefined,
  source: string,
  server = "the Model Registry server",
): string {
  const text = value?.trim() ?? "";
  if (text === "") {
    throw new ConfigError(`${source} is not set; set it to ${server}'s address, e.g. ${EXAMPLE}`);
  }
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw new ConfigError(
      `${source} is not a valid URL: "${redactUrl(text)}"; use a full address such as ${EXAMPLE}`,
    );
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new ConfigError(
      `${source} must start with http:// or https://, got "${redactUrl(text)}"; use a full address such as ${EXAMPLE}`,
    );
  }
  if (parsed.username || parsed.password) {
    throw new ConfigError(
      `${source} must not carry credentials ("${redactUrl(text)}"); pass the token as a token or token file instead`,
    );
  }
  if (parsed.search || parsed.hash || /[?#]/.test(text)) {
    throw new ConfigError(
      `${source} must not carry a query string or fragment ("${redactUrl(text)}"): the API paths are added to it; use ${parsed.origin}${parsed.pathname.replace(/\/+$/, "")}`,
    );
  }
  if (/\/api\/model_(registry|catalog)\//.test(parsed.pathname)) {
    throw new ConfigError(
      `${source} should be the server's base address, without the API path: use ${parsed.origin} instead of "${redactUrl(text)}"`,
    );
  }
  return text.replace(/\/+$/, "");
}
