// mr-cli mcp's start: the state every server instance shares (the command's settings and clients, the confirmation
// key, the secrets to scrub), then MCP over stdio until the client closes its end, or over HTTP until interrupted.
import { realpath } from "node:fs/promises";
import { dirname, join } from "node:path";
import { Writable } from "node:stream";
import { StdioServerTransport, serveStdio } from "@modelcontextprotocol/server/stdio";
import type { Secrets } from "../../client/secrets.js";
import { cliConfigPath } from "../config-path.js";
import type { CliContext } from "../context.js";
import { CliFailure, EXIT, UsageError } from "../exit-codes.js";
import { Confirmations } from "./confirmations.js";
import { httpToken } from "./http-token.js";
import { createMcpServer } from "./mcp-server.js";
import type { McpServerState } from "./mcp-tool.js";

/** mr-cli mcp's own options. */
export interface McpFlags {
  allowWrites?: boolean;
  /** `--http` alone (true: port 0, any free one) or with a port. */
  http?: boolean | number;
  httpTokenFile?: string;
  allowPath?: string[];
}

async function pathRoots(folders: readonly string[]): Promise<string[]> {
  return Promise.all(
    folders.map((folder) =>
      realpath(folder).catch(() => {
        throw new UsageError(`--allow-path ${folder}: no such folder`);
      }),
    ),
  );
}

/** With --verbose, the protocol's out-of-band errors (a malformed message, a rejected request) on stderr. */
const report = (ctx: CliContext) => (error: Error) => {
  if (ctx.globals().verbose) ctx.io.stderr.write(`mr-cli mcp: ${error.message}\n`);
};

/** The state the server instances share, for this command's settings. */
export async function mcpState(ctx: CliContext, flags: McpFlags): Promise<McpServerState> {
  const known: Secrets[] = [];
  const track = <T extends { secrets: Secrets }>(client: T): T => {
    if (!known.includes(client.secrets)) known.push(client.secrets);
    return client;
  };
  return {
    env: {
      registry: async () => track(await ctx.registry()),
      catalog: async () => track(await ctx.catalog()),
      // None by default: an MCP client may start the server anywhere, even in /.
      pathRoots: await pathRoots(flags.allowPath ?? []),
    },
    allowWrites: flags.allowWrites === true,
    confirmations: new Confirmations(),
    scrub: (text) => known.reduce((out, secrets) => secrets.scrub(out), text),
  };
}

/** Serves MCP over stdio (or HTTP with `flags.http`) and returns when the client closes stdin (or on interrupt). */
export async function serveMcp(ctx: CliContext, flags: McpFlags): Promise<void> {
  const state = await mcpState(ctx, flags);
  const factory = () => createMcpServer(state);
  if (flags.http !== undefined && flags.http !== false) {
    const file = flags.httpTokenFile ?? join(dirname(cliConfigPath(ctx.io.env)), "mcp-token");
    const { token } = await httpToken(file);
    // Loaded only for --http: Node's HTTP server costs stdio's start-up time otherwise.
    const { serveHttp } = await import("./serve-http.js");
    const port = flags.http === true ? 0 : flags.http;
    return serveHttp(ctx, factory, port, { value: token, file }, report(ctx));
  }
  const stdin = ctx.io.stdin;
  if (!stdin) throw new CliFailure("mr-cli mcp needs a standard input to read requests from", EXIT.usage);
  // Whatever goes to stdout goes through the CLI's own stream, which scrubs every secret it knows.
  const stdout = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      ctx.io.stdout.write(chunk.toString());
      done();
    },
  });
  const ended = new Promise<void>((resolve) => {
    stdin.once("end", resolve);
    stdin.once("close", resolve);
    ctx.io.signal?.addEventListener("abort", () => resolve(), { once: true });
  });
  const handle = serveStdio(factory, {
    transport: new StdioServerTransport(stdin, stdout),
    onerror: report(ctx),
  });
  await ended;
  await handle.close();
}
