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

/** slice is Go's `slice x i j k` on a string (code points) or a list; missing when out of range. */
export function slice(v: any, i?: number, j?: number, k?: number): any {
  if (v == null) return undefined;
  const items: any[] | undefined = typeof v === "string" ? Array.from(v) : Array.isArray(v) ? v : undefined;
  if (!items) return undefined;
  const from = i ?? 0;
  const to = j ?? items.length;
  const cap = k ?? items.length;
  if (!Number.isInteger(from) || !Number.isInteger(to) || !Number.isInteger(cap) || from < 0 || to < from || cap < to || cap > items.length) return undefined;
  if (k !== undefined && typeof v === "string") return undefined; // Go: no 3-index slice of a string
  const part = items.slice(from, to);
  return typeof v === "string" ? part.join("") : part;
}

/**
 * entries lists what `range` visits in a list, an object or an integer: the elements, and
 * the keys when they are not 0..n-1 (an object's keys, sorted as Go sorts map keys).
 */
export function entries(v: any): [keys: string[] | null, values: readonly unknown[]] {
  if (Array.isArray(v)) return [null, v];
  if (typeof v === "number") return [null, Array.from({ length: v > 0 ? Math.floor(v) : 0 }, (_, i) => i)];
  if (v == null || typeof v !== "object") return [null, []];
  const keys = Object.keys(v).sort(byCodePoint);
  return [keys, keys.map((k) => v[k])];
}

/** byCodePoint orders strings by code point, as Go orders them (by UTF-8 bytes). */
export function byCodePoint(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
  }
  return a.length - b.length;
}
