/**
 * truth is Go's truth of a JSON value: false for missing, null, false, 0, "", an empty
 * list and an empty object. The compiler inlines JavaScript truthiness where the type is
 * a scalar (where it agrees with Go's) and calls this only for lists, objects and unknowns.
 */
export function truth(v: unknown): boolean {
  if (typeof v !== "object" || v === null) return !!v;
  if (Array.isArray(v)) return v.length > 0;
  for (const _ in v) return true;
  return false;
}

/** len is Go's len on JSON values: code points of a string, elements of a list, keys of an object; 0 for missing. */
export function len(v: unknown): number {
  if (typeof v === "string") {
    let n = 0;
    for (let i = 0; i < v.length; i++) {
      const c = v.charCodeAt(i);
      if (c < 0xdc00 || c > 0xdfff || i === 0 || (v.charCodeAt(i - 1) & 0xfc00) !== 0xd800) n++;
    }
    return n;
  }
  if (Array.isArray(v)) return v.length;
  if (typeof v === "object" && v !== null) return Object.keys(v).length;
  return 0;
}
