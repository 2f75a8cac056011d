/**
 * Front matter: `---` lines at the start of a template, before its content. An MJML
 * template may give its `subject:` (with markup) there; any template may name its data
 * type with `data: path#Type` (or `data: inferred` to opt out of the project's default).
 * A text template has front matter only when it has a `data:` line: otherwise a first line
 * of `---` is its content.
 */
import type { Span } from "./source.js";

/** FrontMatter is the block's end and the value ranges of the keys it has. */
export interface FrontMatter {
  end: number;
  subject?: Span;
  data?: Span;
}

/** frontMatter finds `---\n…\n---\n` at the start of a source, and its `subject:` and `data:` values. */
export function frontMatter(text: string, format: "text" | "mjml"): FrontMatter | undefined {
  const m = /^\uFEFF?---[ \t]*\r?\n([^]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!m) return undefined;
  const bodyStart = m[0].indexOf(m[1]);
  const value = (key: string): Span | undefined => {
    const line = new RegExp(`^${key}[ \\t]*:[ \\t]*(.*?)[ \\t]*$`, "m").exec(m[1]);
    if (!line) return undefined;
    const start = bodyStart + line.index + line[0].indexOf(line[1], line[0].indexOf(":") + 1);
    return { start, end: start + line[1].length };
  };
  const data = value("data");
  if (format === "text" && !data) return undefined;
  return { end: m[0].length, subject: format === "mjml" ? value("subject") : undefined, data };
}
