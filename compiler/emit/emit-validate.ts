/**
 * emitValidate writes a template's `validate(data: unknown)` from its data type's Shape
 * (declared, or inferred: see check/type-text.ts): it accepts exactly what the type accepts
 * and otherwise throws a ValidationError naming the path and the problem
 * (`tags[2]: expected string, got number`). No dependency: one small function per object,
 * list or tuple of the type.
 */
import { union, type Shape } from "../check/declared.js";
import { orList } from "../check/types.js";

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const PROTOTYPE = new Set(Object.getOwnPropertyNames(Object.prototype));

type Complex = Extract<Shape, { k: "list" | "tuple" | "object" }>;

/** emitValidate returns the validator's code; `rt` names (and imports) a runtime function. */
export function emitValidate(root: Shape, typeName: string, rt: (name: string) => string): string {
  const fns: string[] = [];
  const names = new Map<Shape, string>();
  const invalid = rt("invalid");
  let tries = false;

  // test is a JavaScript test of `v` against a scalar shape, or undefined for a list or an object.
  const test = (s: Shape, v: string): string | undefined => {
    switch (s.k) {
      case "unknown":
        return "true";
      case "null":
        return `${v} === null`;
      case "undefined":
        return `${v} === undefined`;
      case "string":
      case "number":
      case "boolean":
        return s.values ? s.values.map((x) => `${v} === ${JSON.stringify(x)}`).join(" || ") : `typeof ${v} === "${s.k}"`;
      default:
        return undefined;
    }
  };

  const expected = (s: Shape): string => {
    switch (s.k) {
      case "union": {
        // "nothing" is what the error says was found: a missing value needs no mention.
        const named = s.of.filter((m) => m.k !== "undefined");
        return orList((named.length ? named : s.of).map(expected));
      }
      case "string":
      case "number":
      case "boolean":
        return s.values ? `one of ${s.values.map((x) => JSON.stringify(x)).join(", ")}` : s.k;
      case "tuple":
        return "list";
      case "unknown":
        return "any value";
      default:
        return s.k;
    }
  };

  // check returns a statement validating `v` (at path expression `p`), or "" when anything goes.
  const check = (s: Shape, v: string, p: string): string => {
    const members = s.k === "union" ? s.of : [s];
    if (members.some((m) => m.k === "unknown")) return "";
    const scalars = members.flatMap((m) => test(m, v) ?? []);
    const complex = members.filter((m): m is Complex => test(m, v) === undefined);
    const fail = `${invalid}(${p}, ${JSON.stringify(expected(s))}, ${v})`;
    const ok = scalars.length ? scalars.map((t) => (scalars.length > 1 ? `(${t})` : t)).join(" || ") : "";
    if (complex.length === 0) return `if (!(${ok})) ${fail};`;
    if (complex.length === 1) {
      const call = `${fn(complex[0])}(${v}, ${p});`;
      return ok ? `if (!(${ok})) ${call}` : call;
    }
    tries = true;
    const any = complex.map((c) => `_ok(${fn(c)}, ${v}, ${p})`).join(" || ");
    return `if (!(${ok ? `${ok} || ` : ""}${any})) ${fail};`;
  };

  // fn returns the name of the function validating a list, a tuple or an object.
  const fn = (s: Complex): string => {
    const known = names.get(s);
    if (known) return known;
    const name = `_check${names.size + 1}`;
    names.set(s, name);
    const body: string[] = [];
    if (s.k === "list" || s.k === "tuple") {
      body.push(`if (!Array.isArray(v)) ${invalid}(p, "list", v);`);
      if (s.k === "list") {
        const each = check(s.elem, "v[i]", 'p + "[" + i + "]"');
        if (each) body.push(`for (let i = 0; i < v.length; i++) { ${each} }`);
      } else {
        const length = s.min === s.elems.length ? `${s.min} elements` : `${s.min} to ${s.elems.length} elements`;
        body.push(`if (v.length < ${s.min} || v.length > ${s.elems.length}) ${invalid}(p, ${JSON.stringify(`a list of ${length}`)}, v);`);
        s.elems.forEach((e, i) => {
          const c = check(i < s.min ? e : union([e, { k: "undefined" }]), `v[${i}]`, `p + "[${i}]"`);
          if (c) body.push(c);
        });
      }
    } else {
      body.push(`if (typeof v !== "object" || v === null || Array.isArray(v)) ${invalid}(p, "object", v);`);
      for (const f of [...s.fields].sort((a, b) => (a.name < b.name ? -1 : 1))) {
        // Names Object.prototype has are read as own properties: {} has a `constructor` of its own kind.
        const access = PROTOTYPE.has(f.name) ? `${rt("own")}(v, ${JSON.stringify(f.name)})` : IDENT.test(f.name) ? `v.${f.name}` : `v[${JSON.stringify(f.name)}]`;
        const path = `(p ? p + "." : "") + ${JSON.stringify(f.name)}`;
        const c = check(f.optional ? union([f.shape, { k: "undefined" }]) : f.shape, access, path);
        if (c) body.push(c);
      }
      if (s.index) {
        const c = check(s.index, "v[k]", '(p ? p + "." : "") + k');
        const known = s.fields.map((f) => JSON.stringify(f.name));
        if (c) body.push(`for (const k in v) { ${known.length ? `if (${known.map((n) => `k === ${n}`).join(" || ")}) continue; ` : ""}${c} }`);
      }
    }
    fns.push(`function ${name}(v: any, p: string): void {\n  ${body.join("\n  ")}\n}`);
    return name;
  };

  const top = check(root, "data", '""');
  return [
    `/** validate checks data from outside (a database, an API) against ${typeName}: it returns it typed, or throws a ValidationError naming the path and the problem. render itself trusts its input. */`,
    `export function validate(data: unknown): ${typeName} {`,
    top ? `  ${top}` : "",
    `  return data as ${typeName};`,
    `}`,
    "",
    ...fns,
    tries ? `function _ok(check: (v: any, p: string) => void, v: unknown, p: string): boolean {\n  try {\n    check(v, p);\n    return true;\n  } catch {\n    return false;\n  }\n}` : "",
    "",
  ]
    .filter((l, i) => l !== "" || i > 3)
    .join("\n");
}

/** validateDeclaration is the validator's line in the .d.ts. */
export function validateDeclaration(typeName: string): string {
  return `/** validate checks data from outside (a database, an API) against ${typeName}: it returns it typed, or throws a ValidationError naming the path and the problem. */\nexport declare function validate(data: unknown): ${typeName};`;
}
