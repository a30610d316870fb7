// Why mr-cli mcp did not carry out a write: the server is read-only, or the call's confirmation is not the one its
// plan has now. A refusal changes nothing; one for a changed plan carries the plan as it is now and its confirmation.
import type { ConfirmationRefusal } from "./confirmations.js";

/** Why a write was refused: `read-only`, or a confirmation that was `malformed`, `expired`, `used` already or for
 * another plan (`changed`). */
export type WriteRefusal = "read-only" | ConfirmationRefusal;

const HINTS: Record<WriteRefusal, string> = {
  "read-only":
    "this server only reads; whoever starts mr-cli mcp can allow writes with --allow-writes (each write is then confirmed by its plan)",
  malformed:
    "pass as confirm the exact text a call of this tool without confirm returned, with the same arguments",
  expired: "confirmations last 10 minutes: call the tool again without confirm for a fresh plan",
  used: "a confirmation carries out one write: call the tool again without confirm for a new plan and its confirmation",
  changed:
    "the arguments or what the write would do changed since that plan was shown; show the plan returned here and confirm it instead",
};

/** A write that was not carried out; nothing was changed. */
export class WriteRefusedError extends Error {
  override name = "WriteRefusedError";

  constructor(
    readonly reason: WriteRefusal,
    tool: string,
    /** For a changed plan: the plan as it is now, and its confirmation. */
    readonly details?: { plan: unknown; confirm?: string },
  ) {
    super(
      reason === "read-only"
        ? `${tool} writes, and this server is read-only: nothing was changed`
        : `${tool}: the confirmation is ${reason === "changed" ? "for another plan" : reason === "used" ? "used already" : reason}: nothing was changed`,
    );
  }

  /** What to do about it. */
  get hint(): string {
    return HINTS[this.reason];
  }
}
