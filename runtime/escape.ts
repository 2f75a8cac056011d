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

const FOLD = /\s\s|[\t\n\v\f\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]|^\s|\s$/;

/** oneLine makes a subject or preheader: runs of whitespace folded to one space, no CR or LF, trimmed. */
export function oneLine(s: string): string {
  return FOLD.test(s) ? s.replace(/\s+/g, " ").trim() : s;
}

/**
 * tidyText finishes a plain-text part: at most one blank line in a row, trimmed. (Spaces
 * around line breaks were removed from its pieces at compile time; blank lines pile up
 * only where a recipient skips blocks.)
 */
export function tidyText(s: string): string {
  if (s.includes(" \n")) s = s.replace(/ +\n/g, "\n");
  if (s.includes("\n ")) s = s.replace(/\n +/g, "\n");
  return (s.includes("\n\n\n") ? s.replace(/\n{3,}/g, "\n\n") : s).trim();
}
