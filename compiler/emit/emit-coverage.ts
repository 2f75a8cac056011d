/**
 * Branch coverage: with the `coverage` option, a module counts how often each arm of each
 * `{{if}}`, `{{with}}` and `{{range}}` runs. An arm is one outcome of a condition, so a block
 * without `{{else}}` still has two: the implicit else is "the condition was false" (for a
 * range: "it ran zero times"). The arms are keyed by where their block opens (the weaver
 * copies the blocks around a fragment), so an arm the weaver prints in several places (the
 * mj-title as subject and `<title>`) is one entry with one counter.
 */
import { children, type TemplateUnit } from "../check/index.js";
import type * as A from "../parse/ast.js";
import type { SourceFile, Span } from "../source.js";
import { mapSpan, type Included } from "../weave/include.js";
import { typeOnly } from "./type-only.js";

/** CoverageBranch is one arm of a condition or loop: where it is, and what opens it. */
export interface CoverageBranch {
  /** id is the arm's index in `branches` and in `hits`. */
  id: number;
  /** file is the template, partial or included file, as diagnostics show it. */
  file: string;
  /** kind says which arm: an `{{else with}}`'s then-arm is a "with" (its text tells). */
  kind: "if" | "else if" | "else" | "with" | "range" | "range else";
  /** implicit is true for the else a block does not write: the condition was false, the range ran zero times. */
  implicit: boolean;
  /** line and column are those of the action opening the arm (an implicit arm's: the `{{end}}`). */
  line: number;
  column: number;
  /** endLine and endColumn are the end of the action closing the arm. */
  endLine: number;
  endColumn: number;
  /** text is the opening action's source, e.g. `{{if hasTag "x"}}` (an implicit arm's: its block's). */
  text: string;
}

/** Arms are the counter ids of a block: its then-arm (a range's body) and its else, unless an `{{else if}}` holds it. */
export interface Arms {
  then: number;
  else?: number;
}

/** CoverageTable is every arm of a module's templates, and each block's arms. */
export interface CoverageTable {
  branches: CoverageBranch[];
  /** arms are each block's arms, by its source and the offset of its opening action. */
  arms: Map<SourceFile, Map<number, Arms>>;
}

type Block = A.If | A.With | A.Range;

/**
 * coverageTable lists the arms of the given templates: by template, then in source order.
 * `included` maps an MJML source's offsets back to the files it includes.
 */
export function coverageTable(units: TemplateUnit[], included?: Included): CoverageTable {
  const branches: CoverageBranch[] = [];
  const arms: CoverageTable["arms"] = new Map();
  for (const unit of units) {
    const inSource = arms.get(unit.source) ?? new Map<number, Arms>();
    arms.set(unit.source, inSource);
    const found: { block: Block; arm: "then" | "else"; at: number; branch: Omit<CoverageBranch, "id"> }[] = [];
    const add = (block: Block, arm: "then" | "else", kind: CoverageBranch["kind"], open: Span, close: Span, implicit = false) => {
      const { file, ...at } = place(unit.source, open, close, included);
      const opening = implicit ? block.span : open;
      const text = unit.source.text.slice(opening.start, opening.end);
      found.push({ block, arm, at: open.start, branch: { file, kind, implicit, ...at, text } });
    };
    const walk = (nodes: A.Node[]) => {
      for (const n of nodes) {
        if (n.kind === "If" || n.kind === "With" || n.kind === "Range") {
          const end = n.endSpan ?? n.span;
          const then = n.kind === "Range" ? "range" : n.kind === "If" && n.chained ? "else if" : n.kind === "If" ? "if" : "with";
          add(n, "then", then, n.span, n.elseSpan ?? end);
          const otherwise = n.kind === "Range" ? "range else" : "else";
          const chainedElse = n.kind !== "Range" && n.else?.length === 1 && (n.else[0].kind === "If" || n.else[0].kind === "With") && n.else[0].chained;
          if (n.elseSpan) {
            if (!chainedElse) add(n, "else", otherwise, n.elseSpan, end);
          } else add(n, "else", otherwise, end, end, true);
        }
        // Defines and blocks are templates of their own: listed when the module emits them.
        if (n.kind !== "Define" && n.kind !== "Block") for (const list of children(n)) walk(list);
      }
    };
    walk(unit.body);
    found.sort((a, b) => a.at - b.at);
    for (const f of found) {
      const id = branches.length;
      branches.push({ id, ...f.branch });
      const a = inSource.get(f.block.span.start) ?? { then: id };
      a[f.arm] = id;
      inSource.set(f.block.span.start, a);
    }
  }
  return { branches, arms };
}

// place is an arm's file and positions: in an MJML source with mj-includes, in the file it comes from.
function place(source: SourceFile, open: Span, close: Span, included?: Included): Pick<CoverageBranch, "file" | "line" | "column" | "endLine" | "endColumn"> {
  const start = (included && mapSpan(included, open)) || { file: source, span: open };
  const endAt = { start: close.end - 1, end: close.end };
  const end = (included && mapSpan(included, endAt)) || { file: source, span: endAt };
  // An arm that ends in another file than it starts in ends, for its entry, with its opening action.
  const last = end.file === start.file ? end.span.end : start.span.end;
  const s = start.file.locate(start.span.start);
  const e = start.file.locate(last);
  return { file: start.file.path, line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
}

const coverageDoc = "/** coverage lists the template's branch arms; hits[id] counts the runs of branches[id]. */";
const coverageType =
  '{ branches: readonly { id: number; file: string; kind: "if" | "else if" | "else" | "with" | "range" | "range else"; implicit: boolean; line: number; column: number; endLine: number; endColumn: number; text: string }[]; hits: Uint32Array }';

/** coverageExports are a module's lines declaring its counters and exporting its `coverage`, and their declaration. */
export function coverageExports(branches: CoverageBranch[]): { ts: string[]; dts: string } {
  const list = branches.map((b) => `\n    ${JSON.stringify(b)},`).join("");
  return {
    ts: [`const _cov = new Uint32Array(${branches.length});`, "", coverageDoc, `export const coverage${typeOnly(`: ${coverageType}`)} = {`, `  branches: [${list}${list ? "\n  " : ""}],`, `  hits: _cov,`, `};`],
    dts: `${coverageDoc}\nexport declare const coverage: ${coverageType};`,
  };
}
