import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as api from "../../src/index.js";
import { ModelRegistryError } from "../../src/index.js";

const SRC = fileURLToPath(new URL("../../src/", import.meta.url));
// mr-cli's own failures (UsageError, CliFailure, commander's InvalidArgumentError) never leave the CLI: main.ts turns
// them into exit codes, so they are not part of the library's API. Generated code throws nothing of ours.
const OUTSIDE_THE_LIBRARY = ["cli", "client/generated"];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory())
      return OUTSIDE_THE_LIBRARY.includes(relative(SRC, path).replaceAll("\\", "/")) ? [] : sources(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

const text = sources(SRC)
  .map((path) => readFileSync(path, "utf8"))
  .join("\n");

/** Error classes declared in the library: `class X extends Y` where Y is Error or an error class declared here. */
function declaredErrorClasses(): string[] {
  const parents = new Map(
    [...text.matchAll(/\bclass (\w+) extends (\w+)/g)].map(([, name = "", base = ""]) => [name, base]),
  );
  const isError = (name: string | undefined, depth = 0): boolean =>
    name === "Error" || (name !== undefined && depth < 20 && isError(parents.get(name), depth + 1));
  return [...parents.keys()].filter((name) => isError(name));
}

/** Names of the form `new XError(` the library throws or builds, without JavaScript's own error classes. */
function constructedErrorClasses(): string[] {
  const names = new Set([...text.matchAll(/\bnew (\w+Error)\(/g)].map(([, name]) => name ?? ""));
  const builtIn = (name: string) => {
    const value = (globalThis as Record<string, unknown>)[name];
    return typeof value === "function" && value.prototype instanceof Error;
  };
  return [...names].filter((name) => !builtIn(name));
}

describe("the package's errors", () => {
  it("exports every error class the library declares or throws, each one catchable with instanceof", () => {
    const names = [...new Set([...declaredErrorClasses(), ...constructedErrorClasses()])].sort();
    expect(names).toContain("OciError");
    expect(names.length).toBeGreaterThan(15);
    const exported: Record<string, unknown> = api;
    const missing = names.filter((name) => typeof exported[name] !== "function");
    expect(missing).toEqual([]);
    for (const name of names) {
      const ErrorClass = exported[name] as abstract new (...args: never[]) => unknown;
      expect(ErrorClass.prototype, name).toBeInstanceOf(Error);
      expect(Object.create(ErrorClass.prototype) instanceof ErrorClass, name).toBe(true);
    }
  });

  it("derives every exported error class from ModelRegistryError", () => {
    const classes = declaredErrorClasses().filter((name) => name !== "ModelRegistryError");
    const exported: Record<string, unknown> = api;
    for (const name of classes)
      expect((exported[name] as { prototype: unknown }).prototype, name).toBeInstanceOf(ModelRegistryError);
  });
});
