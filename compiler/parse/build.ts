/**
 * Typed AST builders called by grammar.ne's postprocessors. `d` is nearley's data array:
 * tokens for terminals, built nodes for nonterminals. Problems found while building a
 * constant (a bad escape, a bad number) are collected in `literalProblems`, which
 * parse-action.ts reads after a successful parse.
 */
import type { Token } from "../lex/tokens.js";
import type { Span } from "../source.js";
import type * as A from "./ast.js";
import { charValue, numberValue, unquote } from "./literals.js";

/** literalProblems collects constant errors of the current parse (deduplicated by offset). */
export const literalProblems = new Map<number, { span: Span; message: string; unsupported?: boolean }>();

type D = any[];
const s = (a: { span: Span }, b: { span: Span }): Span => ({ start: a.span.start, end: b.span.end });
const name = (t: Token) => t.text.slice(1);

// Earley runs a postprocessor for every completed state, so for an action with n operands
// the builders run at every prefix: a builder that copies its list (or flattens it) makes
// the parse O(n²). So builders only link O(1) drafts (cons lists, newest first), and
// finishAction turns the single result into the AST in one O(n) pass.
type Cons<T> = { head: T; tail: Cons<T> | undefined };
const toArray = <T, U>(list: Cons<T> | undefined, f: (x: T) => U): U[] => {
  const out: U[] = [];
  for (let c = list; c; c = c.tail) out.push(f(c.head));
  return out.reverse();
};

type PipelineDraft = { kind: "PipelineDraft"; decl?: { op: ":=" | "="; vars: A.Variable[] }; commands: Cons<CommandDraft>; span: Span };
type CommandDraft = { args: Cons<ExprDraft>; span: Span };
type ChainDraft = { kind: "ChainDraft"; target: ExprDraft; names: Cons<Token>; span: Span };
type ParenDraft = { kind: "ParenDraft"; pipeline: PipelineDraft; span: Span };
type ExprDraft = Exclude<A.Expr, A.Paren> | ChainDraft | ParenDraft;

export const id = (d: D) => d[0];

export const outputAction = (d: D) => ({ kind: "OutputAction", pipeline: d[0] });
export const ifAction = (d: D) => ({ kind: "IfAction", pipeline: d[1] });
export const elseAction = () => ({ kind: "ElseAction" });
export const elseChainAction = (d: D) => ({
  kind: "ElseAction",
  chained: { keyword: (d[1] as Token).type === "kwIf" ? "if" : "with", pipeline: d[2] },
});
export const endAction = () => ({ kind: "EndAction" });
export const rangeAction = (d: D) => ({ kind: "RangeAction", pipeline: d[1] });
export const withAction = (d: D) => ({ kind: "WithAction", pipeline: d[1] });
export const defineAction = (d: D) => ({ kind: "DefineAction", name: d[1] });
export const templateAction = (d: D) => ({ kind: "TemplateAction", name: d[1], pipeline: d[2] ?? undefined });
export const blockAction = (d: D) => ({ kind: "BlockAction", name: d[1], pipeline: d[2] });
export const breakAction = () => ({ kind: "BreakAction" });
export const continueAction = () => ({ kind: "ContinueAction" });

export const pipeline = (d: D): PipelineDraft => ({ kind: "PipelineDraft", commands: d[0].list, span: d[0].span });

export function declaredPipeline(d: D): PipelineDraft {
  const v = variable([d[0]]);
  return { kind: "PipelineDraft", decl: { op: (d[1] as Token).text as ":=" | "=", vars: [v] }, commands: d[2].list, span: s(v, d[2]) };
}

export function pairPipeline(d: D): PipelineDraft {
  const a = variable([d[0]]);
  const b = variable([d[2]]);
  return { kind: "PipelineDraft", decl: { op: (d[3] as Token).text as ":=" | "=", vars: [a, b] }, commands: d[4].list, span: s(a, d[4]) };
}

export const first = (d: D) => ({ list: { head: d[0], tail: undefined }, span: d[0].span });
export const appendCommand = (d: D) => ({ list: { head: d[2], tail: d[0].list }, span: s(d[0], d[2]) });

export const command = (d: D): CommandDraft => ({ args: { head: d[0], tail: undefined }, span: d[0].span });
export const appendOperand = (d: D): CommandDraft => ({ args: { head: d[1], tail: d[0].args }, span: s(d[0], d[1]) });

export function chain(d: D): ChainDraft {
  const prev: ExprDraft = d[0];
  const t: Token = d[1];
  if (prev.kind === "ChainDraft") return { ...prev, names: { head: t, tail: prev.names }, span: s(prev, t) };
  return { kind: "ChainDraft", target: prev, names: { head: t, tail: undefined }, span: s(prev, t) };
}

export const paren = (d: D): ParenDraft => ({ kind: "ParenDraft", pipeline: d[1], span: s(d[0], d[2]) });

/** finishAction turns the single parse's drafts into the AST (one pass, linear in the action). */
export function finishAction(draft: any): A.Action {
  const a = { ...draft };
  if (a.pipeline) a.pipeline = finishPipeline(a.pipeline);
  if (a.chained) a.chained = { ...a.chained, pipeline: finishPipeline(a.chained.pipeline) };
  return a as A.Action;
}

function finishPipeline(p: PipelineDraft): A.Pipeline {
  const commands = toArray(p.commands, (c): A.Command => ({ kind: "Command", args: toArray(c.args, finishExpr), span: c.span }));
  return p.decl ? { kind: "Pipeline", decl: p.decl, commands, span: p.span } : { kind: "Pipeline", commands, span: p.span };
}

// finishExpr applies a chain: fields and variables grow their path, a parenthesized
// pipeline records it; after a constant or dot it is an error, as in Go.
function finishExpr(x: ExprDraft): A.Expr {
  if (x.kind === "ParenDraft") return { kind: "Paren", pipeline: finishPipeline(x.pipeline), path: [], span: x.span };
  if (x.kind !== "ChainDraft") return x;
  const target = finishExpr(x.target);
  const names = toArray(x.names, (t) => t);
  switch (target.kind) {
    case "Field":
    case "Variable":
    case "Paren":
      return { ...target, path: [...target.path, ...names.map(name)], span: x.span };
    case "Identifier":
      // `fn.x`: Go calls fn, then reads x; spell that as a parenthesized call.
      return {
        kind: "Paren",
        pipeline: { kind: "Pipeline", commands: [{ kind: "Command", args: [target], span: target.span }], span: target.span },
        path: names.map(name),
        span: x.span,
      };
    default:
      literalProblems.set(names[0].span.start, { span: names[0].span, message: `unexpected ${names[0].text} after a constant or dot` });
      return target;
  }
}

export const field = (d: D): A.Field => ({ kind: "Field", path: [name(d[0])], span: d[0].span });
export const variable = (d: D): A.Variable => ({ kind: "Variable", name: d[0].text, path: [], span: d[0].span });
export const dot = (d: D): A.Dot => ({ kind: "Dot", span: d[0].span });
export const identifier = (d: D): A.Identifier => ({ kind: "Identifier", name: d[0].text, span: d[0].span });
export const boolLit = (d: D): A.BoolLit => ({ kind: "BoolLit", value: d[0].text === "true", span: d[0].span });
export const nil = (d: D): A.Nil => ({ kind: "Nil", span: d[0].span });

export function stringLit(d: D): A.StringLit {
  const t: Token = d[0];
  const r = unquote(t.text);
  if ("error" in r) literalProblems.set(t.span.start, { span: t.span, message: r.error });
  return { kind: "StringLit", value: "value" in r ? r.value : "", raw: t.text, span: t.span };
}

export function charLit(d: D): A.NumberLit {
  const t: Token = d[0];
  const r = charValue(t.text);
  if ("error" in r) literalProblems.set(t.span.start, { span: t.span, message: r.error });
  return { kind: "NumberLit", value: "value" in r ? r.value : 0, raw: t.text, isInt: true, span: t.span };
}

export function numberLit(d: D): A.NumberLit {
  const t: Token = d[0];
  const r = numberValue(t.text);
  if ("error" in r) literalProblems.set(t.span.start, { span: t.span, message: r.error, unsupported: r.error === "imaginary numbers" });
  return { kind: "NumberLit", value: "value" in r ? r.value : 0, raw: t.text, isInt: "isInt" in r ? r.isInt : true, span: t.span };
}
