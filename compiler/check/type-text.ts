/**
 * typeText prints the inferred data type of a template as TypeScript. Inferred fields are
 * optional and nullable: any contact may lack any field.
 */
import { union, type Shape } from "./declared.js";
import { kindOf, type TVar } from "./types.js";

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** typeText returns the TypeScript type of a type variable (`indent` for nested objects). */
export function typeText(t: TVar, indent = "", seen = new Set<TVar>()): string {
  const r = t.find();
  if (seen.has(r)) return "unknown"; // a recursive template's data: not expressible without names
  const kind = kindOf(r);
  switch (kind.k) {
    case "any":
    case "dynamic":
      return "unknown";
    case "printable":
      return "string | number | boolean | null";
    case "ordered":
      return "string | number";
    case "string":
    case "number":
    case "boolean":
      return kind.k;
    case "lengthable":
      return "string | readonly unknown[] | { readonly [key: string]: unknown }";
    // A value only ranged over is typed as a list (the render also accepts an object or an
    // integer); declare the data type to say otherwise.
    case "iterable":
    case "list": {
      const elem = typeText(kind.elem, indent, new Set([...seen, r]));
      return `readonly ${/[ |]/.test(elem) && !elem.startsWith("{") ? `(${elem})` : elem}[]`;
    }
    case "object": {
      const inner = indent + "  ";
      const next = new Set([...seen, r]);
      const fields = [...kind.fields].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      const lines = fields.map(([name, f]) => `${inner}readonly ${IDENT.test(name) ? name : JSON.stringify(name)}?: ${nullable(typeText(f, inner, next))};`);
      if (kind.elem) lines.push(`${inner}readonly [key: string]: ${typeText(kind.elem, inner, next)} | null | undefined;`);
      return lines.length ? `{\n${lines.join("\n")}\n${indent}}` : "{ readonly [key: string]: unknown }";
    }
  }
}

// nullable adds null to a type that does not have it yet.
function nullable(type: string): string {
  return type === "unknown" || type.endsWith("| null") ? type : `${type} | null`;
}

/** inferredShape is the Shape of an inferred type, the one typeText prints (for the validator). */
export function inferredShape(t: TVar, memo = new Map<TVar, Shape>()): Shape {
  const r = t.find();
  const known = memo.get(r);
  if (known) return known;
  const kind = kindOf(r);
  const nullable = (s: Shape): Shape => union([s, { k: "null" }]);
  switch (kind.k) {
    case "any":
    case "dynamic":
      return { k: "unknown" };
    case "printable":
      return { k: "union", of: [{ k: "string" }, { k: "number" }, { k: "boolean" }, { k: "null" }] };
    case "ordered":
      return { k: "union", of: [{ k: "string" }, { k: "number" }] };
    case "string":
    case "number":
    case "boolean":
      return { k: kind.k };
    case "lengthable":
      return { k: "union", of: [{ k: "string" }, { k: "list", elem: { k: "unknown" } }, { k: "object", name: "", fields: [], index: { k: "unknown" } }] };
    case "iterable":
    case "list": {
      const shape: Shape = { k: "list", elem: { k: "unknown" } };
      memo.set(r, shape);
      shape.elem = inferredShape(kind.elem, memo);
      return shape;
    }
    case "object": {
      const shape: Extract<Shape, { k: "object" }> = { k: "object", name: "", fields: [] };
      memo.set(r, shape);
      for (const [name, f] of kind.fields) shape.fields.push({ name, shape: nullable(inferredShape(f, memo)), optional: true });
      if (kind.elem) shape.index = nullable(inferredShape(kind.elem, memo));
      else if (kind.fields.size === 0) shape.index = { k: "unknown" };
      return shape;
    }
  }
}
