import { describe, expect, it } from "vitest";
import { Filter, type FilterValue, filter, toFilterQuery } from "../../../src/client/filter.js";

describe("filter comparisons", () => {
  it("eq writes a string value double-quoted", () => {
    expect(String(filter.eq("name", "mnist"))).toBe('name = "mnist"');
  });

  it("ne writes != and never <>, which the server treats as =", () => {
    expect(filter.ne("state", "ARCHIVED").text).toBe('state != "ARCHIVED"');
  });

  it("gt, gte, lt and lte write the comparison operators", () => {
    expect(filter.gt("accuracy", 0.95).text).toBe("accuracy > 0.95");
    expect(filter.gte("epochs", 10).text).toBe("epochs >= 10");
    expect(filter.lt("loss", -0.5).text).toBe("loss < -0.5");
    expect(filter.lte("startTimeSinceEpoch", "1712000000000").text).toBe(
      'startTimeSinceEpoch <= "1712000000000"',
    );
  });

  it("like and ilike write uppercase LIKE and ILIKE", () => {
    expect(filter.like("uri", "s3://%").text).toBe('uri LIKE "s3://%"');
    expect(filter.ilike("name", "%bert%").text).toBe('name ILIKE "%bert%"');
  });

  it("booleans are written true and false", () => {
    expect(filter.eq("validated", true).text).toBe("validated = true");
    expect(filter.ne("validated", false).text).toBe("validated != false");
  });

  it("toString and String() both give the text", () => {
    const f = filter.eq("owner", "alice");
    expect(f).toBeInstanceOf(Filter);
    expect(f.toString()).toBe(f.text);
    expect(`${f}`).toBe('owner = "alice"');
  });
});

describe("filter property references", () => {
  it("writes dotted plain names bare", () => {
    expect(filter.eq("mlflow.source.type", "notebook").text).toBe('mlflow.source.type = "notebook"');
  });

  it("puts other names in backticks", () => {
    expect(filter.ne("my-prop", "x").text).toBe('`my-prop` != "x"');
    expect(filter.eq("2nd", 1).text).toBe("`2nd` = 1");
    expect(filter.eq("a..b", 1).text).toBe("`a..b` = 1");
  });

  it("escapes a backslash inside backticks", () => {
    expect(filter.eq("a\\b", 1).text).toBe("`a\\\\b` = 1");
  });

  it("appends the value-column suffix for each `as` type", () => {
    expect(filter.eq("framework", "pytorch", { as: "string" }).text).toBe(
      'framework.string_value = "pytorch"',
    );
    expect(filter.gt("epochs", 3, { as: "int" }).text).toBe("epochs.int_value > 3");
    expect(filter.gt("accuracy", 1, { as: "double" }).text).toBe("accuracy.double_value > 1");
    expect(filter.eq("validated", true, { as: "bool" }).text).toBe("validated.bool_value = true");
    expect(filter.eq("mlflow.run.id", "r1", { as: "string" }).text).toBe('mlflow.run.id.string_value = "r1"');
  });

  it("rejects an empty name", () => {
    expect(() => filter.eq("", "x")).toThrow(RangeError);
  });

  it("rejects a name containing a backtick", () => {
    expect(() => filter.eq("a`b", "x")).toThrow(/backtick/);
  });

  it("rejects `as` on a name that needs backticks, since the grammar allows a suffix only on plain names", () => {
    expect(() => filter.eq("my-prop", "x", { as: "string" })).toThrow(/only on plain names/);
  });

  it("rejects a dotted name ending in a type suffix, which the server would read as the suffix", () => {
    expect(() => filter.gt("accuracy.double_value", 0.9)).toThrow(/\{ as \}/);
  });

  it("rejects an unknown `as` type from untyped callers", () => {
    expect(() => filter.eq("x", 1, { as: "float" as never })).toThrow(RangeError);
  });

  it("rejects a name containing a control character", () => {
    expect(() => filter.eq("a\u0000b", 1)).toThrow(RangeError);
  });
});

describe("filter string values", () => {
  it("escapes backslashes and double quotes with a backslash", () => {
    expect(filter.eq("path", 'C:\\models\\"best"\\v1').text).toBe(
      'path = "C:\\\\models\\\\\\"best\\"\\\\v1"',
    );
  });

  it("leaves single quotes inside a value as they are", () => {
    expect(filter.eq("owner", "o'brien").text).toBe('owner = "o\'brien"');
  });

  it("keeps tabs, line breaks and non-ASCII text", () => {
    expect(filter.eq("description", "a\tb\r\nçé 模型").text).toBe('description = "a\tb\r\nçé 模型"');
  });

  it("writes the empty string", () => {
    expect(filter.eq("description", "").text).toBe('description = ""');
  });

  it.each(['"quoted"', "'single", 'trailing"', "trailing'"])(
    "rejects %s, as the server strips quote characters from both ends, suggesting LIKE",
    (value) => {
      expect(() => filter.eq("title", value)).toThrow(/strips.*like with a %/s);
    },
  );

  it("applies the quote rule to LIKE patterns too", () => {
    expect(() => filter.like("title", '%"')).toThrow(RangeError);
    expect(filter.like("title", '%"quoted"%').text).toBe('title LIKE "%\\"quoted\\"%"');
  });

  it.each(["\u0000", "a\u0001b", "\u007f", "\u0085", "\ud800", "x\udc00"])(
    "rejects control characters and unpaired surrogates (%j)",
    (value) => {
      expect(() => filter.eq("description", value)).toThrow(/control character/);
    },
  );

  it("rejects a non-literal value from untyped callers", () => {
    expect(() => filter.eq("x", null as unknown as FilterValue)).toThrow(TypeError);
  });
});

describe("filter numbers", () => {
  it("writes integers as plain digits and fractions in decimal notation", () => {
    expect(filter.gt("createTimeSinceEpoch", 1712000000000).text).toBe(
      "createTimeSinceEpoch > 1712000000000",
    );
    expect(filter.eq("x", -0).text).toBe("x = 0");
    expect(filter.eq("x", 1.0).text).toBe("x = 1");
    expect(filter.eq("x", 0.1 + 0.2).text).toBe("x = 0.30000000000000004");
  });

  it("expands small magnitudes instead of writing exponents", () => {
    expect(filter.eq("x", 1e-7).text).toBe("x = 0.0000001");
    expect(filter.lt("x", -1.5e-10).text).toBe("x < -0.00000000015");
    expect(filter.gt("x", 1.2345e-8).text).toBe("x > 0.000000012345");
    expect(filter.gt("x", Number.MIN_VALUE).text).toBe(`x > 0.${"0".repeat(323)}5`);
  });

  it("writes large integers within the 64-bit range in full", () => {
    expect(filter.lt("x", 2 ** 62).text).toBe("x < 4611686018427387904");
    expect(filter.gte("x", -(2 ** 63)).text).toBe("x >= -9223372036854775808");
  });

  it("rejects integers outside the 64-bit range the server parses", () => {
    expect(() => filter.gt("x", 2 ** 63)).toThrow(/64-bit/);
    expect(() => filter.gt("x", 1e21)).toThrow(RangeError);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])("rejects %s", (value) => {
    expect(() => filter.eq("x", value)).toThrow(/finite/);
  });
});

describe("filter.in", () => {
  it("writes a parenthesised list mixing types", () => {
    expect(filter.in("tag", ["a", 1, 2.5, true, 1e-7]).text).toBe('tag IN ("a", 1, 2.5, true, 0.0000001)');
  });

  it("writes an empty list, which matches nothing", () => {
    expect(filter.in("id", []).text).toBe("id IN ()");
  });

  it("takes the `as` suffix", () => {
    expect(filter.in("epochs", [1, 2], { as: "int" }).text).toBe("epochs.int_value IN (1, 2)");
  });

  it("checks every element", () => {
    expect(() => filter.in("tag", ["ok", "'bad"])).toThrow(RangeError);
    expect(() => filter.in("n", [1, Number.NaN])).toThrow(RangeError);
  });
});

describe("filter.and / filter.or", () => {
  const live = filter.eq("state", "LIVE");
  const accurate = filter.gt("accuracy", 0.95);

  it("joins comparisons with AND without parentheses", () => {
    expect(filter.and(live, accurate).text).toBe('state = "LIVE" AND accuracy > 0.95');
  });

  it("joins comparisons with OR without parentheses", () => {
    expect(filter.or(filter.eq("name", "a"), filter.eq("name", "b")).text).toBe('name = "a" OR name = "b"');
  });

  it("parenthesises an or nested inside an and", () => {
    const f = filter.and(filter.or(filter.eq("name", "a"), filter.eq("name", "b")), live);
    expect(f.text).toBe('(name = "a" OR name = "b") AND state = "LIVE"');
  });

  it("parenthesises an and nested inside an or", () => {
    expect(filter.or(filter.and(live, accurate), filter.eq("owner", "bob")).text).toBe(
      '(state = "LIVE" AND accuracy > 0.95) OR owner = "bob"',
    );
  });

  it("parenthesises raw strings and raw filters as operands", () => {
    expect(filter.and("a = 1 OR b = 2", filter.raw("c = 3"), live).text).toBe(
      '(a = 1 OR b = 2) AND (c = 3) AND state = "LIVE"',
    );
  });

  it("returns a single part unchanged", () => {
    expect(filter.and(live)).toBe(live);
    expect(filter.or("x = 1").text).toBe("x = 1");
    expect(filter.and(filter.and(live), accurate).text).toBe('state = "LIVE" AND accuracy > 0.95');
  });

  it("rejects zero parts", () => {
    expect(() => filter.and()).toThrow(RangeError);
    expect(() => filter.or()).toThrow(RangeError);
  });

  it("rejects a blank operand, which would not parse", () => {
    expect(() => filter.and(live, " ")).toThrow(RangeError);
  });
});

describe("filter.raw and toFilterQuery", () => {
  it("raw passes text through unchanged", () => {
    expect(filter.raw("name = 'x' <> weird").text).toBe("name = 'x' <> weird");
  });

  it("toFilterQuery accepts a Filter, a raw string or nothing", () => {
    expect(toFilterQuery(filter.eq("name", "m"))).toBe('name = "m"');
    expect(toFilterQuery("name = 'm'")).toBe("name = 'm'");
    expect(toFilterQuery(undefined)).toBeUndefined();
  });

  it("toFilterQuery gives undefined for blank text, so no empty parameter is sent", () => {
    expect(toFilterQuery("  ")).toBeUndefined();
    expect(toFilterQuery(filter.raw(""))).toBeUndefined();
  });
});
