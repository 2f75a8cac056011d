/**
 * Regrouping cuts a piece of a template tree out by source offsets (an attribute value,
 * the title's content) so that it can become a Fragment, and puts a reference in its place.
 * A block may enclose the piece, but may not cross its edge.
 */
import type * as A from "../parse/ast.js";
import type { Span } from "../source.js";
import { extent, type WNode } from "./flatten.js";

/** Crossing is a block that starts inside a piece and ends outside it (or the reverse). */
export class Crossing extends Error {
  constructor(readonly node: WNode) {
    super("markup crosses the edge of the piece");
  }
}

/** slice returns the nodes of [start, end), text cut at the edges; it throws Crossing. */
export function slice(nodes: WNode[], start: number, end: number): WNode[] {
  const out: WNode[] = [];
  for (const n of nodes) {
    const e = extent(n);
    if (e.end <= start || e.start >= end) continue;
    if (n.kind === "Text") {
      const from = Math.max(start, n.span.start);
      const to = Math.min(end, n.span.end);
      out.push({ kind: "Text", value: n.value.slice(from - n.span.start, to - n.span.start), span: { start: from, end: to } });
    } else if (e.start >= start && e.end <= end) {
      out.push(n);
    } else {
      const inner = listContaining(n, start, end);
      if (!inner) throw new Crossing(n);
      return slice(inner, start, end);
    }
  }
  return out;
}

/** replace returns a copy of the tree with [start, end) replaced by `by`; it throws Crossing. */
export function replace(nodes: WNode[], start: number, end: number, by: WNode): WNode[] {
  const out: WNode[] = [];
  let placed = false;
  for (const n of nodes) {
    const e = extent(n);
    if (e.end <= start || e.start >= end) {
      if (!placed && e.start >= end) {
        out.push(by);
        placed = true;
      }
      out.push(n);
      continue;
    }
    if (n.kind === "Text") {
      if (n.span.start < start) out.push(cut(n, n.span.start, start));
      if (!placed) out.push(by);
      placed = true;
      if (n.span.end > end) out.push(cut(n, end, n.span.end));
    } else if (e.start >= start && e.end <= end) {
      if (!placed) out.push(by);
      placed = true;
    } else {
      const inner = listContaining(n, start, end);
      if (!inner) throw new Crossing(n);
      out.push(withList(n, inner, replace(inner, start, end, by)));
      placed = true;
    }
  }
  if (!placed) out.push(by);
  return out;
}

function cut(n: A.Text, from: number, to: number): A.Text {
  return { kind: "Text", value: n.value.slice(from - n.span.start, to - n.span.start), span: { start: from, end: to } };
}

// listContaining returns the child list of a block that holds all of [start, end), if one does.
function listContaining(n: WNode, start: number, end: number): WNode[] | undefined {
  const lists: WNode[][] = n.kind === "If" || n.kind === "With" ? [n.then, n.else ?? []] : n.kind === "Range" ? [n.body, n.else ?? []] : [];
  for (const list of lists) {
    if (list.length === 0) continue;
    const first = extent(list[0]).start;
    const last = extent(list[list.length - 1]).end;
    if (first <= start && end <= last) return list;
  }
  return undefined;
}

// withList copies a block with one child list replaced.
function withList(n: WNode, old: WNode[], list: WNode[]): WNode {
  const copy = { ...n } as Record<string, unknown>;
  for (const key of ["then", "else", "body"]) if (copy[key] === old) copy[key] = list;
  return copy as unknown as WNode;
}

/** spanOf returns the span covering a list of nodes. */
export function spanOf(nodes: WNode[], fallback: Span): Span {
  if (nodes.length === 0) return fallback;
  return { start: extent(nodes[0]).start, end: extent(nodes[nodes.length - 1]).end };
}
