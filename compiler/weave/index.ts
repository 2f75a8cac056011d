/**
 * weave compiles an MJML template once. MJML drops text between layout elements and
 * computes layout from what it sees, so the template's markup cannot simply be left in:
 * each action becomes a sentinel that MJML copies like text (wrapped in mj-raw where it
 * stands between elements), MJML runs once, and the HTML is cut back at the sentinels.
 * Every block sentinel must come back exactly once and in order; every value at least once
 * in its region (MJML copies some on purpose: the title into aria-label, a background URL
 * into VML). Attribute values and the title with markup become Fragments: rendered once,
 * printed wherever MJML put them. Anything else MJML lost or moved is a compile error at
 * the action.
 *
 * Steps: front matter → flatten → find where each sentinel stands in the MJML →
 * regroup fragments → flatten again for MJML → MJML → cut the HTML (and its text) into
 * regions → rebuild the tree as a RenderPlan.
 */
import type { Reporter } from "../diagnostics/diagnostic.js";
import { details } from "../diagnostics/messages.js";
import type * as A from "../parse/ast.js";
import type { SourceFile, Span } from "../source.js";
import { frontMatter } from "../front-matter.js";
import { flatten, isControl, toSource, type Flat, type FragmentRef, type Mark, type WNode } from "./flatten.js";
import { htmlContexts } from "./html-context.js";
import { analyzeHead } from "./head.js";
import { hasSentinelCharacters, SENTINEL_LENGTH, splitSentinels } from "./markers.js";
import { runMjml } from "./mjml.js";
import type { Fragment, Hole, HoleContext, PlanItem, PlanNode, Region, RenderPlan } from "./plan.js";
import { Crossing, replace, slice, spanOf } from "./regroup.js";
import { scanMarkup, type MarkupToken } from "./scan.js";
import { htmlToText } from "./text.js";

export type { RenderPlan } from "./plan.js";

// Elements whose content MJML copies as HTML: markup inside them stays inline.
const CONTENT = new Set(["mj-text", "mj-button", "mj-raw", "mj-table", "mj-navbar-link", "mj-social-element", "mj-accordion-title", "mj-accordion-text", "mj-style", "mj-title", "mj-preview"]);
// Elements whose content becomes one Fragment (MJML copies it).
const FRAGMENT_CONTENT = new Set(["mj-title", "mj-preview"]);
const COLUMNS = new Set(["mj-column", "mj-group"]);
// The text part has no HTML: its holes are printed as they are.
const PLAIN: HoleContext = { kind: "text", attribute: false };
// Elements whose children MJML merges or renders by kind: a block around children does not work.
const NO_RAW = new Set(["mj-head", "mj-attributes", "mj-carousel"]);

/** WeaveOptions says how MJML's own validation messages are reported. */
export interface WeaveOptions {
  strict: boolean;
}

/** weave turns an MJML template's tree into a RenderPlan; problems go to the reporter. */
export async function weave(body: A.Node[], source: SourceFile, reporter: Reporter, options: WeaveOptions): Promise<RenderPlan | undefined> {
  if (hasSentinelCharacters(source.text)) {
    reporter.error("syntax_error", source, { start: 0, end: 0 }, details.sentinelCharacters());
    return undefined;
  }
  for (const n of walkAll(body)) {
    if (n.kind === "TemplateCall" || n.kind === "Block") {
      reporter.error("unsupported", source, n.span, details.templateInMjml(n.kind === "Block" ? "block" : "template")).notes.push({ message: details.templateInMjmlHelp() });
      return undefined;
    }
  }
  let nextFragment = 0;
  const fragment = (nodes: WNode[], at: Span, where: string, trim = false): Fragment => ({ kind: "Fragment", id: nextFragment++, nodes: nodes as A.Node[], span: at, where, trim });

  // Front matter: `---` lines before <mjml>, maybe with `subject: …`.
  const front = frontMatter(source.text, "mjml");
  let nodes: WNode[] = body;
  let subject: Fragment | undefined;
  try {
    if (front) {
      if (front.subject) subject = fragment(slice(nodes, front.subject.start, front.subject.end), front.subject, "the subject");
      nodes = slice(nodes, front.end, source.text.length);
    }
  } catch (e) {
    if (!(e instanceof Crossing)) throw e;
    reporter.error("syntax_error", source, e.node.span, details.crossesFrontMatter());
    return undefined;
  }

  // Where does each sentinel stand in the MJML?
  const first = flatten(nodes);
  const tokens = scanMarkup(first.text, true);
  const places = locate(first, tokens);
  const pieces: { start: number; end: number; where: string; element?: string }[] = [];
  let preheader: Fragment | undefined;
  for (const p of places.elements) {
    if (p.name === "mj-title" || p.name === "mj-preview") {
      const range = { start: toSource(first, p.contentStart), end: toSource(first, p.contentEnd, true) };
      pieces.push({ ...range, where: `the ${p.name}`, element: p.name });
    }
  }
  for (const a of places.attributes) pieces.push({ start: toSource(first, a.start), end: toSource(first, a.end, true), where: `the ${a.name} attribute of ${a.tag}` });
  for (const m of places.inTag) reporter.error("markup_in_tag", source, m.span);
  if (places.inTag.length) return undefined;

  // Regroup: each piece becomes a Fragment.
  const fragments = new Map<number, Fragment>();
  pieces.sort((a, b) => b.start - a.start); // from the end, so earlier offsets stay valid
  for (const piece of pieces) {
    try {
      const f = fragment(slice(nodes, piece.start, piece.end), piece, piece.where, piece.element !== undefined);
      f.span = spanOf(f.nodes, piece);
      fragments.set(f.id, f);
      const ref: FragmentRef = { kind: "FragmentRef", fragment: f, span: piece };
      nodes = replace(nodes, piece.start, piece.end, ref);
      if (piece.element === "mj-preview") preheader = f;
      if (piece.element === "mj-title" && !subject) subject = f;
    } catch (e) {
      if (!(e instanceof Crossing)) throw e;
      reporter.error("markup_crosses_element", source, e.node.span, piece.where);
    }
  }
  // MJML trims the content of mj-text, mj-button…: where it starts or ends with a value, only
  // the render knows what to trim, so marks go there (from the end, so offsets stay valid).
  let pair = 0;
  const trims: { at: number; side: "start" | "end"; pair: number }[] = [];
  for (const c of places.contents) {
    const inner = first.text.slice(c.start, c.end);
    const lead = inner.length - inner.trimStart().length;
    const trail = inner.length - inner.trimEnd().length;
    const startsWithMarkup = inner.charCodeAt(lead) === 0xfdd0;
    const endsWithMarkup = inner.charCodeAt(inner.length - trail - 1) === 0xfdd1;
    if (!startsWithMarkup && !endsWithMarkup) continue;
    trims.push({ at: toSource(first, c.start + lead), side: "start", pair }, { at: toSource(first, c.end - trail, true), side: "end", pair });
    pair++;
  }
  for (const t of trims.sort((a, b) => b.at - a.at || (a.side === "end" ? -1 : 1))) {
    try {
      nodes = replace(nodes, t.at, t.at, { kind: "TrimMark", side: t.side, pair: t.pair, span: { start: t.at, end: t.at } });
    } catch (e) {
      if (!(e instanceof Crossing)) throw e;
    }
  }

  // safeHTML inserts HTML as it is: never inside an attribute value or the title.
  for (const f of fragments.values()) {
    for (const n of walkAll(f.nodes)) if (n.kind === "Output" && isSafeHtml(n)) reporter.error("unsafe_html_context", source, n.span);
  }
  if (reporter.hasErrors()) return undefined;
  const structuralErrors = reporter.problems.length;

  // Flatten again for MJML: sentinels between elements go in mj-raw.
  const structural = new Set(places.structural.map((m) => key(m)));
  for (const m of places.structural) {
    if (isControl(m.role) && m.role !== "stmt" && m.parent && NO_RAW.has(m.parent)) {
      reporter.error("block_in_merged_element", source, m.span, m.parent);
    }
    if (m.role === "open" && COLUMNS.has(m.nextElement ?? "")) reporter.warning("column_variant_width", source, m.span, m.nextElement!);
  }
  if (reporter.problems.slice(structuralErrors).some((p) => p.severity === "error")) return undefined;
  const final = flatten(nodes, (m, s) => (structural.has(key(m)) ? `<mj-raw>${s}</mj-raw>` : s));
  let mjml: Awaited<ReturnType<typeof runMjml>>;
  try {
    mjml = await runMjml(final.text);
  } catch (e) {
    reporter.error("mjml_error", source, { start: 0, end: 0 }, details.mjmlFailed(e instanceof Error ? e.message : String(e)));
    return undefined;
  }
  reportMjmlMessages(mjml.messages, final, source, reporter, options);

  // Cut the HTML (and its text) back at the sentinels.
  const controls = final.marks.filter((m) => isControl(m.role));
  const regionOf = regionIndex(final.marks);
  const holes = new Map<number, Hole>();
  for (const m of final.marks) {
    if (m.role === "hole") holes.set(m.id, { kind: "Value", output: m.node as A.Output });
    if (m.role === "fragment") holes.set(m.id, (m.node as FragmentRef).fragment);
  }
  const htmlTokens = scanMarkup(mjml.html, false);
  const contexts = htmlContexts(mjml.html, htmlTokens);
  for (const c of contexts) {
    const mark = final.marks[c.id];
    if (!mark) continue;
    if (c.context === "in-name") reporter.error("hole_in_tag", source, mark.span);
    else if (c.context === "in-js-comment-or-regex") reporter.error("unsafe_js_context", source, mark.span);
    else if (c.context.kind !== "text" && mark.role === "hole" && isSafeHtml(mark.node as A.Output)) reporter.error("unsafe_html_context", source, mark.span);
  }
  if (reporter.hasErrors()) return undefined;
  const htmlRegions = cut(splitSentinels(mjml.html), controls, regionOf, holes, (i) => contexts[i].context as HoleContext, final, source, reporter, "html");
  const controlIds = new Set(controls.map((m) => m.id));
  const textRegions = cut(splitSentinels(htmlToText(mjml.html, (id) => controlIds.has(id), htmlTokens)), controls, regionOf, holes, () => PLAIN, final, source, reporter, "text");
  if (!htmlRegions || !textRegions || reporter.hasErrors()) return undefined;

  // The head follows the recipient when MJML's head has its usual shape.
  const head = analyzeHead(mjml.html, final.text);
  const at = head ? htmlRegions[0].findIndex((item) => typeof item === "string" && item.includes(head.all)) : -1;
  if (head && at >= 0) {
    const s = htmlRegions[0][at] as string;
    const i = s.indexOf(head.all);
    htmlRegions[0].splice(at, 1, s.slice(0, i), { head: head.table }, s.slice(i + head.all.length));
  }
  const dynamic = head && at >= 0 ? head : undefined;
  const mjmlOf = regionSources(final);
  const regions: Region[] = htmlRegions.map((html, i) => ({
    kind: "Region",
    html,
    text: textRegions[i].map((item) => (typeof item === "string" ? item.replace(/[ \t]+\n/g, "\n").replace(/\n[ \t]+/g, "\n").replace(/\n{3,}/g, "\n\n") : item)),
    features: dynamic ? dynamic.mask(html.filter((x): x is string => typeof x === "string").join(""), mjmlOf[i]) : 0,
  }));
  return { body: rebuild(nodes, regions), subject, preheader, head: dynamic?.table };
}

// regionSources cuts the flat MJML at its block marks: region k's MJML.
function regionSources(flat: Flat): string[] {
  const out: string[] = [];
  let from = 0;
  for (const m of flat.marks) {
    if (!isControl(m.role)) continue;
    out.push(flat.text.slice(from, m.flat));
    from = m.flat + SENTINEL_LENGTH;
  }
  out.push(flat.text.slice(from));
  return out;
}

// isSafeHtml tells a value printed through safeHTML: `{{safeHTML .card}}` or `{{.card | safeHTML}}`.
function isSafeHtml(output: A.Output): boolean {
  const last = output.pipeline.commands[output.pipeline.commands.length - 1];
  const head = last.args[0];
  return head.kind === "Identifier" && head.name === "safeHTML";
}

function key(m: { role: string; span: Span }): string {
  return `${m.role}@${m.span.start}`;
}

function* walkAll(nodes: WNode[]): Generator<WNode> {
  for (const n of nodes) {
    yield n;
    if (n.kind === "If" || n.kind === "With") {
      yield* walkAll(n.then);
      if (n.else) yield* walkAll(n.else);
    } else if (n.kind === "Range") {
      yield* walkAll(n.body);
      if (n.else) yield* walkAll(n.else);
    }
  }
}

interface Places {
  attributes: { start: number; end: number; name: string; tag: string }[];
  /** contents are the content ranges of the elements whose content MJML trims. */
  contents: { start: number; end: number }[];
  elements: { name: string; contentStart: number; contentEnd: number }[];
  structural: (Mark & { nextElement?: string; parent?: string })[];
  inTag: Mark[];
}

// locate finds, in the flat MJML, the attribute values and fragment elements that hold
// sentinels, and which sentinels stand between elements (structural).
function locate(flat: Flat, tokens: MarkupToken[]): Places {
  const places: Places = { attributes: [], contents: [], elements: [], structural: [], inTag: [] };
  const marks = [...flat.marks];
  const stack: { name: string; contentStart: number }[] = [];
  let m = 0;
  const inContent = () => stack.some((e) => CONTENT.has(e.name));
  const nextElement = (from: number) => {
    for (let i = from; i < tokens.length; i++) {
      const t = tokens[i];
      if (t.kind === "open") return t.name;
      if (t.kind === "close") return undefined;
    }
    return undefined;
  };
  for (let t = 0; t < tokens.length; t++) {
    const tok = tokens[t];
    // Marks before this token stand in text between tokens (or in a text token below).
    while (m < marks.length && marks[m].flat < tok.start) {
      if (!inContent()) places.structural.push({ ...marks[m], nextElement: nextElement(t), parent: stack[stack.length - 1]?.name });
      m++;
    }
    if (tok.kind === "open") {
      const inside: Mark[] = [];
      while (m < marks.length && marks[m].flat < tok.end) inside.push(marks[m++]);
      for (const a of tok.attrs) {
        if (inside.some((x) => x.flat >= a.start && x.flat < a.end)) places.attributes.push({ start: a.start, end: a.end, name: a.name, tag: tok.name });
      }
      for (const x of inside) if (!tok.attrs.some((a) => x.flat >= a.start && x.flat < a.end)) places.inTag.push(x);
      if (!tok.selfClosing) stack.push({ name: tok.name, contentStart: tok.end });
      if (FRAGMENT_CONTENT.has(tok.name) && tok.selfClosing) places.elements.push({ name: tok.name, contentStart: tok.end, contentEnd: tok.end });
    } else if (tok.kind === "close") {
      const i = stack.map((e) => e.name).lastIndexOf(tok.name);
      if (i >= 0) {
        const e = stack[i];
        const outermost = !stack.slice(0, i).some((x) => CONTENT.has(x.name));
        if (FRAGMENT_CONTENT.has(e.name) && outermost) places.elements.push({ name: e.name, contentStart: e.contentStart, contentEnd: tok.start });
        else if (CONTENT.has(e.name) && e.name !== "mj-style" && outermost) places.contents.push({ start: e.contentStart, end: tok.start });
        stack.length = i;
      }
    } else {
      while (m < marks.length && marks[m].flat < tok.end) {
        if (!inContent() && tok.kind === "text") places.structural.push({ ...marks[m], nextElement: nextElement(t + 1), parent: stack[stack.length - 1]?.name });
        m++;
      }
    }
  }
  for (; m < marks.length; m++) places.structural.push(marks[m]);
  return places;
}

// regionIndex gives each mark the region it stands in: region k lies between control marks k-1 and k.
function regionIndex(marks: Mark[]): Map<number, number> {
  const region = new Map<number, number>();
  let k = 0;
  for (const m of marks) {
    if (isControl(m.role)) k++;
    else region.set(m.id, k);
  }
  return region;
}

// cut splits MJML's output at the sentinels into regions of strings and holes, checking
// that block sentinels come back once each and in order, and values in their own region.
function cut(
  parts: (string | number)[],
  controls: Mark[],
  regionOf: Map<number, number>,
  holes: Map<number, Hole>,
  contextAt: (i: number) => HoleContext,
  flat: Flat,
  source: SourceFile,
  reporter: Reporter,
  part: "html" | "text",
): PlanItem[][] | undefined {
  const regions: PlanItem[][] = [[]];
  const controlIds = new Map(controls.map((m, i) => [m.id, i]));
  const seen = new Set<number>();
  let next = 0; // the index of the control mark expected next
  let sentinelIndex = 0;
  const marks = new Map(flat.marks.map((m) => [m.id, m]));
  for (const p of parts) {
    if (typeof p === "string") {
      const region = regions[regions.length - 1];
      if (typeof region[region.length - 1] === "string") region[region.length - 1] += p;
      else region.push(p);
      continue;
    }
    const i = sentinelIndex++;
    const mark = marks.get(p);
    if (!mark) continue;
    if (controlIds.has(p)) {
      if (controlIds.get(p) !== next) {
        reporter.error("mjml_dropped_markup", source, (controls[next] ?? mark).span, part === "html" ? details.mjmlMovedMarkup() : details.textLostMarkup());
        return undefined;
      }
      next++;
      regions.push([]);
      continue;
    }
    const home = regionOf.get(p)!;
    // The text part writes a link's URL after its label: past the label's blocks, but still
    // in the link's own scope (only whole blocks lie between), so the value is the same there.
    const sameScope = part === "text" && home < regions.length - 1 && wholeBlocks(controls.slice(home, regions.length - 1));
    if (home !== regions.length - 1 && !sameScope) {
      reporter.error("mjml_dropped_markup", source, mark.span, details.mjmlMovedMarkup());
      return undefined;
    }
    seen.add(p);
    regions[regions.length - 1].push({ hole: holes.get(p)!, context: contextAt(i) });
  }
  if (next !== controls.length) {
    reporter.error("mjml_dropped_markup", source, controls[next].span, part === "html" ? details.mjmlDroppedMarkup() : details.textLostMarkup());
    return undefined;
  }
  if (part === "html") {
    for (const [id] of holes) {
      const hole = holes.get(id)!;
      if (!seen.has(id)) reporter.error("mjml_dropped_markup", source, marks.get(id)!.span, details.mjmlDroppedMarkup(hole.kind === "Fragment" ? hole.where : undefined));
    }
  }
  return regions;
}

// wholeBlocks tells whether a run of block marks opens and closes whole blocks only.
function wholeBlocks(marks: Mark[]): boolean {
  let depth = 0;
  for (const m of marks) {
    if (m.role === "open") depth++;
    else if (m.role === "end") depth--;
    else if (m.role === "else" && depth === 0) return false;
    if (depth < 0) return false;
  }
  return depth === 0;
}

// rebuild walks the regrouped tree again, handing out regions between its block marks.
function rebuild(nodes: WNode[], regions: Region[]): PlanNode[] {
  let cur = 0;
  const flush = (list: PlanNode[]) => {
    const r = regions[cur];
    if (r && (r.html.length || r.text.length || r.features)) list.push(r);
  };
  const build = (list: WNode[]): PlanNode[] => {
    const out: PlanNode[] = [];
    for (const n of list) {
      switch (n.kind) {
        case "Output":
        case "Break":
        case "Continue":
          if (n.kind === "Output" && !n.pipeline.decl) break; // a value: part of its region
          flush(out);
          cur++;
          out.push({ kind: "Statement", node: n });
          break;
        case "TrimMark":
          flush(out);
          cur++;
          out.push({ kind: "Trim", side: n.side, pair: n.pair });
          break;
        case "If":
        case "With":
        case "Range": {
          flush(out);
          cur++;
          const first = build(n.kind === "Range" ? n.body : n.then);
          flush(first);
          let second: PlanNode[] | undefined;
          if (n.else) {
            cur++;
            second = build(n.else);
            flush(second);
          }
          cur++;
          if (n.kind === "Range") out.push({ kind: "Range", node: n, body: first, else: second });
          else if (n.kind === "If") out.push({ kind: "If", node: n, then: first, else: second });
          else out.push({ kind: "With", node: n, then: first, else: second });
          break;
        }
      }
    }
    return out;
  };
  const body = build(nodes);
  flush(body);
  return body;
}

// reportMjmlMessages reports MJML's validation at the template's lines, except messages
// about values that are markup (MJML sees a sentinel, not the value).
function reportMjmlMessages(messages: { line: number; message: string; tagName: string }[], flat: Flat, source: SourceFile, reporter: Reporter, options: WeaveOptions): void {
  const lineStarts = [0];
  for (let i = 0; i < flat.text.length; i++) if (flat.text[i] === "\n") lineStarts.push(i + 1);
  for (const msg of messages) {
    if (hasSentinelCharacters(msg.message)) continue;
    const offset = toSource(flat, lineStarts[msg.line - 1] ?? 0);
    const lineEnd = source.text.indexOf("\n", offset);
    const at = { start: offset + (source.text.slice(offset, lineEnd < 0 ? undefined : lineEnd).length - source.text.slice(offset, lineEnd < 0 ? undefined : lineEnd).trimStart().length), end: lineEnd < 0 ? source.text.length : lineEnd };
    const text = `${msg.tagName}: ${msg.message.replace(/\s+$/, "")}`;
    if (options.strict) reporter.error("mjml_error", source, at, text);
    else reporter.warning("mjml_error", source, at, text);
  }
}
