/**
 * emitRender turns a checked template into a TypeScript module whose `render` is plain
 * code: static text appended as string constants, values printed with the one conversion
 * their type needs, `if`/`for` for control flow, and a runtime call only where a value's
 * type is not known at compile time. Each named template becomes a function `_tN(_p, _r)`:
 * `_p` is its dot at entry (`$`), `_r` the render's root data (whose tags hasTag reads, once per
 * function, into `_tags`; each constant tag is tested once, at the function's start, into `_tgN`).
 *
 * Naming: every local we generate starts with `_`; template variables start with `$`
 * (`$x_1`), so no template name can collide with ours.
 */
import type { Binding, CheckedTemplate, TemplateUnit } from "../check/index.js";
import { callGraph, isScalar, kindOf, reachable, type Kind } from "../check/index.js";
import type * as A from "../parse/ast.js";
import { emitCall, goTruth, type ExprCode, type CallEmitter } from "./emit-call.js";
import { decodeHTML } from "entities";
import { oneLine } from "../../runtime/escape.js";
import { splitText } from "../../runtime/text.js";
import { cssContext, escapersFor, jsContext, urlContext } from "../weave/html-context.js";
import type { Fragment, Hole, HoleContext, PlanItem, PlanNode, Region, RenderPlan } from "../weave/plan.js";
import type { Included } from "../weave/include.js";
import { coverageTable, type Arms, type CoverageBranch, type CoverageTable } from "./emit-coverage.js";
import { typeOnly } from "./type-only.js";

/** RenderEmitOptions says how the module reaches the runtime and user functions. */
export interface RenderEmitOptions {
  /** typeName is the data type's name, e.g. "WelcomeData": an MJML module's render and renderHtml take it. */
  typeName: string;
  /** plan is the woven MJML template: the main function renders it into subject, preheader, html and text. */
  plan?: RenderPlan;
  /** runtime is the import specifier of the runtime module. */
  runtime: string;
  /** functionsFrom is the specifier of a module exporting `functions`; without it, the module exports a `functions` object to fill. */
  functionsFrom?: string;
  /** coverage counts the runs of every branch arm in `_cov` (see emit-coverage.ts). */
  coverage?: boolean;
  /** included maps an MJML source with mj-includes back to its files, for the coverage positions. */
  included?: Included;
}

/** EmittedRender is the body of a module: its imports and its lines of code (type-only parts marked, see type-only.ts). */
export interface EmittedRender {
  imports: Set<string>;
  lines: string[];
  /** positions gives, for each line, the main template's offset it comes from. */
  positions: (number | undefined)[];
  /** recursive is true when a template can call itself: the module then keeps a `_depth` counter. */
  recursive: boolean;
  /** coverage lists the branch arms that `_cov` counts, with the coverage option. */
  coverage?: CoverageBranch[];
}

/** MAX_TEMPLATE_DEPTH is how deeply templates may call themselves before a render fails. */
export const MAX_TEMPLATE_DEPTH = 1000;

// Names Object.prototype has: reading them needs an own-property check.
const prototypeNames = new Set(Object.getOwnPropertyNames(Object.prototype));
const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** emitRender returns the code of a template's functions (not yet a full module). */
export function emitRender(checked: CheckedTemplate, options: RenderEmitOptions): EmittedRender {
  return new RenderEmitter(checked, options).run();
}

class RenderEmitter implements CallEmitter {
  readonly imports = new Set<string>();
  private lines: string[] = [];
  /** positions holds, for each line, the template offset it comes from (for the source map). */
  private positions: (number | undefined)[] = [];
  private pos: number | undefined;
  private indent = "";
  private temps = 0;
  private tempNames: string[] = [];
  private unitNames = new Map<string, string>();
  private unit!: TemplateUnit;
  /** acc is the variable that output is appended to. */
  private acc = "_o";
  /**
   * mode says how text and values are written: "raw" in text templates; in a fragment of
   * MJML, "plain" decodes its text (the subject, the text part) and "html" keeps its text
   * and escapes values for an attribute.
   */
  private mode: "raw" | "plain" | "html" = "raw";
  /** arms are the coverage counters of each block, with the coverage option. */
  private arms: CoverageTable["arms"] | undefined;
  /** counted holds the arms whose counter the function being written has. */
  private counted = new Set<number>();

  constructor(
    readonly checked: CheckedTemplate,
    private readonly options: RenderEmitOptions,
  ) {}

  run(): EmittedRender {
    // Only the named templates that the main one can reach are emitted: a build's shared
    // partials are visible to every template, and an unused one must not cost its imports.
    const calls = callGraph(this.checked);
    const reached = reachable(calls, this.checked.main);
    let n = 1;
    for (const [name, u] of this.checked.units) if (reached.has(u)) this.unitNames.set(name, `_t${n++}`);
    const chunks: Chunk[] = [];
    const units: [string, TemplateUnit][] = [["_t0", this.checked.main], ...[...this.checked.units].filter(([, u]) => reached.has(u)).map(([name, u]) => [this.unitNames.get(name)!, u] as [string, TemplateUnit])];
    const recursive = new Set([...reached].filter((u) => reachable(calls, u).has(u)));
    const coverage = this.options.coverage ? coverageTable(units.map(([, u]) => u), this.options.included) : undefined;
    this.arms = coverage?.arms;
    for (const [fn, unit] of units) {
      chunks.push(fn === "_t0" && this.options.plan ? this.planFunction(this.options.plan) : this.unitFunction(fn, unit, recursive.has(unit)));
    }
    if (this.options.plan) {
      chunks.push(...this.htmlFunctions(this.options.plan));
      // The chunks in a list, for the bytes function to write by index (`_sN` is `_chunks[N - 1]`):
      // its ByteWriter encodes them when the first bytes render makes it, not at load.
      const constants = [...this.htmlChunks].map(([text, n]) => `const _s${n} = ${JSON.stringify(text)};`);
      constants.push(`const _chunks = [${[...this.htmlChunks.values()].map((n) => `_s${n}`).join(", ")}];`);
      chunks.unshift({ lines: [...constants, ""], positions: [...constants, ""].map(() => undefined) });
    }
    // The head table of an MJML template is a module constant (see runtime/mjml-head.ts).
    if (this.options.plan?.head) {
      const lines = [`const _head = ${JSON.stringify(this.options.plan.head)}${typeOnly(" as const")};`, `const _heads${typeOnly(": string[]")} = [];`, ""];
      chunks.unshift({ lines, positions: lines.map(() => undefined) });
    }
    return {
      imports: this.imports,
      lines: chunks.flatMap((c) => c.lines),
      positions: chunks.flatMap((c) => c.positions),
      recursive: recursive.size > 0,
      coverage: coverage?.branches,
    };
  }

  /** rt names a runtime function, importing it. */
  rt(name: string): string {
    this.imports.add(name);
    return `_rt_${name}`;
  }

  /** position is a template position as `"file", line, column` arguments. */
  position(at: { start: number }): string {
    const p = this.unit.source.locate(at.start);
    return `${JSON.stringify(this.unit.source.path)}, ${p.line}, ${p.column}`;
  }

  /** temp allocates a function-level temporary. */
  temp(): string {
    const name = `_v${++this.temps}`;
    this.tempNames.push(name);
    return name;
  }

  kind(node: A.Expr | A.Command | A.Pipeline): Kind {
    const t = this.checked.types.get(node);
    return t ? kindOf(t) : { k: "dynamic" };
  }

  private usesTags = false;

  /** tags names the local that holds the root data's tags, read once per function. */
  tags(): string {
    this.usesTags = true;
    return "_tags";
  }

  /** tagTests are the constant tags the function tests, each with its local. */
  private tagTests = new Map<string, string>();

  hasTag(name: string): string {
    this.usesTags = true;
    let local = this.tagTests.get(name);
    if (!local) this.tagTests.set(name, (local = `_tg${this.tagTests.size + 1}`));
    return local;
  }

  // startFunction resets the per-function state before writing a function of `unit`.
  private startFunction(unit: TemplateUnit): void {
    this.usesTags = false;
    this.tagTests = new Map();
    this.unit = unit;
    this.lines = [];
    this.positions = [];
    this.pos = undefined;
    this.indent = "  ";
    this.tempNames = [];
    this.temps = 0;
    this.fragmentValues = new Map();
    this.counted = new Set();
    this.deferred = [];
    this.escapedValues = new Map();
    this.dataMayChange = false;
  }

  /** deferred holds the texts of the function's deferred literals (see literal). */
  private deferred: string[] = [];

  /**
   * literal stands for the string literal of `text` in a line: its number between two U+0003
   * (JSON.stringify escapes every control character, so no literal holds one), encoded when
   * the function is put together. Consecutive appends join first, and an MJML module's HTML
   * chunks are encoded once, as module constants: the HTML is not encoded once per function,
   * then decoded to be joined and pooled.
   */
  literal(text: string): string {
    return `\u0003${this.deferred.push(text) - 1}\u0003`;
  }

  // armsOf is a block's coverage counters.
  private armsOf(n: A.If | A.With | A.Range): Arms | undefined {
    return this.arms?.get(this.unit.source)?.get(n.span.start);
  }

  /**
   * count writes the counter of a coverage arm, once per function: a fragment the weaver
   * prints in several places (the mj-title as subject and `<title>`) is evaluated in each,
   * always together, and its arms ran once.
   */
  private count(arm: number | undefined): void {
    if (arm === undefined || this.counted.has(arm)) return;
    this.counted.add(arm);
    this.line(`_cov[${arm}]++;`);
  }

  private unitFunction(fn: string, unit: TemplateUnit, recursive: boolean): Chunk {
    this.startFunction(unit);
    this.body(unit.body, "_p");
    const head = [`function ${fn}(_p${UNTYPED}, _r${UNTYPED})${typeOnly(": string")} {`];
    // A template that can call itself counts its depth, so runaway recursion is a RenderError.
    if (recursive) head.push(`  if (++_depth > ${MAX_TEMPLATE_DEPTH}) throw new ${this.rt("RenderError")}(${JSON.stringify(`template "${unit.name}" calls itself more than ${MAX_TEMPLATE_DEPTH} deep`)}, ${this.position(unit.span ?? { start: 0 })});`);
    head.push(`  let _o = "";`);
    if (this.tempNames.length) head.push(locals(this.tempNames));
    return this.chunk(head, [...(recursive ? ["  _depth--;"] : []), "  return _o;", "}", ""], unit.source === this.checked.main.source);
  }

  // ---- MJML: the woven plan ----

  // fragmentValues maps a fragment to the local that holds its plain value, or its constant value.
  private fragmentValues = new Map<string, { code: string; constant?: string }>();

  // withText says whether the plan function being written builds the text part (`_x`).
  private withText = true;

  /**
   * htmlFunctions writes the HTML alone, the email function without its text part:
   * `renderHtml` as a string, and `_t0b` into a ByteWriter, its static chunks encoded once, by
   * the first bytes render (see runtime/bytes.ts). The two have one body, written once; the
   * bytes function gets it through toBytes.
   */
  private htmlFunctions(plan: RenderPlan): [Chunk, Chunk] {
    this.startFunction(this.checked.main);
    this.withText = false;
    this.fragmentUses = countFragments(plan.body, this.withText);
    this.planBody(plan.body, "_p");
    const body = this.functionBody();
    const temps = this.tempNames.length ? [locals(this.tempNames)] : [];
    const htmlHead = [...this.exported("renderHtml", "renders only the HTML, as a string", "string"), `  let _o = "";`, ...(plan.head ? [`  let _h = "";`, `  let _seen = 0;`] : []), ...temps];
    const html = plan.head ? `_h + ${this.head()} + _o` : "_o";
    const bytesHead = [`function _t0b(_p${UNTYPED}, _r${UNTYPED}, _w${UNTYPED})${typeOnly(": Uint8Array")} {`, ...(plan.head ? [`  let _seen = 0;`] : []), ...temps];
    const result = `  return _w.finish(${plan.head ? this.head() : ""});`;
    return [this.chunk(htmlHead, [`  return ${html};`, "}", ""], true, body), this.toBytes(this.chunk(bytesHead, [result, "}", ""], true, body))];
  }

  /** planFunction writes the main function of an MJML template: `render`, its subject, preheader, html and text. */
  private planFunction(plan: RenderPlan): Chunk {
    this.startFunction(this.checked.main);
    this.withText = true;
    const line = (f: Fragment | undefined) => {
      if (!f) return '""';
      const v = this.fragment(f, "_p", "plain");
      return v.constant !== undefined ? JSON.stringify(oneLine(v.constant)) : `${this.rt("oneLine")}(${v.code})`;
    };
    const subject = line(plan.subject);
    const preheader = line(plan.preheader);
    this.fragmentUses = countFragments(plan.body, this.withText);
    this.planBody(plan.body, "_p");
    const head = [...this.exported("render", "renders the template for one recipient", "{ subject: string; preheader: string; html: string; text: string }"), `  let _o = "";`, `  const _x = new ${this.rt("TextPart")}();`];
    if (plan.head) head.push(`  let _h = "";`, `  let _seen = 0;`);
    if (this.tempNames.length) head.push(locals(this.tempNames));
    const html = plan.head ? `_h + ${this.head()} + _o` : "_o";
    const result = `  return { subject: ${subject}, preheader: ${preheader}, html: ${html}, text: _x.text() };`;
    return this.chunk(head, [result, "}", ""], true);
  }

  /**
   * exported opens one of an MJML module's string renders: the exported function itself, not
   * a wrapper around it (a call less where it is called from many places, as a sender's code is).
   */
  private exported(name: string, doc: string, result: string): string[] {
    return [`/** ${name} ${doc}. */`, `export function ${name}(data${typeOnly(`: ${this.options.typeName}`)})${typeOnly(`: ${result}`)} {`, `  const _p${UNTYPED} = data, _r${UNTYPED} = data;`];
  }

  /** fragmentUses counts how often the function prints each fragment, by fragmentKey. */
  private fragmentUses = new Map<string, number>();

  /** head is the variable head of the regions seen, each combination written once per module. */
  private head(): string {
    return `(_heads[_seen] ??= ${this.rt("mjmlHead")}(_head, _seen))`;
  }

  /** trimmedValues are the values trimmed on their own, at the edge of content MJML trims (a number never needs it). */
  private trimmedValues = new Map<PlanItem, "trimStart" | "trimEnd">();

  /** trimStarts holds, for each trimmed content, the local where its start was recorded and how it is trimmed. */
  private trimStarts = new Map<number, { local: string; method: string }>();

  /** htmlChunks are an MJML module's static HTML chunks, by text: module constants `_sN`, listed in `_chunks`. */
  readonly htmlChunks = new Map<string, number>();

  // pool turns each `_o += "…"` into `_o += _sN`, the chunk's module constant, then each of
  // the text part's `_x += "…"` into a TextPart call: the constant cut where the compiler
  // tidied it, its text the chunk of the same text where there is one.
  private pool(lines: (string | undefined)[], appends: (Append | undefined)[]): void {
    for (const [i, a] of appends.entries()) {
      if (a?.acc !== "_o") continue;
      let n = this.htmlChunks.get(a.text);
      if (n === undefined) this.htmlChunks.set(a.text, (n = this.htmlChunks.size + 1));
      lines[i] = `${a.indent}_o += _s${n};`;
    }
    for (const [i, a] of appends.entries()) {
      if (a?.acc !== "_x") continue;
      const [lead, core, trail] = splitText(a.text);
      const n = this.htmlChunks.get(core);
      lines[i] = `${a.indent}_x.c(${JSON.stringify(lead)}, ${n === undefined ? JSON.stringify(core) : `_s${n}`}, ${JSON.stringify(trail)});`;
    }
  }

  // toBytes turns the html appends of a plan function into ByteWriter calls: constants
  // become pre-encoded chunks, values are encoded as they are written.
  private toBytes(chunk: Chunk): Chunk {
    const lines: string[] = [];
    const positions: (number | undefined)[] = [];
    chunk.lines.forEach((line, i) => {
      // One match per line: a trim's start or end, the head's place, a reset, a constant, a value.
      const m = /^(\s*)(?:(_v\d+) = _o;|_o = (_v\d+) \+ _o\.trim(?:Start|End)?\(\);|(_h = _o;)|(_o = "";)|_o \+= _s(\d+);|_o \+= (.*);)$/.exec(line);
      if (m?.[5]) return;
      const out = !m ? line : m[2] ? `${m[1]}${m[2]} = _w.at();` : m[3] ? `${m[1]}_w.trimFrom(${m[3]});` : m[4] ? `${m[1]}_w.head();` : m[6] ? `${m[1]}_w.b(${Number(m[6]) - 1});` : `${m[1]}_w.s(${m[7]});`;
      lines.push(out);
      positions.push(chunk.positions[i]);
    });
    return { lines, positions };
  }

  private planBody(nodes: PlanNode[], dot: string): void {
    for (const [i, n] of nodes.entries()) {
      switch (n.kind) {
        case "Region":
          this.region(n, dot);
          break;
        case "If":
        case "With": {
          this.pos = n.node.span.start;
          const chained = n.else?.length === 1 && n.else[0].kind === "If" && n.else[0].node.chained ? n.else[0] : undefined;
          this.conditional(n.node, dot, (d) => this.planBody(n.then, d), n.else && ((d) => this.planBody(n.else!, d)), chained && (() => this.planBody([chained], dot)));
          break;
        }
        case "Range":
          this.pos = n.node.span.start;
          this.range(n.node, dot, (d) => this.planBody(n.body, d), n.else && ((d) => this.planBody(n.else!, d)));
          break;
        case "Statement":
          this.node(n.node, dot);
          break;
        case "Trim": {
          // MJML trimmed this content at build time; a value at its edge may leave spaces to trim.
          // The content is written on its own, so trimming it never copies the whole output;
          // an edge that can never be whitespace (a constant's) is not trimmed at all.
          if (n.side === "start") {
            const end = nodes.findIndex((m, j) => j > i && m.kind === "Trim" && m.pair === n.pair);
            const inner = end < 0 ? undefined : nodes.slice(i + 1, end);
            // A value at the edge next to a constant that does not start (end) with whitespace is trimmed alone.
            const needs = (side: "start" | "end") => {
              if (!inner) return true;
              if (!planEdge(inner, side).space) return false;
              const value = edgeValue(inner, side);
              if (value) this.trimmedValues.set(value, side === "start" ? "trimStart" : "trimEnd");
              return !value;
            };
            const method = trimMethod(needs("start"), needs("end"));
            if (!method) break;
            const t = this.temp();
            this.trimStarts.set(n.pair, { local: t, method });
            this.line(`${t} = _o;`);
            this.line(`_o = "";`);
          } else {
            const start = this.trimStarts.get(n.pair);
            if (start) this.line(`_o = ${start.local} + _o.${start.method}();`);
          }
          break;
        }
      }
    }
  }

  // region writes a region's HTML and text; each hole is evaluated once, then printed
  // wherever MJML put it, escaped for that place.
  private region(r: Region, dot: string): void {
    const values = new Map<Hole, { code: string; kind: Kind }>();
    const uses = new Map<Hole, number>();
    for (const item of this.withText ? [...r.html, ...r.text] : r.html) if (typeof item !== "string" && "hole" in item) uses.set(item.hole, (uses.get(item.hole) ?? 0) + 1);
    for (const [hole, count] of uses) {
      if (hole.kind === "Fragment") continue;
      const value = this.pipeline(hole.output.pipeline, dot);
      const kind = this.kind(hole.output.pipeline);
      let code = this.print(value, kind);
      if (count > 1 && !(value.pure && code === value.code)) {
        const t = this.temp();
        this.line(`${t} = ${code};`);
        code = t;
      }
      values.set(hole, { code, kind });
    }
    if (r.features) this.line(`_seen |= ${r.features};`);
    const write = (acc: string, items: PlanItem[], plain: boolean) => {
      for (const item of items) {
        if (typeof item === "string") {
          if (item) this.line(`${acc} += ${this.literal(item)};`);
        } else if ("head" in item) {
          // The head is written last, when the regions a recipient gets are known.
          this.line(`_h = _o;`);
          this.line(`_o = "";`);
        } else if (item.hole.kind === "Fragment") {
          // A fragment's HTML is written for the place MJML put it: its values escaped for it;
          // straight into the HTML where it is printed once.
          const variant = plain ? "plain" : item.context;
          const once = !plain && !fragmentTrim(item.hole) && this.fragmentUses.get(fragmentKey(item.hole, variant)) === 1;
          const v = this.fragment(item.hole, dot, variant, once ? acc : undefined);
          if (v.written) continue;
          if (v.constant !== undefined) {
            if (v.constant) this.line(`${acc} += ${this.literal(v.constant)};`);
          } else this.line(append(acc, v.code));
        } else {
          const v = values.get(item.hole)!;
          // (String: a value typed as a string may still be another scalar in unchecked data.)
          const trim = plain || v.kind.k === "number" || v.kind.k === "boolean" ? undefined : this.trimmedValues.get(item);
          const code = plain ? v.code : this.escaped(v.code, v.kind, item.context, item.hole.output);
          this.line(append(acc, trim ? `String(${code}).${trim}()` : code));
        }
      }
    };
    write("_o", r.html, false);
    if (this.withText) write("_x", r.text, true);
  }

  // fragment evaluates a fragment once per variant: "plain" (for the text part, subject and
  // preheader), or the HTML for one kind of place (its source text kept, its values escaped
  // for that place); a constant when it has no markup.
  private fragment(f: Fragment, dot: string, variant: "plain" | HoleContext, into?: string): { code: string; constant?: string; written?: boolean } {
    const key = fragmentKey(f, variant);
    const known = this.fragmentValues.get(key);
    if (known) return known;
    let value: { code: string; constant?: string };
    if (f.nodes.every((n) => n.kind === "Text")) {
      const text = f.nodes.map((n) => (n as A.Text).value).join("");
      let constant = variant === "plain" ? decodeHTML(text) : text;
      if (f.trim) constant = constant.trim();
      value = { code: JSON.stringify(constant), constant };
    } else {
      const t = into ?? this.temp();
      if (!into) this.line(`${t} = "";`);
      const saved = [this.acc, this.mode, this.fragmentContext, this.fragmentPrefix] as const;
      this.acc = t;
      this.mode = variant === "plain" ? "plain" : "html";
      this.fragmentContext = variant === "plain" ? undefined : variant;
      this.fragmentPrefix = "";
      this.body(f.nodes, dot);
      [this.acc, this.mode, this.fragmentContext, this.fragmentPrefix] = saved;
      if (into) return { code: "", written: true };
      const method = fragmentTrim(f);
      value = { code: method ? `${t}.${method}()` : t };
    }
    this.fragmentValues.set(key, value);
    return value;
  }

  /**
   * fragmentContext is the place of the fragment being written; fragmentPrefix its text so
   * far, or undefined where branches gave different texts (then the strictest escaping, the
   * one for the fragment's start, applies).
   */
  private fragmentContext: HoleContext | undefined;
  private fragmentPrefix: string | undefined = "";

  // fragmentValueContext is the place of a value inside the fragment being written: in a URL,
  // its part depends on the fragment's text before it.
  private fragmentValueContext(): HoleContext {
    const c = this.fragmentContext ?? { kind: "attr", attribute: true };
    if (this.fragmentPrefix === undefined) return c;
    // The browser decodes the attribute before the URL, CSS or script reads it.
    const before = decodeHTML(this.fragmentPrefix);
    let refined: HoleContext | undefined;
    if (c.kind === "url") refined = urlContext(before, c.attribute);
    else if (c.kind === "css") refined = cssContext(before, c.attribute);
    else if (c.kind === "css-url") refined = cssContext(`url(${before}`, c.attribute);
    else if (c.kind === "js") refined = jsContext(before, c.attribute);
    else if (c.kind === "js-string") refined = jsContext(`"${before}`, c.attribute);
    if (!refined) return c.kind === "js" ? { ...c, kind: "js-string" } : c; // a comment or regex: the strictest there is
    return c.unquoted ? { ...refined, unquoted: true } : refined;
  }



  /**
   * escaped is the code that escapes a printed value for its place. Numbers and booleans
   * need none; a pipeline that ends in Go's own escaper for the place (html in text or an
   * attribute, urlquery in a query string, js in a script string) is not escaped twice;
   * safeHTML is trusted as it is, and only in element text.
   */
  private escaped(code: string, kind: Kind, context: HoleContext, output: A.Output): string {
    const last = output.pipeline.commands[output.pipeline.commands.length - 1];
    const call = this.checked.calls.get(last);
    const fn = call?.kind === "builtin" ? call.name : undefined;
    if (fn === "safeHTML" && context.kind === "text") return code; // weave rejects it anywhere else
    if ((kind.k === "number" || kind.k === "boolean") && context.kind !== "url") return code;
    if (fn === "html" && (context.kind === "text" || context.kind === "attr")) return code;
    if (fn === "urlquery" && context.kind === "url-query") return code;
    if (fn === "js" && context.kind === "js-string") return code;
    return this.remember(escapersFor(context).reduce((inner, escaper) => `${this.rt(escaper)}(${inner})`, code));
  }

  /** escapedValues are the escaped values of the root data the function prints, each with its placeholder. */
  private escapedValues = new Map<string, string>();

  /** dataMayChange says the function gives a user function an object or a list: then each print escapes anew. */
  private dataMayChange = false;

  /**
   * remember stands a placeholder in for an escaped value that depends on the root data
   * alone (a link's `{{.id}}` in every URL of an email): functionBody escapes it once per
   * render where it is printed twice or more, on its first use (so nothing is evaluated that
   * a recipient's branches skip), and writes it in place where it is printed once.
   */
  private remember(code: string): string {
    if (!rootValue(code)) return code;
    let placeholder = this.escapedValues.get(code);
    if (!placeholder) this.escapedValues.set(code, (placeholder = `\0${this.escapedValues.size + 1}\0`));
    return placeholder;
  }

  // chunk puts a function together: its head, its body lines (by default the function's, see
  // functionBody), its tail.
  private chunk(head: string[], tail: string[], mapped: boolean, body: Chunk = this.functionBody()): Chunk {
    if (this.usesTags) {
      const tests = [...this.tagTests].map(([name, local]) => `${local} = _tags.includes(${JSON.stringify(name)})`);
      // The tags are read after the function's opening line (and an exported render's locals for its data).
      const open = head.findIndex((l) => /^(?:export )?function /.test(l)) + 1;
      const at = head[open]?.startsWith("  const _p") ? open + 1 : open;
      head = [...head.slice(0, at), `  const _tags${typeOnly(": readonly unknown[]")} = Array.isArray(_r?.tags) ? _r.tags : [];`, ...(tests.length ? [`  const ${tests.join(", ")};`] : []), ...head.slice(at)];
    }
    if (body.declarations) head = [...head, ...body.declarations];
    return {
      lines: [...head, ...body.lines, ...tail],
      positions: [...head.map(() => undefined), ...(mapped ? body.positions : body.positions.map(() => undefined)), ...tail.map(() => undefined)],
    };
  }

  // functionBody is the body of the function being written: constant appends merged, in an
  // MJML module the HTML chunks pooled as module constants, shared with the bytes function,
  // and each escaped value of the root data remembered where it is printed twice or more.
  private functionBody(): Chunk {
    const merged = mergeText(this.lines, this.positions, this.deferred);
    if (this.options.plan) this.pool(merged.lines, merged.appends);
    const { positions, appends } = merged;
    let lines = merged.lines.map((l, i) => l ?? `${appends[i]!.indent}${appends[i]!.acc} += ${JSON.stringify(appends[i]!.text)};`);
    if (!this.escapedValues.size) return { lines, positions };
    const uses = new Map<string, number>();
    for (const l of lines) if (l.includes("\0")) for (const [p] of l.matchAll(PLACEHOLDER)) uses.set(p, (uses.get(p) ?? 0) + 1);
    const code = new Map<string, string>();
    const memo: string[] = [];
    for (const [value, p] of this.escapedValues) {
      if (this.dataMayChange || (uses.get(p) ?? 0) < 2) {
        code.set(p, value);
      } else {
        const local = `_e${memo.length + 1}`;
        memo.push(local + typeOnly(": string | undefined"));
        code.set(p, `(${local} ??= ${value})`);
      }
    }
    lines = lines.map((l) => (l.includes("\0") ? l.replace(PLACEHOLDER, (p) => code.get(p)!) : l));
    return { lines, positions, declarations: memo.length ? [`  let ${memo.join(", ")};`] : undefined };
  }

  private line(s: string): void {
    this.lines.push(this.indent + s);
    this.positions.push(this.pos);
  }

  private block(open: string, inner: () => void, close = "}"): void {
    this.line(open);
    const saved = this.indent;
    this.indent += "  ";
    inner();
    this.indent = saved;
    this.line(close);
  }

  private body(nodes: A.Node[], dot: string): void {
    for (const n of nodes) this.node(n, dot);
  }

  private node(n: A.Node, dot: string): void {
    this.pos = n.span.start;
    switch (n.kind) {
      case "Text":
        if (n.value) this.line(`${this.acc} += ${this.literal(this.mode === "plain" ? decodeHTML(n.value) : n.value)};`);
        if (this.mode === "html" && this.fragmentPrefix !== undefined) this.fragmentPrefix += n.value;
        return;
      case "Comment":
      case "Define":
        return;
      case "Output": {
        const value = this.pipeline(n.pipeline, dot);
        if (!n.pipeline.decl) {
          const kind = this.kind(n.pipeline);
          const printed = this.print(value, kind);
          this.line(`${this.acc} += ${this.mode === "html" ? this.escaped(printed, kind, this.fragmentValueContext(), n) : printed};`);
        }
        return;
      }
      case "If":
      case "With": {
        const chained = n.else?.length === 1 && n.else[0].kind === "If" && n.else[0].chained ? n.else[0] : undefined;
        return this.conditional(
          n,
          dot,
          (d) => this.body(n.then, d),
          n.else && ((d) => this.body(n.else!, d)),
          chained && (() => this.node(chained, dot)),
        );
      }
      case "Range":
        return this.range(n, dot, (d) => this.body(n.body, d), n.else && ((d) => this.body(n.else!, d)));
      case "Block":
      case "TemplateCall": {
        const fn = this.unitNames.get(n.name.value);
        const arg = n.pipeline ? this.pipeline(n.pipeline, dot).code : "undefined";
        if (fn) this.line(`${this.acc} += ${fn}(${arg}, _r);`);
        return;
      }
      case "Break":
        this.line("break;");
        return;
      case "Continue":
        this.line("continue;");
        return;
    }
  }

  /**
   * conditional writes an if or with: `then` and `otherwise` write the branches given their
   * dot; `elseIf`, for an {{else if}} alone in the else branch, writes it as `} else if`.
   */
  conditional(n: A.If | A.With, dot: string, then: (dot: string) => void, otherwise?: (dot: string) => void, elseIf?: () => void): void {
    // A declaration in the condition is visible in both branches: wrap them in a block.
    const scoped = !!n.pipeline.decl;
    const emit = () => {
      let value = this.pipeline(n.pipeline, dot);
      let inner = dot;
      if (n.kind === "With") {
        if (!value.pure || value.code.length > 40) {
          const w = this.temp();
          this.line(`${w} = ${value.code};`);
          value = { code: w, pure: true };
        }
        inner = value.code;
      }
      const test = `if (${this.truth(value, this.kind(n.pipeline))}) {`;
      const start = this.fragmentPrefix;
      const arms = this.armsOf(n);
      this.block(test, () => {
        this.count(arms?.then);
        then(inner);
      });
      const afterThen = this.fragmentPrefix;
      this.fragmentPrefix = start;
      // In a fragment, the text after the block is known only if both ways end with the same.
      const join = () => (this.fragmentPrefix = this.fragmentPrefix === afterThen ? afterThen : undefined);
      if (elseIf) {
        // {{else if}}: `} else if (…) {`, as a person would write it, unless it needs statements first.
        this.lines.pop();
        this.positions.pop();
        const at = this.lines.length;
        elseIf();
        join();
        if (/^\s*if /.test(this.lines[at] ?? "")) {
          this.lines[at] = this.lines[at].replace(/^(\s*)if /, "$1} else if ");
          return;
        }
        const inner2 = this.lines.splice(at).map((l) => "  " + l);
        const innerPositions = this.positions.splice(at);
        this.lines.push(this.indent + "} else {", ...inner2, this.indent + "}");
        this.positions.push(this.pos, ...innerPositions, this.pos);
        return;
      }
      // With coverage, a block without {{else}} gets one to count that the condition was false.
      if (otherwise || (arms?.else !== undefined && !this.counted.has(arms.else))) {
        this.lines[this.lines.length - 1] = this.indent + "} else {";
        const saved = this.indent;
        this.indent += "  ";
        this.count(arms?.else);
        otherwise?.(dot);
        this.indent = saved;
        this.line("}");
      }
      join();
    };
    if (scoped) this.block("{", emit);
    else emit();
  }

  /** range writes a range loop: `body` writes an iteration given its dot, `otherwise` the {{else}}. */
  range(n: A.Range, dot: string, body: (dot: string) => void, otherwise?: (dot: string) => void): void {
    const kind = this.kind(n.pipeline);
    const p = n.pipeline;
    const value = this.pipelineValue(p, dot);
    const i = this.temp();
    const bound = this.checked.declared.get(p) ?? [];
    const [keyVar, elemVar] = bound.length === 2 ? bound : [undefined, bound[0]];
    const assign = (b: Binding | undefined, code: string) => {
      if (!b) return;
      const declared = p.decl?.op === ":=";
      this.line(`${declared ? "let " : ""}${b.js} = ${code};`);
    };
    const count = this.temp();
    let elem: string;
    let key: string;
    const c = kind.k === "number" || kind.k === "list" ? this.temp() : "";
    if (kind.k === "number") {
      this.line(`${c} = ${value.code};`);
      this.line(`${count} = typeof ${c} === "number" && ${c} > 0 ? Math.floor(${c}) : 0;`);
      elem = i;
      key = i;
    } else if (kind.k === "list") {
      this.line(`${c} = ${value.code};`);
      this.line(`${count} = Array.isArray(${c}) ? ${c}.length : 0;`);
      elem = `${c}[${i}]`;
      key = i;
    } else {
      // An object (a map), or a value that may be a list or an object: the runtime lists it.
      const [keys, values] = [this.temp(), this.temp()];
      this.line(`[${keys}, ${values}] = ${this.rt("entries")}(${value.code});`);
      this.line(`${count} = ${values}.length;`);
      elem = `${values}[${i}]`;
      key = keyVar ? `(${keys} ? ${keys}[${i}] : ${i})` : i;
    }
    // Coverage: the body ran at least once, or not at all.
    const arms = this.armsOf(n);
    if (arms?.else !== undefined && !this.counted.has(arms.then)) {
      this.counted.add(arms.then).add(arms.else);
      this.line(`_cov[${count} ? ${arms.then} : ${arms.else}]++;`);
    }
    const start = this.fragmentPrefix;
    this.block(`for (let ${i} = 0; ${i} < ${count}; ${i}++) {`, () => {
      const e = this.temp();
      this.line(`const ${e} = ${elem};`);
      assign(keyVar, key);
      assign(elemVar, e);
      body(e);
    });
    // In a fragment, the text after a loop is known only if its body adds none.
    if (this.fragmentPrefix !== start) this.fragmentPrefix = undefined;
    const afterBody = this.fragmentPrefix;
    if (otherwise) {
      this.fragmentPrefix = start;
      this.block(`if (${count} === 0) {`, () => otherwise(dot));
      if (this.fragmentPrefix !== afterBody) this.fragmentPrefix = undefined;
    }

  }

  // ---- Pipelines ----

  /** pipeline evaluates a pipeline; a declaration or assignment becomes a statement and its value is the variable. */
  private pipeline(p: A.Pipeline, dot: string): ExprCode {
    const value = this.pipelineValue(p, dot);
    const bound = this.checked.declared.get(p);
    if (!p.decl || !bound || bound.length === 0) return value;
    const [first, ...rest] = bound;
    this.line(`${p.decl.op === ":=" ? "let " : ""}${first.js} = ${value.code};`);
    for (const b of rest) this.line(`${p.decl.op === ":=" ? "let " : ""}${b.js} = ${first.js};`);
    return { code: first.js, pure: true };
  }

  private pipelineValue(p: A.Pipeline, dot: string): ExprCode {
    let piped: ExprCode | undefined;
    let pipedKind: Kind = { k: "dynamic" };
    for (const cmd of p.commands) {
      piped = this.command(cmd, dot, piped, pipedKind);
      pipedKind = this.kind(cmd);
    }
    return piped!;
  }

  command(cmd: A.Command, dot: string, piped: ExprCode | undefined, pipedKind: Kind): ExprCode {
    const call = this.checked.calls.get(cmd);
    const [head, ...rest] = cmd.args;
    if (!call) return this.expr(head, dot);
    const args = rest.map((e) => this.expr(e, dot));
    const argKinds = rest.map((e) => this.kind(e));
    if (piped) {
      args.push(piped);
      argKinds.push(pipedKind);
    }
    if (call.kind === "user") {
      // A user function given an object or a list could change the data between two prints.
      if (!argKinds.every(isScalar)) this.dataMayChange = true;
      const list = args.map((a) => a.code).join(", ");
      return { code: `${this.rt("call")}(_f, ${JSON.stringify(call.name)}, [${list}], ${this.position(head.span)})`, pure: false };
    }
    return emitCall(this, call.name, args, argKinds);
  }

  expr(e: A.Expr, dot: string): ExprCode {
    switch (e.kind) {
      case "Field":
        return { code: access(dot, e.path, this), pure: true };
      case "Variable": {
        const b = this.checked.bindings.get(e);
        const base = e.name === "$" && !b ? "_p" : (b?.js ?? "undefined");
        return { code: access(b?.name === "$" ? "_p" : base, e.path, this), pure: true };
      }
      case "Dot":
        return { code: dot, pure: true };
      case "Identifier":
        return this.command(this.checked.bareCalls.get(e)!, dot, undefined, { k: "dynamic" });
      case "StringLit":
        return { code: JSON.stringify(e.value), pure: true, literal: e.value };
      case "NumberLit":
        return { code: Object.is(e.value, -0) ? "(-0)" : e.value < 0 ? `(${e.value})` : String(e.value), pure: true, literal: e.value };
      case "BoolLit":
        return { code: String(e.value), pure: true, literal: e.value };
      case "Nil":
        return { code: "null", pure: true, literal: null };
      case "Paren": {
        const inner = this.pipeline(e.pipeline, dot);
        if (e.path.length === 0) return inner;
        return { code: access(`(${inner.code})`, e.path, this), pure: inner.pure };
      }
    }
  }

  /** truth is the condition code for a value of a kind, with Go's truthiness. */
  truth(v: ExprCode, kind: Kind): string {
    if (v.literal !== undefined) return String(goTruth(v.literal));
    if (v.scalar || isScalar(kind)) return v.code;
    return `${this.rt("truth")}(${v.code})`;
  }

  /** print converts a value to the text that {{.}} prints. */
  print(v: ExprCode, kind: Kind): string {
    if (v.nonNull || (v.literal !== undefined && v.literal !== null)) return v.code;
    if (v.literal === null) return '""';
    if (kind.k === "string") return `(${v.code} ?? "")`;
    if (isScalar(kind)) return `(${v.code} ?? "")`;
    return `${this.rt("formatValue")}(${v.code})`;
  }
}

// ---- Trimming decided at compile time ----

/** Edge is what the first (or last) character of some output may be: whitespace, and whether the output may be empty. */
interface Edge {
  space: boolean;
  empty: boolean;
}

const SOLID: Edge = { space: false, empty: false };
const NOTHING: Edge = { space: false, empty: true };
const ANY: Edge = { space: true, empty: true };

// trimMethod is the trim that content needs, given whether it may start or end with whitespace.
function trimMethod(start: boolean, end: boolean): string | undefined {
  return start && end ? "trim" : start ? "trimStart" : end ? "trimEnd" : undefined;
}

// edgeOfText is the edge of a constant: nothing when empty, else its first (last) character.
function edgeOfText(text: string, side: "start" | "end"): Edge {
  if (!text) return NOTHING;
  return { space: /\s/.test(side === "start" ? text[0] : text[text.length - 1]), empty: false };
}

// sequence is the edge of outputs written one after another: the first (last) that is not empty decides.
function sequence<T>(items: readonly T[], side: "start" | "end", edge: (item: T) => Edge): Edge {
  for (const item of side === "start" ? items : [...items].reverse()) {
    const e = edge(item);
    if (e.space) return ANY;
    if (!e.empty) return SOLID;
  }
  return NOTHING;
}

// either is the edge of one of several ways (the arms of a block).
function either(...edges: Edge[]): Edge {
  return { space: edges.some((e) => e.space), empty: edges.some((e) => e.empty) };
}

/** planEdge is the HTML edge of woven content: values may start or end with anything. */
function planEdge(nodes: readonly PlanNode[], side: "start" | "end"): Edge {
  return sequence(nodes, side, (n): Edge => {
    switch (n.kind) {
      case "Region":
        return sequence(n.html, side, (item) => (typeof item === "string" ? edgeOfText(item, side) : "head" in item ? NOTHING : ANY));
      case "If":
      case "With":
        return either(planEdge(n.then, side), n.else ? planEdge(n.else, side) : NOTHING);
      case "Range":
        return either(planEdge(n.body, side), n.else ? planEdge(n.else, side) : NOTHING);
      case "Statement":
        // A declaration prints nothing; break and continue end the output early: anything may end it.
        return n.node.kind === "Output" && n.node.pipeline.decl ? NOTHING : ANY;
      case "Trim":
        return NOTHING;
    }
  });
}

/** nodeEdge is the edge of a fragment's template nodes. */
function nodeEdge(nodes: readonly A.Node[], side: "start" | "end"): Edge {
  return sequence(nodes, side, (n): Edge => {
    switch (n.kind) {
      case "Text":
        return edgeOfText(n.value, side);
      case "Comment":
      case "Define":
        return NOTHING;
      case "Output":
        return n.pipeline.decl ? NOTHING : ANY;
      case "If":
      case "With":
        return either(nodeEdge(n.then, side), n.else ? nodeEdge(n.else, side) : NOTHING);
      case "Range":
        return either(nodeEdge(n.body, side), n.else ? nodeEdge(n.else, side) : NOTHING);
      default:
        return ANY; // a template call, a block, break or continue: not followed here
    }
  });
}

// access reads a path of fields; names Object.prototype has are read as own properties only.
function access(base: string, path: string[], e: { rt(name: string): string }): string {
  let code = base;
  for (const name of path) {
    if (prototypeNames.has(name) || !IDENT.test(name)) code = `${e.rt("own")}(${code}, ${JSON.stringify(name)})`;
    else code = `${code}?.${name}`;
  }
  return code;
}

// UNTYPED is the type of the generated functions' parameters and locals.
const UNTYPED = typeOnly(": any");

// locals declares a function's temporaries.
function locals(names: string[]): string {
  return `  let ${names.map((t) => t + UNTYPED).join(", ")};`;
}

// Chunk is a function's lines and their template offsets; a body may need locals declared.
interface Chunk {
  lines: string[];
  positions: (number | undefined)[];
  declarations?: string[];
}

// Append is a line that appends a constant: `<indent><acc> += <the literal of text>;`.
interface Append {
  indent: string;
  acc: string;
  text: string;
}

// APPEND matches an Append line: its constant is a deferred literal (see literal) or one JSON
// string (the loop unrolled, so that a long literal does not backtrack character by character).
const APPEND = /^(\s*)(\w+) \+= (?:\u0003(\d+)\u0003|("[^"\\]*(?:\\.[^"\\]*)*"));$/;
const DEFERRED = /\u0003(\d+)\u0003/g;

/**
 * mergeText joins constant appends to the same string into one (keeping the first line's
 * position): consecutive ones, and ones with only appends to other strings between (the HTML
 * and the text part are written side by side). It returns the lines with their deferred
 * literals written, except the constant appends, which are left undefined for `appends` to say.
 */
function mergeText(lines: string[], positions: (number | undefined)[], deferred: string[]): { lines: (string | undefined)[]; positions: (number | undefined)[]; appends: (Append | undefined)[] } {
  const out: (string | undefined)[] = [];
  const outPositions: (number | undefined)[] = [];
  const appends: (Append | undefined)[] = [];
  const parts = new Map<Append, string[]>(); // the texts an append joins, when more than its own
  for (const [i, line] of lines.entries()) {
    const m = APPEND.exec(line);
    if (m) {
      const text = m[3] !== undefined ? deferred[Number(m[3])] : (JSON.parse(m[4]) as string);
      const into = joinable(out, appends, m[1], m[2]);
      if (into) {
        (parts.get(into) ?? parts.set(into, [into.text]).get(into)!).push(text);
        continue;
      }
      out.push(undefined);
      appends.push({ indent: m[1], acc: m[2], text });
    } else {
      out.push(line.includes("\u0003") ? line.replace(DEFERRED, (_, n: string) => JSON.stringify(deferred[Number(n)])) : line);
      appends.push(undefined);
    }
    outPositions.push(positions[i]);
  }
  for (const [a, texts] of parts) a.text = texts.join("");
  return { lines: out, positions: outPositions, appends };
}

// OTHER_APPEND is a line that only appends a value to a string (or the text part).
const OTHER_APPEND = /^(\s*)(\w+)(?: [+|]= .*|\.v\(.*\));$/;

// joinable is the constant append that a constant for `acc` at `indent` joins: the last line
// that appends to `acc`, when it is a constant one and only appends to other strings follow it.
function joinable(out: (string | undefined)[], appends: (Append | undefined)[], indent: string, acc: string): Append | undefined {
  for (let j = out.length - 1; j >= 0; j--) {
    const a = appends[j];
    const other = a ? undefined : OTHER_APPEND.exec(out[j]!);
    const [at, to] = a ? [a.indent, a.acc] : other ? [other[1], other[2]] : [];
    if (at !== indent) return undefined;
    if (to === acc) return a;
  }
  return undefined;
}

/**
 * edgeValue is the value that content starts (ends) with when the constant after (before) it
 * does not start (end) with whitespace: trimming the content is then trimming that value.
 */
function edgeValue(nodes: readonly PlanNode[], side: "start" | "end"): PlanItem | undefined {
  const node = nodes[side === "start" ? 0 : nodes.length - 1];
  if (node?.kind !== "Region") return undefined;
  const [value, next] = (side === "start" ? node.html : [...node.html].reverse()).filter((item) => item !== "");
  if (typeof value !== "object" || !("hole" in value) || value.hole.kind === "Fragment") return undefined;
  return typeof next === "string" && !edgeOfText(next, side).space ? value : undefined;
}

// append is the line that appends a value to a string, or to the text part (which tidies it).
function append(acc: string, code: string): string {
  return acc === "_x" ? `_x.v(${code});` : `${acc} += ${code};`;
}

// PLACEHOLDER is an escaped value's stand-in (see remember): NUL never occurs in emitted code.
const PLACEHOLDER = /\0\d+\0/g;

// Runtime functions whose result depends on their argument alone, with no side effects.
const PURE = new Set(["escapeHtml", "escapeHtmlUnquoted", "escapeUrl", "escapeUrlComponent", "normalizeUrl", "escapeCss", "escapeCssUrl", "escapeComment", "escapeJsString", "escapeJsValue", "formatValue"].map((n) => `_rt_${n}`));

/**
 * rootValue says whether generated code is an escaped value of the root data alone: field
 * reads of `_p` (the root, never assigned), constants, `??` and `||`, and calls of pure
 * runtime functions, so evaluating it again gives the same string. No assignment,
 * comparison, method call or index.
 */
function rootValue(code: string): boolean {
  const bare = code.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/\?\?|\|\|/g, " ");
  if (/[=!<>]=|[^?=]=[^=]|\.\w+\(|\?\.\(|\[/.test(bare)) return false;
  const names = bare.match(/(?<![\w$.])[A-Za-z_$][\w$]*/g) ?? [];
  return names.some((n) => PURE.has(n)) && names.every((n) => n === "_p" || PURE.has(n));
}

/**
 * fragmentKey names a fragment's value for one kind of place. Element text and a quoted
 * attribute escape alike: the title and MJML's copy of it in aria-label are one value.
 */
function fragmentKey(f: Fragment, variant: "plain" | HoleContext): string {
  const escapedAsText = variant !== "plain" && (variant.kind === "text" || (variant.kind === "attr" && !variant.unquoted));
  const place = variant === "plain" ? "plain" : escapedAsText ? "text" : `${variant.kind}:${variant.attribute}:${!!variant.unquoted}`;
  return `${f.id}:${place}`;
}

// fragmentTrim is how MJML's trim of a fragment's content applies when rendering: not at all
// where its edges can never be white space.
function fragmentTrim(f: Fragment): string | undefined {
  return f.trim ? trimMethod(nodeEdge(f.nodes, "start").space, nodeEdge(f.nodes, "end").space) : undefined;
}

// countFragments counts the fragments a plan prints, by fragmentKey (the text part's too, with text).
function countFragments(nodes: readonly PlanNode[], text: boolean, counts = new Map<string, number>()): Map<string, number> {
  for (const n of nodes) {
    if (n.kind === "Region") {
      for (const [items, plain] of [[n.html, false], ...(text ? [[n.text, true] as const] : [])] as const) {
        for (const item of items) {
          if (typeof item !== "object" || !("hole" in item) || item.hole.kind !== "Fragment") continue;
          const key = fragmentKey(item.hole, plain ? "plain" : item.context);
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
      }
    } else if (n.kind === "If" || n.kind === "With") {
      countFragments(n.then, text, counts);
      if (n.else) countFragments(n.else, text, counts);
    } else if (n.kind === "Range") {
      countFragments(n.body, text, counts);
      if (n.else) countFragments(n.else, text, counts);
    }
  }
  return counts;
}
