/**
 * resolveIncludes replaces each `<mj-include path="…">` of an MJML source with the included
 * file, before the template is lexed, so that markup inside included files works like any
 * other. Paths are relative to the including file and must stay inside the templates root
 * (MJML itself no longer follows includes: a path traversal was a CVE). The result keeps a
 * map from its offsets to each file, so diagnostics point into the included file.
 */
import { readFileSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";
import type { Reporter } from "../diagnostics/diagnostic.js";
import { details } from "../diagnostics/messages.js";
import { SourceFile, type Span } from "../source.js";
import { scanMarkup } from "./scan.js";

/** Segment maps [start, end) of the combined text to `file` from `fileStart`. */
export interface Segment {
  start: number;
  end: number;
  file: SourceFile;
  fileStart: number;
}

/** Included is a source with its includes resolved. */
export interface Included {
  text: string;
  segments: Segment[];
  /** dependencies are the absolute paths of the included files (for watch). */
  dependencies: string[];
}

/** IncludeOptions: the templates root, and the absolute path of the template. */
export interface IncludeOptions {
  root: string;
  path: string;
}

const MAX_DEPTH = 20;

/** resolveIncludes returns the source with its mj-includes expanded; problems go to the reporter. */
export function resolveIncludes(file: SourceFile, options: IncludeOptions, reporter: Reporter): Included {
  const dependencies: string[] = [];
  const expand = (source: SourceFile, absolute: string, chain: string[], wrap?: [string, string], range: [number, number] = [0, source.text.length]): { text: string; segments: Segment[] } => {
    const text = source.text;
    const out = { text: "", segments: [] as Segment[] };
    const copy = (from: number, to: number) => {
      if (to <= from) return;
      out.segments.push({ start: out.text.length, end: out.text.length + to - from, file: source, fileStart: from });
      out.text += text.slice(from, to);
    };
    const add = (s: string) => (out.text += s);
    if (wrap) add(wrap[0]);
    let at = range[0];
    const includes = text.includes("mj-include") ? scanMarkup(text, true).filter((t) => t.kind === "open" && t.name === "mj-include" && t.start >= range[0] && t.end <= range[1]) : [];
    for (const tok of includes) {
      if (tok.kind !== "open") continue;
      const attr = (name: string) => tok.attrs.find((a) => a.name === name);
      const pathAttr = attr("path");
      const typeAttr = attr("type");
      const tag: Span = { start: tok.start, end: tok.end };
      copy(at, tok.start);
      at = tok.end;
      // `<mj-include …></mj-include>`: drop the closing tag too.
      const close = /^\s*<\/mj-include>/.exec(text.slice(at));
      if (close) at += close[0].length;
      if (!pathAttr) {
        reporter.error("include_error", source, tag, details.includeNoPath());
        continue;
      }
      const wanted = text.slice(pathAttr.start, pathAttr.end);
      const target = resolve(dirname(absolute), wanted.endsWith(".mjml") || /\.[a-z]+$/i.test(wanted) ? wanted : `${wanted}.mjml`);
      const inside = relative(options.root, target);
      if (inside.startsWith("..") || isAbsolute(inside) || inside.split(sep).includes("..")) {
        reporter.error("include_error", source, tag, details.includeOutside(wanted));
        continue;
      }
      if (chain.includes(target) || chain.length > MAX_DEPTH) {
        reporter.error("include_error", source, tag, details.includeCycle(wanted));
        continue;
      }
      let included: string;
      try {
        included = readFileSync(target, "utf8");
      } catch {
        reporter.error("include_error", source, tag, details.includeMissing(wanted));
        continue;
      }
      dependencies.push(target);
      const type = typeAttr ? text.slice(typeAttr.start, typeAttr.end) : "mjml";
      const child = new SourceFile(relative(process.cwd(), target), included);
      const inner =
        type === "css"
          ? expand(child, target, [...chain, target], ["<mj-style>", "</mj-style>"])
          : type === "html"
            ? expand(child, target, [...chain, target], ["<mj-raw>", "</mj-raw>"])
            : expand(child, target, [...chain, target], undefined, bodyRange(included));
      for (const s of inner.segments) out.segments.push({ ...s, start: s.start + out.text.length, end: s.end + out.text.length });
      out.text += inner.text;
    }
    copy(at, range[1]);
    if (wrap) add(wrap[1]);
    return out;
  };
  const result = expand(file, options.path, [options.path]);
  return { ...result, dependencies };
}

// bodyRange is what an included MJML file contributes: the content of its mj-body when it
// is a whole document, else all of it.
function bodyRange(text: string): [number, number] {
  const open = /<mjml[^>]*>\s*<mj-body[^>]*>/.exec(text);
  const close = /<\/mj-body>\s*<\/mjml>\s*$/.exec(text);
  return open && close ? [open.index + open[0].length, close.index] : [0, text.length];
}

/** mapSpan maps a span of the combined text to its file and the span there. */
export function mapSpan(included: Included, at: Span): { file: SourceFile; span: Span } | undefined {
  for (const s of included.segments) {
    if (at.start >= s.start && at.start < s.end) {
      const start = s.fileStart + (at.start - s.start);
      return { file: s.file, span: { start, end: Math.min(s.fileStart + (s.end - s.start), start + (at.end - at.start)) } };
    }
  }
  return undefined;
}
