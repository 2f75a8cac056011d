import type { SourceFile, Span } from "../source.js";
import { messages, type Code } from "./messages.js";

/** Severity of a diagnostic: errors stop a build, warnings do not. */
export type Severity = "error" | "warning";

/** Note is a secondary place ("block opened here") or a hint without a place. */
export interface Note {
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

/** Diagnostic is the public, positioned form of a problem: what the API and `--format json` give. */
export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  notes: Note[];
}

/** Problem is a diagnostic before positions are resolved: a span into a source file. */
export interface Problem {
  code: Code;
  severity: Severity;
  message: string;
  source: SourceFile;
  span: Span;
  notes: { message: string; source?: SourceFile; span?: Span }[];
}

/** Reporter collects the problems of one compilation; stages report and keep going. */
export class Reporter {
  readonly problems: Problem[] = [];

  /** error records an error with the message of `code` and returns the problem (to attach notes). */
  error<C extends Code>(code: C, source: SourceFile, at: Span, ...args: Parameters<(typeof messages)[C]>): Problem {
    return this.add("error", code, source, at, args);
  }

  /** warning records a warning with the message of `code`. */
  warning<C extends Code>(code: C, source: SourceFile, at: Span, ...args: Parameters<(typeof messages)[C]>): Problem {
    return this.add("warning", code, source, at, args);
  }

  /** hasErrors reports whether any error was recorded. */
  hasErrors(): boolean {
    return this.problems.some((p) => p.severity === "error");
  }

  private add(severity: Severity, code: Code, source: SourceFile, at: Span, args: unknown[]): Problem {
    const message = (messages[code] as (...a: unknown[]) => string)(...args);
    const problem: Problem = { code, severity, message, source, span: at, notes: [] };
    this.problems.push(problem);
    return problem;
  }
}

/** toDiagnostic resolves a problem's spans to lines and columns. */
export function toDiagnostic(p: Problem): Diagnostic {
  const start = p.source.locate(p.span.start);
  const end = p.source.locate(Math.max(p.span.start, p.span.end));
  return {
    code: p.code,
    severity: p.severity,
    message: p.message,
    file: p.source.path,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    notes: p.notes.map((n) => {
      if (!n.span) return { message: n.message };
      const src = n.source ?? p.source;
      const at = src.locate(n.span.start);
      return { message: n.message, file: src.path, line: at.line, column: at.column };
    }),
  };
}

/** sortProblems orders problems by file and position, errors before warnings at one place. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      (a.source.path < b.source.path ? -1 : a.source.path > b.source.path ? 1 : 0) ||
      a.span.start - b.span.start ||
      (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1),
  );
}
