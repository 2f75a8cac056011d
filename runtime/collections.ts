/**
 * Reading JSON values: own fields only (a template can never reach `constructor` or
 * `__proto__`), indexing, slicing and iteration. Out-of-range and missing give missing.
 */

/** own reads an object's own field; used for names that Object.prototype also has. */
export function own(o: any, key: string): any {
  return o != null && typeof o === "object" && Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

/** at is `index list i`: the element, or missing when out of range or not an integer. */
export function at(list: any, i: number): any {
  return Array.isArray(list) && Number.isInteger(i) && i >= 0 ? list[i] : undefined;
}

/** charAt is `index string i`: the i-th code point as a one-character string, or missing. */
export function charAt(s: any, i: number): string | undefined {
  if (typeof s !== "string" || !Number.isInteger(i) || i < 0) return undefined;
  return Array.from(s)[i];
}

/** index indexes any value by a string key or a number (for values of unknown type). */
export function index(v: any, key: unknown): any {
  if (typeof key === "string") return own(v, key);
  if (typeof key !== "number") return undefined;
  return typeof v === "string" ? charAt(v, key) : at(v, key);
}

/** slice is Go's `slice x i j` on a string (code points) or a list; missing when out of range. */
export function slice(v: any, i?: number, j?: number): any {
  if (v == null) return undefined;
  const items: any[] | undefined = typeof v === "string" ? Array.from(v) : Array.isArray(v) ? v : undefined;
  if (!items) return undefined;
  const from = i ?? 0;
  const to = j ?? items.length;
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to < from || to > items.length) return undefined;
  const part = items.slice(from, to);
  return typeof v === "string" ? part.join("") : part;
}

/** entries lists what `range` visits in a value of unknown type: [key, element] pairs (objects in sorted key order, integers as 0..n-1). */
export function entries(v: any): [unknown, unknown][] {
  if (Array.isArray(v)) return v.map((e, i) => [i, e]);
  if (typeof v === "number") return Array.from({ length: Math.max(0, Math.floor(v)) }, (_, i) => [i, i]);
  if (v != null && typeof v === "object") return Object.keys(v).sort().map((k) => [k, v[k]]);
  return [];
}
