/**
 * emitValidate writes a template's `validate(data: unknown)`: it accepts exactly what the
 * data type accepts (see check/type-text.ts) and otherwise throws a ValidationError naming
 * the path and the problem (`tags[2]: expected string, got number`). No dependency: one
 * small function per object or list of the type.
 */
import { kindOf, type TVar } from "../check/index.js";

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const PROTOTYPE = new Set(Object.getOwnPropertyNames(Object.prototype));

/** emitValidate returns the validator's code; `rt` names (and imports) a runtime function. */
export function emitValidate(root: TVar, typeName: string, rt: (name: string) => string): string {
  const fns: string[] = [];
  const names = new Map<TVar, string>();
  const invalid = rt("invalid");

  // check returns a statement validating `v` (at path expression `p`) against `t`, or "" when anything goes.
  const check = (t: TVar, v: string, p: string, optional: boolean): string => {
    const r = t.find();
    const kind = kindOf(r);
    const nullable = optional ? `${v} == null || ` : "";
    const fail = (what: string) => `${invalid}(${p}, ${JSON.stringify(what)}, ${v})`;
    switch (kind.k) {
      case "any":
      case "dynamic":
        return "";
      case "printable":
        return `if (!(${nullable}typeof ${v} === "string" || typeof ${v} === "number" || typeof ${v} === "boolean" || ${v} === null)) ${fail("string, number, boolean or null")};`;
      case "ordered":
        return `if (!(${nullable}typeof ${v} === "string" || typeof ${v} === "number")) ${fail("string or number")};`;
      case "string":
      case "number":
      case "boolean":
        return `if (!(${nullable}typeof ${v} === "${kind.k}")) ${fail(kind.k)};`;
      case "lengthable":
        return `if (!(${nullable}typeof ${v} === "string" || (typeof ${v} === "object" && ${v} !== null))) ${fail("string, list or object")};`;
      case "iterable":
      case "list":
      case "object":
        return optional ? `if (${v} != null) ${fn(r)}(${v}, ${p});` : `${fn(r)}(${v}, ${p});`;
    }
  };

  // fn returns the name of the function validating a list or an object type.
  const fn = (t: TVar): string => {
    const known = names.get(t);
    if (known) return known;
    const name = `_check${names.size + 1}`;
    names.set(t, name);
    const kind = kindOf(t);
    const body: string[] = [];
    if (kind.k === "list" || kind.k === "iterable") {
      body.push(`if (!Array.isArray(v)) ${invalid}(p, "list", v);`);
      const each = check(kind.elem, "v[i]", 'p + "[" + i + "]"', false);
      if (each) body.push(`for (let i = 0; i < v.length; i++) { ${each} }`);
    } else if (kind.k === "object") {
      body.push(`if (typeof v !== "object" || v === null || Array.isArray(v)) ${invalid}(p, "object", v);`);
      for (const [field, f] of [...kind.fields].sort(([a], [b]) => (a < b ? -1 : 1))) {
        // Names Object.prototype has are read as own properties: {} has a `constructor` of its own kind.
        const access = PROTOTYPE.has(field) ? `${rt("own")}(v, ${JSON.stringify(field)})` : IDENT.test(field) ? `v.${field}` : `v[${JSON.stringify(field)}]`;
        const path = `(p ? p + "." : "") + ${JSON.stringify(field)}`;
        const c = check(f, access, path, true);
        if (c) body.push(c);
      }
      if (kind.elem) {
        const c = check(kind.elem, "v[k]", '(p ? p + "." : "") + k', true);
        if (c) body.push(`for (const k in v) { ${c} }`);
      }
    }
    fns.push(`function ${name}(v: any, p: string): void {\n  ${body.join("\n  ")}\n}`);
    return name;
  };

  const top = check(root, "data", '""', false);
  return [
    `/** validate checks data from outside (a database, an API) against ${typeName}: it returns it typed, or throws a ValidationError naming the path and the problem. render itself trusts its input. */`,
    `export function validate(data: unknown): ${typeName} {`,
    top ? `  ${top}` : "",
    `  return data as ${typeName};`,
    `}`,
    "",
    ...fns,
    "",
  ]
    .filter((l, i) => l !== "" || i > 3)
    .join("\n");
}

/** validateDeclaration is the validator's line in the .d.ts. */
export function validateDeclaration(typeName: string): string {
  return `/** validate checks data from outside (a database, an API) against ${typeName}: it returns it typed, or throws a ValidationError naming the path and the problem. */\nexport declare function validate(data: unknown): ${typeName};`;
}
