/**
 * Comparisons on JSON values with our rules: one number type, missing (undefined) equals
 * null, strings ordered by code point as Go orders them, and an ordered comparison with a
 * missing operand is false (a recipient's render never fails on an optional field).
 */
import { byCodePoint } from "./collections.js";

/** eq is Go's eq for two operands: missing and null are equal, everything else by value. */
export function eq(a: unknown, b: unknown): boolean {
  return (a ?? null) === (b ?? null);
}

// compare returns a negative, zero or positive order, or NaN when an operand is missing.
function compare(a: any, b: any): number {
  if (a == null || b == null) return NaN;
  return typeof a === "string" ? byCodePoint(a, b) : a - b;
}

/** lt is a < b for two numbers or two strings; false when either is missing. */
export const lt = (a: unknown, b: unknown): boolean => compare(a, b) < 0;
/** le is a <= b; false when either is missing. */
export const le = (a: unknown, b: unknown): boolean => compare(a, b) <= 0;
/** gt is a > b; false when either is missing. */
export const gt = (a: unknown, b: unknown): boolean => compare(a, b) > 0;
/** ge is a >= b; false when either is missing. */
export const ge = (a: unknown, b: unknown): boolean => compare(a, b) >= 0;
