/**
 * htmlContexts tells, for each sentinel in MJML's HTML, where it landed: in text, in an
 * attribute value, in RCDATA (<title>, <textarea>), in raw text (<style>, <script>) or in a
 * comment. The emitter picks each hole's escaper from it, at compile time.
 * TODO(escaping issue): refine attributes into URL, CSS and event-handler contexts, and
 * read Outlook conditional comments' content as HTML.
 */
import { findSentinels } from "./markers.js";
import type { HoleContext } from "./plan.js";
import { scanMarkup } from "./scan.js";

/** SentinelContext is one sentinel of the HTML with its context. */
export interface SentinelContext {
  id: number;
  offset: number;
  context: HoleContext;
}

/** htmlContexts lists the sentinels of an HTML document in order, each with its context. */
export function htmlContexts(html: string): SentinelContext[] {
  const sentinels = findSentinels(html);
  const tokens = scanMarkup(html, false);
  const out: SentinelContext[] = [];
  let t = 0;
  let special: string | undefined;
  for (const s of sentinels) {
    let context: HoleContext = "text";
    for (; t < tokens.length; t++) {
      const tok = tokens[t];
      if (tok.start > s.offset) break;
      if (tok.kind === "open") special = ["title", "textarea", "style", "script"].includes(tok.name) ? tok.name : special;
      if (tok.kind === "close" && tok.name === special) special = undefined;
      if (s.offset < tok.end) {
        if (tok.kind === "open" || tok.kind === "close") context = "attribute";
        else if (tok.kind === "comment") context = "comment";
        else context = special === "style" || special === "script" ? "raw" : special ? "rcdata" : "text";
        break;
      }
    }
    out.push({ id: s.id, offset: s.offset, context });
  }
  return out;
}
