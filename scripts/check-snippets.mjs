// Type-checks what the documentation shows and what examples/ holds, against the source: every ```ts block of
// README.md and of each docs/*.md becomes a module under .cache/snippets/ (blocks that continue an earlier one, using
// `mr`, `model` or `v1` without declaring them, get those declared with their types), examples/demo and
// examples/mnist (Deno scripts) are checked as they are, and so are the TypeScript notebooks' code cells, joined in
// order. `model-registry`, `npm:model-registry` and their `/notebook` entries resolve to src/.
// Part of `npm run check`.
//
//   node scripts/check-snippets.mjs
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const dir = join(root, ".cache", "snippets");
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });

/** Names the documents' later blocks use from their first ones, with their types. */
const CONTEXT = { mr: "ModelRegistry", model: "RegisteredModel", v1: "ModelVersion" };
/** The documents whose ```ts blocks are checked: the README and every topic reference under docs/. */
const documents = [
  "README.md",
  ...(existsSync(join(root, "docs")) ? readdirSync(join(root, "docs")) : [])
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => join("docs", name)),
];
/** The ```ts blocks of a document. */
const blocksOf = (document) =>
  [...readFileSync(join(root, document), "utf8").matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
let snippets = 0;
for (const document of documents) {
  const blocks = blocksOf(document);
  if (document === "README.md" && blocks.length === 0) {
    throw new Error("README.md has no ```ts blocks: is the pattern still right?");
  }
  blocks.forEach((code, i) => {
    const missing = Object.entries(CONTEXT).filter(
      ([name]) =>
        new RegExp(`\\b${name}\\b`).test(code) && !new RegExp(`\\b(const|let)\\s+${name}\\b`).test(code),
    );
    const prelude = missing.length
      ? `import type * as __sdk from "model-registry";\n${missing.map(([n, t]) => `declare const ${n}: __sdk.${t};`).join("\n")}\n`
      : "";
    const stem = document.replace(/\.md$/, "").replaceAll("/", "-").toLowerCase(); // readme, docs-library, …
    const file = `${stem}-${String(i + 1).padStart(2, "0")}.ts`;
    writeFileSync(join(dir, file), `${prelude}${code}\nexport {};\n`);
  });
  snippets += blocks.length;
}

// The TypeScript notebooks: a kernel runs the cells in order in one scope, so their code cells, joined in order, are
// one module (top-level await included).
const notebooks = ["quickstart-node", "catalog-node", "mnist-deno"];
for (const name of notebooks) {
  const notebook = JSON.parse(readFileSync(join(root, "examples", "notebooks", `${name}.ipynb`), "utf8"));
  const cells = notebook.cells
    .filter((cell) => cell.cell_type === "code")
    .map((cell) => [cell.source].flat().join(""));
  // The notebook's relative imports are relative to its own folder, which the kernel runs in.
  const code = cells.join("\n\n").replaceAll('from "../', `from "${join(root, "examples")}/`);
  writeFileSync(join(dir, `notebook-${name}.ts`), `${code}\nexport {};\n`);
}

// The Deno APIs the examples use (they run under Deno; this check has Node's types), and tslab's module as the Node
// notebook imports it (the shape model-registry/notebook's Tslab type describes).
writeFileSync(
  join(dir, "deno-globals.d.ts"),
  [
    "declare const Deno: {",
    "  env: { get(name: string): string | undefined };",
    "  exit(code?: number): never;",
    "  jupyter: { html(strings: TemplateStringsArray, ...values: unknown[]): unknown };",
    "  mkdir(path: string, options?: { recursive?: boolean }): Promise<void>;",
    "  writeFile(path: string, data: Uint8Array): Promise<void>;",
    "  writeTextFile(path: string, data: string): Promise<void>;",
    "  makeTempDir(options?: { prefix?: string }): Promise<string>;",
    "  remove(path: string, options?: { recursive?: boolean }): Promise<void>;",
    "};",
    'declare module "tslab" {',
    '  export const display: import("model-registry/notebook").TslabDisplay;',
    '  export function newDisplay(): import("model-registry/notebook").TslabDisplay;',
    "}",
    "",
  ].join("\n"),
);

const index = join(root, "src", "index.ts");
const notebook = join(root, "src", "notebook", "index.ts");
writeFileSync(
  join(dir, "tsconfig.json"),
  JSON.stringify({
    compilerOptions: {
      strict: true,
      target: "ES2022",
      module: "ESNext",
      moduleResolution: "bundler",
      noEmit: true,
      skipLibCheck: true,
      allowImportingTsExtensions: true,
      types: ["node"],
      typeRoots: [join(root, "node_modules", "@types")],
      paths: {
        "model-registry": [index],
        "npm:model-registry": [index],
        "model-registry/notebook": [notebook],
        "npm:model-registry/notebook": [notebook],
      },
    },
    include: [
      "*.ts",
      "*.d.ts",
      join(root, "examples", "demo", "*.ts"),
      join(root, "examples", "mnist", "*.ts"),
    ],
  }),
);
try {
  execFileSync(join(root, "node_modules", ".bin", "tsc"), ["-p", join(dir, "tsconfig.json")], {
    stdio: "pipe",
  });
} catch (error) {
  process.stderr.write(`${error.stdout}${error.stderr}`);
  process.stderr.write(`Documentation snippets or examples do not type-check (the snippets are in ${dir})\n`);
  process.exit(1);
}
console.log(
  `${snippets} snippets of README.md and docs/*.md, examples/demo, examples/mnist and the notebooks ${notebooks.join(", ")} type-check`,
);
