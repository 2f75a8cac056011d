/**
 * Comparisons on JSON values with our rules: one number type, missing (undefined) equals
 * null, and an ordered comparison with a missing operand is false (a recipient's render
 * never fails on an optional field).
 */

/** eq is Go's eq for two operands: missing and null are equal, everything else by value. */
export function eq(a: unknown, b: unknown): boolean {
  return (a ?? null) === (b ?? null);
}

/** lt is a < b for two numbers or two strings; false when either is missing. */
export function lt(a: any, b: any): boolean {
  return a != null && b != null && a < b;
}

/** le is a <= b; false when either is missing. */
export function le(a: any, b: any): boolean {
  return a != null && b != null && a <= b;
}

/** gt is a > b; false when either is missing. */
export function gt(a: any, b: any): boolean {
  return a != null && b != null && a > b;
}

/** ge is a >= b; false when either is missing. */
export function ge(a: any, b: any): boolean {
  return a != null && b != null && a >= b;
}
