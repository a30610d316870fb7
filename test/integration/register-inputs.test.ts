// Every bad input to registerModel is refused before the first request, with a ConfigError naming the problem, so
// nothing is created. A counting proxy in front of the registry proves that nothing was sent.
import { createServer } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, int, type RegisterModelParams } from "../../src/index.js";
import { faultySetting } from "../support/faults.js";
import { tempDir, writeTree } from "../support/model-files.js";
import { uniqueName } from "../support/unique.js";

const circular: Record<string, unknown> = { a: 1 };
circular.self = circular;

const base = () => ({ name: uniqueName("bad"), version: "v1", uri: "s3://models/bad/v1/" });
const cases: [string, (p: RegisterModelParams) => RegisterModelParams, RegExp][] = [
  ["NaN metadata", (p) => ({ ...p, metadata: { loss: Number.NaN } }), /"loss".*NaN/],
  ["Infinity metadata", (p) => ({ ...p, metadata: { loss: Number.POSITIVE_INFINITY } }), /"loss".*Infinity/],
  ["a function", (p) => ({ ...p, metadata: { f: (() => 1) as never } }), /"f".*a function/],
  ["a Date", (p) => ({ ...p, metadata: { when: new Date() as never } }), /"when".*Date/],
  ["an empty key", (p) => ({ ...p, metadata: { "": "x" } }), /keys must be non-empty/],
  ["a circular object", (p) => ({ ...p, metadata: { c: circular as never } }), /contains itself/],
  ["a 256-character key", (p) => ({ ...p, metadata: { ["k".repeat(256)]: 1 } }), /at most 255/],
  ["a 256-character model name", (p) => ({ ...p, name: "m".repeat(256) }), /model name .* at most 255/],
  ["a 245-character version", (p) => ({ ...p, version: "v".repeat(245) }), /version name .* at most 244/],
  ["a 245-character artifact name", (p) => ({ ...p, artifactName: "a".repeat(245) }), /artifact name .* 244/],
  ["a name with leading spaces", (p) => ({ ...p, name: " mnist" }), /spaces/],
  ["a version with trailing spaces", (p) => ({ ...p, version: "v1 " }), /spaces/],
  ["a name with a newline", (p) => ({ ...p, name: "mn\nist" }), /control characters/],
  ["uri s3:// without a bucket", (p) => ({ ...p, uri: "s3://" }), /no host or bucket/],
  ["uri that is not a URI", (p) => ({ ...p, uri: "not a uri" }), /not a URI/],
  ["uri with a newline", (p) => ({ ...p, uri: "s3://models/a\nb" }), /control characters/],
  ["a 100,000-character uri", (p) => ({ ...p, uri: `s3://models/${"k".repeat(100_000)}` }), /at most 2048/],
  ["uri with an invalid bucket", (p) => ({ ...p, uri: "s3://UPPER_case/x" }), /invalid bucket name/],
  ["both artifact and uri", (p) => ({ ...p, path: "./model" }), /exactly one/],
  ["a negative waitTimeout", (p) => ({ ...p, waitTimeout: -1 }), /waitTimeout/],
  ["a NUL in a metadata value", (p) => ({ ...p, metadata: { x: "a\u0000b" } }), /metadata\.x contains a NUL/],
  ["a NUL in a metadata key", (p) => ({ ...p, metadata: { "a\u0000b": 1 } }), /contains a NUL/],
  ["a NUL in the description", (p) => ({ ...p, description: "\u0000" }), /description contains a NUL/],
  [
    "a NUL in the format",
    (p) => ({ ...p, modelFormat: { name: "onnx\u0000" } }),
    /modelFormat\.name contains a NUL/,
  ],
  ["a lone surrogate in the name", (p) => ({ ...p, name: "m-\ud800" }), /lone surrogate/],
  ["a C1 control character in the name", (p) => ({ ...p, name: "m\u0085n" }), /control characters/],
  [
    "a lone surrogate in the description",
    (p) => ({ ...p, description: "d-\udc00" }),
    /description is not valid Unicode/,
  ],
  [
    "a lone surrogate in the prefix",
    (p) => ({ ...p, uri: undefined, path: "./x", storage: { prefix: "p/\ud800" } }),
    /storage\.prefix is not valid/,
  ],
  [
    "a 249-character model name, whose artifact is named after it",
    (p) => ({ ...p, name: "m".repeat(249) }),
    /artifact name \(by default the model name; pass artifactName\) is 249/,
  ],
];

describe("registerModel refuses bad input before sending anything", () => {
  let setting: Awaited<ReturnType<typeof faultySetting>>;
  beforeAll(async () => {
    setting = await faultySetting({ seed: 11 });
  });
  afterAll(() => setting.close());

  it.each(cases)("%s: ConfigError, no request, nothing created", async (_label, change, message) => {
    const params = change(base());
    const before = setting.registry.requests.length;
    const failure = setting.mr.registerModel(params);
    await expect(failure).rejects.toBeInstanceOf(ConfigError);
    await expect(failure).rejects.toThrow(message);
    expect(setting.registry.requests.length).toBe(before);
    const found = setting.direct.mr.registeredModels.find({ name: params.name });
    if (params.name.trim() !== params.name || params.name.length > 255)
      await expect(found).resolves.toBeNull();
    else if (/[\ud800-\udfff]/.test(params.name)) await expect(found).rejects.toBeInstanceOf(ConfigError);
    else expect(await found).toBeNull();
  });

  it("refuses a folder holding a socket, an empty folder and a missing path as ConfigErrors, touching nothing", async () => {
    const empty = await tempDir();
    const withSocket = await tempDir();
    await writeTree(withSocket, { "model.bin": "x" });
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(join(withSocket, "agent.sock"), resolve));
    const before = setting.registry.requests.length + setting.storage.requests.length;
    const socket = setting.mr.registerModel({
      name: uniqueName("sock"),
      version: "v1",
      path: withSocket,
    });
    await expect(socket).rejects.toBeInstanceOf(ConfigError);
    await expect(socket).rejects.toThrow(/is a socket/);
    server.close();
    const failure = setting.mr.registerModel({ name: uniqueName("empty"), version: "v1", path: empty });
    await expect(failure).rejects.toBeInstanceOf(ConfigError);
    await expect(failure).rejects.toThrow(/contains no files/);
    const missing = setting.mr.registerModel({
      name: uniqueName("gone"),
      version: "v1",
      path: `${empty}/nope`,
    });
    await expect(missing).rejects.toBeInstanceOf(ConfigError);
    expect(setting.registry.requests.length + setting.storage.requests.length).toBe(before);
  });

  it("refuses a bucket name S3 would refuse before any request", async () => {
    const dir = await tempDir();
    await writeTree(dir, { "model.bin": "x" });
    const before = setting.storage.requests.length + setting.registry.requests.length;
    const failure = setting.mr.registerModel({
      name: uniqueName("bucket"),
      version: "v1",
      path: dir,
      storage: { bucket: "Bad_Bucket" },
    });
    await expect(failure).rejects.toBeInstanceOf(ConfigError);
    await expect(failure).rejects.toThrow(/invalid S3 bucket name "Bad_Bucket"/);
    expect(setting.storage.requests.length + setting.registry.requests.length).toBe(before);
  });

  it("registers a 249-character model name when the artifact gets a shorter name", async () => {
    const name = `${uniqueName("long")}-${"m".repeat(234)}`;
    const result = await setting.mr.registerModel({
      name,
      version: "v1",
      uri: "s3://models/long/v1/",
      artifactName: "model",
    });
    expect(result.registeredModel.name).toBe(name);
    expect(result.modelArtifact.name).toBe("model");
  });

  it("int() outside int32 is a ConfigError at the call site", () => {
    expect(() => int(2 ** 40)).toThrow(ConfigError);
    expect(() => int(2 ** 40)).toThrow(/int32/);
  });

  it("refuses an endpoint that is not a URL as a ConfigError", async () => {
    const dir = await tempDir();
    await writeTree(dir, { "model.bin": "x" });
    const failure = setting.mr.registerModel({
      name: uniqueName("endpoint"),
      version: "v1",
      path: dir,
      storage: { endpoint: "not-a-url" },
    });
    await expect(failure).rejects.toBeInstanceOf(ConfigError);
    await expect(failure).rejects.toThrow(/not an http:\/\/ or https:\/\/ URL/);
  });
});
