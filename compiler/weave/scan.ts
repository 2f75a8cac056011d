/**
 * scanMarkup tokenizes MJML or HTML with htmlparser2's tokenizer into a flat list of
 * tokens with offsets: the weave stage needs to know where each sentinel landed (in an
 * attribute value, in text, in a comment), which regular expressions cannot tell.
 */
import { QuoteType, Tokenizer } from "htmlparser2";

/** Attribute is one attribute of an opening tag; `start`/`end` delimit its value. */
export interface Attribute {
  name: string;
  start: number;
  end: number;
  quoted: boolean;
}

/** MarkupToken is one token of a document, with offsets into it. */
export type MarkupToken =
  | { kind: "open"; name: string; start: number; end: number; attrs: Attribute[]; selfClosing: boolean }
  | { kind: "close"; name: string; start: number; end: number }
  | { kind: "text"; start: number; end: number }
  | { kind: "comment"; start: number; end: number /* the comment's content, without <!-- --> */ };

/** scanMarkup returns the tokens of a document; `xml` for MJML sources, HTML rules otherwise. */
export function scanMarkup(text: string, xml: boolean): MarkupToken[] {
  const tokens: MarkupToken[] = [];
  let open: Extract<MarkupToken, { kind: "open" }> | undefined;
  let attr: Attribute | undefined;
  const tokenizer = new Tokenizer(
    { xmlMode: xml, decodeEntities: false },
    {
      onopentagname(start, end) {
        open = { kind: "open", name: text.slice(start, end).toLowerCase(), start: start - 1, end, attrs: [], selfClosing: false };
      },
      onattribname(start, end) {
        attr = { name: text.slice(start, end).toLowerCase(), start: -1, end: -1, quoted: false };
      },
      onattribdata(start, end) {
        if (!attr) return;
        if (attr.start < 0) attr.start = start;
        attr.end = end;
      },
      onattribentity() {},
      onattribend(quote, endIndex) {
        if (!attr || !open) return;
        if (attr.start < 0) attr.start = attr.end = quote === QuoteType.Double || quote === QuoteType.Single ? endIndex - 1 : endIndex;
        attr.quoted = quote === QuoteType.Double || quote === QuoteType.Single;
        open.attrs.push(attr);
        attr = undefined;
      },
      onopentagend(endIndex) {
        if (!open) return;
        open.end = endIndex + 1;
        tokens.push(open);
        open = undefined;
      },
      onselfclosingtag(endIndex) {
        if (!open) return;
        open.end = endIndex + 1;
        open.selfClosing = true;
        tokens.push(open);
        open = undefined;
      },
      onclosetag(start, end) {
        tokens.push({ kind: "close", name: text.slice(start, end).toLowerCase(), start: start - 2, end: end + 1 });
      },
      ontext(start, end) {
        const last = tokens[tokens.length - 1];
        if (last?.kind === "text" && last.end === start) last.end = end;
        else tokens.push({ kind: "text", start, end });
      },
      ontextentity(_codepoint, end) {
        const last = tokens[tokens.length - 1];
        if (last?.kind === "text") last.end = end;
      },
      oncomment(start, end, offset) {
        tokens.push({ kind: "comment", start, end: end - offset });
      },
      oncdata(start, end) {
        tokens.push({ kind: "text", start, end });
      },
      ondeclaration() {},
      onprocessinginstruction() {},
      onend() {},
    },
  );
  tokenizer.write(text);
  tokenizer.end();
  return tokens;
}
