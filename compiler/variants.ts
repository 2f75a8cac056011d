/**
 * deriveVariants is the data behind a variant gallery: for one checked template, data sets
 * that reach each of its branches, so a preview can render every distinct version of an email.
 *
 * It reads the template's conditions, not its output. One walk over the main template and the
 * templates it calls (in source order, front matter first) resolves every operand to a field
 * path from the root where that is knowable (a `with`'s dot is its field, a variable declared
 * as a field is that field, `lower .x` is `.x` seen through `lower`) and collects:
 * - each constant tag of `hasTag`: a dimension without / with the tag;
 * - each field compared with constants (`eq`, `ne`, `lt`, `le`, `gt`, `ge`): one dimension per
 *   field, whose values reach every outcome of those comparisons (see fieldValues);
 * - each field ranged over: a dimension of 0, 1 and 3 elements. Comparisons of an element's
 *   fields are not dimensions of their own: their values vary across the elements instead;
 * - each field tested only for truth (`if .x`, `with .x`, an operand of `and`/`or`/`not`): not a
 *   dimension, but one "missing" variant with the field removed.
 * Values come from the data type's Shape (declared, or the inferred one validate checks), so
 * every variant fits the type. Every combination when there are few, else a pairwise cover.
 */
import type * as A from "./parse/ast.js";
import type { Binding, CheckedTemplate, TemplateUnit } from "./check/index.js";
import { union, type Shape } from "./check/declared.js";
import { inferredShape } from "./check/type-text.js";
import { lower, title, trim, upper } from "../runtime/funcs.js";

/** DimensionValue is one value of a dimension: what it sets on a copy of the base data. */
export interface DimensionValue {
  label: string;
  apply(data: Record<string, unknown>): void;
}

/** Dimension is one thing the template tests: a tag, a field compared with constants, a list ranged over. */
export interface Dimension {
  label: string;
  values: DimensionValue[];
}

/** Variant is one data set: the base with one value of each dimension applied, and those values' labels. */
export interface Variant {
  data: Record<string, unknown>;
  differs: string[];
}

/** VariantPlan is the gallery of one template. */
export interface VariantPlan {
  /** dimensions are ordered by their first appearance in the source. */
  dimensions: Dimension[];
  variants: Variant[];
  /** combinations is the number of combinations of the dimensions' values (all of them, or a pairwise cover, are the variants). */
  combinations: number;
  strategy: "all" | "pairwise";
  /** missing has one variant per field tested only for truth, with that field removed from the base. */
  missing: Variant[];
}

/** VariantOptions bound the gallery. */
export interface VariantOptions {
  /** limit is the most combinations enumerated in full (default 64); above it, a pairwise cover. */
  limit?: number;
}

/**
 * deriveVariants returns the dimensions of a checked template and the variants that cover
 * them, each a deep copy of `base` (else data synthesized from the type) with its dimensions'
 * values applied. It never mutates `base`, and the same input gives the same plan.
 */
export function deriveVariants(checked: CheckedTemplate, base: Record<string, unknown> | undefined, options: VariantOptions = {}): VariantPlan {
  const limit = options.limit ?? 64;
  const shape = checked.dataType?.shape ?? inferredShape(checked.root);
  const made = base ? structuredClone(base) : sample(shape);
  const conditions = new Conditions(checked);
  conditions.unit(checked.main, []);
  const gallery: Gallery = { shape, start: isObject(made) ? made : {}, conditions };

  const dimensions = [...conditions.found.values()].flatMap((f) => {
    // An element's field is no dimension of its own: its list's range dimension varies it.
    const d = f.kind === "tag" ? tagDimension(f.name) : f.path.includes(ELEM) ? undefined : f.kind === "field" ? fieldDimension(f, gallery) : rangeDimension(f.path, gallery);
    return d ? [d] : [];
  });
  const sizes = dimensions.map((d) => d.values.length);
  const combinations = sizes.reduce((a, b) => a * b, 1);
  // One dimension has no pairs: its every value is the least cover.
  const strategy = combinations <= limit || sizes.length < 2 ? "all" : "pairwise";
  const variants = (strategy === "all" ? everyCombination(sizes) : pairwise(sizes)).map((row) => {
    const data = structuredClone(gallery.start);
    const differs = row.map((v, d) => {
      const value = dimensions[d].values[v];
      value.apply(data);
      return value.label;
    });
    return { data, differs };
  });
  const missing = [...conditions.truthy.values()].flatMap((path) => missingVariant(path, gallery) ?? []);
  return { dimensions, variants, combinations, strategy, missing };
}

/** Gallery is what every dimension is made from: the data type, the base data, the template's conditions. */
interface Gallery {
  shape: Shape;
  start: Record<string, unknown>;
  conditions: Conditions;
}

function tagDimension(tag: string): Dimension {
  const values = [false, true].map((on) => ({ label: `${on ? "" : "no "}tag ${tag}`, apply: (d: Record<string, unknown>) => setTag(d, tag, on) }));
  return { label: `tag ${tag}`, values };
}

function fieldDimension(f: Extract<Found, { kind: "field" }>, { shape, conditions }: Gallery): Dimension | undefined {
  const at = shapeAt(shape, f.path);
  const label = pathLabel(f.path);
  const values = at ? fieldValues(f.tests, at, label, conditions.truthy.has(JSON.stringify(f.path))) : [];
  if (values.length < 2) return undefined;
  return { label, values: values.map((v) => ({ label: v.label, apply: (d) => setAt(d, f.path, v.value, shape) })) };
}

/**
 * rangeDimension makes a list 0, 1 and 3 elements long. Elements are copied from the base's
 * list, cycling, or synthesized from the type; each compared field of an element takes its
 * values in turn across the elements.
 */
function rangeDimension(path: Path, { shape, start, conditions }: Gallery): Dimension | undefined {
  const elem = listElement(shapeAt(shape, path));
  if (!elem) return undefined;
  const own = getAt(start, path);
  const pool = Array.isArray(own) && own.length ? own : [sample(elem)];
  const varied = [...conditions.found.values()].flatMap((g) => {
    const rest = g.kind === "field" ? elementPath(g.path, path) : undefined;
    const at = rest && shapeAt(elem, rest);
    const values = at && g.kind === "field" ? fieldValues(g.tests, at, "", false) : [];
    return values.length ? [{ rest: rest!, values }] : [];
  });
  const items = (n: number): unknown[] =>
    Array.from({ length: n }, (_, i) => {
      let item = structuredClone(pool[i % pool.length]);
      for (const { rest, values } of varied) {
        const value = values[i % values.length].value;
        if (rest.length === 0) item = value;
        else if (isObject(item)) setAt(item, rest, value, elem);
      }
      return item;
    });
  const label = pathLabel(path);
  return { label, values: [0, 1, 3].map((n) => ({ label: `${label}: ${n} item${n === 1 ? "" : "s"}`, apply: (d) => setAt(d, path, items(n), shape) })) };
}

/**
 * missingVariant is the base without a field tested for truth: deleted, or null where the
 * type requires the field but allows null. None where the type requires a value, or where
 * the base already lacks the field (the variants show that case).
 */
function missingVariant(path: Path, { shape, start }: Gallery): Variant | undefined {
  const parentPath = path.slice(0, -1);
  const name = path[path.length - 1];
  const parent = getAt(start, parentPath);
  const how = isObject(parent) && parent[name] != null ? removal(shapeAt(shape, parentPath), name) : undefined;
  if (!how) return undefined;
  const data = structuredClone(start);
  const copy = getAt(data, parentPath) as Record<string, unknown>;
  if (how === "delete") delete copy[name];
  else copy[name] = null;
  return { data, differs: [`no ${pathLabel(path)}`] };
}

// ---- Finding the conditions ----

/** Path is a field path from the root; ELEM steps into a list's elements. */
type Path = readonly string[];
const ELEM = "[]";

/** Transform is a string function a compared field may be read through: the runtime's own. */
type Transform = keyof typeof transforms;
const transforms = { lower, upper, trim, title };

/** Ref is a value read from the data: a field, seen through string functions. */
interface Ref {
  path: Path;
  through: Transform[];
}

type Constant = string | number | boolean;
type Op = "eq" | "ne" | "lt" | "le" | "gt" | "ge";

/** Test is one comparison of a field with constants: `eq (lower .x) "a" "b"`. */
interface Test {
  op: Op;
  constants: Constant[];
  through: Transform[];
}

/** Operand is what an argument is known to be: a field, a constant, or neither. */
interface Operand {
  ref?: Ref;
  constant?: Constant;
}

type Found = { kind: "tag"; name: string } | { kind: "field"; path: Path; tests: Test[] } | { kind: "range"; path: Path };

/** Scope is what dot and `$` are in the template being walked (undefined: not a field path). */
interface Scope {
  dot?: Path;
  root?: Path;
}

const flipped: Record<Op, Op> = { eq: "eq", ne: "ne", lt: "gt", le: "ge", gt: "lt", ge: "le" };

// Conditions walks a template and the templates it calls, collecting what it tests.
class Conditions {
  /** found are the tags, compared fields and ranged lists, in order of first appearance. */
  readonly found = new Map<string, Found>();
  /** truthy are the fields tested for truth, in order of first appearance. */
  readonly truthy = new Map<string, Path>();
  private readonly refs = new Map<Binding, Ref>();
  private readonly walked = new Set<string>();

  constructor(private readonly checked: CheckedTemplate) {}

  /** unit walks a template executed with `dot` (once per template and dot: recursion ends). */
  unit(unit: TemplateUnit, dot: Path | undefined): void {
    const key = `${unit.name}\0${JSON.stringify(dot ?? null)}`;
    if (this.walked.has(key)) return;
    this.walked.add(key);
    this.nodes(unit.body, { dot, root: dot });
  }

  private nodes(list: A.Node[], scope: Scope): void {
    for (const n of list) this.node(n, scope);
  }

  private node(n: A.Node, scope: Scope): void {
    switch (n.kind) {
      case "Output":
        this.pipeline(n.pipeline, scope, false);
        return;
      case "If":
      case "With": {
        const ref = this.pipeline(n.pipeline, scope, true);
        this.nodes(n.then, n.kind === "With" ? { ...scope, dot: fieldOf(ref) } : scope);
        if (n.else) this.nodes(n.else, scope);
        return;
      }
      case "Range": {
        // The range's own declaration binds the element (`$i, $step := .steps`): not the pipeline's value.
        const list = fieldOf(this.value(n.pipeline, scope));
        const elem = list && [...list, ELEM];
        if (list) this.add({ kind: "range", path: list });
        const bound = this.checked.declared.get(n.pipeline) ?? [];
        const variable = bound[bound.length - 1];
        if (variable && elem) this.refs.set(variable, { path: elem, through: [] });
        else if (variable) this.refs.delete(variable);
        this.nodes(n.body, { ...scope, dot: elem });
        if (n.else) this.nodes(n.else, scope);
        return;
      }
      case "TemplateCall":
      case "Block": {
        const arg = n.pipeline && fieldOf(this.pipeline(n.pipeline, scope, false));
        const unit = this.checked.units.get(n.name.value);
        if (unit) this.unit(unit, arg);
        return;
      }
      default:
        return; // text, comments, break, continue; a define's body is walked where it is called
    }
  }

  // pipeline walks a pipeline, binds its declared variables, and returns its value's field.
  private pipeline(p: A.Pipeline, scope: Scope, condition: boolean): Ref | undefined {
    const ref = this.value(p, scope);
    if (condition && ref) this.truth(ref);
    for (const b of this.checked.declared.get(p) ?? []) {
      // A variable assigned again (`$x = …`) may hold anything: it is no longer a field.
      if (ref && p.decl?.op === ":=") this.refs.set(b, ref);
      else this.refs.delete(b);
    }
    return ref;
  }

  private value(p: A.Pipeline, scope: Scope): Ref | undefined {
    let piped: Operand[] = [];
    for (const cmd of p.commands) piped = [this.command(cmd, scope, piped)];
    return piped[0]?.ref;
  }

  // command records what one command tests and returns what its value is known to be.
  private command(cmd: A.Command, scope: Scope, piped: Operand[]): Operand {
    const [head, ...rest] = cmd.args;
    if (head.kind !== "Identifier") return this.operand(head, scope);
    const call = this.checked.calls.get(cmd);
    const name = call?.kind === "builtin" ? call.name : "";
    // and, or and not test their operands for truth: recorded as they are read, the piped one first.
    const truth = name === "and" || name === "or" || name === "not";
    const read = (a: Operand) => {
      if (truth && a.ref) this.truth(a.ref);
      return a;
    };
    piped.forEach(read);
    const args = [...rest.map((e) => read(this.operand(e, scope))), ...piped];
    switch (name) {
      case "hasTag":
        if (typeof args[0]?.constant === "string") this.add({ kind: "tag", name: args[0].constant });
        return {};
      case "eq":
      case "ne":
      case "lt":
      case "le":
      case "gt":
      case "ge":
        this.compare(name, args);
        return {};
      case "lower":
      case "upper":
      case "trim":
      case "title": {
        const ref = args.length === 1 ? args[0].ref : undefined;
        return ref ? { ref: { path: ref.path, through: [...ref.through, name] } } : {};
      }
      default:
        return {};
    }
  }

  private operand(e: A.Expr, scope: Scope): Operand {
    switch (e.kind) {
      case "StringLit":
      case "NumberLit":
      case "BoolLit":
        return { constant: e.value };
      case "Field":
        return scope.dot ? { ref: { path: [...scope.dot, ...e.path], through: [] } } : {};
      case "Dot":
        return scope.dot ? { ref: { path: scope.dot, through: [] } } : {};
      case "Variable": {
        const b = this.checked.bindings.get(e);
        const ref = e.name === "$" ? scope.root && { path: scope.root, through: [] } : b && this.refs.get(b);
        return extend(ref, e.path);
      }
      case "Paren":
        return extend(this.value(e.pipeline, scope), e.path);
      default:
        return {}; // a function named alone, nil
    }
  }

  // compare records a comparison of one field with constants (the field on either side).
  private compare(op: Op, args: Operand[]): void {
    const i = args.findIndex((a) => a.ref);
    const ref = args[i]?.ref;
    if (!ref || args.some((a, j) => j !== i && a.constant === undefined)) return;
    const others = args.filter((_, j) => j !== i).map((a) => a.constant!);
    // eq compares its first argument with each other one: a field after the first meets only the first.
    const test: Test = { op: i === 0 ? op : flipped[op], constants: i === 0 ? others : others.slice(0, 1), through: ref.through };
    if (op !== "eq" && op !== "ne" && typeof test.constants[0] !== "number") return;
    const found = this.add({ kind: "field", path: ref.path, tests: [] });
    if (found.kind === "field") found.tests.push(test);
  }

  private truth(ref: Ref): void {
    if (!ref.path.includes(ELEM) && ref.path.length) this.truthy.set(JSON.stringify(ref.path), ref.path);
  }

  private add(f: Found): Found {
    const key = f.kind === "tag" ? `tag ${f.name}` : `${f.kind} ${JSON.stringify(f.path)}`;
    const known = this.found.get(key);
    if (known) return known;
    this.found.set(key, f);
    return f;
  }
}

// fieldOf is the field a value is, when it is one as it is (not through a string function).
function fieldOf(ref: Ref | undefined): Path | undefined {
  return ref && ref.through.length === 0 ? ref.path : undefined;
}

// extend reads a path further from a field: `$x.a`, `(.x).a`.
function extend(ref: Ref | undefined, path: string[]): Operand {
  if (!ref || path.length === 0) return ref ? { ref } : {};
  const field = fieldOf(ref);
  return field ? { ref: { path: [...field, ...path], through: [] } } : {};
}

// elementPath is the path of `path` inside an element of `list` (`.steps[].title` → `title`), if it is one.
function elementPath(path: Path, list: Path): Path | undefined {
  if (path.length <= list.length || path[list.length] !== ELEM || !list.every((p, i) => path[i] === p)) return undefined;
  const rest = path.slice(list.length + 1);
  return rest.includes(ELEM) ? undefined : rest;
}

function pathLabel(path: Path): string {
  return "." + path.join(".");
}

// ---- Values ----

/**
 * fieldValues are the values a compared field takes in the gallery, labelled with `name`:
 * - a declared union of constants (of the constants' type): each of its values;
 * - strings (and booleans): each constant compared with, and one equal to none ("other");
 * - numbers: each constant, and around them a value below the least, between each two and
 *   above the greatest, where that value changes some comparison's outcome (`gt .n 0` gives
 *   0 and 1: -1 would read as 0 does), and 0 where the field is also tested for truth
 *   (`with .n`: a required field cannot go missing, but it can be 0).
 * None, when the constants do not fit the field's type.
 */
function fieldValues(tests: Test[], at: Shape, name: string, truthTested: boolean): { value: Constant; label: string }[] {
  const equal = <V extends Constant>(v: V) => ({ value: v, label: `${name} = ${typeof v === "string" ? JSON.stringify(v) : v}` });
  const kind = typeof tests[0]?.constants[0];
  const member = members(at).find((m) => m.k === kind || m.k === "unknown");
  if (!member || (kind !== "string" && kind !== "number" && kind !== "boolean")) return [];
  if ((member.k === "string" || member.k === "number" || member.k === "boolean") && member.values) return (member.values as Constant[]).map(equal);
  const own = tests.filter((t) => typeof t.constants[0] === kind);
  const constants = [...new Set(own.flatMap((t) => t.constants))];
  if (kind === "boolean") return [true, false].map(equal);
  if (kind === "string") {
    const matches = (s: string) => own.some((t) => t.constants.includes(t.through.reduce((v, f) => transforms[f](v), s)));
    let other = "other";
    for (let n = 2; matches(other) || constants.includes(other); n++) other = `other ${n}`;
    return [...constants, other].map(equal);
  }
  const sorted = (constants as number[]).sort((a, b) => a - b);
  const [least, most] = [sorted[0], sorted[sorted.length - 1]];
  const around = [
    { value: most + 1, label: `${name} > ${most}` },
    { value: least - 1, label: `${name} < ${least}` },
    ...sorted.slice(1).map((b, i) => ({ value: sorted[i] + 1 < b ? sorted[i] + 1 : (sorted[i] + b) / 2, label: `${sorted[i]} < ${name} < ${b}` })),
    ...(truthTested ? [equal(0)] : []),
  ];
  const outcome = (v: number) => [...own.map((t) => holds(t, v)), truthTested && v !== 0].join();
  const kept = sorted.map(equal);
  const outcomes = new Set(sorted.map(outcome));
  for (const a of around) {
    if (outcomes.has(outcome(a.value))) continue;
    outcomes.add(outcome(a.value));
    kept.push(a);
  }
  return kept.sort((a, b) => a.value - b.value);
}

// holds tells whether a numeric comparison is true of `v`.
function holds(t: Test, v: number): boolean {
  const c = t.constants as number[];
  switch (t.op) {
    case "eq":
      return c.includes(v);
    case "ne":
      return v !== c[0];
    case "lt":
      return v < c[0];
    case "le":
      return v <= c[0];
    case "gt":
      return v > c[0];
    case "ge":
      return v >= c[0];
  }
}

// ---- Shapes and data ----

const TEXT = "Sample text";

// members lists a shape's alternatives other than null and undefined.
function members(s: Shape): Shape[] {
  return (s.k === "union" ? s.of : [s]).filter((m) => m.k !== "null" && m.k !== "undefined");
}

// shapeAt is the shape of the value at `path`, or undefined when the type has no such path.
function shapeAt(s: Shape | undefined, path: Path): Shape | undefined {
  for (const name of path) s = s && step(s, name);
  return s;
}

function step(s: Shape, name: string): Shape | undefined {
  for (const m of members(s)) {
    if (m.k === "unknown") return m;
    if (name === ELEM && m.k === "list") return m.elem;
    if (name === ELEM && m.k === "tuple") return union(m.elems);
    if (name !== ELEM && m.k === "object") {
      const f = m.fields.find((f) => f.name === name);
      if (f || m.index) return f ? f.shape : m.index;
    }
  }
  return undefined;
}

// listElement is the element shape of a list a range dimension may make 0, 1 or 3 long.
function listElement(s: Shape | undefined): Shape | undefined {
  const list = s && members(s).find((m) => m.k === "list");
  return list?.k === "list" ? list.elem : undefined;
}

// removal says how field `name` of an object of shape `s` goes missing and still fits: deleted, or null.
function removal(s: Shape | undefined, name: string): "delete" | "null" | undefined {
  for (const m of s ? members(s) : []) {
    if (m.k === "unknown") return "delete";
    if (m.k !== "object") continue;
    const f = m.fields.find((f) => f.name === name);
    if (!f) return m.index ? "delete" : undefined;
    const kinds = (f.shape.k === "union" ? f.shape.of : [f.shape]).map((x) => x.k);
    return f.optional || kinds.includes("undefined") || kinds.includes("unknown") ? "delete" : kinds.includes("null") ? "null" : undefined;
  }
  return undefined;
}

/**
 * sample is a value of a shape: "Sample text", 1, true, a union's first member, an object with
 * every field (an optional one only on the first visit of a recursive type), an empty list.
 */
function sample(s: Shape, seen: readonly Shape[] = []): unknown {
  switch (s.k) {
    case "unknown":
      return TEXT;
    case "null":
      return null;
    case "undefined":
      return undefined;
    case "string":
      return s.values?.[0] ?? TEXT;
    case "number":
      return s.values?.[0] ?? 1;
    case "boolean":
      return s.values?.[0] ?? true;
    case "list":
      return [];
    case "tuple":
      return s.elems.slice(0, s.min).map((e) => sample(e, seen));
    case "union": {
      // A recursive type ends at a nullable reference to itself.
      const nullable = s.of.some((o) => o.k === "null");
      const m = members(s).find((m) => !seen.includes(m)) ?? (nullable ? undefined : members(s)[0]);
      return m ? sample(m, seen) : nullable ? null : undefined;
    }
    case "object": {
      const out: Record<string, unknown> = {};
      const again = seen.includes(s);
      for (const f of s.fields) {
        if (f.optional && again) continue;
        const v = sample(f.shape, [...seen, s]);
        if (v !== undefined) out[f.name] = v;
      }
      return out;
    }
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function getAt(data: unknown, path: Path): unknown {
  for (const name of path) data = isObject(data) ? data[name] : undefined;
  return data;
}

// setAt sets the value at `path`, making the objects on the way from the type where they are missing.
function setAt(data: Record<string, unknown>, path: Path, value: unknown, shape: Shape): void {
  let s: Shape | undefined = shape;
  for (const name of path.slice(0, -1)) {
    s = s && step(s, name);
    if (!isObject(data[name])) {
      const object = s && members(s).find((m) => m.k === "object");
      data[name] = object ? sample(object) : {};
    }
    data = data[name] as Record<string, unknown>;
  }
  data[path[path.length - 1]] = value;
}

// setTag adds a tag to the data's tags, or removes it.
function setTag(data: Record<string, unknown>, tag: string, on: boolean): void {
  const tags = Array.isArray(data.tags) ? data.tags.filter((t) => t !== tag) : [];
  if (on) tags.push(tag);
  data.tags = tags;
}

// ---- Enumeration ----

// everyCombination lists every row of value indexes, the first dimension varying slowest.
function everyCombination(sizes: number[]): number[][] {
  return sizes.reduce<number[][]>((rows, size) => rows.flatMap((row) => Array.from({ length: size }, (_, v) => [...row, v])), [[]]);
}

/**
 * pairwise lists rows in which every pair of values of any two dimensions appears (greedy, as
 * AETG does, without its randomness): each row starts from the first pair not yet covered,
 * then takes, dimension by dimension, the value covering most new pairs with the values
 * already chosen (ties: the value with most pairs still open, then the lowest).
 */
function pairwise(sizes: number[]): number[][] {
  const k = sizes.length;
  // open[i][j] (i < j) holds a * sizes[j] + b for each pair (value a of i, value b of j) not yet covered.
  const open = sizes.map((si, i) => sizes.map((sj, j) => new Set(j > i ? Array.from({ length: si * sj }, (_, p) => p) : [])));
  const isOpen = (d: number, v: number, e: number, w: number) => (d < e ? open[d][e].has(v * sizes[e] + w) : open[e][d].has(w * sizes[d] + v));
  let left = open.flat().reduce((n, set) => n + set.size, 0);
  const rows: number[][] = [];
  while (left > 0) {
    const row: number[] = new Array(k).fill(-1);
    seed: for (let i = 0; i < k; i++) {
      for (let j = i + 1; j < k; j++) {
        const [first] = open[i][j];
        if (first === undefined) continue;
        row[i] = Math.floor(first / sizes[j]);
        row[j] = first % sizes[j];
        break seed;
      }
    }
    for (let d = 0; d < k; d++) {
      if (row[d] >= 0) continue;
      let [best, bestNow, bestLater] = [0, -1, -1];
      for (let v = 0; v < sizes[d]; v++) {
        let now = 0;
        let later = 0;
        for (let e = 0; e < k; e++) {
          if (e === d) continue;
          if (row[e] >= 0) now += isOpen(d, v, e, row[e]) ? 1 : 0;
          else for (let w = 0; w < sizes[e]; w++) later += isOpen(d, v, e, w) ? 1 : 0;
        }
        if (now > bestNow || (now === bestNow && later > bestLater)) [best, bestNow, bestLater] = [v, now, later];
      }
      row[d] = best;
    }
    for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) if (open[i][j].delete(row[i] * sizes[j] + row[j])) left--;
    rows.push(row);
  }
  return rows;
}
