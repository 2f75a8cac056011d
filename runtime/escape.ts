/**
 * Escapers for the places a value lands in MJML's HTML, chosen at compile time, and the
 * tidying of the plain-text part, subject and preheader.
 * TODO(escaping issue): URL, CSS and script contexts get escapers of their own.
 */

const TEXT = /[&<>]/;
const ATTRIBUTE = /[&<>"']/;
const entity: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;" };

/** escapeText escapes a value for HTML text and RCDATA (<title>): & < >. */
export function escapeText(s: string): string {
  return TEXT.test(s) ? s.replace(/[&<>]/g, (c) => entity[c]) : s;
}

/** escapeAttribute escapes a value for a quoted attribute value (and, for now, every other place): & < > " '. */
export function escapeAttribute(s: string): string {
  return ATTRIBUTE.test(s) ? s.replace(/[&<>"']/g, (c) => entity[c]) : s;
}

/** oneLine makes a subject or preheader: runs of whitespace folded to one space, no CR or LF, trimmed. */
export function oneLine(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

/** tidyText tidies a plain-text part: no trailing spaces, at most one blank line in a row, trimmed. */
export function tidyText(s: string): string {
  return s
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n[ \t]+/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
