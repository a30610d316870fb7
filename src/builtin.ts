// Node's builtin modules, each loaded by the first call that needs it rather than when the library is imported. A
// static `import … from "node:crypto"` loads crypto (with WebCrypto and streams, about 2.4 MiB on Node) in every
// process that imports the library; a registration by URI needs neither it nor the file system (docs/library.md, "Runtimes").
// `process.getBuiltinModule` is synchronous and exists on Node 22.3+, Deno 2 and Bun.

/** The builtin modules loaded this way, by specifier. */
interface Builtins {
  "node:crypto": typeof import("node:crypto");
  "node:fs/promises": typeof import("node:fs/promises");
  "node:http": typeof import("node:http");
  "node:https": typeof import("node:https");
  "node:tls": typeof import("node:tls");
  "node:zlib": typeof import("node:zlib");
}

interface WithBuiltins {
  getBuiltinModule?: (id: string) => unknown;
}

/**
 * The builtin module `id`, loaded on first use (then cached by the runtime).
 * @throws Error when the runtime has no `process.getBuiltinModule` (Node before 22.3).
 */
export function builtin<K extends keyof Builtins>(id: K): Builtins[K] {
  const get = (globalThis as { process?: WithBuiltins }).process?.getBuiltinModule;
  const found = typeof get === "function" ? get(id) : undefined;
  if (found === undefined)
    throw new Error(
      `this runtime does not provide ${id} through process.getBuiltinModule (Node 22.3 or later does)`,
    );
  return found as Builtins[K];
}
