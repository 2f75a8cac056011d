/**
 * structure nests the flat item sequence into a tree with a stack: `{{if}}`, `{{with}}`,
 * `{{range}}`, `{{define}}` and `{{block}}` push, `{{else…}}` switches branch, `{{end}}`
 * pops. Done by hand rather than in the grammar so that an unclosed block is reported at
 * the action that opened it, a stray `{{end}}` at itself, and parsing goes on after either.
 */
import type { Reporter } from "../diagnostics/diagnostic.js";
import { details, notes } from "../diagnostics/messages.js";
import type { LexedTemplate, Token } from "../lex/tokens.js";
import type { SourceFile, Span } from "../source.js";
import type * as A from "./ast.js";
import { parseAction, type ParsedAction } from "./parse-action.js";

/** MAX_DEPTH is how deeply blocks and parentheses may nest. */
export const MAX_DEPTH = 100;

type Frame = {
  keyword: "if" | "with" | "range" | "define" | "block" | "root";
  node?: A.If | A.With | A.Range | A.Define | A.Block;
  list: A.Node[];
  open: Span;
  /** chained frames are `{{else if}}`/`{{else with}}`: their {{end}} also closes the parent. */
  chained: boolean;
  inElse: boolean;
};

// Words of other template languages that a Go template spells differently.
const foreignWords: Record<string, string> = {
  elseif: "{{else if …}}",
  elsif: "{{else if …}}",
  elif: "{{else if …}}",
  endif: "{{end}}",
  endfor: "{{end}}",
  endeach: "{{end}}",
  endwith: "{{end}}",
  each: "{{range .items}} … {{end}}",
  for: "{{range .items}} … {{end}}",
  foreach: "{{range .items}} … {{end}}",
  unless: "{{if not .a}} … {{end}}",
};

const liquidTag = /\{%-?\s*(if|unless|for|elsif|else|endif|endfor|endunless|assign|capture|case|when|raw)\b/g;

/** structure builds the tree of one source; problems go to the reporter, the tree is always built. */
export function structure(lexed: LexedTemplate, source: SourceFile, reporter: Reporter): A.ParsedTemplate {
  for (const e of lexed.errors) reporter.error("syntax_error", source, e.span, details[e.kind]());
  const root: Frame = { keyword: "root", list: [], open: { start: 0, end: 0 }, chained: false, inElse: false };
  const parsedBefore = new Map<string, A.Action>();
  const stack: Frame[] = [root];
  let tooDeep = false;
  const top = () => stack[stack.length - 1];
  const push = (frame: Frame) => {
    stack.push(frame);
    if (stack.length - 1 > MAX_DEPTH && !tooDeep) {
      tooDeep = true;
      reporter.error("nesting_too_deep", source, frame.open, MAX_DEPTH);
    }
  };
  const closeTop = (at: Span) => {
    let frame = stack.pop()!;
    if (frame.node) frame.node.endSpan = at;
    while (frame.chained) {
      frame = stack.pop()!;
      if (frame.node) frame.node.endSpan = at;
    }
  };

  for (const item of lexed.items) {
    if (item.kind === "text") {
      for (const m of item.value.matchAll(liquidTag)) {
        const at = { start: item.span.start + m.index!, end: item.span.start + m.index! + m[0].length };
        reporter.error("foreign_syntax", source, at, `${m[0]}…%}`).notes.push({ message: notes.goSyntax("write {{if .a}} … {{else}} … {{end}} and {{range .items}} … {{end}}") });
      }
      top().list.push({ kind: "Text", value: item.value, span: item.span });
      continue;
    }
    if (item.kind === "comment") {
      top().list.push({ kind: "Comment", span: item.span });
      continue;
    }
    if (!item.closed) {
      reporter.error("unclosed_action", source, { start: item.span.start, end: item.span.start + 2 /* "{{".length */ });
      continue;
    }
    const parenDepth = maxParenDepth(item.tokens);
    if (parenDepth > MAX_DEPTH) {
      reporter.error("nesting_too_deep", source, item.span, MAX_DEPTH);
      continue;
    }
    const parsed = parseOnce(item.tokens, item.span, source.text, parsedBefore);
    for (const p of parsed.problems) {
      if (p.code === "trailing_pipe") {
        reporter.warning("trailing_pipe", source, p.span);
        continue;
      }
      const problem =
        p.code === "foreign_syntax"
          ? reporter.error("foreign_syntax", source, p.span, p.message)
          : p.code === "unsupported"
            ? reporter.error("unsupported", source, p.span, p.message)
            : p.code === "internal_error"
              ? reporter.error("internal_error", source, p.span, p.message)
              : reporter.error("syntax_error", source, p.span, p.message);
      if (p.hint) problem.notes.push({ message: notes.goSyntax(p.hint) });
    }
    if (!parsed.ok) {
      recoverStructure(item.tokens[0], stack, item.span, push);
      continue;
    }
    const action = parsed.action;
    const at = item.span;
    const frame = top();
    switch (action.kind) {
      case "OutputAction": {
        const head = action.pipeline.commands[0].args[0];
        if (head.kind === "Identifier" && head.name in foreignWords && action.pipeline.commands[0].args.length <= 2) {
          reporter.error("foreign_syntax", source, head.span, `{{${head.name}}}`).notes.push({ message: notes.goSyntax(`write ${foreignWords[head.name]}`) });
        }
        frame.list.push({ kind: "Output", pipeline: action.pipeline, span: at });
        break;
      }
      case "IfAction":
      case "WithAction": {
        const keyword = action.kind === "IfAction" ? "if" : "with";
        const node: A.If | A.With = { kind: keyword === "if" ? "If" : "With", pipeline: action.pipeline, then: [], chained: false, span: at } as A.If | A.With;
        frame.list.push(node);
        push({ keyword, node, list: node.then, open: at, chained: false, inElse: false });
        break;
      }
      case "RangeAction": {
        const node: A.Range = { kind: "Range", pipeline: action.pipeline, body: [], span: at };
        frame.list.push(node);
        push({ keyword: "range", node, list: node.body, open: at, chained: false, inElse: false });
        break;
      }
      case "ElseAction": {
        const word = action.chained ? `else ${action.chained.keyword}` : "else";
        if (frame.keyword === "root" || frame.keyword === "define" || frame.keyword === "block") {
          reporter.error("else_without_if", source, at, word);
          break;
        }
        if (frame.inElse) {
          reporter.error("else_after_else", source, at).notes.push({ message: notes.openedHere(frame.keyword), span: frame.open });
          break;
        }
        if (!frame.node) break; // a block whose opening action did not parse
        const node = frame.node as A.If | A.With | A.Range;
        node.else = [];
        node.elseSpan = at;
        frame.inElse = true;
        frame.list = node.else;
        if (action.chained) {
          if (action.chained.keyword !== frame.keyword) {
            reporter.error("misplaced_else", source, at, word, frame.keyword);
            break;
          }
          const kind = action.chained.keyword === "if" ? "If" : "With";
          const inner = { kind, pipeline: action.chained.pipeline, then: [], chained: true, span: at } as A.If | A.With;
          node.else.push(inner);
          push({ keyword: frame.keyword, node: inner, list: inner.then, open: at, chained: true, inElse: false });
        }
        break;
      }
      case "EndAction":
        if (frame.keyword === "root") reporter.error("unexpected_end", source, at);
        else closeTop(at);
        break;
      case "DefineAction": {
        if (frame.keyword !== "root") {
          reporter.error("syntax_error", source, at, "{{define}} is only allowed at the top level of a template, outside any block");
        }
        const node: A.Define = { kind: "Define", name: action.name, body: [], span: at };
        frame.list.push(node);
        push({ keyword: "define", node, list: node.body, open: at, chained: false, inElse: false });
        break;
      }
      case "BlockAction": {
        const node: A.Block = { kind: "Block", name: action.name, pipeline: action.pipeline, body: [], span: at };
        frame.list.push(node);
        push({ keyword: "block", node, list: node.body, open: at, chained: false, inElse: false });
        break;
      }
      case "TemplateAction":
        frame.list.push({ kind: "TemplateCall", name: action.name, pipeline: action.pipeline, span: at });
        break;
      case "BreakAction":
      case "ContinueAction":
        frame.list.push({ kind: action.kind === "BreakAction" ? "Break" : "Continue", span: at });
        break;
    }
  }
  while (stack.length > 1) {
    const frame = stack.pop()!;
    if (!frame.chained) reporter.error("unclosed_block", source, frame.open, frame.keyword);
  }
  return { body: root.list };
}

// recoverStructure keeps nesting right after an action that failed to parse: a broken
// `{{if …}}` still opens a block (so its {{end}} is not reported as stray), whose body
// goes on into the enclosing list so that it is still checked.
// Handlebars' `{{#if}}` opens and `{{/if}}` closes, so they are nested too.
function recoverStructure(token: { type: string; text: string } | undefined, stack: Frame[], at: Span, push: (f: Frame) => void): void {
  const first = token?.text === "#" ? "kwIf" : token?.text === "/" ? "kwEnd" : token?.type;
  const keyword = first === "kwIf" ? "if" : first === "kwWith" ? "with" : first === "kwRange" ? "range" : first === "kwBlock" ? "block" : first === "kwDefine" ? "define" : undefined;
  if (keyword) push({ keyword, list: stack[stack.length - 1].list, open: at, chained: false, inElse: false });
  else if (first === "kwEnd" && stack.length > 1) stack.pop();
}

function maxParenDepth(tokens: readonly { type: string }[]): number {
  let depth = 0;
  let max = 0;
  for (const t of tokens) {
    if (t.type === "lparen") max = Math.max(max, ++depth);
    else if (t.type === "rparen") depth--;
  }
  return max;
}

/**
 * parseOnce parses an action, or copies the parse of the same action seen before in this
 * source: a template repeats many ({{end}}, {{else}}, {{.id}}), and a copy with its spans
 * moved costs a few objects where nearley's parse costs hundreds. An action's tokens are
 * the lexer's reading of its text alone, so the text is the key. Only clean parses are kept
 * (problems are reported at their own place); `before` maps an action's text to its parse
 * at offset 0.
 */
function parseOnce(tokens: readonly Token[], at: Span, text: string, before: Map<string, A.Action>): ParsedAction {
  const key = text.slice(at.start, at.end);
  const known = before.get(key);
  if (known) return { ok: true, action: moved(known, at.start), problems: [] };
  const parsed = parseAction(tokens, at);
  if (parsed.ok && parsed.problems.length === 0) before.set(key, moved(parsed.action, -at.start));
  return parsed;
}

// moved copies a parsed action with every span in it moved by `by` (a span is an object of exactly start and end).
function moved<T>(x: T, by: number): T {
  if (Array.isArray(x)) return x.map((e) => moved(e, by)) as T;
  if (x === null || typeof x !== "object") return x;
  const o = x as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 2 && typeof o.start === "number" && typeof o.end === "number") return { start: o.start + by, end: o.end + by } as T;
  const copy: Record<string, unknown> = {};
  for (const k of keys) copy[k] = moved(o[k], by);
  return copy as T;
}
