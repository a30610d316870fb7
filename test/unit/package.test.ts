import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { VERSION } from "../../src/index.js";

const json = (file: string) => JSON.parse(readFileSync(new URL(`../../${file}`, import.meta.url), "utf8"));

describe("the package", () => {
  it("reports the version written in package.json", () => {
    expect(VERSION).toBe(json("package.json").version);
  });

  it("supports Node 22 and newer, and is typed against the oldest it supports", () => {
    const pkg = json("package.json");
    expect(pkg.engines).toEqual({ node: ">=22.3" });
    expect(pkg.devDependencies["@types/node"]).toMatch(/^\^22\./);
    // A lockfile that says otherwise is rewritten by the first npm install of a fresh clone.
    expect(json("package-lock.json").packages[""].engines).toEqual(pkg.engines);
  });

  it("decides every dependency install script the lockfile records, so npm warns of none", () => {
    const lock = json("package-lock.json") as { packages: Record<string, { hasInstallScript?: boolean }> };
    const withScripts = Object.entries(lock.packages)
      .filter(([, entry]) => entry.hasInstallScript)
      .map(([path]) => path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length));
    expect(withScripts.length).toBeGreaterThan(0);
    const decided = json("package.json").allowScripts as Record<string, boolean>;
    expect([...new Set(withScripts)].filter((name) => !(name in decided))).toEqual([]);
  });
});
