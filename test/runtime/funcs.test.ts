import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatNumber, formatNumberDefault } from "../../runtime/funcs.js";

describe("formatNumber", () => {
  it("formats a whole number in en-US as Intl does, without Intl", () => {
    const intl = new Intl.NumberFormat("en-US");
    fc.assert(fc.property(fc.oneof(fc.maxSafeInteger(), fc.integer({ min: -99_999, max: 99_999 })), (n) => {
      expect(formatNumber(n)).toBe(intl.format(n));
    }));
    for (const n of [0, -0, 999, 1000, -1000, 1234567, Number.MAX_SAFE_INTEGER, 2 ** 60, 1.5, -0.0004, Infinity, NaN]) {
      expect(formatNumber(n), String(n)).toBe(intl.format(n));
      expect(formatNumberDefault(n), String(n)).toBe(intl.format(n)); // what {{formatNumber .n}} compiles to
    }
    expect([formatNumberDefault(null), formatNumberDefault(undefined)]).toEqual(["", ""]);
  });
});
