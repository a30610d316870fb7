// Bundles mr-cli and everything it imports (the AWS SDK included) into one file with esbuild, from the compiled
// dist/ (run after tsc): dist/mr-cli.mjs (ESM, what the Python package ships and `bin` may use) and dist/mr-cli.cjs
// (CommonJS, what Node's single-executable support embeds). Parts the CLI loads on use (S3, YAML) stay lazy: esbuild
// wraps each in an initialiser that runs on first import, so they are parsed but not run at start-up.
// Third-party licence comments go to dist/mr-cli.LEGAL.txt.
//
//   node scripts/bundle.mjs
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const common = {
  entryPoints: [`${root}dist/cli/main.js`],
  bundle: true,
  platform: "node",
  target: "node22",
  legalComments: "external",
  logLevel: "warning",
  // Identifiers are kept, so that `--verbose` stack traces name real functions.
  minifyWhitespace: true,
  minifySyntax: true,
};

// CommonJS dependencies call require(); an ESM bundle gets one from createRequire.
const { metafile } = await build({
  ...common,
  metafile: true,
  format: "esm",
  outfile: `${root}dist/mr-cli.mjs`,
  banner: {
    js: 'import { createRequire as __mrCreateRequire } from "node:module"; const require = __mrCreateRequire(import.meta.url);',
  },
});
rmSync(`${root}dist/mr-cli.mjs.LEGAL.txt`, { force: true });
writeFileSync(`${root}dist/mr-cli.LICENSES.txt`, licences(Object.keys(metafile.inputs)));
await build({ ...common, format: "cjs", outfile: `${root}dist/mr-cli.cjs`, legalComments: "none" });
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
