// Every public export of the package, and every public member of its classes and interfaces, carries a doc comment:
// read through the compiler from src/index.ts, as a user's editor would show it. (The API's generated entity types
// are documented by the spec; `wire` is the spec's own namespace.)
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");
const INDEX = join(ROOT, "src", "index.ts");

/** Whether a declaration carries a JSDoc comment (a `/** … *\/` before it, or on its variable statement). */
function documented(node: ts.Node): boolean {
  const target = ts.isVariableDeclaration(node) ? node.parent.parent : node;
  return ts.getJSDocCommentsAndTags(target).length > 0 || ts.getJSDocCommentsAndTags(node).length > 0;
}

const fromSpec = (file: string) =>
  file.includes("/generated/") || file.endsWith("/client/types.ts") || file.endsWith("/client/entities.ts");

const HIDDEN: ReadonlySet<ts.SyntaxKind> = new Set([
  ts.SyntaxKind.PrivateKeyword,
  ts.SyntaxKind.ProtectedKeyword,
  ts.SyntaxKind.OverrideKeyword,
]);

/** `export name` or `Type.member` for each public declaration without a doc comment. */
function undocumented(): string[] {
  const program = ts.createProgram([INDEX], {
    strict: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
  });
  const checker = program.getTypeChecker();
  const index = program.getSourceFile(INDEX) as ts.SourceFile;
  const missing: string[] = [];
  for (const exported of checker.getExportsOfModule(checker.getSymbolAtLocation(index) as ts.Symbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    for (const declaration of symbol.declarations ?? []) {
      const file = declaration.getSourceFile().fileName;
      if (fromSpec(file) || ts.isModuleDeclaration(declaration) || ts.isSourceFile(declaration)) continue;
      if (!documented(declaration)) missing.push(exported.name);
      if (!(ts.isClassDeclaration(declaration) || ts.isInterfaceDeclaration(declaration))) continue;
      for (const member of declaration.members) {
        const name = member.name?.getText();
        if (!name || name.startsWith("#") || ts.isConstructorDeclaration(member)) continue;
        const modifiers = ts.canHaveModifiers(member) ? (ts.getModifiers(member) ?? []) : [];
        // Private and protected members are not public; an override shows its base member's doc (TS inherits it).
        if (modifiers.some((m) => HIDDEN.has(m.kind))) continue;
        if (!documented(member)) missing.push(`${exported.name}.${name}`);
      }
    }
  }
  return [...new Set(missing)].sort();
}

describe("the public API", () => {
  it("documents every export and every public member", () => {
    expect(undocumented()).toEqual([]);
  }, 60_000);
});
