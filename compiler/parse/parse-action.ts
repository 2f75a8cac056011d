/**
 * parseAction parses the tokens of one action with the nearley grammar and guarantees
 * exactly one result: no parse is a positioned syntax error, more than one an internal
 * error (an ambiguous grammar is a bug of ours, and tests assert it never happens).
 */
import nearley from "nearley";
import type { Token } from "../lex/tokens.js";
import type { Span } from "../source.js";
import type { Action } from "./ast.js";
import { finishAction, literalProblems } from "./build.js";
import grammar from "./grammar.js";
import { tokenStream } from "./token-stream.js";

const compiled = nearley.Grammar.fromCompiled(grammar);

/** ActionProblem is why an action did not parse. */
export interface ActionProblem {
  code: "syntax_error" | "foreign_syntax" | "unsupported" | "internal_error" | "trailing_pipe";
  message: string;
  span: Span;
  hint?: string;
}

/** ParsedAction is the single parse of an action, or the problems that prevented it. */
export type ParsedAction = { ok: true; action: Action; problems: ActionProblem[] } | { ok: false; problems: ActionProblem[] };

// Habits from other template languages, with the Go spelling to suggest.
const foreignHints: Record<string, string> = {
  "==": "compare with eq: {{if eq .a .b}}",
  "!=": "compare with ne: {{if ne .a .b}}",
  "<": "compare with lt: {{if lt .a .b}}",
  ">": "compare with gt: {{if gt .a .b}}",
  "<=": "compare with le: {{if le .a .b}}",
  ">=": "compare with ge: {{if ge .a .b}}",
  "&&": "combine with and: {{if and .a .b}}",
  "||": "combine with or: {{if or .a .b}}",
  "!": "negate with not: {{if not .a}}",
  "#": "blocks have no #: {{if .a}} … {{end}}, {{range .items}} … {{end}}",
  "/": "blocks close with {{end}}",
  "{": "there is no {{{ }}}: {{.name}} prints the value",
};

// A token that ends an operand, and one that starts an operand (lex/lexer.ts has the same termEnd).
const termEnd = new Set<Token["type"]>(["field", "chain", "variable", "rparen", "ident", "dot", "string", "rawString", "char", "number", "bool", "nil"]);
const operandStart = new Set<Token["type"]>(["field", "variable", "dot", "ident", "string", "rawString", "char", "number", "bool", "nil", "lparen"]);

/** describeToken names a token for an error message. */
export function describeToken(t: Token): string {
  switch (t.type) {
    case "string":
    case "rawString":
    case "number":
    case "char":
      return `constant ${t.text}`;
    case "field":
    case "chain":
      return `field ${t.text}`;
    case "variable":
      return `variable ${t.text}`;
    default:
      return `"${t.text}"`;
  }
}

/** parseAction parses one action's tokens; `at` is the whole action's span, for empty actions. */
export function parseAction(tokens: readonly Token[], at: Span): ParsedAction {
  if (tokens.length === 0) return fail({ code: "syntax_error", message: "empty action: write a value or a keyword inside {{ }}", span: at });
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const next = tokens[i + 1];
    const prev = tokens[i - 1];
    if (t.text === "/" && next?.text === "*") {
      return fail({ code: "syntax_error", message: "a comment must start right after {{ (or {{- ): {{/* … */}}", span: t.span });
    }
    if (t.type === "foreign") {
      const hint = foreignHints[t.text] ?? undefined;
      return fail({ code: "foreign_syntax", message: `"${t.text}"`, span: t.span, hint });
    }
    if (t.type === "number" && next && !next.spaced && (next.type === "ident" || next.type === "number" || next.type === "field")) {
      return fail({ code: "syntax_error", message: `bad number syntax: ${t.text}${next.text}`, span: { start: t.span.start, end: next.span.end } });
    }
    // Go: operands are separated by spaces; `.a"b"`, `$x+2`, `(.a)(.b)` are not two arguments.
    if (prev && !t.spaced && termEnd.has(prev.type) && operandStart.has(t.type)) {
      return fail({ code: "syntax_error", message: `unexpected ${describeToken(t)} in operand: separate arguments with a space`, span: t.span });
    }
    if (t.type === "invalid") return fail({ code: "syntax_error", message: `unexpected character ${JSON.stringify(t.text)} in action`, span: t.span });
  }
  // Go accepts a pipe with nothing after it (`{{.a |}}`): so do we, with a warning.
  const warnings: ActionProblem[] = [];
  const last = tokens[tokens.length - 1];
  if (last.type === "pipe" && tokens.length > 1 && tokens[tokens.length - 2].type !== "pipe") {
    warnings.push({ code: "trailing_pipe", message: "", span: last.span });
    tokens = tokens.slice(0, -1);
  }
  const parser = new nearley.Parser(compiled);
  tokenStream.load(tokens);
  literalProblems.clear();
  try {
    parser.feed("");
  } catch (e) {
    const token = (e as { token?: Token }).token;
    const bad = token ? tokens.find((t) => t.span.start === token.span?.start) ?? tokens[0] : tokens[0];
    return fail({ code: "syntax_error", message: unexpected(bad, tokens), span: bad.span });
  }
  const results = parser.results as Action[];
  if (results.length === 0) {
    const last = tokens[tokens.length - 1];
    return fail({ code: "syntax_error", message: incomplete(tokens), span: last.span });
  }
  if (results.length > 1) {
    return fail({ code: "internal_error", message: `the grammar gives ${results.length} parses of this action`, span: at });
  }
  const action = finishAction(results[0]);
  const problems: ActionProblem[] = [...literalProblems.values()].map((p) =>
    p.unsupported ? { code: "unsupported", message: p.message, span: p.span } : { code: "syntax_error", message: p.message, span: p.span },
  );
  return { ok: true, action, problems: [...warnings, ...problems] };
}

function fail(p: ActionProblem): ParsedAction {
  return { ok: false, problems: [p] };
}

// unexpected explains a token the grammar cannot take at its place.
function unexpected(bad: Token, tokens: readonly Token[]): string {
  const i = tokens.indexOf(bad);
  const prev = tokens[i - 1];
  if (bad.type === "rparen") return "unexpected ) without a matching (";
  if (bad.type === "declare" || bad.type === "assign") return `unexpected ${bad.text}: only a variable can be declared or assigned`;
  if (bad.type === "pipe" && (!prev || prev.type === "pipe")) return "missing command before |";
  if (bad.type.startsWith("kw")) {
    return i === 0 ? `unexpected keyword ${bad.text}` : `unexpected keyword "${bad.text}" in the middle of an action`;
  }
  if (bad.type === "comma") return "unexpected comma: only range declares two variables ({{range $i, $e := …}})";
  if (bad.type === "chain") return `unexpected ${bad.text}`;
  return `unexpected ${describeToken(bad)}`;
}

// incomplete explains an action that ends too early.
function incomplete(tokens: readonly Token[]): string {
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  if (tokens.length === 1 && first.type.startsWith("kw")) return `missing value for ${first.text}`;
  if (last.type === "pipe") return "missing command after |";
  if (last.type === "declare" || last.type === "assign") return `missing value after ${last.text}`;
  const open = tokens.filter((t) => t.type === "lparen").length - tokens.filter((t) => t.type === "rparen").length;
  if (open > 0) return "unclosed left parenthesis";
  return "unexpected end of action";
}
