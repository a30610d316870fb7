// Every public export of the package, and every public member of its classes and interfaces, carries a doc comment:
// read through the compiler from src/index.ts, as a user's editor would show it. (The API's generated entity types
// are documented by the spec; `wire` is the spec's own namespace.)
import { readFileSync } from "node:fs";
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

/** The property names of an exported interface of the package. */
function propertiesOf(program: ts.Program, name: string): string[] {
  const checker = program.getTypeChecker();
  const index = program.getSourceFile(INDEX) as ts.SourceFile;
  const exported = checker
    .getExportsOfModule(checker.getSymbolAtLocation(index) as ts.Symbol)
    .find((symbol) => symbol.name === name);
  if (!exported) throw new Error(`${name} is not exported`);
  const type = checker.getDeclaredTypeOfSymbol(checker.getAliasedSymbol(exported));
  return type
    .getProperties()
    .map((property) => property.name)
    .sort();
}

/** The name in backticks at the start of each row's `column`-th cell of the first table after `marker` in the
 * document `file` (a path from the repository's root). */
function tableNames(file: string, marker: string, column = 0): string[] {
  const text = readFileSync(join(ROOT, file), "utf8");
  const start = text.indexOf(marker);
  if (start === -1) throw new Error(`${file} has no ${JSON.stringify(marker)}`);
  const lines = text.slice(start).split("\n");
  const first = lines.findIndex((line) => line.startsWith("|"));
  const end = lines.findIndex((line, i) => i > first && !line.startsWith("|"));
  return lines
    .slice(first + 2, end) // after the header and the separator
    .map((row) => row.split(" | ")[column] ?? "")
    .map((cell) => /`([A-Za-z]+)\b/.exec(cell)?.[1] ?? "")
    .filter(Boolean)
    .sort();
}

/** The package's two entry points: `model-registry` and `model-registry/notebook`. */
const ENTRIES = [INDEX, join(ROOT, "src", "notebook", "index.ts")];

function program(): ts.Program {
  return ts.createProgram(ENTRIES, {
    strict: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
  });
}

/** The members of a class, an interface, or the object types a type alias is made of (through unions,
 * intersections and parentheses), with the object types' nested members. */
function membersOf(node: ts.Node): ts.NamedDeclaration[] {
  if (ts.isClassDeclaration(node) || ts.isInterfaceDeclaration(node)) return [...node.members];
  if (ts.isTypeAliasDeclaration(node)) return membersOf(node.type);
  if (ts.isUnionTypeNode(node) || ts.isIntersectionTypeNode(node)) return node.types.flatMap(membersOf);
  if (ts.isParenthesizedTypeNode(node)) return membersOf(node.type);
  if (ts.isTypeLiteralNode(node)) return [...node.members];
  return [];
}

/** `export name` or `Type.member` for each public declaration without a doc comment. */
function undocumented(program: ts.Program): string[] {
  const checker = program.getTypeChecker();
  const missing: string[] = [];
  for (const entry of ENTRIES) {
    const source = program.getSourceFile(entry) as ts.SourceFile;
    for (const exported of checker.getExportsOfModule(checker.getSymbolAtLocation(source) as ts.Symbol)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      for (const declaration of symbol.declarations ?? []) {
        const file = declaration.getSourceFile().fileName;
        if (fromSpec(file) || ts.isModuleDeclaration(declaration) || ts.isSourceFile(declaration)) continue;
        if (!documented(declaration)) missing.push(exported.name);
        for (const member of membersOf(declaration)) {
          const name = member.name?.getText();
          if (!name || name.startsWith("#") || ts.isConstructorDeclaration(member)) continue;
          const modifiers = ts.canHaveModifiers(member) ? (ts.getModifiers(member) ?? []) : [];
          // Private and protected members are not public; an override shows its base member's doc (TS inherits it).
          if (modifiers.some((m) => HIDDEN.has(m.kind))) continue;
          if (!documented(member)) missing.push(`${exported.name}.${name}`);
        }
      }
    }
  }
  return [...new Set(missing)].sort();
}

describe("the public API", () => {
  const compiled = program();

  it("documents every export and every public member", () => {
    expect(undocumented(compiled)).toEqual([]);
  }, 60_000);

  it("has every client option, and every fromEnv option, in the configuration table of docs/configuration.md", () => {
    const fromEnvOnly = ["caEnvVar", "layers", "serviceAccountTokenPath", "tokenEnvVar"];
    expect(tableNames("docs/configuration.md", "# Configuration")).toEqual(
      [...propertiesOf(compiled, "ModelRegistryOptions"), ...fromEnvOnly].sort(),
    );
  });

  it("has every storage option in the settings table of docs/storage-s3.md", () => {
    expect(tableNames("docs/storage-s3.md", "## Where the settings come from", 1)).toEqual(
      propertiesOf(compiled, "StorageOptions"),
    );
  });
});
