/**
 * check resolves names and infers the data type of a template set: the main template,
 * its `define`s and `block`s, and the partials. It records, keyed by AST node, what the
 * emitter needs (each expression's type variable, each command's function, each
 * variable's binding) and reports undefined names, wrong arity, type conflicts,
 * misplaced break/continue and printf misuse — every problem of a file in one pass.
 */
import type { Reporter } from "../diagnostics/diagnostic.js";
import { details, notes } from "../diagnostics/messages.js";
import type * as A from "../parse/ast.js";
import type { SourceFile, Span } from "../source.js";
import { builtins, unsupportedFunctions, type Arg, type CallContext } from "./builtins.js";
import { declaredVar, type DeclaredType } from "./declared.js";
import { checkPrintf } from "./printf.js";
import { describeKind, isScalar, NAMED, Types, type Kind, type TVar, type Use } from "./types.js";

/** Binding is one declared template variable. */
export interface Binding {
  name: string;
  /** js is the generated local's name: unique in its function, never colliding with ours. */
  js: string;
  t: TVar;
  span: Span;
  used: boolean;
}

/** UserCall is one call of a user function: its place and its arguments' types. */
export interface UserCall {
  name: string;
  source: SourceFile;
  span: Span;
  args: { t: TVar; span: Span; literal: Arg["literal"]; mayBeMissing: boolean }[];
}

/** Call is what a command calls: a builtin or a user function. */
export type Call = { kind: "builtin"; name: string } | { kind: "user"; name: string };

/** TemplateUnit is one named template: the main body, a define, a block, or a partial's body. */
export interface TemplateUnit {
  name: string;
  body: A.Node[];
  source: SourceFile;
  /** dot is the type of the value the template is executed with. */
  dot: TVar;
  /** span is the name's place, for messages (undefined for the main template and partial bodies). */
  span?: Span;
  /** isBlock is true for a block's default body (a define of the same name replaces it). */
  isBlock: boolean;
}

/** CheckedTemplate is everything the emitter needs, keyed by AST node. */
export interface CheckedTemplate {
  main: TemplateUnit;
  /** units are the named templates reachable by {{template}}, by name. */
  units: Map<string, TemplateUnit>;
  root: TVar;
  types: Map<A.Expr | A.Command | A.Pipeline, TVar>;
  calls: Map<A.Command, Call>;
  bindings: Map<A.Variable, Binding>;
  /** declared maps a pipeline with a declaration to the bindings it declares or assigns. */
  declared: Map<A.Pipeline, Binding[]>;
  /** tags are the constant names passed to hasTag, in order of first use. */
  tags: string[];
  /** bareCalls maps a function named alone as an operand (`{{if ready}}`) to its call. */
  bareCalls: Map<A.Identifier, A.Command>;
  /** userFunctions are the user functions the template calls. */
  userFunctions: Set<string>;
  /** userCalls are the calls of user functions, for checking against their TypeScript signatures. */
  userCalls: UserCall[];
  /** dataType is the declared data type, when the template names one. */
  dataType?: DeclaredType;
}

/** CheckOptions says which user functions exist. */
export interface CheckOptions {
  functions: ReadonlySet<string>;
  /** declared is the template's declared data type; without it the type is inferred. */
  declared?: DeclaredType;
}

/** SourceTree is one parsed source: the main template or a partial (whose body is template `name`). */
export interface SourceTree {
  name: string;
  source: SourceFile;
  tree: A.ParsedTemplate;
}

/** check checks a main template with its partials; problems go to the reporter. */
export function check(main: SourceTree, partials: SourceTree[], options: CheckOptions, reporter: Reporter): CheckedTemplate {
  return new Checker(main, partials, options, reporter).run();
}

class Checker {
  private readonly types = new Types();
  private readonly root: TVar;
  private readonly out: CheckedTemplate;
  private scopes: Map<string, Binding>[] = [];
  private source!: SourceFile;
  private rangeDepth = 0;
  /** inWith is true while checking a with's body: there the dot is the with's value, never missing. */
  private inWith = false;
  private jsNames = new Map<string, number>();

  constructor(
    private readonly mainTree: SourceTree,
    private readonly partials: SourceTree[],
    private readonly options: CheckOptions,
    private readonly reporter: Reporter,
  ) {
    this.root = options.declared ? declaredVar(this.types, options.declared) : this.types.fresh(".");
    const main: TemplateUnit = { name: mainTree.name, body: mainTree.tree.body, source: mainTree.source, dot: this.root, isBlock: false };
    this.out = { main, units: new Map(), root: this.root, types: new Map(), calls: new Map(), bindings: new Map(), declared: new Map(), bareCalls: new Map(), tags: [], userFunctions: new Set(), userCalls: [], dataType: options.declared };
  }

  run(): CheckedTemplate {
    this.collectUnits();
    const seen = new Set<TemplateUnit>();
    for (const unit of [this.out.main, ...this.out.units.values(), ...this.shadowed]) {
      if (seen.has(unit)) continue;
      seen.add(unit);
      this.checkUnit(unit);
    }
    this.types.settle();
    this.reportConflicts();
    return this.out;
  }

  // ---- Named templates ----

  private shadowed: TemplateUnit[] = [];

  // collectUnits finds every define and block of every source; a define replaces a block of
  // the same name, two defines (or two blocks) of one name are an error.
  private collectUnits(): void {
    const add = (unit: TemplateUnit) => {
      const existing = this.out.units.get(unit.name);
      if (!existing) return void this.out.units.set(unit.name, unit);
      const sameFile = existing.source === unit.source;
      if (existing.isBlock && !unit.isBlock && !sameFile) {
        this.shadowed.push(existing);
        return void this.out.units.set(unit.name, unit);
      }
      if (!existing.isBlock && unit.isBlock && !sameFile) return void this.shadowed.push(unit);
      const p = this.reporter.error("duplicate_define", unit.source, unit.span ?? { start: 0, end: 0 }, unit.name);
      if (existing.span) p.notes.push({ message: notes.definedHere(), source: existing.source, span: existing.span });
    };
    const walk = (nodes: A.Node[], source: SourceFile) => {
      for (const n of nodes) {
        if (n.kind === "Define" || n.kind === "Block") {
          add({ name: n.name.value, body: n.body, source, dot: this.types.fresh(`the dot of template "${n.name.value}"`), span: n.name.span, isBlock: n.kind === "Block" });
        }
        for (const child of children(n)) walk(child, source);
      }
    };
    walk(this.mainTree.tree.body, this.mainTree.source);
    for (const p of this.partials) {
      const body = p.tree.body.filter((n) => n.kind !== "Define");
      if (body.some((n) => n.kind !== "Text" || n.value.trim() !== "")) {
        add({ name: p.name, body, source: p.source, dot: this.types.fresh(`the dot of template "${p.name}"`), isBlock: false });
      }
      walk(p.tree.body, p.source);
    }
  }

  private checkUnit(unit: TemplateUnit): void {
    this.source = unit.source;
    this.jsNames = new Map();
    this.scopes = [new Map([["$", { name: "$", js: "_p", t: unit.dot, span: unit.span ?? { start: 0, end: 0 }, used: true }]])];
    this.rangeDepth = 0;
    this.inWith = false;
    this.nodes(unit.body, unit.dot);
    this.popScope();
  }

  // ---- Nodes ----

  private nodes(list: A.Node[], dot: TVar): void {
    for (const n of list) this.node(n, dot);
  }

  private node(n: A.Node, dot: TVar): void {
    switch (n.kind) {
      case "Text":
      case "Comment":
        return;
      case "Output": {
        const t = this.pipeline(n.pipeline, dot);
        if (!n.pipeline.decl) this.printed(t, n.pipeline);
        return;
      }
      case "If":
      case "With": {
        this.pushScope();
        const t = this.pipeline(n.pipeline, dot);
        const outer = this.inWith;
        if (n.kind === "With") this.inWith = true;
        this.scoped(n.then, n.kind === "With" ? t : dot);
        this.inWith = outer;
        if (n.else) this.scoped(n.else, dot);
        this.popScope();
        return;
      }
      case "Range":
        return this.range(n, dot);
      case "Define":
      case "Block":
        if (n.kind === "Block") {
          const unit = this.out.units.get(n.name.value);
          if (unit) this.passToTemplate(unit, this.pipeline(n.pipeline, dot), n.pipeline.span);
        }
        return; // bodies are checked as units of their own
      case "TemplateCall": {
        const unit = this.out.units.get(n.name.value);
        const arg = n.pipeline ? this.pipeline(n.pipeline, dot) : undefined;
        if (!unit) {
          this.reporter.error("undefined_template", this.source, n.name.span, n.name.value);
          return;
        }
        if (arg) this.passToTemplate(unit, arg, n.pipeline!.span);
        return;
      }
      case "Break":
      case "Continue":
        if (this.rangeDepth === 0) this.reporter.error("syntax_error", this.source, n.span, details.outsideRange(n.kind === "Break" ? "break" : "continue"));
        return;
    }
  }

  private range(n: A.Range, dot: TVar): void {
    this.pushScope();
    const elem = this.types.fresh("an element");
    const t = this.pipelineValue(n.pipeline, dot);
    const label = t.find().label;
    elem.label = `an element of ${label}`;
    if (t.find().fixed && t.find().kind.k === "number") {
      // Go ranges over an integer, but a declared number may be 2.5: ask for a list.
      this.reporter.error("type_mismatch", this.source, n.pipeline.span, details.rangeOverDeclaredNumber(t.find().label, this.options.declared!.name));
    } else this.types.narrow(t, { k: "iterable", elem }, this.use(n.pipeline.span, "ranged over"));
    const k = t.find().kind;
    const elemT = k.k === "iterable" || k.k === "list" ? k.elem : k.k === "object" && k.elem ? k.elem : k.k === "number" ? t : elem;
    const only = n.pipeline.commands.length === 1 && n.pipeline.commands[0].args.length === 1 ? n.pipeline.commands[0].args[0] : undefined;
    if (only?.kind === "NumberLit" && !Number.isInteger(only.value)) this.reporter.error("type_mismatch", this.source, only.span, details.rangeOverFraction(only.raw));
    const decl = n.pipeline.decl;
    if (decl) {
      if (decl.vars.length === 2 && k.k === "number") this.reporter.error("type_mismatch", this.source, decl.vars[0].span, details.rangeOverIntPair());
      const key = this.types.fresh(`the key of ${label}`, { k: "ordered" });
      rangeKeys.set(key, t);
      const targets = decl.vars.length === 2 ? [key, elemT] : [elemT];
      this.declare(n.pipeline, decl, targets);
    }
    this.rangeDepth++;
    const outer = this.inWith;
    this.inWith = false;
    this.scoped(n.body, elemT);
    this.inWith = outer;
    this.rangeDepth--;
    if (n.else) this.scoped(n.else, dot);
    this.popScope();
  }

  // passToTemplate makes a call's argument the template's dot. A template called with a
  // string in one place and a number in another is fine, as in Go: its dot stays printable.
  private passToTemplate(unit: TemplateUnit, arg: TVar, at: Span): void {
    const a = arg.find().kind;
    const d = unit.dot.find().kind;
    if (isScalar(a) && isScalar(d) && a.k !== d.k && !this.types.narrow(unit.dot, a, this.use(at, "probe"))) {
      this.types.conflicts.pop();
      return;
    }
    this.types.unify(unit.dot, arg, this.use(at, `passed to template "${unit.name}"`));
  }

  // scoped checks a block's body in a scope of its own: its variables end at {{end}}.
  private scoped(list: A.Node[], dot: TVar): void {
    this.pushScope();
    this.nodes(list, dot);
    this.popScope();
  }

  // ---- Pipelines and commands ----

  /** pipeline types a pipeline and handles its declaration (not for range, whose decl is special). */
  private pipeline(p: A.Pipeline, dot: TVar): TVar {
    const t = this.pipelineValue(p, dot);
    if (p.decl) this.declare(p, p.decl, p.decl.vars.map(() => t));
    return t;
  }

  private pipelineValue(p: A.Pipeline, dot: TVar): TVar {
    let piped: Arg | undefined;
    let t!: TVar;
    let previous: A.Command | undefined;
    for (const cmd of p.commands) {
      t = this.command(cmd, dot, piped, previous);
      previous = cmd;
      const literal = cmd.args.length === 1 ? literalOf(cmd.args[0]) : undefined;
      piped = { t, use: this.use(cmd.span, "piped"), literal, piped: true };
    }
    this.out.types.set(p, t);
    return t;
  }

  private declare(p: A.Pipeline, decl: NonNullable<A.Pipeline["decl"]>, values: TVar[]): void {
    const bound: Binding[] = [];
    decl.vars.forEach((v, i) => {
      if (v.name === "$") {
        this.reporter.error("assign_to_dollar", this.source, v.span);
        return;
      }
      if (decl.op === "=") {
        const b = this.lookup(v);
        if (!b) return;
        this.types.unify(b.t, values[i], this.use(v.span, "assigned"));
        bound.push(b);
        return;
      }
      const n = (this.jsNames.get(v.name) ?? 0) + 1;
      this.jsNames.set(v.name, n);
      const b: Binding = { name: v.name, js: `${v.name === "$" ? "$$" : v.name}_${n}`, t: values[i], span: v.span, used: decl.vars.length === 2 && i === 0 };
      this.scopes[this.scopes.length - 1].set(v.name, b);
      this.out.bindings.set(v, b);
      bound.push(b);
    });
    this.out.declared.set(p, bound);
  }

  private command(cmd: A.Command, dot: TVar, piped: Arg | undefined, pipedFrom?: A.Command): TVar {
    const [head, ...rest] = cmd.args;
    let t: TVar;
    if (head.kind === "Identifier") {
      t = this.call(cmd, head, rest, dot, piped, pipedFrom);
    } else {
      if (head.kind === "Nil") this.reporter.error("syntax_error", this.source, head.span, details.nilCommand());
      if (rest.length > 0) this.reporter.error("not_a_function", this.source, rest[0].span, describeExpr(head));
      else if (piped) this.reporter.error("syntax_error", this.source, head.span, details.pipedToNonFunction(describeExpr(head)));
      t = this.expr(head, dot);
    }
    this.out.types.set(cmd, t);
    return t;
  }

  private call(cmd: A.Command, fn: A.Identifier, argExprs: A.Expr[], dot: TVar, piped: Arg | undefined, pipedFrom?: A.Command): TVar {
    const args: Arg[] = argExprs.map((e) => ({ t: this.expr(e, dot), use: this.use(e.span, ""), literal: literalOf(e), piped: false }));
    if (piped) args.push(piped);
    const name = fn.name;
    // `{{.FirstName | fallback "there"}}` makes the name the default; `{{"there" | fallback .FirstName}}` is fine.
    if (name === "fallback" && piped && piped.literal === undefined && args[0]?.literal !== undefined) {
      this.reporter.warning("fallback_piped", this.source, fn.span);
    }
    if (this.options.functions.has(name)) {
      this.out.calls.set(cmd, { kind: "user", name });
      this.out.userFunctions.add(name);
      const exprs: (A.Expr | A.Command | undefined)[] = [...argExprs, piped ? pipedFrom : undefined];
      this.out.userCalls.push({
        name,
        source: this.source,
        span: fn.span,
        args: args.map((a, i) => ({ t: a.t, span: a.use.span, literal: a.literal, mayBeMissing: !keyType(a.t) && !(this.inWith && exprs[i]?.kind === "Dot") && mayBeMissing(exprs[i], this.out.calls) })),
      });
      return this.types.fresh(`the result of ${name}`, { k: "dynamic" });
    }
    const builtin = builtins[name];
    if (!builtin) {
      if (name in unsupportedFunctions) this.reporter.error("unsupported", this.source, fn.span, unsupportedFunctions[name]);
      else {
        const p = this.reporter.error("unknown_function", this.source, fn.span, name);
        const near = closest(name, [...Object.keys(builtins), ...this.options.functions]);
        p.notes.push({ message: near ? notes.didYouMean(near) : notes.functionsHint() });
      }
      return this.types.fresh("an unknown value", { k: "dynamic" });
    }
    this.out.calls.set(cmd, { kind: "builtin", name });
    const [min, max] = builtin.arity;
    if (args.length < min || args.length > max) {
      const expected = min === max ? `${min} argument${min === 1 ? "" : "s"}` : max === Infinity ? `at least ${min} argument${min === 1 ? "" : "s"}` : `${min} to ${max} arguments`;
      this.reporter.error("wrong_arity", this.source, cmd.span, name, expected, args.length);
      return this.types.fresh(`the result of ${name}`, { k: "dynamic" });
    }
    const ctx: CallContext = {
      types: this.types,
      root: this.root,
      call: this.use(cmd.span, `returned by ${name}`),
      error: (message, use) => this.reporter.error("type_mismatch", use.source, use.span, message),
      notPrintable: (kind, use) => this.reporter.error("not_printable", use.source, use.span, describeKind(kind)),
      tag: (tag, use) => {
        if (!this.out.tags.includes(tag)) this.out.tags.push(tag);
        this.checkTag(tag, use);
      },
    };
    if (name === "printf" && typeof args[0].literal === "string") {
      checkPrintf(args[0].literal, args.slice(1), argExprs[0].span, ctx, this.reporter, this.source);
    }
    return builtin.type(ctx, args);
  }

  private expr(e: A.Expr, dot: TVar): TVar {
    const t = this.exprType(e, dot);
    this.out.types.set(e, t);
    return t;
  }

  private exprType(e: A.Expr, dot: TVar): TVar {
    switch (e.kind) {
      case "Field":
        return this.path(dot, e.path, e.span);
      case "Variable": {
        const b = this.lookup(e);
        if (!b) return this.types.fresh(e.name, { k: "dynamic" });
        return this.path(b.t, e.path, e.span);
      }
      case "Dot":
        return dot;
      case "Identifier": {
        // A function named alone as an operand: a call without arguments, as in Go.
        const cmd: A.Command = { kind: "Command", args: [e], span: e.span };
        const t = this.call(cmd, e, [], dot, undefined);
        this.out.types.set(cmd, t);
        this.out.bareCalls.set(e, cmd);
        return t;
      }
      case "StringLit":
        return this.types.fresh(e.raw, { k: "string" }, this.use(e.span, "a string constant"));
      case "NumberLit":
        return this.types.fresh(e.raw, { k: "number" }, this.use(e.span, "a number constant"));
      case "BoolLit":
        return this.types.fresh(String(e.value), { k: "boolean" }, this.use(e.span, "a boolean constant"));
      case "Nil":
        return this.types.fresh("nil");
      case "Paren":
        return this.path(this.pipeline(e.pipeline, dot), e.path, e.span);
    }
  }

  private path(t: TVar, path: string[], at: Span): TVar {
    for (const name of path) {
      const next = this.types.field(t, name, this.use(at, `read as an object with field ${name}`));
      if (!next) return this.types.fresh(name, { k: "dynamic" });
      t = next;
    }
    return t;
  }

  private printed(t: TVar, p: A.Pipeline): void {
    const k = t.find().kind;
    if (k.k === "list" || k.k === "object" || k.k === "iterable" || k.k === "lengthable") {
      if (k.k !== "lengthable") return void this.reporter.error("not_printable", this.source, p.span, describeKind(k));
    }
    this.types.narrow(t, { k: "printable" }, this.use(p.span, "printed"));
  }

  // ---- Scopes ----

  private pushScope(): void {
    this.scopes.push(new Map());
  }

  private popScope(): void {
    for (const b of this.scopes.pop()!.values()) {
      if (!b.used && b.name !== "$") this.reporter.warning("unused_variable", this.source, b.span, b.name);
    }
  }

  private lookup(v: A.Variable): Binding | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const b = this.scopes[i].get(v.name);
      if (b) {
        b.used = true;
        this.out.bindings.set(v, b);
        return b;
      }
    }
    const p = this.reporter.error("undefined_variable", this.source, { start: v.span.start, end: v.span.start + v.name.length }, v.name);
    const field = "." + v.name.slice(1);
    p.notes.push({ message: notes.declareHint(v.name, v.name.length > 1 ? field : undefined) });
    return undefined;
  }

  private use(span: Span, what: string): Use {
    return { source: this.source, span, what };
  }

  // checkTag checks a constant tag name against the declared type's tag names, when they are a union of strings.
  private checkTag(tag: string, use: Use): void {
    const root = this.root.find().kind;
    const field = root.k === "object" && root.closed ? root.fields.get("tags")?.find() : undefined;
    const elem = field?.kind.k === "list" ? field.kind.elem.find() : undefined;
    if (elem?.kind.k !== "string" || !elem.kind.values || elem.kind.values.includes(tag)) return;
    const p = this.reporter.error("unknown_tag", use.source, use.span, tag, this.options.declared!.name);
    const near = closest(tag, [...elem.kind.values]);
    if (near) p.notes.push({ message: notes.didYouMean(JSON.stringify(near)) });
    if (field?.use) p.notes.push({ message: notes.tagsDeclared(), source: field.use.source, span: field.use.span });
  }

  private reportConflicts(): void {
    for (const { conflict, use } of this.types.conflicts) {
      const [wanted, existing] = [describeKind(conflict.wanted), describeKind(conflict.existing)];
      const message = conflict.declared ? details.declaredConflict(conflict.label, wanted, existing) : details.conflict(conflict.label, wanted, existing);
      const p = this.reporter.error("type_mismatch", use.source, use.span, message);
      if (conflict.previous) p.notes.push({ message: notes.otherUse(conflict.previous.what || existing), source: conflict.previous.source, span: conflict.previous.span });
    }
    for (const { object, name, use } of this.types.unknownFields) {
      const kind = object.kind as Extract<Kind, { k: "object" }>;
      const owner = kind.closed && NAMED.test(kind.closed) ? kind.closed : object.label;
      const p = this.reporter.error("unknown_field", use.source, use.span, name, owner);
      const near = closest(name, [...kind.fields.keys()]);
      if (near) p.notes.push({ message: notes.didYouMean(near) });
      if (object.use) p.notes.push({ message: notes.otherUse(object.use.what), source: object.use.source, span: object.use.span });
    }
  }
}

/** rangeKeys maps the key variable of a `range $k, $v :=` to the ranged value's type variable. */
export const rangeKeys = new WeakMap<TVar, TVar>();

/** keyType is the TypeScript type of a range key: an index, or an object's key. */
export function keyType(key: TVar): "number" | "string" | undefined {
  const target = rangeKeys.get(key);
  if (!target) return undefined;
  const k = target.find().kind;
  return k.k === "object" ? "string" : "number";
}

/** callGraph maps each template (the main one and the named ones) to those it calls. */
export function callGraph(checked: CheckedTemplate): Map<TemplateUnit, TemplateUnit[]> {
  const collect = (nodes: A.Node[], out: TemplateUnit[]) => {
    for (const n of nodes) {
      if (n.kind === "TemplateCall" || n.kind === "Block") {
        const callee = checked.units.get(n.name.value);
        if (callee) out.push(callee);
      }
      if (n.kind !== "Define" && n.kind !== "Block") for (const list of children(n)) collect(list, out);
    }
    return out;
  };
  return new Map([checked.main, ...checked.units.values()].map((u) => [u, collect(u.body, [])]));
}

/** reachable is the set of templates that `start` calls, directly or through others. */
export function reachable(calls: Map<TemplateUnit, TemplateUnit[]>, start: TemplateUnit): Set<TemplateUnit> {
  const seen = new Set<TemplateUnit>();
  const stack = [...(calls.get(start) ?? [])];
  while (stack.length) {
    const u = stack.pop()!;
    if (!seen.has(u)) {
      seen.add(u);
      stack.push(...(calls.get(u) ?? []));
    }
  }
  return seen;
}

/** children lists the node lists nested in a node. */
export function children(n: A.Node): A.Node[][] {
  switch (n.kind) {
    case "If":
    case "With":
      return n.else ? [n.then, n.else] : [n.then];
    case "Range":
      return n.else ? [n.body, n.else] : [n.body];
    case "Define":
    case "Block":
      return [n.body];
    default:
      return [];
  }
}

// mayBeMissing tells whether a value can be missing at run time: data read from a field,
// a variable or dot, and what index, slice and user functions return.
function mayBeMissing(e: A.Expr | A.Command | undefined, calls: Map<A.Command, Call>): boolean {
  if (!e) return true;
  if (e.kind === "Command") {
    const call = calls.get(e);
    if (!call) return e.args.length !== 1 || mayBeMissing(e.args[0], calls);
    return call.kind === "user" || ["index", "slice", "fallback", "and", "or"].includes(call.name);
  }
  switch (e.kind) {
    case "StringLit":
    case "NumberLit":
    case "BoolLit":
      return false;
    case "Identifier":
      return true;
    case "Paren":
      return e.path.length > 0 || mayBeMissing(e.pipeline.commands[e.pipeline.commands.length - 1], calls);
    default:
      return true;
  }
}

function literalOf(e: A.Expr): Arg["literal"] {
  switch (e.kind) {
    case "StringLit":
    case "NumberLit":
    case "BoolLit":
      return e.value;
    case "Nil":
      return null;
    default:
      return undefined;
  }
}

function describeExpr(e: A.Expr): string {
  switch (e.kind) {
    case "Field":
      return "." + e.path.join(".");
    case "Variable":
      return [e.name, ...e.path].join(".");
    case "Dot":
      return ".";
    case "StringLit":
    case "NumberLit":
      return e.raw;
    case "BoolLit":
      return String(e.value);
    case "Nil":
      return "nil";
    case "Identifier":
      return e.name;
    case "Paren":
      return "a parenthesized pipeline";
  }
}

// closest returns the candidate nearest to name by edit distance, if it is near enough and
// not a different word altogether ("x" is not a misspelt "id": every letter would change).
function closest(name: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const c of candidates) {
    const d = distance(name.toLowerCase(), c.toLowerCase());
    if (d < bestD && d < Math.max(name.length, c.length)) [best, bestD] = [c, d];
  }
  return best;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]++;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

