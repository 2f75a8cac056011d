/**
 * Escapers, one per place a value can land in an email's HTML, chosen at compile time
 * (compiler/weave/html-context.ts decides the place): a render runs only the one it needs,
 * and bundlers keep only the ones a template uses. Go's html/template is the model; where
 * it fails email we differ: `tel:`, `sms:` links and CSS colours like `rgb()` are allowed.
 * The URL, CSS and JavaScript escapers leave HTML alone: in an attribute, escapeHtml follows.
 * Also the tidying of the plain-text part, subject and preheader.
 */

const HTML: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;", "+": "&#43;", "\0": "\uFFFD" };
const HTML_SPECIAL = /[&<>"'+\0]/;

/** escapeHtml escapes a value for element text, RCDATA (<title>) and a quoted attribute value, as Go's html/template does. */
export function escapeHtml(s: string): string {
  return HTML_SPECIAL.test(s) ? s.replace(/[&<>"'+\0]/g, (c) => HTML[c]) : s;
}

const UNQUOTED_SPECIAL = /[&<>"'+\0\t\n\v\f\r =`]/;

/** escapeHtmlUnquoted escapes a value for an unquoted attribute value: also whitespace, = and `. */
export function escapeHtmlUnquoted(s: string): string {
  if (s === "") return "ZgotmplZ"; // an empty unquoted value would swallow the next attribute
  return UNQUOTED_SPECIAL.test(s) ? s.replace(/[&<>"'+\0\t\n\v\f\r =`]/g, (c) => HTML[c] ?? `&#${c.charCodeAt(0)};`) : s;
}

const SAFE_SCHEME = /^(?:https?|mailto|tel|sms)$/i;

/** safeUrl returns a URL if its scheme is allowed (http, https, mailto, tel, sms) or it has none (relative), else "#ZgotmplZ". */
export function safeUrl(s: string): string {
  const colon = s.indexOf(":");
  if (colon < 0) return s;
  const scheme = s.slice(0, colon);
  // A ':' after a '/', '?' or '#' is not a scheme's.
  if (/[/?#]/.test(scheme)) return s;
  return SAFE_SCHEME.test(scheme.trim()) ? s : "#ZgotmplZ";
}

/** normalizeUrl percent-encodes what may not appear raw in a URL, keeping its structure and existing %XX escapes (Go's urlNormalizer). */
export function normalizeUrl(s: string): string {
  // A % stays only where it starts an escape (%XX): a URL is never encoded twice.
  return URL_CLEAN.test(s) ? s : wellFormed(s).replace(URL_UNSAFE, percentEncode);
}

// What a URL keeps as it is (Go's urlNormalizer): quotes and parentheses are encoded, so a URL cannot leave CSS url(…).
const URL_CLEAN = /^[A-Za-z0-9\-._~:/?#[\]@!$&*+,;=]*$/;
const URL_UNSAFE = /%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~:/?#[\]@!$&*+,;=%]+/g;
const COMPONENT_CLEAN = /^[A-Za-z0-9\-_.~]*$/;
// encodeURIComponent keeps ! ' ( ) * as they are, where Go encodes them.
const percentEncode = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
// A lone surrogate becomes U+FFFD, as UTF-8 encoders write it (encodeURIComponent would throw).
const wellFormed = (s: unknown) => String(s).replace(/\p{Cs}/gu, "\uFFFD");

/** escapeUrlComponent percent-encodes a value for a query string or fragment: everything but A-Z a-z 0-9 - _ . ~ (Go's urlEscaper). */
export function escapeUrlComponent(s: string): string {
  return COMPONENT_CLEAN.test(s) ? s : percentEncode(wellFormed(s));
}

/** escapeSrcset is a srcset value: each candidate's URL checked and normalized, its width or density descriptor kept. */
export function escapeSrcset(s: string): string {
  return s
    .split(",")
    .map((candidate) => {
      const [url = "", ...descriptors] = candidate.trim().split(/\s+/);
      return [escapeUrl(url), ...descriptors.filter((d) => /^\d+(?:\.\d+)?[wx]$/.test(d))].join(" ");
    })
    .join(", ");
}

/** escapeUrl is a whole URL: scheme checked, then normalized. (In an attribute, escapeHtml follows.) */
export function escapeUrl(s: string): string {
  return normalizeUrl(safeUrl(s));
}

const CSS_UNSAFE = /[<>{};\\@`\0]|\/\*|\*\/|<!--|-->|expression|javascript:|vbscript:|behavior|binding|url\s*\(|&#|\bimport\b/i;

/** escapeCss is a value in CSS: colours, lengths, font stacks pass; anything that could leave the value becomes "ZgotmplZ". */
export function escapeCss(s: string): string {
  return CSS_UNSAFE.test(s) ? "ZgotmplZ" : s;
}

/** escapeCssUrl is a value inside CSS url(…): scheme checked, and quotes, parentheses, backslashes and spaces percent-encoded. */
export function escapeCssUrl(s: string): string {
  return normalizeUrl(safeUrl(s)).replace(/['"()\\ ]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
}

const JS_SPECIAL = /[<>&'`$\u2028\u2029]/g;
const jsEscape = (c: string) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0");

/** escapeJsString is a value inside a JavaScript string literal: JSON string escapes, and < > & ' ` $ as \u escapes, so nothing can close the string or the script. */
export function escapeJsString(s: string): string {
  return JSON.stringify(s).slice(1, -1).replace(JS_SPECIAL, jsEscape);
}

/** escapeJsValue is a value where JavaScript expects an expression: a string literal, made safe like escapeJsString. */
export function escapeJsValue(s: string): string {
  return `"${escapeJsString(s)}"`;
}

/** escapeComment is a value inside an HTML comment: escaped, and its dashes too, so it cannot end the comment. */
export function escapeComment(s: string): string {
  return escapeHtml(s).replace(/-/g, "&#45;");
}

const FOLD = /\s\s|[\t\n\v\f\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;

/** oneLine makes a subject or preheader: runs of whitespace folded to one space, no CR or LF, trimmed. */
export function oneLine(s: string): string {
  const edge = s.length > 0 && (s.charCodeAt(0) <= 32 || s.charCodeAt(s.length - 1) <= 32);
  return edge || FOLD.test(s) ? s.replace(/\s+/g, " ").trim() : s;
}
