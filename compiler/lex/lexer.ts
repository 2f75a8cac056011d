/**
 * The lexer splits a template into text runs, comments and actions with moo's states:
 * `text` until `{{`, then `action` until `}}`. Whitespace inside actions is dropped here
 * (each token records whether whitespace preceded it), trim markers `{{- ` and ` -}}`
 * are applied to the neighbouring text here, and a field written right after a term
 * (`.a.b`, `$x.y`, `(…).z`) becomes a `chain` token, so the grammar never sees spaces.
 */
import moo from "moo";
import type { ActionItem, LexedTemplate, TokenType } from "./tokens.js";

const WS = "[ \\t\\r\\n]";
const IDENT = "[\\p{L}_][\\p{L}\\p{Nd}_]*";

const keywords = moo.keywords({
  kwIf: "if",
  kwElse: "else",
  kwEnd: "end",
  kwRange: "range",
  kwWith: "with",
  kwDefine: "define",
  kwTemplate: "template",
  kwBlock: "block",
  kwBreak: "break",
  kwContinue: "continue",
  bool: ["true", "false"],
  nil: "nil",
});

// Rules are tried in order at each position, so the specific come before the general.
const lexer = moo.states({
  text: {
    comment: { match: new RegExp(`\\{\\{(?:-${WS})?\\/\\*(?:(?!\\*\\/)[^])*\\*\\/(?:${WS}-)?\\}\\}`, "u"), lineBreaks: true },
    badComment: { match: new RegExp(`\\{\\{(?:-${WS})?\\/\\*(?:(?!\\*\\/)[^])*(?:\\*\\/(?:(?!\\}\\})[^])*(?:\\}\\})?)?`, "u"), lineBreaks: true },
    openTrim: { match: new RegExp(`\\{\\{-(?=${WS})`, "u"), push: "action" },
    open: { match: /\{\{/u, push: "action" },
    text: { match: /(?:(?!\{\{)[^])+/u, lineBreaks: true },
  },
  action: {
    closeTrim: { match: new RegExp(`${WS}+-\\}\\}`, "u"), lineBreaks: true, pop: 1 },
    close: { match: /\}\}/u, pop: 1 },
    ws: { match: new RegExp(`${WS}+`, "u"), lineBreaks: true },
    rawString: { match: /`[^`]*`/u, lineBreaks: true },
    string: /"(?:[^"\\\r\n]|\\[^\r\n])*"/u,
    char: /'(?:\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{3}|[^\r\n])|[\uD800-\uDBFF][\uDC00-\uDFFF]|[^'\\\r\n])'/u,
    number:
      /[+-]?(?:0[xX](?:_?[0-9a-fA-F])*(?:\.[0-9a-fA-F_]*)?(?:[pP][+-]?[0-9_]+)?|0[bB](?:_?[01])+|0[oO](?:_?[0-7])+|(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9][0-9_]*)(?:[eE][+-]?[0-9_]+)?)i?/u,
    field: new RegExp(`\\.${IDENT}`, "u"),
    dot: /\./u,
    variable: /\$[\p{L}\p{Nd}_]*/u,
    declare: /:=/u,
    foreign: /==|!=|&&|\|\||>=|<=|=>|[<>!#%&/@?*{]/u,
    assign: /=/u,
    pipe: /\|/u,
    comma: /,/u,
    lparen: /\(/u,
    rparen: /\)/u,
    ident: { match: new RegExp(IDENT, "u"), type: keywords },
    invalid: { match: /[^]/u, lineBreaks: true },
  },
});

// A chain continues the term before it; these token types end a term.
const termEnd = new Set<TokenType>(["field", "chain", "variable", "rparen", "ident", "dot", "string", "rawString", "char", "number", "bool", "nil"]);

/** lex splits a source into text, comment and action items; it never throws. */
export function lex(text: string): LexedTemplate {
  const out: LexedTemplate = { items: [], errors: [] };
  lexer.reset(text);
  let action: ActionItem | undefined;
  let spaced = true;
  let trimNext = false;
  for (const tok of lexer) {
    const start = tok.offset;
    const end = start + tok.text.length;
    switch (tok.type) {
      case "text": {
        let value = tok.text;
        let from = start;
        if (trimNext) {
          const kept = value.replace(/^[ \t\r\n]+/, "");
          from += value.length - kept.length;
          value = kept;
          trimNext = false;
        }
        if (value) out.items.push({ kind: "text", value, span: { start: from, end } });
        break;
      }
      case "comment":
        trimBefore(out, tok.text.startsWith("{{-"));
        trimNext = tok.text.endsWith("-}}");
        out.items.push({ kind: "comment", span: { start, end } });
        break;
      case "badComment": {
        // `{{/*` without a matching `*/}}`: either never closed, or followed by more than the
        // comment. The token runs to the next `}}` (or the end), so lexing goes on after it.
        const opener = start + tok.text.indexOf("/*") + 2;
        const kind = tok.text.includes("*/", opener - start) ? "comment_not_alone" : "unclosed_comment";
        out.errors.push({ kind, span: { start, end: opener } });
        trimNext = false;
        break;
      }
      case "openTrim":
      case "open":
        trimBefore(out, tok.type === "openTrim");
        trimNext = false;
        action = { kind: "action", tokens: [], span: { start, end }, closed: false };
        out.items.push(action);
        spaced = true;
        break;
      case "close":
      case "closeTrim":
        if (action) {
          action.span.end = end;
          action.closed = true;
        }
        trimNext = tok.type === "closeTrim";
        action = undefined;
        break;
      case "ws":
        spaced = true;
        break;
      default: {
        const tokens = action!.tokens;
        let type = tok.type as TokenType;
        const prev = tokens[tokens.length - 1];
        if (type === "field" && !spaced && prev && termEnd.has(prev.type)) type = "chain";
        tokens.push({ type, text: tok.text, span: { start, end }, spaced });
        action!.span.end = end;
        spaced = false;
      }
    }
  }
  return out;
}

// trimBefore applies a `{{- ` marker: the text just before loses its trailing whitespace.
function trimBefore(out: LexedTemplate, trim: boolean): void {
  const last = out.items[out.items.length - 1];
  if (!trim || last?.kind !== "text") return;
  const kept = last.value.replace(/[ \t\r\n]+$/, "");
  last.span = { start: last.span.start, end: last.span.end - (last.value.length - kept.length) };
  last.value = kept;
  if (!kept) out.items.pop();
}
