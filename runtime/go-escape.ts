// Go text/template's builtin escapers `html`, `js` and `urlquery` (Go 1.23,
// src/text/template/funcs.go and net/url), with no dependencies beyond this runtime. Go first prints
// the arguments as fmt.Sprint does; the generated code does that (inline for one
// value of a known type, through `sprint` otherwise), so an escaper takes the
// printed text and a template that escapes a string does not load Go's fmt.
// A lone UTF-16 surrogate reads as U+FFFD, as Go decodes it from JSON.
import { escapeUrlComponent } from "./escape.js";

const HTML: Record<string, string> = {
  "\0": "\uFFFD",
  '"': "&#34;",
  "'": "&#39;",
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
};

/** htmlEscaper is Go's `html` builtin: HTMLEscapeString of the printed arguments (`<>&'"` and NUL become `&lt; &gt; &amp; &#39; &#34;` and U+FFFD). */
export function htmlEscaper(text: string): string {
  return text.replace(/[\0"'&<>]/g, (c) => HTML[c]);
}

const JS: Record<string, string> = {
  "\\": "\\\\",
  "'": "\\'",
  '"': '\\"',
  "<": "\\u003C",
  ">": "\\u003E",
  "&": "\\u0026",
  "=": "\\u003D",
};

/** The printable runes of Go's unicode.IsPrint above U+007F: categories L, M, N, P, S. */
const PRINTABLE = /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u;

/**
 * jsEscaper is Go's `js` builtin: JSEscapeString of the printed arguments.
 * Backslash and both quotes get a backslash, `< > & =` and control characters
 * become \uXXXX (uppercase hex), and so does every non-ASCII rune that is not
 * printable (U+00A0, U+2028, …). Like Go, it leaves the backtick alone.
 */
export function jsEscaper(text: string): string {
  return text.replace(/[\0-\x1f\\'"<>&=]|[^\0-\x7f]/gu, (c) => {
    const e = JS[c];
    if (e) return e;
    const r = c.codePointAt(0)!;
    if (r >= 0xd800 && r < 0xe000) return "\uFFFD"; // a lone surrogate
    if (PRINTABLE.test(c)) return c;
    return "\\u" + r.toString(16).toUpperCase().padStart(4, "0");
  });
}

/**
 * urlQueryEscaper is Go's `urlquery` builtin: url.QueryEscape of the printed
 * arguments. `A-Za-z0-9-_.~` stay, a space becomes `+`, and every other byte
 * of the UTF-8 encoding becomes %XX with uppercase hex.
 */
export function urlQueryEscaper(text: string): string {
  return escapeUrlComponent(text).replaceAll("%20", "+");
}
