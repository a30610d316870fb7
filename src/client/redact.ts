// Secrets never leave this library in an error or a log line: URLs are shown without credentials or secret-looking
// query parameters.

const SECRET_PARAM = /token|secret|password|signature|credential|key|auth/i;

/** The URL with user info removed and secret-looking query values replaced by `REDACTED`. */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url.replace(/\/\/[^/@]*@/, "//");
  }
  parsed.username = "";
  parsed.password = "";
  for (const name of [...parsed.searchParams.keys()]) {
    if (SECRET_PARAM.test(name)) parsed.searchParams.set(name, "REDACTED");
  }
  return parsed.toString();
}
