// The process as the CLI sees it and the options every command accepts: the types that context.ts (what each
// command gets) and connect.ts (the registry for the resolved settings) share.
import type { Readable } from "node:stream";
import type { Secrets } from "../client/secrets.js";

/** A stream the CLI writes to. */
export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean | undefined;
}

/** The process as the CLI sees it; main.ts passes the real one, tests a fake. */
export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  /** Standard input, for the commands that read requests from it (mr-cli mcp). */
  stdin?: Readable | undefined;
  env: Record<string, string | undefined>;
  /** Aborted when the user interrupts (Ctrl-C): long work stops and cleans up. */
  signal?: AbortSignal | undefined;
  /** Called with each registry or catalog client the command creates (run() scrubs all output with its
   * secrets). */
  onRegistry?: ((client: { secrets: Secrets }) => void) | undefined;
}

export type OutputFormat = "table" | "json" | "yaml";

/** The options every command accepts. */
export interface GlobalOptions {
  url?: string;
  tokenFile?: string;
  caFile?: string;
  context?: string;
  output?: OutputFormat;
  json?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  color?: boolean;
  timeout?: number;
  apiVersion?: "auto" | "v1" | "v1alpha3";
  catalogUrl?: string;
  catalogApiVersion?: "auto" | "v1" | "v1alpha1";
}
