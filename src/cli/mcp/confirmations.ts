// The confirmations of mr-cli mcp's write tools. A write first returns its plan and a confirmation: an HMAC, under a
// key made when the server starts and never shown, of the tool, its arguments, the plan and the time it was issued.
// Only a second call with the same arguments, whose plan computed afresh is the same, and that confirmation within
// its lifetime, writes. So an agent cannot write what it has not shown, nor confirm one plan for another.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** How long a confirmation is honoured: 10 minutes. */
export const CONFIRMATION_TTL_MS = 10 * 60_000;

/** Why a confirmation was not honoured: not one this server issued in that form, too old, or issued for other
 * arguments or another plan. */
export type ConfirmationRefusal = "malformed" | "expired" | "changed" | "used";

/** The value as JSON with every object's keys sorted and undefined fields left out: one text per value, whatever the
 * order its fields were built in (Dates as their ISO text, as JSON.stringify writes them). */
export function canonicalJson(value: unknown): string {
  const sorted = (item: unknown): unknown => {
    if (Array.isArray(item)) return item.map(sorted);
    if (item === null || typeof item !== "object") return item;
    return Object.fromEntries(
      Object.keys(item)
        .sort()
        .map((key) => [key, sorted((item as Record<string, unknown>)[key])]),
    );
  };
  const plain: unknown = JSON.parse(JSON.stringify(value ?? null));
  return JSON.stringify(sorted(plain));
}

/** Issues and checks the confirmations of one server process. */
export class Confirmations {
  readonly #key: Buffer;
  readonly #now: () => number;
  readonly #ttl: number;
  /** The confirmations already carried out, until they expire: one confirmation, one write. */
  readonly #used = new Map<string, number>();

  /** `key`: the HMAC key (default 32 random bytes); `now` and `ttl` for tests. */
  constructor(options: { key?: Buffer; now?: () => number; ttl?: number } = {}) {
    this.#key = options.key ?? randomBytes(32);
    this.#now = options.now ?? Date.now;
    this.#ttl = options.ttl ?? CONFIRMATION_TTL_MS;
  }

  /** A confirmation of `plan` for a call of `tool` with `args` (the `confirm` argument aside):
   * `c1.<issued>.<nonce>.<mac>`. */
  issue(tool: string, args: unknown, plan: unknown): string {
    // The time, and a nonce so that two confirmations of the same plan are two (each carries out one write).
    const issued = `${this.#now().toString(36)}.${randomBytes(6).toString("base64url")}`;
    return `c1.${issued}.${this.#mac(tool, args, plan, issued).toString("base64url")}`;
  }

  /** Whether `confirmation` is one {@link issue} gave for this very tool, arguments and plan, not too old and not
   * used before; a confirmation that passes is used up. */
  check(
    confirmation: string,
    tool: string,
    args: unknown,
    plan: unknown,
  ): { ok: true } | { ok: false; reason: ConfirmationRefusal } {
    const match = /^c1\.(([0-9a-z]{1,12})\.[A-Za-z0-9_-]{8})\.([A-Za-z0-9_-]{43})$/.exec(confirmation);
    if (!match) return { ok: false, reason: "malformed" };
    const [, issued = "", time = "", mac = ""] = match;
    const age = this.#now() - Number.parseInt(time, 36);
    const expected = this.#mac(tool, args, plan, issued);
    const given = Buffer.from(mac, "base64url");
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return { ok: false, reason: "changed" };
    // Checked after the MAC, so that a forged time is "changed", not "expired".
    if (age < 0 || age > this.#ttl) return { ok: false, reason: "expired" };
    for (const [used, at] of this.#used) if (this.#now() - at > this.#ttl) this.#used.delete(used);
    if (this.#used.has(confirmation)) return { ok: false, reason: "used" };
    this.#used.set(confirmation, Number.parseInt(time, 36));
    return { ok: true };
  }

  #mac(tool: string, args: unknown, plan: unknown, issued: string): Buffer {
    return createHmac("sha256", this.#key)
      .update(`${tool}\n${issued}\n${canonicalJson(args)}\n${canonicalJson(plan)}`)
      .digest();
  }
}
