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

export const id = (d: D) => d[0];
export const first = (d: D) => [d[0]];

export const outputAction = (d: D): A.Action => ({ kind: "OutputAction", pipeline: d[0] });
export const ifAction = (d: D): A.Action => ({ kind: "IfAction", pipeline: d[1] });
export const elseAction = (): A.Action => ({ kind: "ElseAction" });
export const elseChainAction = (d: D): A.Action => ({
  kind: "ElseAction",
  chained: { keyword: (d[1] as Token).type === "kwIf" ? "if" : "with", pipeline: d[2] },
});
export const endAction = (): A.Action => ({ kind: "EndAction" });
export const rangeAction = (d: D): A.Action => ({ kind: "RangeAction", pipeline: d[1] });
export const withAction = (d: D): A.Action => ({ kind: "WithAction", pipeline: d[1] });
export const defineAction = (d: D): A.Action => ({ kind: "DefineAction", name: d[1] });
export const templateAction = (d: D): A.Action => ({ kind: "TemplateAction", name: d[1], pipeline: d[2] ?? undefined });
export const blockAction = (d: D): A.Action => ({ kind: "BlockAction", name: d[1], pipeline: d[2] });
export const breakAction = (): A.Action => ({ kind: "BreakAction" });
export const continueAction = (): A.Action => ({ kind: "ContinueAction" });

export function pipeline(d: D): A.Pipeline {
  const commands: A.Command[] = d[0];
  return { kind: "Pipeline", commands, span: s(commands[0], commands[commands.length - 1]) };
}

export function declaredPipeline(d: D): A.Pipeline {
  const v = variable([d[0]]);
  const commands: A.Command[] = d[2];
  return { kind: "Pipeline", decl: { op: (d[1] as Token).text as ":=" | "=", vars: [v] }, commands, span: s(v, commands[commands.length - 1]) };
}

export function pairPipeline(d: D): A.Pipeline {
  const a = variable([d[0]]);
  const b = variable([d[2]]);
  const commands: A.Command[] = d[4];
  return { kind: "Pipeline", decl: { op: (d[3] as Token).text as ":=" | "=", vars: [a, b] }, commands, span: s(a, commands[commands.length - 1]) };
}

export const appendCommand = (d: D): A.Command[] => [...d[0], d[2]];

export const command = (d: D): A.Command => ({ kind: "Command", args: [d[0]], span: d[0].span });
export const appendOperand = (d: D): A.Command => ({ kind: "Command", args: [...d[0].args, d[1]], span: s(d[0], d[1]) });

// chain appends `.name` to a term: fields and variables grow their path, a parenthesized
// pipeline records it; after a constant or dot it is an error, as in Go.
export function chain(d: D): A.Expr {
  const target: A.Expr = d[0];
  const t: Token = d[1];
  const at = s(target, t);
  switch (target.kind) {
    case "Field":
    case "Variable":
    case "Paren":
      return { ...target, path: [...target.path, name(t)], span: at };
    case "Identifier":
      // `fn.x`: Go calls fn, then reads x; spell that as a parenthesized call.
      return {
        kind: "Paren",
        pipeline: { kind: "Pipeline", commands: [{ kind: "Command", args: [target], span: target.span }], span: target.span },
        path: [name(t)],
        span: at,
      };
    default:
      literalProblems.set(t.span.start, { span: t.span, message: `unexpected ${t.text} after a constant or dot` });
      return target;
  }
}

export const field = (d: D): A.Field => ({ kind: "Field", path: [name(d[0])], span: d[0].span });
export const variable = (d: D): A.Variable => ({ kind: "Variable", name: d[0].text, path: [], span: d[0].span });
export const dot = (d: D): A.Dot => ({ kind: "Dot", span: d[0].span });
export const identifier = (d: D): A.Identifier => ({ kind: "Identifier", name: d[0].text, span: d[0].span });
export const boolLit = (d: D): A.BoolLit => ({ kind: "BoolLit", value: d[0].text === "true", span: d[0].span });
export const nil = (d: D): A.Nil => ({ kind: "Nil", span: d[0].span });
export const paren = (d: D): A.Paren => ({ kind: "Paren", pipeline: d[1], path: [], span: s(d[0], d[2]) });

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
