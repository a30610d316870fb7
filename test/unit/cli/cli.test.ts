import { describe, expect, it } from "vitest";
import { describeError, EXIT, exitCodeFor } from "../../../src/cli/exit-codes.js";
import { renderTable } from "../../../src/cli/output.js";
import { keyValues, parseValue } from "../../../src/cli/parse-values.js";
import { run } from "../../../src/cli/run.js";
import {
  ApiError,
  BadRequestError,
  ConfigError,
  ConnectionError,
  NotFoundError,
  ServerError,
  TokenError,
  UploadError,
  UploadInProgressError,
  VersionConflictError,
} from "../../../src/errors.js";
import { VERSION } from "../../../src/version.js";
import { fakeIo } from "../../support/fake-io.js";

describe("mr-cli parsing", () => {
  it("prints the version and exits 0", async () => {
    const io = fakeIo();
    expect(await run(["--version"], io)).toBe(0);
    expect(io.out.join("")).toBe(`${VERSION}\n`);
  });

  it("exits 2 with one line for an unknown flag, a missing argument and a missing option, before any request", async () => {
    const cases: [string[], RegExp][] = [
      [["list", "models", "--nope"], /^mr-cli: unknown option '--nope'\n$/],
      [["get", "version", "mnist"], /^mr-cli: missing required argument 'version'\n$/],
      [["register", "./m", "--name", "x"], /^mr-cli: required option '--version <version>' not specified\n$/],
      [["list", "models", "-o", "xml"], /^mr-cli: option '-o, --output <format>' argument 'xml' is invalid/],
      [["list", "models", "--limit", "0"], /^mr-cli: option '--limit <n>' argument '0' is invalid/],
    ];
    for (const [args, message] of cases) {
      const io = fakeIo({ MODEL_REGISTRY_URL: "http://registry.invalid" });
      expect(await run(args, io)).toBe(EXIT.usage);
      expect(io.err.join("")).toMatch(message);
    }
  });

  it("says what is missing when no registry URL is configured", async () => {
    const io = fakeIo({ MR_CLI_CONFIG: "/nonexistent/mr-cli.yaml" });
    expect(await run(["list", "models"], io)).toBe(EXIT.usage);
    expect(io.err.join("")).toMatch(/MODEL_REGISTRY_URL is not set/);
  });
});

describe("mr-cli exit codes", () => {
  const api = { status: 404, code: "Not Found", serverMessage: "", method: "GET", url: "http://r" };
  it("maps each kind of failure to its documented code", () => {
    expect(exitCodeFor(new NotFoundError(api))).toBe(3);
    expect(exitCodeFor(new VersionConflictError("x", "a", "b"))).toBe(4);
    expect(exitCodeFor(new TokenError("token file missing"))).toBe(5);
    expect(exitCodeFor(new ConfigError("bad"))).toBe(2);
    expect(exitCodeFor(new ConnectionError("down"))).toBe(6);
    expect(exitCodeFor(new UploadError("refused", { unreachable: true }))).toBe(6);
    expect(exitCodeFor(new UploadError("bad digest"))).toBe(7);
    expect(exitCodeFor(new TypeError("bug"))).toBe(1);
  });

  it("describes a failure in one line unless verbose", () => {
    const error = new ConnectionError("cannot reach\nthe server", { cause: new Error("ECONNREFUSED") });
    expect(describeError(error, false)).toBe("mr-cli: cannot reach the server");
    expect(describeError(error, true)).toContain("caused by Error: ECONNREFUSED");
    expect(describeError(new TypeError("x is undefined"), false)).toBe(
      "mr-cli: unexpected error: x is undefined",
    );
  });
});

describe("mr-cli values and output", () => {
  it("types metadata values: integers, decimals, booleans, JSON objects, else text", () => {
    expect(
      keyValues(["epochs=10", "acc=0.98", "ok=true", 'cfg={"a":1}', "name=v1.2.3", "empty=", "eq=a=b"]),
    ).toEqual({
      epochs: 10,
      acc: 0.98,
      ok: true,
      cfg: { a: 1 },
      name: "v1.2.3",
      empty: "",
      eq: "a=b",
    });
    for (const asTyped of ["1.10", "2.0", "007", "12345678901234567890", "1e3"])
      expect(parseValue(asTyped)).toBe(asTyped);
    expect(parseValue("-3")).toBe(-3);
    expect(() => keyValues(["novalue"])).toThrow(/expected key=value/);
  });

  it("aligns table columns", () => {
    const text = renderTable(
      [
        { id: "1", name: "mnist" },
        { id: "10", name: "b" },
      ],
      [
        { header: "ID", value: (r) => r.id },
        { header: "NAME", value: (r) => r.name },
      ],
    );
    expect(text).toBe("ID  NAME\n1   mnist\n10  b");
  });
});

describe("mr-cli: the remaining exit codes, and output flags anywhere on the line", () => {
  const api = (status: number) => ({ status, code: "x", serverMessage: "", method: "GET", url: "http://r" });

  it("maps a rejected filter to 2, an unavailable or failing server to 6, refused storage credentials to 5, a busy upload to 4", () => {
    expect(exitCodeFor(new BadRequestError(api(400)))).toBe(2);
    expect(exitCodeFor(new ServerError(api(503)))).toBe(6);
    expect(exitCodeFor(new ServerError(api(500)))).toBe(6);
    expect(exitCodeFor(new UploadError("AccessDenied", { denied: true }))).toBe(5);
    expect(exitCodeFor(new UploadInProgressError("busy"))).toBe(4);
    expect(exitCodeFor(new ApiError(api(404)))).toBe(2);
  });

  it("honours --no-color and -o given after the command as well as before it", async () => {
    const io = fakeIo({ MR_CLI_CONFIG: "/nonexistent/mr-cli.yaml" });
    io.stdout.isTTY = true;
    const { buildProgram } = await import("../../../src/cli/program.js");
    for (const args of [
      ["list", "models", "--no-color", "-o", "yaml"],
      ["--no-color", "-o", "yaml", "list", "models"],
    ]) {
      const { program, ctx } = buildProgram(io);
      program.commands
        .find((c) => c.name() === "list")
        ?.commands.find((c) => c.name() === "models")
        ?.action(() => {});
      await program.parseAsync(args, { from: "user" });
      expect(ctx.color()).toBe(false);
      expect(ctx.format()).toBe("yaml");
    }
  });
});
