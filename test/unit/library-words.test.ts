// The library names settings; only the CLI names flags. No string or comment in src/ outside src/cli/ (generated
// code aside) may name mr-cli or one of its flags: a library user cannot pass `--bucket`. The CLI words a library
// error's settings as flags through src/cli/setting-flags.ts.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import { describeError } from "../../src/cli/exit-codes.js";
import { buildProgram } from "../../src/cli/program.js";
import { nameFlags, SETTING_FLAGS } from "../../src/cli/setting-flags.js";
import { createTlsFetch } from "../../src/client/tls.js";
import { checkRegistration } from "../../src/workflows/register/check-registration.js";

const SRC = fileURLToPath(new URL("../../src/", import.meta.url));
const OUTSIDE_LIBRARY = ["cli", join("client", "generated")];

/** Places that must name the CLI, each with the reason. None today. */
const ALLOWED: { file: string; text: string; why: string }[] = [];

function librarySources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (OUTSIDE_LIBRARY.includes(relative(SRC, path))) return [];
    if (entry.isDirectory()) return librarySources(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** Every long option commander declares, on every command. */
function declaredFlags(command: Command): string[] {
  return [
    ...command.options.flatMap((option) => (option.long ? [option.long] : [])),
    ...command.commands.flatMap(declaredFlags),
  ];
}

const io = { stdout: { write: () => true }, stderr: { write: () => true }, env: {} };
const flags = new Set([...declaredFlags(buildProgram(io).program), "--help", "--version"]);

/** The mr-cli names and flags in `text` (code cannot hold `--name` or `mr-cli` outside a string or comment). */
function cliWords(text: string): string[] {
  const found = [...text.matchAll(/(?<![\w-])(--[a-z][a-z0-9-]*|mr-cli)(?![\w-])/g)].map(
    (m) => m[1] as string,
  );
  return found.filter((word) => word === "mr-cli" || flags.has(word));
}

describe("the library's words", () => {
  it("no string or comment outside src/cli/ names mr-cli or one of its flags", () => {
    const named = librarySources(SRC).flatMap((file) => {
      const path = relative(SRC, file);
      const allowed = ALLOWED.filter((entry) => entry.file === path).map((entry) => entry.text);
      return cliWords(readFileSync(file, "utf8"))
        .filter((word) => !allowed.includes(word))
        .map((word) => `${path}: ${word}`);
    });
    expect(named).toEqual([]);
  });

  it("the check sees flags and the CLI's name, and not CSS variables or Deno's flags", () => {
    expect(cliWords('"give one with --bucket" // mr-cli --dry-run')).toEqual([
      "--bucket",
      "mr-cli",
      "--dry-run",
    ]);
    expect(cliWords("var(--jp-border-color2) run deno with --allow-env; i--")).toEqual([]);
  });

  it("every flag of the settings table is an option mr-cli declares", () => {
    expect(Object.values(SETTING_FLAGS).filter(({ flag }) => !flags.has(flag))).toEqual([]);
  });
});

describe("mr-cli's words for a library error's settings", () => {
  it("names each setting of the fix as its flag, with the flag's word for a value", () => {
    expect(
      nameFlags("give one with storage.bucket, or set AWS_S3_BUCKET", [{ setting: "storage.bucket" }]),
    ).toBe("give one with --bucket, or set AWS_S3_BUCKET");
    expect(nameFlags('use API v1 (apiVersion "v1")', [{ setting: "apiVersion" }])).toBe(
      "use API v1 (--api-version v1)",
    );
    expect(nameFlags("(storage.forcePathStyle true)", [{ setting: "storage.forcePathStyle" }])).toBe(
      "(--addressing-style path)",
    );
    expect(nameFlags("pass createEnvironment true to create it", [{ setting: "createEnvironment" }])).toBe(
      "pass --create-env to create it",
    );
  });

  it("leaves settings without a flag, and settings not in the fix, as they are", () => {
    const text = "pass storage.credentials, or storage.bucket";
    expect(nameFlags(text, [{ setting: "storage.credentials" }])).toBe(text);
    expect(nameFlags("the oci.plainHttp option", [{ setting: "plainHttp" }])).toBe(
      "the oci.plainHttp option",
    );
  });
});

describe("a library error as mr-cli prints it", () => {
  it("names the setting the library names as mr-cli's flag", () => {
    const error = (() => {
      try {
        checkRegistration({ name: "m".repeat(249), version: "v1", uri: "s3://models/m/" });
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toMatchObject({ fix: [{ setting: "artifactName" }] });
    expect((error as Error).message).toContain("(by default the model name; pass artifactName)");
    expect(describeError(error, false)).toContain("(by default the model name; pass --artifact-name)");
  });

  it("names to, storageKey and storagePath as --to, --storage-key and --storage-path", () => {
    const refused = (params: object) => {
      try {
        checkRegistration({ name: "m", version: "v1", path: "./model", ...params } as never);
      } catch (thrown) {
        return thrown;
      }
      throw new Error("not refused");
    };
    const to = refused({ to: "s3://models/x" });
    expect((to as Error).message).toContain("(S3 is the default: leave out to)");
    expect(describeError(to, false)).toContain("(S3 is the default: leave out --to)");
    const key = refused({ to: "oci://127.0.0.1:5000/m", storageKey: "conn" });
    expect(describeError(key, false)).toContain(
      "--storage-key and --storage-path name an S3 data connection; an image pushed with --to is served",
    );
  });

  it("names the CA file's setting, the registry's or the OCI registry's, as its flag", async () => {
    const unreadable = async (caSetting?: string) =>
      createTlsFetch({ caFile: "/no/such/ca.pem", caSetting }).catch((thrown: unknown) => thrown);
    const registry = await unreadable();
    expect(registry).toMatchObject({ fix: [{ setting: "caFile", value: "/no/such/ca.pem" }] });
    expect(describeError(registry, false)).toContain("check the path given as --ca-file");
    expect(describeError(await unreadable("oci.caFile"), false)).toContain(
      "check the path given as --oci-ca-file",
    );
  });

  it("words oci.credentials, which has no flag, as the auth file mr-cli reads", () => {
    const text =
      "no credentials were found: log in with docker login or podman login, or give oci.credentials";
    expect(nameFlags(text, [{ setting: "oci.credentials" }])).toBe(
      "no credentials were found: log in with docker login or podman login, or give an auth file named by REGISTRY_AUTH_FILE",
    );
  });
});
