// checkBundle refuses, before any request, what importing would otherwise get wrong: a version name starting with @,
// an invalid alias or one naming a version not in the bundle, a version listed twice, a property of the wrong type.
import { describe, expect, it } from "vitest";
import { ConfigError, checkBundle, ModelRegistry } from "../../../../src/index.js";
import { fakeRegistry } from "../../../support/fake-registry.js";

const version = (name: string, customProperties: Record<string, unknown> = {}) => ({
  fields: { name },
  customProperties,
  sourceId: "1",
  artifact: { fields: { name: "mnist", uri: `s3://models/mnist/${name}/` }, customProperties: {} },
});

const bundle = (model: Record<string, unknown>) => ({
  format: "kubeflow-model-registry-bundle",
  formatVersion: 1,
  exportedAt: "2026-12-07T15:00:00.000Z",
  source: { url: "http://dev", apiUrl: "http://dev/api" },
  models: [
    { fields: { name: "mnist" }, customProperties: {}, aliases: {}, versions: [version("v1")], ...model },
  ],
});

describe("checkBundle", () => {
  it("accepts a well-formed bundle, with every metadata type", () => {
    const props = {
      i: { metadataType: "MetadataIntValue", int_value: "10" },
      d: { metadataType: "MetadataDoubleValue", double_value: 0.5 },
      s: { metadataType: "MetadataStringValue", string_value: "x" },
      b: { metadataType: "MetadataBoolValue", bool_value: true },
      j: { metadataType: "MetadataStructValue", struct_value: '{"a":1}' },
      p: { metadataType: "MetadataProtoValue", type: "t", proto_value: "AA==" },
    };
    expect(() =>
      checkBundle(bundle({ aliases: { champion: "v1" }, versions: [version("v1", props)] })),
    ).not.toThrow();
  });

  const refused: [string, Record<string, unknown>, RegExp][] = [
    [
      "a version name starting with @",
      { versions: [version("@v1")] },
      /models\[0\] \(model "mnist"\)\.versions\[0\] \(version "@v1"\): the version name starts with "@"/,
    ],
    [
      "the same version twice",
      { versions: [version("v1"), version("v1")] },
      /versions\[1\] \(version "v1"\) is listed twice/,
    ],
    [
      "an invalid alias",
      { aliases: { "bad name": "v1" } },
      /aliases\["bad name"\]: alias "bad name" is not valid/,
    ],
    [
      "the alias latest",
      { aliases: { latest: "v1" } },
      /aliases\["latest"\]: the alias "latest" cannot be set/,
    ],
    [
      "an alias naming a version not in the bundle",
      { aliases: { champion: "v9" } },
      /aliases\["champion"\] names version "v9", which is not among the model's versions in the bundle/,
    ],
    [
      "a string double_value",
      { versions: [version("v1", { acc: { metadataType: "MetadataDoubleValue", double_value: "0.9" } })] },
      /version "v1"\): custom property "acc" is a MetadataDoubleValue whose double_value is "0\.9"; it must be a number/,
    ],
    [
      "an int_value that is no integer",
      { versions: [version("v1", { n: { metadataType: "MetadataIntValue", int_value: "ten" } })] },
      /custom property "n": int\("ten"\)/,
    ],
    [
      "a struct that is no JSON object",
      { customProperties: { j: { metadataType: "MetadataStructValue", struct_value: "[1" } } },
      /model "mnist"\): custom property "j": struct_value is not the JSON text of an object/,
    ],
    [
      "an unknown metadata type",
      { customProperties: { x: { metadataType: "MetadataFooValue" } } },
      /custom property "x" has metadataType "MetadataFooValue"/,
    ],
  ];
  for (const [what, model, message] of refused)
    it(`refuses ${what}, naming where`, () => {
      expect(() => checkBundle(bundle(model))).toThrow(ConfigError);
      expect(() => checkBundle(bundle(model))).toThrow(message);
    });

  it("checks an artifact's properties too", () => {
    const v = version("v1");
    v.artifact.customProperties = { ok: { metadataType: "MetadataBoolValue", bool_value: "yes" } };
    expect(() => checkBundle(bundle({ versions: [v] }))).toThrow(
      /versions\[0\] \(version "v1"\)\.artifact: custom property "ok" is a MetadataBoolValue whose bool_value is "yes"/,
    );
  });

  it("makes importBundle refuse before any request (a bad property no longer fails after the model is created)", async () => {
    const fake = fakeRegistry();
    const mr = new ModelRegistry({
      url: "http://registry.test",
      fetch: fake.fetch,
      apiVersion: "v1alpha3",
      env: {},
      lineage: {},
    });
    const bad = bundle({
      versions: [version("v1", { acc: { metadataType: "MetadataDoubleValue", double_value: "0.9" } })],
    });
    await expect(mr.importBundle({ bundle: bad as never })).rejects.toBeInstanceOf(ConfigError);
    expect(fake.log).toEqual([]);
  });
});
