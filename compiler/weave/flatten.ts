/**
 * flatten turns a template tree into the text MJML will read: literal text as it is,
 * each action as a sentinel. It records where every piece came from, so positions in
 * MJML's input (its errors, our sentinels) map back to the template.
 */
import type * as A from "../parse/ast.js";
import type { Span } from "../source.js";
import { SENTINEL_LENGTH, sentinel } from "./markers.js";
import type { Fragment } from "./plan.js";

/** FragmentRef stands for a fragment in a regrouped tree. */
export interface FragmentRef {
  kind: "FragmentRef";
  fragment: Fragment;
  span: Span;
}

/** TrimMark marks the start or end of an element's content that MJML trims (see weave/index.ts). */
export interface TrimMark {
  kind: "TrimMark";
  side: "start" | "end";
  /** pair is shared by the start and end marks of one element. */
  pair: number;
  span: Span;
}

/** WNode is a node of a tree being woven: a template node, a fragment, or a trim mark. */
export type WNode = A.Node | FragmentRef | TrimMark;

/** Role is what a mark stands for: a value, a fragment, a block's open/else/end, a statement, a trim mark. */
export type Role = "hole" | "fragment" | "open" | "else" | "end" | "stmt" | "trim";

/** Mark is one sentinel of a flattened tree. */
export interface Mark {
  id: number;
  role: Role;
  node: WNode;
  /** flat is the sentinel's offset in the flat text. */
  flat: number;
  /** span is the action's place in the template. */
  span: Span;
}

/** Flat is a flattened tree. */
export interface Flat {
  text: string;
  marks: Mark[];
  /** segments map literal text: flat offset → template offset, for `length` units. */
  segments: { flat: number; source: number; length: number }[];
}

/** isControl tells the marks that must come back from MJML once each, in order. */
export function isControl(role: Role): boolean {
  return role !== "hole" && role !== "fragment";
}

/** extent is the span of a node including its block's {{end}}. */
export function extent(n: WNode): Span {
  if ("endSpan" in n && n.endSpan) return { start: n.span.start, end: n.endSpan.end };
  return n.span;
}

/** flatten writes a tree as text with sentinels; `wrap` may decorate a mark's sentinel (e.g. in mj-raw). */
export function flatten(nodes: WNode[], wrap: (mark: Mark, s: string) => string = (_m, s) => s): Flat {
  const flat: Flat = { text: "", marks: [], segments: [] };
  const mark = (role: Role, node: WNode, span: Span | undefined) => {
    const m: Mark = { id: flat.marks.length, role, node, flat: 0, span: span ?? node.span };
    const s = sentinel(m.id);
    const wrapped = wrap(m, s);
    m.flat = flat.text.length + wrapped.indexOf(s);
    flat.marks.push(m);
    flat.text += wrapped;
  };
  const walk = (list: WNode[]) => {
    for (const n of list) {
      switch (n.kind) {
        case "Text":
          flat.segments.push({ flat: flat.text.length, source: n.span.start, length: n.value.length });
          flat.text += n.value;
          break;
        case "Comment":
        case "Define":
          break;
        case "FragmentRef":
          mark("fragment", n, n.span);
          break;
        case "TrimMark":
          mark("trim", n, n.span);
          break;
        case "Output":
          mark(n.pipeline.decl ? "stmt" : "hole", n, n.span);
          break;
        case "Break":
        case "Continue":
          mark("stmt", n, n.span);
          break;
        case "If":
        case "With":
        case "Range": {
          mark("open", n, n.span);
          walk(n.kind === "Range" ? n.body : n.then);
          if (n.else) {
            mark("else", n, n.elseSpan);
            walk(n.else);
          }
          mark("end", n, n.endSpan);
          break;
        }
        case "TemplateCall":
        case "Block":
          // Rejected before flattening (see weave/index.ts): they never get here.
          throw new Error(`internal error: ${n.kind} in an MJML body`);
      }
    }
  };
  walk(nodes);
  return flat;
}

/** toSource maps a flat offset to a template offset (a sentinel maps to its action's start, or end with `atEnd`). */
export function toSource(flat: Flat, offset: number, atEnd = false): number {
  for (const s of flat.segments) {
    if (offset >= s.flat && offset < s.flat + s.length) return s.source + (offset - s.flat);
    if (atEnd && offset === s.flat + s.length) return s.source + s.length;
  }
  for (const m of flat.marks) {
    if (m.flat === offset) return m.span.start;
    if (m.flat + SENTINEL_LENGTH === offset) return m.span.end;
  }
  // Between pieces (e.g. in an mj-raw we added): the nearest piece before.
  let best = 0;
  for (const s of flat.segments) if (s.flat <= offset) best = s.source + Math.min(s.length, offset - s.flat);
  for (const m of flat.marks) if (m.flat <= offset) best = Math.max(best, m.span.end);
  return best;
}
