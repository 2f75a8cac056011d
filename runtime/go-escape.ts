// Go text/template's builtin escapers `html`, `js` and `urlquery` (Go 1.23,
// src/text/template/funcs.go and net/url), without dependencies. Each one
// first prints its arguments as fmt.Sprint does (a single string argument is
// taken as it is), with microtarget's rule that undefined and null print as
// nothing. A lone UTF-16 surrogate reads as U+FFFD, as Go decodes it from JSON.
import { sprint } from "./printf.js";

const text = (args: readonly unknown[]): string =>
  args.length === 1 && typeof args[0] === "string" ? args[0] : sprint(args);

const HTML: Record<string, string> = {
  "\0": "\uFFFD",
  '"': "&#34;",
  "'": "&#39;",
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
};

/** htmlEscaper is Go's `html` builtin: HTMLEscapeString of its printed arguments (`<>&'"` and NUL become `&lt; &gt; &amp; &#39; &#34;` and U+FFFD). */
export function htmlEscaper(args: readonly unknown[]): string {
  return text(args).replace(/[\0"'&<>]/g, (c) => HTML[c]);
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
 * jsEscaper is Go's `js` builtin: JSEscapeString of its printed arguments.
 * Backslash and both quotes get a backslash, `< > & =` and control characters
 * become \uXXXX (uppercase hex), and so does every non-ASCII rune that is not
 * printable (U+00A0, U+2028, …). Like Go, it leaves the backtick alone.
 */
export function jsEscaper(args: readonly unknown[]): string {
  return text(args).replace(/[\0-\x1f\\'"<>&=]|[^\0-\x7f]/gu, (c) => {
    const e = JS[c];
    if (e) return e;
    const r = c.codePointAt(0)!;
    if (r >= 0xd800 && r < 0xe000) return "\uFFFD"; // a lone surrogate
    if (PRINTABLE.test(c)) return c;
    return "\\u" + r.toString(16).toUpperCase().padStart(4, "0");
  });
}

/**
 * urlQueryEscaper is Go's `urlquery` builtin: url.QueryEscape of its printed
 * arguments. `A-Za-z0-9-_.~` stay, a space becomes `+`, and every other byte
 * of the UTF-8 encoding becomes %XX with uppercase hex.
 */
export function urlQueryEscaper(args: readonly unknown[]): string {
  return encodeURIComponent(text(args).replace(/\p{Cs}/gu, "\uFFFD")).replace(/[!'()*]|%20/g, (c) =>
    c === "%20" ? "+" : "%" + c.charCodeAt(0).toString(16).toUpperCase(),
  );
}
