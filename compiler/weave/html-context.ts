/**
 * htmlContexts tells, for each sentinel in MJML's HTML, the exact place it landed, by
 * walking the HTML with htmlparser2's tokenizer: element text or RCDATA; an attribute
 * value, quoted or not; a URL attribute (at its start, in its path, or in its query or
 * fragment); CSS in a style attribute or <style> (a value, or inside url(…)); JavaScript in
 * an event handler or <script> (inside a string or not); an HTML comment. Outlook's
 * conditional comments (`<!--[if mso]>…<![endif]-->`) hold HTML: their content is read
 * as HTML too. A sentinel in a tag or attribute name has no safe escaping: it is reported.
 * The emitter turns each context into its escapers (see escapersFor) at compile time.
 */
import { decodeHTML } from "entities";
import { findSentinels } from "./markers.js";
import type { HoleContext } from "./plan.js";
import { scanMarkup, type MarkupToken } from "./scan.js";

/** SentinelContext is one sentinel of the HTML with its context, or why no escaping is safe there. */
export interface SentinelContext {
  id: number;
  offset: number;
  context: HoleContext | Unsafe;
}

/** Unsafe is a place no escaper makes safe: a tag or attribute name, a JavaScript comment, regular expression or template literal. */
export type Unsafe = "in-name" | "in-js-comment-or-regex";

const URL_ATTRIBUTES = new Set(["href", "src", "background", "action", "poster", "cite", "formaction", "xlink:href", "longdesc", "usemap", "codebase", "data", "manifest", "icon", "lowsrc", "dynsrc", "profile"]);

/** htmlContexts lists the sentinels of an HTML document in order, each with its context; `tokens` are the document's, when already scanned. */
export function htmlContexts(html: string, tokens?: MarkupToken[]): SentinelContext[] {
  const out: SentinelContext[] = [];
  walk(html, 0, out, tokens);
  return out.sort((a, b) => a.offset - b.offset);
}

// walk reads one HTML text (a document, or a conditional comment's content at `base`).
function walk(html: string, base: number, out: SentinelContext[], scanned?: MarkupToken[]): void {
  const sentinels = findSentinels(html);
  if (sentinels.length === 0) return;
  const tokens = scanned ?? scanMarkup(html, false);
  let special: { name: string; start: number } | undefined;
  let s = 0;
  for (const tok of tokens) {
    if (tok.kind === "open" && ["title", "textarea", "style", "script"].includes(tok.name)) special = { name: tok.name, start: tok.end };
    if (tok.kind === "close" && tok.name === special?.name) special = undefined;
    while (s < sentinels.length && sentinels[s].offset < tok.start) s++; // between tokens: not reached by the tokenizer
    const inside: typeof sentinels = [];
    while (s < sentinels.length && sentinels[s].offset < tok.end) inside.push(sentinels[s++]);
    if (inside.length === 0) continue;
    if (tok.kind === "comment") {
      const content = html.slice(tok.start, tok.end);
      const conditional = /^\[if [^\]]*\]>/.exec(content);
      if (conditional && /<!\[endif\]$/.test(content)) {
        const body = tok.start + conditional[0].length;
        walk(html.slice(body, tok.end - "<![endif]".length), base + body, out);
        continue;
      }
      for (const x of inside) out.push({ id: x.id, offset: base + x.offset, context: { kind: "comment", attribute: false } });
      continue;
    }
    for (const x of inside) out.push({ id: x.id, offset: base + x.offset, context: contextOf(tok, x.offset, html, special) });
  }
}

// contextOf is the context of a sentinel inside one token.
function contextOf(tok: MarkupToken, offset: number, html: string, special: { name: string; start: number } | undefined): HoleContext | Unsafe {
  if (tok.kind === "text") {
    if (special?.name === "style") return cssContext(html.slice(special.start, offset), false);
    if (special?.name === "script") return jsContext(html.slice(special.start, offset), false) ?? "in-js-comment-or-regex";
    return { kind: "text", attribute: false };
  }
  if (tok.kind !== "open") return "in-name";
  const attr = tok.attrs.find((a) => offset >= a.start && offset < a.end);
  if (!attr) return "in-name";
  // The browser decodes the attribute before the URL, CSS or script reads it.
  const context = attributeContext(attr.name, decodeHTML(html.slice(attr.start, offset)));
  if (!context) return "in-js-comment-or-regex";
  return attr.quoted ? context : { ...context, unquoted: true };
}

/** attributeContext is the context of a value in attribute `name`, after the (decoded) text `before` it. */
export function attributeContext(name: string, before: string): HoleContext | undefined {
  if (name === "srcset") return { kind: "srcset", attribute: true };
  if (URL_ATTRIBUTES.has(name)) return urlContext(before, true);
  if (name === "style") return cssContext(before, true);
  if (name.startsWith("on")) return jsContext(before, true);
  return { kind: "attr", attribute: true };
}

/** urlContext: at the start of a URL, in its path, or in its query string or fragment. */
export function urlContext(before: string, attribute: boolean): HoleContext {
  if (before.trim() === "") return { kind: "url", attribute };
  return { kind: /[?#]/.test(before) ? "url-query" : "url-part", attribute };
}

/** cssContext: inside url(…) (at its start or further in), or a CSS value. */
export function cssContext(before: string, attribute: boolean): HoleContext {
  const url = /url\(\s*(['"]?)([^)'"]*)$/i.exec(before);
  if (url) return { kind: url[2].trim() === "" ? "css-url" : /[?#]/.test(url[2]) ? "url-query" : "url-part", attribute };
  return { kind: "css", attribute };
}

/**
 * jsContext: inside a JavaScript string literal, or where an expression goes. Inside a
 * comment, a regular expression or a template literal no escaping is safe: undefined.
 */
export function jsContext(before: string, attribute: boolean): HoleContext | undefined {
  let state: "code" | "'" | '"' | "`" | "line" | "block" | "regex" = "code";
  let last = ""; // the last significant character of code, to tell a regex from a division
  for (let i = 0; i < before.length; i++) {
    const c = before[i];
    const next = before[i + 1];
    switch (state) {
      case "code":
        if (c === "/" && next === "/") (state = "line"), i++;
        else if (c === "/" && next === "*") (state = "block"), i++;
        else if (c === "/") state = last === "" || "(,=:[!&|?{};+-*%<>~^".includes(last) ? "regex" : "code";
        else if (c === '"' || c === "'" || c === "`") state = c;
        if (!/\s/.test(c)) last = c;
        break;
      case "line":
        if (c === "\n") state = "code";
        break;
      case "block":
        if (c === "*" && next === "/") (state = "code"), i++;
        break;
      case "regex":
        if (c === "\\") i++;
        else if (c === "/") (state = "code"), (last = "a");
        break;
      default:
        if (c === "\\") i++;
        else if (c === state) (state = "code"), (last = "a");
    }
  }
  if (state === "code") return { kind: "js", attribute };
  if (state === "'" || state === '"') return { kind: "js-string", attribute };
  return undefined;
}

/**
 * escapersFor lists the runtime escapers of a context, innermost first: the value's own
 * escaper, then escapeHtml when the value sits in an attribute (the browser decodes the
 * attribute before the URL, CSS or script reads it).
 */
export function escapersFor(context: HoleContext): string[] {
  const inner: Record<HoleContext["kind"], string[]> = {
    text: ["escapeHtml"],
    attr: ["escapeHtml"],
    url: ["escapeUrl"],
    "url-part": ["normalizeUrl"],
    "url-query": ["escapeUrlComponent"],
    srcset: ["escapeSrcset"],
    "css-url": ["escapeCssUrl"],
    css: ["escapeCss"],
    js: ["escapeJsValue"],
    "js-string": ["escapeJsString"],
    comment: ["escapeComment"],
  };
  const list = inner[context.kind];
  if (context.unquoted) return context.kind === "attr" ? ["escapeHtmlUnquoted"] : [...list, "escapeHtmlUnquoted"];
  const needsHtml = context.attribute && !["attr", "url-query"].includes(context.kind);
  return needsHtml ? [...list, "escapeHtml"] : list;
}
