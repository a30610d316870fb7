// The bearer token of mr-cli mcp's HTTP endpoint: read from a file, or made and written to one only its owner can
// read. It is never printed: a client is given the file's path.
import { randomBytes } from "node:crypto";
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { UsageError } from "../exit-codes.js";

/** Shorter tokens are refused: they are guessed too easily. */
const MIN_TOKEN_LENGTH = 16;

/** The token in `path` (its first line), or a new one written there (mode 0600, its folder made 0700) when the file
 * does not exist. @throws UsageError for a file that others may read, or too short a token. */
export async function httpToken(path: string): Promise<{ token: string; created: boolean }> {
  const found = await stat(path).catch(() => undefined);
  if (!found) {
    const token = randomBytes(32).toString("base64url");
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    await writeFile(path, `${token}\n`, { mode: 0o600, flag: "wx" });
    return { token, created: true };
  }
  if ((found.mode & 0o077) !== 0)
    throw new UsageError(
      `${path} may be read by others (mode ${(found.mode & 0o777).toString(8)}): make it 0600 (chmod 600 ${path})`,
    );
  const token = (await readFile(path, "utf8")).split("\n")[0]?.trim() ?? "";
  if (token.length < MIN_TOKEN_LENGTH)
    throw new UsageError(`the token in ${path} is shorter than ${MIN_TOKEN_LENGTH} characters`);
  return { token, created: false };
}
