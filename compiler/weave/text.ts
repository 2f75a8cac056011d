/**
 * htmlToText makes the plain-text part of an email from MJML's HTML, at compile time,
 * keeping the sentinels where their values belong: paragraphs and headings as blocks,
 * list items with "- ", links and buttons as "label (url)", images by their alt text;
 * no head, CSS, scripts, comments (Outlook-only content lives in comments) or hidden
 * elements (the preheader). Blank lines are tidied at render time, since which blocks
 * a recipient gets is only known then.
 */
import { decodeHTML } from "entities";
import { findSentinels, SENTINEL_LENGTH, sentinel } from "./markers.js";
import { scanMarkup, type MarkupToken } from "./scan.js";

const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);
const SKIP = new Set(["head", "style", "script", "title", "template", "noscript"]);
const BLOCK = new Set(["p", "div", "table", "tr", "ul", "ol", "section", "article", "header", "footer", "blockquote", "center", "hr", "br"]);
const CELL = new Set(["td", "th"]);
const HEADING = /^h[1-6]$/;

/**
 * htmlToText returns the plain text of an HTML document, with its sentinels. In what the
 * text part leaves out (the head, styles, hidden elements), the sentinels that `keep`
 * accepts (the blocks') are kept anyway, so that every block still opens and closes.
 * `tokens` are the document's, when already scanned.
 */
export function htmlToText(html: string, keep: (id: number) => boolean = () => false, tokens: MarkupToken[] = scanMarkup(html, false)): string {
  // The text is `done` + `out`. Reading the end of a string built by += copies all of it,
  // so what can no longer be read moves to `done`: the lines before the last solid
  // character (see settle). Every read below (line breaks and sentinels at the end, trailing
  // spaces, the current line) stops at that character, so it reads `out` alone.
  let done = "";
  let out = "";
  const settle = () => {
    let solid = out.length - 1;
    while (solid >= 0 && isSoft(out.charCodeAt(solid))) solid--;
    const cut = solid < 0 ? -1 : out.lastIndexOf("\n", solid);
    if (cut < 0) return;
    done += out.slice(0, cut + 1);
    out = out.slice(cut + 1);
  };
  const skipStack: string[] = []; // open elements whose content is skipped
  const links: string[] = []; // hrefs of open <a> elements
  const attr = (tok: { attrs: { name: string; start: number; end: number }[] }, name: string) => {
    const a = tok.attrs.find((x) => x.name === name);
    return a ? decodeHTML(html.slice(a.start, a.end)) : undefined;
  };
  // newline ends the current line(s); block sentinels print nothing, so line breaks before them count.
  const newline = (n: number) => {
    let end = out.length;
    let trailing = 0;
    while (end > 0) {
      if (out[end - 1] === "\n") (trailing++, end--);
      else if (out.charCodeAt(end - 1) === 0xfdd1 && end >= SENTINEL_LENGTH && keep(findSentinels(out.slice(end - SENTINEL_LENGTH, end))[0]?.id ?? -1)) end -= SENTINEL_LENGTH;
      else break;
    }
    if (out.length > 0 && trailing < n) {
      out = withoutTrailing(out, true) + "\n".repeat(n - trailing);
      settle();
    }
  };
  // spaced tells whether the text so far ends with a space or a line break.
  const spaced = () => out.endsWith(" ") || out.endsWith("\n");
  for (const tok of tokens) {
    if (skipStack.length) {
      for (const s of findSentinels(html.slice(tok.start, tok.end))) if (keep(s.id)) out += sentinel(s.id);
      if (tok.kind === "open" && !VOID.has(tok.name) && !tok.selfClosing && tok.name === skipStack[skipStack.length - 1]) skipStack.push(tok.name);
      else if (tok.kind === "close" && tok.name === skipStack[skipStack.length - 1]) skipStack.pop();
      continue;
    }
    switch (tok.kind) {
      case "text": {
        const text = decodeHTML(html.slice(tok.start, tok.end)).replace(/\s+/g, " ");
        out += (out === "" || spaced()) && text.startsWith(" ") ? text.slice(1) : text;
        break;
      }
      case "open": {
        const hidden = /display\s*:\s*none/i.test(attr(tok, "style") ?? "");
        if (SKIP.has(tok.name) || hidden) {
          if (!VOID.has(tok.name) && !tok.selfClosing) skipStack.push(tok.name);
          break;
        }
        if (tok.name === "img") {
          const alt = attr(tok, "alt");
          if (alt) out += alt;
        } else if (tok.name === "a") links.push(attr(tok, "href") ?? "");
        else if (tok.name === "li") {
          newline(1);
          out += "- ";
        } else if (HEADING.test(tok.name)) newline(2);
        else if (tok.name === "p") newline(2);
        else if (BLOCK.has(tok.name)) newline(1);
        break;
      }
      case "close": {
        if (tok.name === "a") {
          const href = links.pop();
          const label = out.slice(out.lastIndexOf("\n") + 1).trim();
          if (href && href !== "#" && !href.startsWith("mailto:") && !label.endsWith(href)) out = withoutTrailing(out, false) + ` (${href})`;
          else if (href?.startsWith("mailto:") && !label.includes(href.slice(7))) out = withoutTrailing(out, false) + ` (${href.slice(7)})`;
        } else if (HEADING.test(tok.name) || tok.name === "p") newline(2);
        else if (BLOCK.has(tok.name) || tok.name === "li") newline(1);
        else if (CELL.has(tok.name) && !spaced()) out += " ";
        break;
      }
      case "comment":
        break;
    }
  }
  return done + out;
}

// isSoft tells the characters that the end of the text may be read past: white space and
// the sentinels' (U+FDD0, U+FDD1 and their private-use digits).
function isSoft(c: number): boolean {
  return c <= 32 || c === 0xfdd0 || c === 0xfdd1 || (c >= 0xe000 && c <= 0xefff);
}

// withoutTrailing drops the spaces (and, with `tabs`, tabs) at the end of a text; a
// regular expression anchored at the end would try every position of the text.
function withoutTrailing(text: string, tabs: boolean): string {
  let end = text.length;
  for (let c = text.charCodeAt(end - 1); c === 32 || (tabs && c === 9); c = text.charCodeAt(end - 1)) end--;
  return end === text.length ? text : text.slice(0, end);
}
