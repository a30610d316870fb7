// What every command gets: where to write, the global options, and the registry, built only when first needed
// (so --help and --version never load the SDK).
import type { ModelCatalog } from "../catalog/model-catalog.js";
import type { ModelRegistry } from "../model-registry.js";
import type { CliIo, GlobalOptions, OutputFormat } from "./cli-io.js";

export type { CliIo, GlobalOptions, OutputFormat, OutputStream } from "./cli-io.js";

export interface CliContext {
  io: CliIo;
  /** The global options, read after parsing. */
  globals(): GlobalOptions;
  /** The output format: `--json` means json. */
  format(): OutputFormat;
  /** Colors: only on a terminal, never with NO_COLOR or --no-color. */
  color(): boolean;
  /** The registry client for the resolved settings (flags > environment > config file context). */
  registry(): Promise<ModelRegistry>;
  /** The model catalog client (`--catalog-url` > `MODEL_CATALOG_URL` > the context's `catalogUrl`).
   * @throws ConfigError when none is configured. */
  catalog(): Promise<ModelCatalog>;
  /** A note for the user on stderr (nothing with --quiet or when the output is JSON/YAML). */
  note(message: string): void;
}

/** Builds the context; `globals` is read lazily because commander parses after the commands are built. */
export function createContext(io: CliIo, globals: () => GlobalOptions): CliContext {
  let registry: Promise<ModelRegistry> | undefined;
  let catalog: Promise<ModelCatalog> | undefined;
  const format = (): OutputFormat => (globals().json ? "json" : (globals().output ?? "table"));
  return {
    io,
    globals,
    format,
    color: () => Boolean(io.stdout.isTTY) && globals().color !== false && !io.env.NO_COLOR,
    registry: () => {
      registry ??= import("./connect.js").then(async ({ connect }) => {
        const mr = await connect(io, globals());
        io.onRegistry?.(mr);
        return mr;
      });
      return registry;
    },
    catalog: () => {
      catalog ??= import("./connect.js").then(async ({ connectCatalog }) => {
        const client = await connectCatalog(io, globals());
        io.onRegistry?.(client);
        return client;
      });
      return catalog;
    },
    note: (message) => {
      if (!globals().quiet && format() === "table") io.stderr.write(`${message}\n`);
    },
  };
}
