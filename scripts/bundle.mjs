// Bundles mr-cli and everything it imports (the AWS SDK included) with esbuild, from the compiled dist/ (run after
// tsc): dist/mr-cli.mjs (ESM, what the Python package ships and `bin` may use) and dist/mr-cli.cjs (CommonJS, what
// Node's single-executable support embeds). Parts the CLI loads on use (S3, YAML, the MCP server) stay lazy: in the
// ESM bundle each is a chunk in dist/mr-cli-chunks/ that Node reads only when it is imported, so `--version` parses
// none of them; in the single CommonJS file esbuild wraps each in an initialiser that runs on first import (parsed,
// but not run, at start-up; the executable's V8 code cache spares most of the parsing).
//
//   node scripts/bundle.mjs
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const common = {
  bundle: true,
  platform: "node",
  target: "node22",
  legalComments: "none",
  logLevel: "warning",
  // Identifiers are kept, so that `--verbose` stack traces name real functions.
  minifyWhitespace: true,
  minifySyntax: true,
};

/** In a split ESM bundle a CommonJS package loaded with `await import("yaml")` is a chunk with a default export only,
 * where Node gives its named exports too (`(await import("yaml")).stringify`). Each dynamic import of a package that
 * resolves to CommonJS goes through a module that imports it statically and re-exports its names. */
const namedCommonJs = {
  name: "named-commonjs",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.kind !== "dynamic-import" || args.path.startsWith("node:")) return undefined;
      const resolved = await build.resolve(args.path, {
        kind: "import-statement",
        resolveDir: args.resolveDir,
      });
      const text = resolved.path ? readFileSync(resolved.path, "utf8") : "";
      const commonJs = /\b(module\.)?exports\b/.test(text) && !/^\s*export\s/m.test(text);
      if (!commonJs) return undefined;
      return { path: args.path, namespace: "named-commonjs", pluginData: { resolveDir: args.resolveDir } };
    });
    build.onLoad({ filter: /.*/, namespace: "named-commonjs" }, (args) => {
      const { resolveDir } = args.pluginData;
      const names = Object.keys(createRequire(`${resolveDir}/`)(args.path)).filter(
        (name) => /^[A-Za-z_$][\w$]*$/.test(name) && name !== "default",
      );
      const from = JSON.stringify(args.path);
      return {
        contents: `import m from ${from};\nexport const { ${names.join(", ")} } = m;\nexport default m;\n`,
        resolveDir,
      };
    });
  },
};

// First the package's own entries, each one file over chunks they share (dist/chunks/): the library (dist/index.js),
// its notebook entry (dist/notebook/index.js) and mr-cli (dist/cli/main.js, the `bin`). They replace tsc's file per
// module (the .d.ts files stay): Node's ES module loader costs memory per module, and the library is some 120 modules
// (200 registrations by URI peaked 4 MiB lower bundled). Packages stay imports, so the AWS SDK is still loaded only by
// the code that uploads; every dynamic import stays a chunk of its own, loaded on use.
const entries = ["index", "notebook/index", "cli/main"];
const staging = mkdtempSync(`${root}dist/.bundle-`);
await build({
  entryPoints: Object.fromEntries(entries.map((entry) => [entry, `${root}dist/${entry}.js`])),
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "neutral",
  packages: "external",
  target: "es2022",
  outdir: staging,
  chunkNames: "chunks/[name]-[hash]",
  legalComments: "none",
  logLevel: "warning",
});
for (const file of readdirSync(`${root}dist`, { recursive: true, encoding: "utf8" }))
  if (file.endsWith(".js") && !file.startsWith(".bundle-")) rmSync(`${root}dist/${file}`);
cpSync(staging, `${root}dist`, { recursive: true });
rmSync(staging, { recursive: true });

// CommonJS dependencies call require(); each ESM file (the entry and every chunk) gets one from createRequire.
rmSync(`${root}dist/mr-cli-chunks`, { recursive: true, force: true });
const { metafile } = await build({
  ...common,
  entryPoints: { "mr-cli": `${root}dist/cli/main.js` },
  metafile: true,
  format: "esm",
  splitting: true,
  outdir: `${root}dist`,
  chunkNames: "mr-cli-chunks/[name]-[hash]",
  outExtension: { ".js": ".mjs" },
  plugins: [namedCommonJs],
  banner: {
    js: 'import { createRequire as __mrCreateRequire } from "node:module"; const require = __mrCreateRequire(import.meta.url);',
  },
});
writeFileSync(`${root}dist/mr-cli.LICENSES.txt`, licences(Object.keys(metafile.inputs)));
await build({
  ...common,
  entryPoints: [`${root}dist/cli/main.js`],
  format: "cjs",
  outfile: `${root}dist/mr-cli.cjs`,
});
// The shebang of main.ts survives as the first line of each; keep only one in the ESM file, none needed in the CJS one.
const cjs = readFileSync(`${root}dist/mr-cli.cjs`, "utf8").replace(/^#!.*\n/, "");
writeFileSync(`${root}dist/mr-cli.cjs`, cjs);

/** The name, version, licence and licence text of every package whose code went into the bundle. */
function licences(inputs) {
  const dirs = new Set();
  for (const input of inputs) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match) dirs.add(match[1]);
  }
  const sections = [...dirs].sort().map((dir) => {
    const pkg = JSON.parse(readFileSync(`${root}${dir}/package.json`, "utf8"));
    const file = readdirSync(`${root}${dir}`).find((name) => /^(licen[cs]e|copying|notice)/i.test(name));
    const text =
      file && existsSync(`${root}${dir}/${file}`) ? readFileSync(`${root}${dir}/${file}`, "utf8").trim() : "";
    const fallback =
      pkg.license === "Apache-2.0" ? "(No licence file in the package: the Apache License 2.0, above.)" : "";
    return `${pkg.name}@${pkg.version} (${pkg.license ?? "see its package"})\n${text || fallback}`;
  });
  const own = readFileSync(`${root}LICENSE`, "utf8").trim();
  return `mr-cli (Apache-2.0)\n${own}\n\n---\n\nmr-cli bundles the following packages; their licences follow.\n\n${sections.join("\n\n---\n\n")}\n`;
}
