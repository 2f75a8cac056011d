/**
 * emitValidate writes a template's `validate(data: unknown)` from its data type's Shape
 * (declared, or inferred: see check/type-text.ts): it accepts exactly what the type accepts
 * and otherwise throws a ValidationError naming the path and the problem
 * (`tags[2]: expected string, got number`). The type is written as a Schema, a small table
 * of data that the runtime's one `validateData` reads (runtime/validate.ts describes the
 * table): a module carries its type's names and constants, not a statement per field.
 */
import type { Shape } from "../check/declared.js";
import type { SchemaEntry } from "../../runtime/validate.js";
import { typeOnly } from "./type-only.js";

/** emitSchema returns the Schema of a shape: entry 0 is the shape, the others what it refers to. */
export function emitSchema(root: Shape): SchemaEntry[] {
  const table: SchemaEntry[] = [];
  // Each shape is one entry, found again by identity (a type may refer to itself) or, for
  // the kinds and constants, by its text.
  const byShape = new Map<Shape, number>();
  const byText = new Map<string, number>();
  const add = (entry: SchemaEntry): number => {
    const text = JSON.stringify(entry);
    let i = byText.get(text);
    if (i === undefined) byText.set(text, (i = table.push(entry) - 1));
    return i;
  };
  const ref = (s: Shape): number => {
    switch (s.k) {
      case "unknown":
      case "null":
      case "undefined":
        return add(s.k);
      case "string":
      case "number":
      case "boolean":
        return add(s.values ? ["one", ...s.values] : s.k);
    }
    const known = byShape.get(s);
    if (known !== undefined) return known;
    const i = table.push("unknown") - 1; // a placeholder: its members may refer back to it
    byShape.set(s, i);
    if (s.k === "list") table[i] = ["list", ref(s.elem)];
    else if (s.k === "tuple") table[i] = ["tuple", s.min, ...s.elems.map((e, n) => (n < s.min ? ref(e) : present(e)))];
    else if (s.k === "union") table[i] = ["union", ...s.of.map(ref)];
    else {
      const fields = [...s.fields].sort((a, b) => (a.name < b.name ? -1 : 1));
      const entry: (string | number)[] = ["object", -1, ...fields.flatMap((f) => [f.name, 0])];
      table[i] = entry;
      if (s.index) entry[1] = ref(s.index);
      fields.forEach((f, n) => {
        const r = f.optional ? present(f.shape) : ref(f.shape);
        entry[3 + 2 * n] = f.optional ? ~r : r; // ~r: an optional field
      });
    }
    return i;
  };
  // An optional field or tuple element accepts a missing value as such: its type needs no
  // `undefined` (so the optional numbers of a type all refer to "number").
  const present = (s: Shape): number => {
    const of = s.k === "union" ? s.of.filter((m) => m.k !== "undefined") : [];
    if (s.k !== "union" || of.length === s.of.length || of.length === 0) return ref(s);
    return of.length === 1 ? ref(of[0]) : add(["union", ...of.map(ref)]);
  };
  ref(root);
  return table;
}

/** emitValidate returns the validator's code; `rt` names (and imports) a runtime function. */
export function emitValidate(root: Shape, typeName: string, rt: (name: string) => string): string {
  return [
    `const _schema = ${JSON.stringify(emitSchema(root))};`,
    "",
    `/** validate checks data from outside (a database, an API) against ${typeName}: it returns it typed, or throws a ValidationError naming the path and the problem. render itself trusts its input. */`,
    `export function validate(data${typeOnly(": unknown")})${typeOnly(`: ${typeName}`)} {`,
    `  return ${rt("validateData")}${typeOnly(`<${typeName}>`)}(_schema, data);`,
    `}`,
    "",
  ].join("\n");
}

/** validateDeclaration is the validator's line in the .d.ts. */
export function validateDeclaration(typeName: string): string {
  return `/** validate checks data from outside (a database, an API) against ${typeName}: it returns it typed, or throws a ValidationError naming the path and the problem. */\nexport declare function validate(data: unknown): ${typeName};`;
}
