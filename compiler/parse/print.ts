/**
 * The canonical printer: a ParsedTemplate back to template source, in one spelling per
 * tree. Actions are printed without inner padding (`{{if .a}}`), operands are separated by
 * one space, commands by ` | `, constants keep their source text (`raw`), and `{{else if}}`
 * chains are printed as written. Text is printed as is: trim markers were already applied
 * by the lexer, so they never need printing. Comments keep no text in the AST and print
 * as `{{/* *\/}}`.
 *
 * The printed form parses back to the same tree (shape and values; spans differ), which the
 * parser tables test as a print → parse → print round trip.
 */
import type * as A from "./ast.js";
import type { ParsedTemplate, Pipeline } from "./ast.js";

/** printTemplate returns the canonical source of a template: parsing it gives back the same tree. */
export function printTemplate(t: ParsedTemplate): string {
  const out = new Printer();
  out.nodes(t.body);
  return out.text;
}

/** printPipeline returns the canonical source of a pipeline: `$x := .a 1 | f "s"`, without delimiters. */
export function printPipeline(p: Pipeline): string {
  const decl = p.decl ? `${p.decl.vars.map(printExpr).join(", ")} ${p.decl.op} ` : "";
  return decl + p.commands.map((c) => c.args.map(printExpr).join(" ")).join(" | ");
}

// printExpr prints one operand; a path is `.name` per element, after a field, variable or (…).
function printExpr(e: A.Expr): string {
  switch (e.kind) {
    case "Field":
      return path(e.path);
    case "Variable":
      return e.name + path(e.path);
    case "Dot":
      return ".";
    case "Identifier":
      return e.name;
    case "StringLit":
    case "NumberLit":
      return e.raw;
    case "BoolLit":
      return e.value ? "true" : "false";
    case "Nil":
      return "nil";
    case "Paren":
      return `(${printPipeline(e.pipeline)})${path(e.path)}`;
  }
}

const path = (names: readonly string[]): string => names.map((n) => "." + n).join("");

// Printer accumulates the output of one template.
class Printer {
  text = "";

  // action appends `{{inner}}`. A text that ends with "{" would swallow the action's
  // "{{" ("a{" + "{{.x}}" lexes as "a" + "{{" + "{.x}}"), so the action is then written
  // " {{- inner}}": the trim marker removes exactly the space added before it.
  action(inner: string): void {
    this.text += this.text.endsWith("{") ? ` {{- ${inner}}}` : `{{${inner}}}`;
  }

  nodes(list: readonly A.Node[]): void {
    for (const n of list) this.node(n);
  }

  node(n: A.Node): void {
    switch (n.kind) {
      case "Text":
        this.text += n.value;
        break;
      case "Comment":
        this.action("/* */");
        break;
      case "Output":
        this.action(printPipeline(n.pipeline));
        break;
      case "If":
      case "With":
        this.action(`${n.kind === "If" ? "if" : "with"} ${printPipeline(n.pipeline)}`);
        this.nodes(n.then);
        this.elseOf(n);
        this.action("end");
        break;
      case "Range":
        this.action(`range ${printPipeline(n.pipeline)}`);
        this.nodes(n.body);
        if (n.else) {
          this.action("else");
          this.nodes(n.else);
        }
        this.action("end");
        break;
      case "Define":
        this.action(`define ${n.name.raw}`);
        this.nodes(n.body);
        this.action("end");
        break;
      case "Block":
        this.action(`block ${n.name.raw} ${printPipeline(n.pipeline)}`);
        this.nodes(n.body);
        this.action("end");
        break;
      case "TemplateCall":
        this.action(`template ${n.name.raw}` + (n.pipeline ? ` ${printPipeline(n.pipeline)}` : ""));
        break;
      case "Break":
        this.action("break");
        break;
      case "Continue":
        this.action("continue");
        break;
    }
  }

  // elseOf prints the else branch of an if or with: a chained `{{else if …}}` (the only node
  // of the else list, with `chained`) continues the chain under the same {{end}}.
  elseOf(n: A.If | A.With): void {
    // A chain is a loop, not recursion, so a long {{else if}} chain cannot overflow the stack.
    let node: A.If | A.With = n;
    while (node.else) {
      const only = node.else.length === 1 ? node.else[0] : undefined;
      if (only && only.kind === node.kind && only.chained) {
        this.action(`else ${only.kind === "If" ? "if" : "with"} ${printPipeline(only.pipeline)}`);
        this.nodes(only.then);
        node = only;
        continue;
      }
      this.action("else");
      this.nodes(node.else);
      break;
    }
  }
}
