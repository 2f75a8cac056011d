/**
 * The data-type lattice of inferred templates. Every value a template reads is a type
 * variable; each use narrows it (`meet`): printing makes it printable, `eq .x "a"` a string,
 * `gt .x 3` a number, `.x.y` an object with a field y, `range .x` something iterable.
 * Variables unify through union-find, so the order of uses does not matter. A meet that
 * fails is a conflict, reported with both places.
 */
import type { SourceFile, Span } from "../source.js";

/** Kind is what is known of a value. */
export type Kind =
  | { k: "any" } // nothing known yet: any JSON value
  | { k: "dynamic" } // returned by an untyped function: checked at run time, never narrowed
  | { k: "printable" } // string | number | boolean | null
  | { k: "ordered" } // string | number (lt, gt …)
  | { k: "string"; values?: readonly string[] } // values: a declared literal union
  | { k: "number"; values?: readonly number[] }
  | { k: "boolean" }
  | { k: "lengthable" } // string | list | object (len)
  | { k: "iterable"; elem: TVar } // list | object | integer (range)
  | { k: "list"; elem: TVar }
  | { k: "object"; fields: Map<string, TVar>; elem?: TVar /* set when ranged over, as a map */; closed?: string /* a declared type's name: no other fields */ };

/** Use is a place where a value was given its kind: the second place of a conflict. */
export interface Use {
  source: SourceFile;
  span: Span;
  /** what says how the value was used: "compared with a string". */
  what: string;
}

let nextId = 0;

/** TVar is a type variable: a value's kind, shared by every expression that denotes it. */
export class TVar {
  readonly id = nextId++;
  parent: TVar | undefined;
  kind: Kind;
  /** fixed is true for a declared type's variables: uses are checked against the kind, never narrow it. */
  fixed = false;
  /** tsType is a declared variable's TypeScript type, as a type expression (`NonNullable<import("…").Contact["address"]>`). */
  tsType: string | undefined;
  use: Use | undefined;
  /** label names the value in messages: ".plan", "$x", "an element of .items". */
  label: string;

  constructor(kind: Kind, label: string, use?: Use) {
    this.kind = kind;
    this.label = label;
    this.use = use;
  }

  /** find returns the representative of this variable's class. */
  find(): TVar {
    let t: TVar = this;
    while (t.parent) t = t.parent;
    return t;
  }
}

/** Conflict is a failed meet: two uses that cannot both hold. */
export interface Conflict {
  label: string;
  existing: Kind;
  wanted: Kind;
  previous: Use | undefined;
  /** declared is true when the existing kind is a declared type's. */
  declared: boolean;
}

/** UnknownField is a field read from a declared object type that does not have it. */
export interface UnknownField {
  object: TVar;
  name: string;
  use: Use;
}

/** describeKind names a kind for messages: "a string", "a list". */
export function describeKind(kind: Kind): string {
  switch (kind.k) {
    case "any":
    case "dynamic":
      return "any value";
    case "printable":
      return "a printable value";
    case "ordered":
      return "a string or a number";
    case "string":
    case "number":
      return kind.values ? orList(kind.values.map((v) => JSON.stringify(v))) : `a ${kind.k}`;
    case "boolean":
      return "a boolean";
    case "lengthable":
      return "a string, a list or an object";
    case "iterable":
      return "a list, an object or an integer";
    case "list":
      return "a list";
    case "object":
      if (kind.closed && NAMED.test(kind.closed)) return kind.closed;
      return kind.elem ? "an object (ranged over as a map)" : "an object";
  }
}

/** NAMED matches a declared type's name that reads well in a message (not an object literal's text). */
export const NAMED = /^[A-Za-z_$][\w$.]*(?:<[\w$., <>]*>)?$/;

// orList joins alternatives: `"a", "b" or "c"`.
function orList(items: readonly string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}` : items.join("");
}

const scalar = new Set(["printable", "ordered", "string", "number", "boolean"]);

/** Types owns the variables of one compilation and reports conflicts to a callback. */
export class Types {
  readonly conflicts: { conflict: Conflict; use: Use }[] = [];
  readonly unknownFields: UnknownField[] = [];
  private readonly eithers: { res: TVar; a: TVar; b: TVar; use: Use }[] = [];

  /** either is a value that is `a`, or else `b` (fallback's result): settle gives it its kind once every use is known. */
  either(a: TVar, b: TVar, label: string, use: Use): TVar {
    const res = this.fresh(label);
    this.eithers.push({ res, a, b, use });
    return res;
  }

  /**
   * settle types each `either`. Where the default fits the value's kind, the result is the
   * value (its uses type the value, and must still fit the default); otherwise the result is
   * the join of both kinds (`fallback .count "none"` is a string or a number), which its uses
   * must accept.
   */
  settle(): void {
    for (const { res, a, b, use } of this.eithers) {
      const ka = a.find().kind;
      const kb = b.find().kind;
      if (ka.k === "dynamic" || kb.k === "dynamic") {
        // Known only when rendered (a user function's result, an index): so is the result.
        const r = res.find();
        if (!r.fixed) r.kind = { k: "dynamic" };
      } else if (kb.k === "any") {
        this.unify(res, a, use);
        this.unify(b, res, use);
      } else if (ka.k === "any" || within(kb, ka)) {
        this.unify(res, a, use);
        const r = res.find();
        if (!within(kb, r.kind)) this.conflicts.push({ conflict: { label: b.find().label, existing: r.kind, wanted: kb, previous: r.use, declared: false }, use: b.find().use ?? use });
      } else {
        const joined = join(ka, kb);
        const r = res.find();
        if (!within(joined, r.kind)) this.conflicts.push({ conflict: { label: r.label, existing: r.kind, wanted: joined, previous: r.use, declared: r.fixed }, use });
        else if (!r.fixed) r.kind = joined;
      }
    }
    this.eithers.length = 0;
  }

  fresh(label: string, kind: Kind = { k: "any" }, use?: Use): TVar {
    return new TVar(kind, label, use);
  }

  /** narrow meets a variable with a kind at a use; a conflict is recorded and the variable kept. */
  narrow(t: TVar, kind: Kind, use: Use): boolean {
    const r = t.find();
    const met = this.meet(r.kind, kind);
    // A declared value must fit the use whichever of its types it has (`len` of a string | number does not).
    if (met === undefined || (r.fixed && r.kind.k !== "dynamic" && !within(r.kind, kind))) {
      this.conflicts.push({ conflict: { label: r.label, existing: r.kind, wanted: kind, previous: r.use, declared: r.fixed }, use });
      return false;
    }
    if (met !== r.kind && !r.fixed) {
      r.kind = met;
      r.use = use;
    }
    return true;
  }

  /** unify makes two variables one; a conflict is recorded at the use. */
  unify(a: TVar, b: TVar, use: Use): boolean {
    let ra = a.find();
    let rb = b.find();
    if (ra === rb) return true;
    // A declared variable stays the representative: its kind is the class's.
    if (rb.fixed && !ra.fixed) [ra, rb] = [rb, ra];
    const met = this.meet(ra.kind, rb.kind);
    if (met === undefined) {
      const declared = ra.fixed;
      this.conflicts.push({ conflict: { label: ra.label, existing: ra.kind, wanted: rb.kind, previous: ra.use ?? rb.use, declared }, use: (declared ? undefined : rb.use) ?? use });
      return false;
    }
    rb.parent = ra;
    if (ra.fixed) return true;
    ra.kind = met;
    if (!ra.use || met === rb.kind) ra.use = rb.use ?? ra.use;
    return true;
  }

  /** field returns the variable of field `name` of `t`, narrowing `t` to an object. */
  field(t: TVar, name: string, use: Use): TVar | undefined {
    const r = t.find();
    if (r.kind.k === "dynamic") return this.fresh(`${r.label}.${name}`, { k: "dynamic" });
    if (!this.narrow(r, { k: "object", fields: new Map() }, use)) return undefined;
    const obj = r.find().kind as Extract<Kind, { k: "object" }>;
    let f = obj.fields.get(name);
    if (!f && obj.closed) {
      if (obj.elem) return obj.elem;
      this.unknownFields.push({ object: r.find(), name, use });
      return undefined;
    }
    if (!f) {
      f = this.fresh(`${r.label === "." ? "" : r.label}.${name}`);
      if (obj.elem) this.unify(obj.elem, f, use);
      obj.fields.set(name, f);
    }
    return f;
  }

  // meet is the greatest lower bound of two kinds, or undefined when they conflict.
  // It may unify element variables as a side effect.
  private meet(a: Kind, b: Kind): Kind | undefined {
    if (a.k === "any" || b.k === "dynamic") return b;
    if (b.k === "any" || a.k === "dynamic") return a;
    if (a.k === b.k) return this.meetSame(a, b);
    if (scalar.has(a.k) && scalar.has(b.k)) return this.meetScalar(a, b);
    // Order so that the more general kind comes first.
    const rank = ["printable", "ordered", "lengthable", "iterable", "string", "number", "boolean", "list", "object"];
    if (rank.indexOf(a.k) > rank.indexOf(b.k)) [a, b] = [b, a];
    const nowhere = undefined;
    switch (a.k) {
      case "printable":
      case "ordered":
        if (b.k === "lengthable") return { k: "string" };
        if (b.k === "iterable") return this.elemIs(b.elem, { k: "number" }) ? { k: "number" } : nowhere;
        return nowhere;
      case "lengthable":
        return b.k === "string" || b.k === "list" || b.k === "object" || b.k === "iterable" ? b : nowhere;
      case "iterable":
        if (b.k === "number") return this.elemIs(a.elem, { k: "number" }) ? b : nowhere;
        if (b.k === "list") return this.unifyQuiet(a.elem, b.elem) ? b : nowhere;
        if (b.k === "object") {
          if (b.elem && !this.unifyQuiet(a.elem, b.elem)) return nowhere;
          for (const f of b.fields.values()) if (!this.unifyQuiet(a.elem, f)) return nowhere;
          return { k: "object", fields: b.fields, elem: b.elem ?? a.elem };
        }
        return nowhere;
      default:
        return nowhere;
    }
  }

  private meetSame(a: Kind, b: Kind): Kind | undefined {
    if ((a.k === "list" || a.k === "iterable") && (b.k === "list" || b.k === "iterable")) {
      return this.unifyQuiet(a.elem, b.elem) ? a : undefined;
    }
    if (a.k === "object" && b.k === "object") {
      if (b.closed && !a.closed) [a, b] = [b, a];
      for (const [name, f] of b.fields) {
        const g = a.fields.get(name) ?? (a.closed ? a.elem : undefined);
        if (!g && a.closed) return undefined;
        if (!g) a.fields.set(name, f);
        else if (!this.unifyQuiet(g, f)) return undefined;
      }
      if (b.elem) {
        if (a.elem && !this.unifyQuiet(a.elem, b.elem)) return undefined;
        a.elem ??= b.elem;
      }
      return a;
    }
    return a;
  }

  private meetScalar(a: Kind, b: Kind): Kind | undefined {
    const order = ["printable", "ordered", "string", "number", "boolean"];
    if (order.indexOf(a.k) > order.indexOf(b.k)) [a, b] = [b, a];
    if (a.k === "printable") return b;
    if (a.k === "ordered") return b.k === "boolean" ? undefined : b;
    return undefined;
  }

  private elemIs(elem: TVar, kind: Kind): boolean {
    const r = elem.find();
    const met = this.meet(r.kind, kind);
    if (met === undefined) return false;
    if (!r.fixed) r.kind = met;
    return true;
  }

  private unifyQuiet(a: TVar, b: TVar): boolean {
    let ra = a.find();
    let rb = b.find();
    if (ra === rb) return true;
    if (rb.fixed && !ra.fixed) [ra, rb] = [rb, ra];
    const met = this.meet(ra.kind, rb.kind);
    if (met === undefined) return false;
    rb.parent = ra;
    if (ra.fixed) return true;
    ra.kind = met;
    ra.use ??= rb.use;
    return true;
  }
}

/** within tells whether every value of kind `x` is a value of kind `y`. */
function within(x: Kind, y: Kind): boolean {
  if (y.k === "any" || y.k === "dynamic") return true;
  if (x.k === "any" || x.k === "dynamic") return false;
  if (x.k === y.k) {
    if ((x.k === "string" || x.k === "number") && (y as typeof x).values) return !!x.values && x.values.every((v) => ((y as typeof x).values as readonly unknown[]).includes(v));
    return true;
  }
  if (y.k === "printable") return scalar.has(x.k);
  if (y.k === "ordered") return x.k === "string" || x.k === "number";
  if (y.k === "lengthable") return x.k === "string" || x.k === "list" || x.k === "object" || x.k === "iterable";
  if (y.k === "iterable") return x.k === "list" || x.k === "object" || x.k === "number";
  return false;
}

// join is the kind of a value of kind `x` or `y`.
function join(x: Kind, y: Kind): Kind {
  if (within(x, y)) return y;
  if (within(y, x)) return x;
  if (within(x, { k: "ordered" }) && within(y, { k: "ordered" })) return { k: "ordered" };
  if (scalar.has(x.k) && scalar.has(y.k)) return { k: "printable" };
  return { k: "dynamic" };
}

/** kindOf returns the resolved kind of a variable. */
export function kindOf(t: TVar): Kind {
  return t.find().kind;
}

/** isScalar reports whether a kind is a string, number, boolean or null for sure (JS truthiness is Go's). */
export function isScalar(kind: Kind): boolean {
  return scalar.has(kind.k);
}
