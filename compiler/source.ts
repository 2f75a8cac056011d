/**
 * Source files and positions. Every position in the compiler is a UTF-16 offset into a
 * SourceFile's text; line and column are computed here and nowhere else.
 */

/** Span is a half-open range [start, end) of UTF-16 offsets into one source file. */
export interface Span {
  start: number;
  end: number;
}

/** Position is a 1-based line and column (the column counted in UTF-16 units). */
export interface Position {
  line: number;
  column: number;
}

/** SourceFile is a template's path and text, with a line index built on first use. */
export class SourceFile {
  private lineStarts: number[] | undefined;

  constructor(
    readonly path: string,
    readonly text: string,
  ) {}

  /** locate returns the 1-based line and column of an offset (CRLF counts as one line break). */
  locate(offset: number): Position {
    const starts = this.starts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  }

  /** offset returns the offset of a 1-based line and column (clamped to the text). */
  offset(line: number, column: number): number {
    const starts = this.starts();
    const start = starts[Math.min(Math.max(line, 1), starts.length) - 1];
    return Math.min(start + Math.max(column, 1) - 1, this.text.length);
  }

  /** lineText returns the text of a 1-based line without its line break. */
  lineText(line: number): string {
    const starts = this.starts();
    const start = starts[line - 1] ?? this.text.length;
    let end = line < starts.length ? starts[line] : this.text.length;
    while (end > start && (this.text[end - 1] === "\n" || this.text[end - 1] === "\r")) end--;
    return this.text.slice(start, end);
  }

  /** lineCount returns the number of lines (a trailing line break starts an empty last line). */
  lineCount(): number {
    return this.starts().length;
  }

  private starts(): number[] {
    if (this.lineStarts) return this.lineStarts;
    const starts = [0];
    const text = this.text;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 /* \n */) starts.push(i + 1);
      else if (c === 13 /* \r */ && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
    }
    return (this.lineStarts = starts);
  }
}

/** span builds a Span. */
export function span(start: number, end: number): Span {
  return { start, end };
}

/** cover returns the smallest span containing both spans. */
export function cover(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}
