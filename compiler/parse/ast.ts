/**
 * The template AST. Every node carries the span of the source it came from; nodes are
 * discriminated by `kind`, equal to the interface name. The tree is a pure function of
 * the source: later stages key their results by node and never mutate it.
 */
import type { Span } from "../source.js";

// ---- Expressions: the inside of one action ----

/** Field is `.a.b`: a path from dot. */
export interface Field {
  kind: "Field";
  path: string[];
  span: Span;
}
/** Variable is `$`, `$x` or `$x.a.b`. */
export interface Variable {
  kind: "Variable";
  name: string;
  path: string[];
  span: Span;
}
/** Dot is `.`. */
export interface Dot {
  kind: "Dot";
  span: Span;
}
/** Identifier is a function name. */
export interface Identifier {
  kind: "Identifier";
  name: string;
  span: Span;
}
/** StringLit is a quoted or raw string constant, already unescaped. */
export interface StringLit {
  kind: "StringLit";
  value: string;
  raw: string;
  span: Span;
}
/** NumberLit is a numeric constant (a char constant like 'a' is a number too). */
export interface NumberLit {
  kind: "NumberLit";
  value: number;
  raw: string;
  /** isInt is true for constants Go types as an integer (no '.', no exponent) — for printf checks. */
  isInt: boolean;
  span: Span;
}
/** BoolLit is `true` or `false`. */
export interface BoolLit {
  kind: "BoolLit";
  value: boolean;
  span: Span;
}
/** Nil is `nil`. */
export interface Nil {
  kind: "Nil";
  span: Span;
}
/** Paren is a parenthesized pipeline, optionally followed by a field path: `(index .a 0).name`. */
export interface Paren {
  kind: "Paren";
  pipeline: Pipeline;
  path: string[];
  span: Span;
}

/** Expr is an operand of a command. */
export type Expr = Field | Variable | Dot | Identifier | StringLit | NumberLit | BoolLit | Nil | Paren;

/** Command is one stage of a pipeline: a function and its arguments, or a single operand. */
export interface Command {
  kind: "Command";
  args: Expr[];
  span: Span;
}

/** Pipeline is `[$a[, $b] :=|= ] command | command …`. */
export interface Pipeline {
  kind: "Pipeline";
  /** decl is the variables of a declaration (`:=`) or assignment (`=`). */
  decl?: { op: ":=" | "="; vars: Variable[] };
  commands: Command[];
  span: Span;
}

// ---- Actions: what one `{{ … }}` says, before nesting ----

/** Action is the parse of one action's interior. */
export type Action =
  | { kind: "OutputAction"; pipeline: Pipeline }
  | { kind: "IfAction"; pipeline: Pipeline }
  | { kind: "ElseAction"; chained?: { keyword: "if" | "with"; pipeline: Pipeline } }
  | { kind: "EndAction" }
  | { kind: "RangeAction"; pipeline: Pipeline }
  | { kind: "WithAction"; pipeline: Pipeline }
  | { kind: "DefineAction"; name: StringLit }
  | { kind: "TemplateAction"; name: StringLit; pipeline?: Pipeline }
  | { kind: "BlockAction"; name: StringLit; pipeline: Pipeline }
  | { kind: "BreakAction" }
  | { kind: "ContinueAction" };

// ---- Nodes: the nested template ----

/** Text is literal output. */
export interface Text {
  kind: "Text";
  value: string;
  span: Span;
}
/** Output is `{{pipeline}}`: printed unless the pipeline is a declaration or assignment. */
export interface Output {
  kind: "Output";
  pipeline: Pipeline;
  span: Span;
}
/** If is `{{if}}…{{else}}…{{end}}`; `{{else if}}` is an If alone in the else list, with `chained`. */
export interface If {
  kind: "If";
  pipeline: Pipeline;
  then: Node[];
  else?: Node[];
  /** chained is true for the If of an `{{else if}}`. */
  chained: boolean;
  span: Span;
  /** elseSpan is the span of the `{{else…}}` action, when there is one. */
  elseSpan?: Span;
  /** endSpan is the span of the closing `{{end}}`. */
  endSpan?: Span;
}
/** With is `{{with}}…{{else}}…{{end}}`, like If, with dot set to the value. */
export interface With {
  kind: "With";
  pipeline: Pipeline;
  then: Node[];
  else?: Node[];
  chained: boolean;
  span: Span;
  elseSpan?: Span;
  /** endSpan is the span of the closing `{{end}}`. */
  endSpan?: Span;
}
/** Range is `{{range}}…{{else}}…{{end}}`. */
export interface Range {
  kind: "Range";
  pipeline: Pipeline;
  body: Node[];
  else?: Node[];
  span: Span;
  elseSpan?: Span;
  /** endSpan is the span of the closing `{{end}}`. */
  endSpan?: Span;
}
/** Define is `{{define "name"}}…{{end}}`. */
export interface Define {
  kind: "Define";
  name: StringLit;
  body: Node[];
  span: Span;
  endSpan?: Span;
}
/** TemplateCall is `{{template "name" pipeline}}`. */
export interface TemplateCall {
  kind: "TemplateCall";
  name: StringLit;
  pipeline?: Pipeline;
  span: Span;
}
/** Block is `{{block "name" pipeline}}…{{end}}`: a define and a call in one. */
export interface Block {
  kind: "Block";
  name: StringLit;
  pipeline: Pipeline;
  body: Node[];
  span: Span;
  endSpan?: Span;
}
/** Break is `{{break}}`. */
export interface Break {
  kind: "Break";
  span: Span;
}
/** Continue is `{{continue}}`. */
export interface Continue {
  kind: "Continue";
  span: Span;
}
/** Comment is `{{/* … *\/}}`. */
export interface Comment {
  kind: "Comment";
  span: Span;
}

/** Node is an element of a template's body. */
export type Node = Text | Output | If | With | Range | Define | TemplateCall | Block | Break | Continue | Comment;

/** ParsedTemplate is one source file's tree. */
export interface ParsedTemplate {
  body: Node[];
}
