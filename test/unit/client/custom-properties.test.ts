import { describe, expect, it } from "vitest";
import type { JsonObject } from "../../../src/client/custom-properties.js";
import {
  customPropertyTypes,
  decodeCustomProperties,
  decodeCustomProperty,
  double,
  encodeCustomProperties,
  encodeCustomProperty,
  int,
  TypedNumber,
} from "../../../src/client/custom-properties.js";
import type { MetadataValue } from "../../../src/client/types.js";
import { ConfigError } from "../../../src/errors.js";

/** What the server gives back for a struct we wrote: plain JSON text, not base64. */
function serverRead(written: MetadataValue): MetadataValue {
  if (written.metadataType !== "MetadataStructValue") return written;
  const json = new TextDecoder().decode(Uint8Array.from(atob(written.struct_value), (c) => c.charCodeAt(0)));
  return { metadataType: "MetadataStructValue", struct_value: json } satisfies MetadataValue;
}

function base64Utf8(text: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)));
}

describe("encoding numbers", () => {
  it("sends the largest int32 as a MetadataIntValue string", () => {
    expect(encodeCustomProperty("n", 2147483647)).toEqual({
      metadataType: "MetadataIntValue",
      int_value: "2147483647",
    } satisfies MetadataValue);
  });

  it("sends the smallest int32 as a MetadataIntValue string", () => {
    expect(encodeCustomProperty("n", -2147483648)).toEqual({
      metadataType: "MetadataIntValue",
      int_value: "-2147483648",
    } satisfies MetadataValue);
  });

  it("sends an integer just beyond int32 as a double, as Python does", () => {
    expect(encodeCustomProperty("n", 2147483648)).toEqual({
      metadataType: "MetadataDoubleValue",
      double_value: 2147483648,
    } satisfies MetadataValue);
    expect(encodeCustomProperty("n", -2147483649)).toEqual({
      metadataType: "MetadataDoubleValue",
      double_value: -2147483649,
    } satisfies MetadataValue);
  });

  it("sends a fraction as a double", () => {
    expect(encodeCustomProperty("lr", 1.5)).toEqual({
      metadataType: "MetadataDoubleValue",
      double_value: 1.5,
    } satisfies MetadataValue);
  });

  it("sends negative zero as int 0", () => {
    expect(encodeCustomProperty("z", -0)).toEqual({ metadataType: "MetadataIntValue", int_value: "0" });
  });

  it("refuses NaN and infinities with a ConfigError naming the key", () => {
    expect(() => encodeCustomProperty("loss", Number.NaN)).toThrow(ConfigError);
    expect(() => encodeCustomProperty("loss", Number.NaN)).toThrow(/"loss".*NaN/);
    expect(() => encodeCustomProperty("loss", Number.POSITIVE_INFINITY)).toThrow(/"loss".*Infinity/);
    expect(() => encodeCustomProperty("loss", Number.NEGATIVE_INFINITY)).toThrow(ConfigError);
  });

  it("sends a bigint within int32 as an int", () => {
    expect(encodeCustomProperty("big", 42n)).toEqual({ metadataType: "MetadataIntValue", int_value: "42" });
    expect(encodeCustomProperty("big", -2147483648n)).toEqual({
      metadataType: "MetadataIntValue",
      int_value: "-2147483648",
    });
  });

  it("refuses a bigint beyond int32 with a ConfigError naming the key and range", () => {
    expect(() => encodeCustomProperty("big", 2147483648n)).toThrow(ConfigError);
    expect(() => encodeCustomProperty("big", 2147483648n)).toThrow(
      /"big".*2147483648n.*-2147483648\.\.2147483647/,
    );
  });
});

describe("int() and double()", () => {
  it("int() forces MetadataIntValue", () => {
    expect(encodeCustomProperty("epochs", int(10))).toEqual({
      metadataType: "MetadataIntValue",
      int_value: "10",
    } satisfies MetadataValue);
  });

  it("int() accepts a bigint and a decimal string", () => {
    expect(int(7n)).toEqual(new TypedNumber("int", 7));
    expect(int("-42").value).toBe(-42);
    expect(encodeCustomProperty("n", int("2147483647"))).toEqual({
      metadataType: "MetadataIntValue",
      int_value: "2147483647",
    });
  });

  it("int() outside int32 throws a ConfigError naming the value and the range, before anything is sent", () => {
    expect(() => int(2147483648)).toThrow(ConfigError);
    expect(() => int(2147483648)).toThrow(/2147483648.*-2147483648\.\.2147483647/);
    expect(() => int(-2147483649n)).toThrow(/-2147483649.*int32/);
    expect(() => int("99999999999")).toThrow(/99999999999.*int32/);
  });

  it("int() refuses fractions, NaN and strings that are not decimal integers", () => {
    expect(() => int(1.5)).toThrow(ConfigError);
    expect(() => int(Number.NaN)).toThrow(ConfigError);
    expect(() => int("1e3")).toThrow(/"1e3".*decimal integer/);
    expect(() => int("")).toThrow(ConfigError);
    expect(() => int(" 5")).toThrow(ConfigError);
  });

  it("double() forces MetadataDoubleValue even for a whole number", () => {
    expect(encodeCustomProperty("score", double(3))).toEqual({
      metadataType: "MetadataDoubleValue",
      double_value: 3,
    } satisfies MetadataValue);
  });

  it("double() refuses NaN and infinities", () => {
    expect(() => double(Number.NaN)).toThrow(ConfigError);
    expect(() => double(Number.POSITIVE_INFINITY)).toThrow(/Infinity.*finite/);
  });

  it("a TypedNumber records its kind and value", () => {
    const n = int(-0);
    expect(n).toBeInstanceOf(TypedNumber);
    expect(n.kind).toBe("int");
    expect(Object.is(n.value, 0)).toBe(true);
    expect(double(2.5)).toMatchObject({ kind: "double", value: 2.5 });
  });
});

describe("encoding booleans, strings and structs", () => {
  it("sends booleans as MetadataBoolValue", () => {
    expect(encodeCustomProperty("ok", true)).toEqual({
      metadataType: "MetadataBoolValue",
      bool_value: true,
    } satisfies MetadataValue);
    expect(encodeCustomProperty("ok", false)).toEqual({
      metadataType: "MetadataBoolValue",
      bool_value: false,
    });
  });

  it("sends strings as MetadataStringValue, unicode and empty strings included", () => {
    expect(encodeCustomProperty("s", "naïve ✓ 日本語 🚀")).toEqual({
      metadataType: "MetadataStringValue",
      string_value: "naïve ✓ 日本語 🚀",
    } satisfies MetadataValue);
    expect(encodeCustomProperty("s", "")).toEqual({ metadataType: "MetadataStringValue", string_value: "" });
  });

  it("does not turn numeric-looking strings into numbers", () => {
    expect(encodeCustomProperty("v", "10")).toEqual({
      metadataType: "MetadataStringValue",
      string_value: "10",
    });
  });

  it("sends a plain object as base64 of its UTF-8 JSON", () => {
    expect(encodeCustomProperty("meta", { language: ["en"] })).toEqual({
      metadataType: "MetadataStructValue",
      struct_value: btoa('{"language":["en"]}'),
    } satisfies MetadataValue);
  });

  it("encodes unicode in a struct as UTF-8 before base64", () => {
    const wire = encodeCustomProperty("meta", { note: "naïve ✓" });
    expect(wire).toEqual({
      metadataType: "MetadataStructValue",
      struct_value: base64Utf8('{"note":"naïve ✓"}'),
    });
  });

  it("accepts an object with a null prototype as a struct", () => {
    const obj = Object.assign(Object.create(null) as Record<string, string>, { a: "b" });
    expect(encodeCustomProperty("o", obj)).toEqual({
      metadataType: "MetadataStructValue",
      struct_value: btoa('{"a":"b"}'),
    });
  });
});

describe("struct round trips", () => {
  const nested: JsonObject = {
    note: "naïve ✓",
    layers: [{ units: 64, activation: "relu" }, { units: 10 }],
    opts: { dropout: 0.5, bias: true, seed: null, deep: { deeper: { deepest: "🚀" } } },
  };

  it("survives the server's plain-JSON read form", () => {
    const read = serverRead(encodeCustomProperty("cfg", nested));
    expect(read).toMatchObject({ metadataType: "MetadataStructValue", struct_value: JSON.stringify(nested) });
    expect(decodeCustomProperty(read)).toEqual(nested);
  });

  it("survives a server that echoes the base64 form", () => {
    expect(decodeCustomProperty(encodeCustomProperty("cfg", nested))).toEqual(nested);
  });

  it("decodes the server's documented example", () => {
    const wire = {
      metadataType: "MetadataStructValue",
      struct_value: '{"language":["en"]}',
    } satisfies MetadataValue;
    expect(decodeCustomProperty(wire)).toEqual({ language: ["en"] });
  });

  it("never gives a JSON scalar for a struct: text that parses to a non-object stays the raw string", () => {
    // "1234" is both a JSON number and valid base64 (of bytes that are not UTF-8 JSON).
    const wire = { metadataType: "MetadataStructValue", struct_value: "1234" } satisfies MetadataValue;
    expect(decodeCustomProperty(wire)).toBe("1234");
    const b64 = {
      metadataType: "MetadataStructValue",
      struct_value: base64Utf8('{"x":1}'),
    } satisfies MetadataValue;
    expect(decodeCustomProperty(b64)).toEqual({ x: 1 });
  });

  it("returns the raw string when a struct is neither JSON nor base64 JSON", () => {
    const wire = { metadataType: "MetadataStructValue", struct_value: "not json!" } satisfies MetadataValue;
    expect(decodeCustomProperty(wire)).toBe("not json!");
  });
});

describe("encoding errors", () => {
  it("refuses an array, naming the key and suggesting an object or a string", () => {
    expect(() => encodeCustomProperty("tags", ["a", "b"] as never)).toThrow(ConfigError);
    expect(() => encodeCustomProperty("tags", ["a", "b"] as never)).toThrow(
      /"tags": got an array.*wrap the array in an object.*convert it to a string/,
    );
  });

  it("refuses a Date, Map, class instance and function, saying what was given", () => {
    class Config {
      a = 1;
    }
    expect(() => encodeCustomProperty("when", new Date() as never)).toThrow(/"when": got a Date/);
    expect(() => encodeCustomProperty("m", new Map() as never)).toThrow(/"m": got a Map/);
    expect(() => encodeCustomProperty("c", new Config() as never)).toThrow(/"c": got a Config/);
    expect(() => encodeCustomProperty("f", (() => 1) as never)).toThrow(/"f": got a function/);
    expect(() => encodeCustomProperty("y", Symbol("s") as never)).toThrow(/"y": got a symbol/);
  });

  it("refuses an empty key", () => {
    expect(() => encodeCustomProperty("", "x")).toThrow(ConfigError);
    expect(() => encodeCustomProperties({ "": 1 })).toThrow(/non-empty/);
  });

  it("refuses values inside a struct that JSON would mangle, naming the path", () => {
    expect(() => encodeCustomProperty("cfg", { a: { lr: Number.NaN } })).toThrow(/"cfg".*NaN at a\.lr/);
    expect(() => encodeCustomProperty("cfg", { when: new Date() as never })).toThrow(/"cfg": a Date at when/);
    expect(() => encodeCustomProperty("cfg", { xs: [1, 2n as never] })).toThrow(/a bigint at xs\[1\]/);
  });

  it("refuses a struct that contains itself", () => {
    const loop: Record<string, never> = {};
    (loop as Record<string, unknown>).self = loop;
    expect(() => encodeCustomProperty("cfg", loop)).toThrow(/"cfg".*contains itself/);
  });

  it("names the failing key when encoding a whole map", () => {
    expect(() => encodeCustomProperties({ ok: 1, bad: Number.NaN })).toThrow(/"bad"/);
  });
});

describe("encodeCustomProperties", () => {
  it("encodes each entry and skips null and undefined", () => {
    expect(
      encodeCustomProperties({ framework: "pytorch", epochs: 10, gone: null, unset: undefined }),
    ).toEqual({
      framework: { metadataType: "MetadataStringValue", string_value: "pytorch" },
      epochs: { metadataType: "MetadataIntValue", int_value: "10" },
    } satisfies Record<string, MetadataValue>);
  });

  it("gives {} for undefined", () => {
    expect(encodeCustomProperties(undefined)).toEqual({});
  });

  it("keeps a __proto__ key as an ordinary property", () => {
    const input = JSON.parse('{"__proto__":"x"}') as Record<string, string>;
    const out = encodeCustomProperties(input);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(["__proto__"]);
  });
});

describe("decoding", () => {
  it("decodes every scalar type to a plain JS value", () => {
    const wire = {
      epochs: { metadataType: "MetadataIntValue", int_value: "10" },
      neg: { metadataType: "MetadataIntValue", int_value: "-2147483648" },
      lr: { metadataType: "MetadataDoubleValue", double_value: 0.001 },
      whole: { metadataType: "MetadataDoubleValue", double_value: 3 },
      ok: { metadataType: "MetadataBoolValue", bool_value: false },
      framework: { metadataType: "MetadataStringValue", string_value: "naïve ✓" },
    } satisfies Record<string, MetadataValue>;
    expect(decodeCustomProperties(wire)).toEqual({
      epochs: 10,
      neg: -2147483648,
      lr: 0.001,
      whole: 3,
      ok: false,
      framework: "naïve ✓",
    });
  });

  it("gives {} for undefined", () => {
    expect(decodeCustomProperties(undefined)).toEqual({});
  });

  it("decodes a proto value to { type, proto_value }", () => {
    const wire = {
      metadataType: "MetadataProtoValue",
      type: "t.Msg",
      proto_value: "AAE=",
    } satisfies MetadataValue;
    expect(decodeCustomProperty(wire)).toEqual({ type: "t.Msg", proto_value: "AAE=" });
  });

  it("refuses an unknown metadataType, naming the key", () => {
    const wire = { x: { metadataType: "MetadataFooValue" } as unknown as MetadataValue };
    expect(() => decodeCustomProperties(wire)).toThrow(TypeError);
    expect(() => decodeCustomProperties(wire)).toThrow(/"x".*MetadataFooValue/);
  });

  it("round-trips every kind through encode, the server's read form and decode", () => {
    const input = { s: "x", i: 5, d: 2.5, big: 2147483648, b: true, o: { a: [1, "two", null] } };
    const read = Object.fromEntries(
      Object.entries(encodeCustomProperties(input)).map(([k, v]) => [k, serverRead(v)]),
    );
    expect(decodeCustomProperties(read)).toEqual(input);
  });
});

describe("customPropertyTypes", () => {
  it("reports the wire type of each property", () => {
    const wire = encodeCustomProperties({
      epochs: 10,
      lr: 0.1,
      score: double(1),
      name: "m",
      ok: true,
      cfg: {},
    });
    expect(customPropertyTypes(wire)).toEqual({
      epochs: "MetadataIntValue",
      lr: "MetadataDoubleValue",
      score: "MetadataDoubleValue",
      name: "MetadataStringValue",
      ok: "MetadataBoolValue",
      cfg: "MetadataStructValue",
    });
  });

  it("gives {} for undefined", () => {
    expect(customPropertyTypes(undefined)).toEqual({});
  });
});
