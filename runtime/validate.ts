/**
 * validateData checks data against a template's data type, given as a Schema: the compiler
 * writes the type as this small table (see compiler/emit/emit-validate.ts) instead of one
 * statement per field, so a module carries data, and this one function the checking.
 * Changing the table's form? Change emitSchema with it and bump REVISION.
 */
import { ValidationError } from "./render-error.js";

/**
 * Schema is a data type as a table; entry 0 is the root, and an entry's references are
 * indexes into the table (so a type can refer to itself). An entry is one of:
 * - a kind: "string", "number", "boolean", "null", "undefined", or "unknown" (anything goes);
 * - `["one", ...values]`: one of these constants;
 * - `["list", elem]`; `["tuple", min, ...elems]` (elements past `min` are optional);
 * - `["object", index, name, ref, …]`: fields sorted by name, each with its type's index,
 *   or `~index` (negative) when the field is optional; `index` is the type of the other
 *   keys' values, or -1 when the object has only its fields;
 * - `["union", ...members]`.
 */
export type Schema = readonly SchemaEntry[];
export type SchemaEntry = string | readonly (string | number | boolean)[];

/** validateData returns data when it fits the schema's type, or throws the ValidationError of its first problem. */
export function validateData<T>(schema: Schema, data: unknown): T {
  check(schema, 0, data, "");
  return data as T;
}

// check validates `v` at path `p` against the entry `r`.
function check(t: Schema, r: number, v: any, p: string): void {
  const entry = t[r];
  const members = entry[0] === "union" ? (entry.slice(1) as number[]) : [r];
  if (members.some((m) => t[m] === "unknown")) return;
  const complex: number[] = [];
  for (const m of members) {
    const e = t[m];
    if (typeof e !== "string" && e[0] !== "one") complex.push(m);
    else if (typeof e === "string" ? (e === "null" ? v === null : e === "undefined" ? v === undefined : typeof v === e) : e.includes(v, 1)) return;
  }
  // One list or object: its own message says what is wrong inside it.
  if (complex.length === 1) return shape(t, t[complex[0]] as readonly any[], v, p);
  if (!complex.some((c) => fits(t, c, v, p))) invalid(p, expected(t, r), v);
}

// fits says whether `v` fits the list, tuple or object entry `r`.
function fits(t: Schema, r: number, v: unknown, p: string): boolean {
  try {
    shape(t, t[r] as readonly any[], v, p);
    return true;
  } catch {
    return false;
  }
}

// shape validates `v` against a list, tuple or object entry.
function shape(t: Schema, e: readonly any[], v: any, p: string): void {
  if (e[0] === "object") {
    if (typeof v !== "object" || v === null || Array.isArray(v)) invalid(p, "object", v);
    for (let i = 2; i < e.length; i += 2) {
      const name: string = e[i];
      const ref: number = e[i + 1];
      // Names Object.prototype has are read as own properties: {} has a `constructor` of its own kind.
      const value = Object.hasOwn(Object.prototype, name) ? (Object.hasOwn(v, name) ? v[name] : undefined) : v[name];
      if (ref >= 0 || value !== undefined) check(t, ref >= 0 ? ref : ~ref, value, (p ? p + "." : "") + name);
    }
    // The other keys: a name is never a reference (a number), so `includes` finds only fields.
    if (e[1] >= 0) for (const k in v) if (!e.includes(k, 2)) check(t, e[1], v[k], (p ? p + "." : "") + k);
    return;
  }
  if (!Array.isArray(v)) invalid(p, "list", v);
  if (e[0] === "list") {
    for (let i = 0; i < v.length; i++) check(t, e[1], v[i], p + "[" + i + "]");
    return;
  }
  const [, min, ...elems] = e;
  if (v.length < min || v.length > elems.length) invalid(p, `a list of ${min === elems.length ? min : `${min} to ${elems.length}`} elements`, v);
  elems.forEach((ref: number, i: number) => {
    if (i < min || v[i] !== undefined) check(t, ref, v[i], p + "[" + i + "]");
  });
}

// expected says what the entry `r` accepts: `string`, `one of "a", "b"`, `null or string`.
function expected(t: Schema, r: number): string {
  const e = t[r];
  if (typeof e === "string") return e === "unknown" ? "any value" : e;
  if (e[0] === "one") return `one of ${e.slice(1).map((x) => JSON.stringify(x)).join(", ")}`;
  if (e[0] !== "union") return e[0] === "object" ? "object" : "list";
  // "nothing" is what the error says was found: a missing value needs no mention.
  const members = e.slice(1) as number[];
  const named = members.filter((m) => t[m] !== "undefined");
  const items = (named.length ? named : members).map((m) => expected(t, m));
  // "a, b or c", as the compiler's orList (check/types.ts) writes it.
  return items.length > 1 ? `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}` : items.join("");
}

/** invalid throws the ValidationError of a value that is not what `expected` says. */
function invalid(path: string, expected: string, value: unknown): never {
  // Against a list of constants, the value itself says most: `got "enterprise"`.
  const got = value === null ? "null" : Array.isArray(value) ? "list" : value === undefined ? "nothing" : expected.startsWith("one of") && typeof value !== "object" ? JSON.stringify(value) : typeof value;
  throw new ValidationError(path, `${path || "data"}: expected ${expected}, got ${got}`);
}
