import type { SourceFile, Span } from "../source.js";
import { toDiagnostic, type Problem } from "./diagnostic.js";

/**
 * formatProblem renders a problem for a terminal, in the shape of rustc's diagnostics:
 * a header, the place as path:line:col, a code frame with the span underlined, and notes.
 */
export function formatProblem(p: Problem, options: { color?: boolean } = {}): string {
  const paint = options.color ? ansi : plain;
  const d = toDiagnostic(p);
  const head = paint(p.severity === "error" ? "red" : "yellow", `${p.severity}[${p.code}]`);
  const lines = [`${head}: ${paint("bold", p.message)}`];
  const gutter = String(Math.max(d.endLine, d.line) + 1).length;
  const pad = " ".repeat(gutter);
  lines.push(`${pad}${paint("blue", "-->")} ${d.file}:${d.line}:${d.column}`);
  lines.push(...frame(p.source, p.span, gutter, "^", paint));
  for (const note of p.notes) {
    if (note.span) {
      const src = note.source ?? p.source;
      const at = src.locate(note.span.start);
      lines.push(`${pad}${paint("blue", ":::")} ${src.path}:${at.line}:${at.column}`);
      lines.push(...frame(src, note.span, gutter, "-", paint, note.message));
    } else {
      lines.push(`${pad} ${paint("blue", "=")} note: ${note.message}`);
    }
  }
  return lines.join("\n");
}

type Paint = (style: keyof typeof codes, text: string) => string;
const codes = { red: 31, yellow: 33, blue: 34, bold: 1 } as const;
const ansi: Paint = (style, text) => `\u001b[${codes[style]}m${text}\u001b[0m`;
const plain: Paint = (_style, text) => text;

const TAB = "    ";

// frame prints the lines of a span with one line of context before and after.
function frame(src: SourceFile, at: Span, gutter: number, mark: string, paint: Paint, label?: string): string[] {
  const start = src.locate(at.start);
  const end = src.locate(Math.max(at.start, at.end - 1));
  const first = Math.max(1, start.line - 1);
  const last = Math.min(src.lineCount(), Math.min(end.line, start.line + 4) + 1);
  const bar = paint("blue", `${" ".repeat(gutter)} |`);
  const out = [bar];
  for (let line = first; line <= last; line++) {
    const text = src.lineText(line);
    out.push(`${paint("blue", `${String(line).padStart(gutter)} |`)} ${text.replaceAll("\t", TAB)}`.trimEnd());
    if (line < start.line || line > end.line) continue;
    const from = line === start.line ? start.column - 1 : text.length - text.trimStart().length;
    const to = line === end.line ? Math.max(end.column, from + 1) : text.length;
    const before = text.slice(0, from).replaceAll("\t", TAB).length;
    const width = Math.max(1, text.slice(from, to).replaceAll("\t", TAB).length);
    const suffix = label && line === end.line ? ` ${label}` : "";
    out.push(`${bar} ${" ".repeat(before)}${paint(mark === "^" ? "red" : "blue", mark.repeat(width) + suffix)}`);
  }
  out.push(bar);
  return out;
}
