import type { Span } from "../source.js";

/** TokenType names the tokens of one action's interior (the grammar's terminals). */
export type TokenType =
  | "field" // .Name (a field of dot, or the start of a path)
  | "chain" // .Name written right after a term: ($x).Name, .a.b's ".b"
  | "variable" // $ or $name
  | "dot" // .
  | "ident" // a function name
  | "string" // "…" with Go escapes
  | "rawString" // `…`
  | "char" // 'a': a number in Go
  | "number"
  | "bool"
  | "nil"
  | "declare" // :=
  | "assign" // =
  | "pipe" // |
  | "comma"
  | "lparen"
  | "rparen"
  | "kwIf"
  | "kwElse"
  | "kwEnd"
  | "kwRange"
  | "kwWith"
  | "kwDefine"
  | "kwTemplate"
  | "kwBlock"
  | "kwBreak"
  | "kwContinue"
  | "foreign" // an operator from another template language: == && || ! # …
  | "invalid"; // any other character

/** Token is one lexed token of an action: whitespace is dropped, `spaced` records it. */
export interface Token {
  type: TokenType;
  text: string;
  span: Span;
  /** spaced is true when whitespace (or the action's start) precedes the token. */
  spaced: boolean;
}

/** TextItem is literal text between actions, after trim markers were applied. */
export interface TextItem {
  kind: "text";
  value: string;
  span: Span;
}

/** ActionItem is one `{{ … }}`: its tokens and its delimiters. */
export interface ActionItem {
  kind: "action";
  tokens: Token[];
  /** span covers `{{` to `}}` inclusive. */
  span: Span;
  /** closed is false when the source ended before `}}`. */
  closed: boolean;
}

/** CommentItem is a `{{/* … *\/}}` comment: it renders nothing. */
export interface CommentItem {
  kind: "comment";
  span: Span;
}

/** LexedTemplate is the item sequence of one source, plus lexical errors as spans. */
export interface LexedTemplate {
  items: (TextItem | ActionItem | CommentItem)[];
  errors: { kind: "unclosed_comment" | "comment_not_alone"; span: Span }[];
}
